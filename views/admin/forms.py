"""Forms of the administration pages: accounts, roles and memberships."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, Regexp, ValidationError

from models import GlobalRole, MembershipRole
from models.operations import MIN_PASSWORD
from roadmap.vocabulary import NAME_MAX
from views.forms import CreateForm
from views.wizard.forms import country_choices, options

EMAIL_MAX = 254  # the users.email column, and the longest address RFC 5321 delivers
PASSWORD_MAX = 1024  # hashing a longer one would only cost time

ROLE_LABELS = {
    GlobalRole.ADMIN: _l("Administrator: manages users and may do everything"),
    GlobalRole.ADVISER: _l("Adviser: reads every country's roadmaps"),
    GlobalRole.MEMBER: _l("Member: only the countries given below"),
}
MEMBERSHIP_LABELS = {
    MembershipRole.EDITOR: _l("Editor: changes the country's roadmaps"),
    MembershipRole.VIEWER: _l("Viewer: reads them"),
}


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class NewUserForm(CreateForm):
    """An account being created: sent twice, it is created once."""

    email = EmailField(
        _l("E-mail"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Give the person's e-mail address.")),
            Length(max=EMAIL_MAX),
            Regexp(r"^[^@\s]+@[^@\s]+$", message=_l("This is not an e-mail address.")),
        ],
    )
    name = StringField(
        _l("Name"), filters=[_strip], validators=[DataRequired(_l("Give the person's name.")), Length(max=NAME_MAX)]
    )
    password = PasswordField(
        _l("Password"),
        description=_l("At least %(n)d characters. Give it to the person by a separate channel.", n=MIN_PASSWORD),
        validators=[
            DataRequired(_l("Give a password.")),
            Length(
                min=MIN_PASSWORD,
                max=PASSWORD_MAX,
                message=_l("Use from %(min)d to %(max)d characters.", min=MIN_PASSWORD, max=PASSWORD_MAX),
            ),
        ],
    )
    confirm = PasswordField(
        _l("Password again"),
        validators=[
            DataRequired(_l("Type the password again.")),
            Length(max=PASSWORD_MAX),
            EqualTo("password", _l("The passwords differ.")),
        ],
    )
    role = RadioField(
        _l("Role"),
        choices=options((r.value, label) for r, label in ROLE_LABELS.items()),
        default=GlobalRole.MEMBER.value,
        validators=[InputRequired(_l("Choose a role."))],
    )


class RoleForm(FlaskForm):
    role = SelectField(
        _l("Role"),
        choices=options((r.value, label) for r, label in ROLE_LABELS.items()),
        validators=[InputRequired(_l("Choose a role."))],
    )


class ActiveForm(FlaskForm):
    """Deactivate or reactivate: the wanted state is sent, so a repeated click changes nothing twice."""

    active = SelectField(choices=options([("yes", "yes"), ("no", "no")]), validators=[InputRequired()])


class MembershipForm(FlaskForm):
    country = SelectField(_l("Country"), validators=[InputRequired(_l("Choose a country."))])
    role = SelectField(
        _l("Role in that country"),
        choices=options((r.value, label) for r, label in MEMBERSHIP_LABELS.items()),
        validators=[InputRequired(_l("Choose a role."))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = options([("", _l("— choose a country —")), *country_choices(None)])

    def validate_country(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Choose a country."))
