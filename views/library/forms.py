"""Forms of the library: proposing a roadmap, reviewing it, adapting it, writing a lesson, browsing."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from roadmap.library import DURATIONS, SIZES
from roadmap.threats import Threat
from roadmap.vocabulary import DESCRIPTION_MAX, NOTES_MAX, TITLE_MAX, Language, Pillar
from views.forms import CreateForm
from views.wizard.forms import LANGUAGE_NAMES, MultiCheckboxField, _in_calendar, options

SIZE_LABELS = {
    "small": _l("Small (up to 10 deliverables)"),
    "medium": _l("Medium (11 to 30 deliverables)"),
    "large": _l("Large (more than 30 deliverables)"),
}
DURATION_LABELS = {
    "up_to_1_year": _l("Up to a year"),
    "1_to_2_years": _l("One to two years"),
    "2_to_3_years": _l("Two to three years"),
    "over_3_years": _l("More than three years"),
}
MATURITY_LABELS = {1: _l("Start-up"), 2: _l("Formative"), 3: _l("Established"), 4: _l("Strategic"), 5: _l("Dynamic")}


class ProposeForm(CreateForm):
    """A roadmap proposed for the library: sent twice, it is proposed once."""

    title = StringField(
        _l("Title in the library"),
        validators=[DataRequired(_l("Give the roadmap a title.")), Length(max=TITLE_MAX)],
        description=_l("Other countries find the roadmap by it; it replaces the roadmap's own title in the copy."),
    )
    summary = TextAreaField(
        _l("What other countries can learn from it"),
        validators=[
            DataRequired(_l("Say in a few sentences what others can learn from it.")),
            Length(max=DESCRIPTION_MAX),
        ],
    )
    share = RadioField(
        _l("Share"),
        choices=options(
            [
                ("as_is", _l("As it is")),
                (
                    "redacted",
                    _l("A redacted copy: without costs, funding sources, progress, assessment and measurement notes"),
                ),
            ]
        ),
        default="redacted",
        validators=[InputRequired(_l("Choose how to share the roadmap."))],
    )
    withhold_names = BooleanField(
        _l("Withhold the stakeholders' names (their kinds, such as regulator or industry, stay)")
    )
    withhold_country = BooleanField(
        _l("Withhold the country: its name is replaced by “[country]” in every text, and only its UN region is shown")
    )


class ReturnForm(FlaskForm):
    comment = TextAreaField(
        _l("What should the team change?"),
        validators=[DataRequired(_l("Say what needs changing.")), Length(max=NOTES_MAX)],
    )


class AdaptForm(CreateForm):
    """A roadmap started from a library entry: sent twice, it is started once."""

    country = SelectField(_l("Country of the new roadmap"), validators=[InputRequired()])
    title = StringField(_l("Title of the new roadmap"), validators=[DataRequired(), Length(max=TITLE_MAX)])
    start_date = DateField(_l("Start date"), validators=[InputRequired(_l("Give the date work starts.")), _in_calendar])
    language = SelectField(
        _l("Language of the roadmap"), choices=options((x.value, LANGUAGE_NAMES[x.value]) for x in Language)
    )
    pillars = MultiCheckboxField(
        _l("Pillars to take"), validators=[DataRequired(_l("Choose at least one pillar to take."))]
    )

    def __init__(self, countries: list[tuple[str, str]], pillars: list[tuple[str, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = options(countries)
        self.pillars.choices = options(pillars)


class LessonForm(FlaskForm):
    helped = TextAreaField(_l("What helped"), validators=[Optional(), Length(max=NOTES_MAX)])
    blocked = TextAreaField(_l("What blocked or slowed it"), validators=[Optional(), Length(max=NOTES_MAX)])
    cost = TextAreaField(_l("What it cost (money, people, time)"), validators=[Optional(), Length(max=NOTES_MAX)])

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if not any((f.data or "").strip() for f in (self.helped, self.blocked, self.cost)):
            self.helped.errors.append(_l("Write at least one of what helped, what blocked or what it cost."))
            return False
        return True


class SearchForm(FlaskForm):
    """The library's filters, read from the query string (a GET form: no CSRF token, nothing changes)."""

    class Meta:
        csrf = False

    q = StringField(_l("Search titles and descriptions"), validators=[Optional(), Length(max=200)])
    region = SelectField(_l("UN region"), validators=[Optional()])
    pillar = SelectField(_l("Pillar"), validators=[Optional()])
    threat = SelectField(_l("Threat covered"), validators=[Optional()])
    maturity = SelectField(_l("Maturity at the start"), validators=[Optional()])
    size = SelectField(_l("Size"), validators=[Optional()])
    duration = SelectField(_l("Duration"), validators=[Optional()])

    def __init__(self, regions: list[str], *args, **kwargs):
        super().__init__(*args, **kwargs)
        anything = ("", _l("Any"))
        self.region.choices = options([anything, *((r, r) for r in regions)])
        self.pillar.choices = options([anything, *((p.value, _l(p.label)) for p in Pillar)])
        self.threat.choices = options([anything, *((t.value, _l(t.label)) for t in Threat)])
        self.maturity.choices = options([anything, *((str(n), label) for n, label in MATURITY_LABELS.items())])
        self.size.choices = options([anything, *((code, SIZE_LABELS[code]) for code, _, _ in SIZES)])
        self.duration.choices = options([anything, *((code, DURATION_LABELS[code]) for code, _, _ in DURATIONS)])
