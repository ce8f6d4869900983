"""Forms of the guided flow: basics, a pillar's self-assessment, a deliverable, a link.

Choices are set in each form's __init__ from arguments; no form has a field for the roadmap,
the country of an existing roadmap, a role or an author, so none can be set from the request.
"""

from __future__ import annotations

from types import EllipsisType

import pycountry
from flask_babel import get_locale, gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileSize
from markupsafe import Markup, escape
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, Select

from roadmap.countries import country_name
from roadmap.guidance import MATURITY_LEVELS
from roadmap.printing.logo import LOGO_MAX_BYTES, TOO_LARGE, WRONG_KIND, Logo, LogoError, clean_logo
from roadmap.threats import Threat
from roadmap.vocabulary import (
    COST_AMOUNT_MAX,
    DESCRIPTION_MAX,
    DURATION_MAX_WEEKS,
    EARLIEST_DATE,
    KEY_MAX,
    KEY_PATTERN,
    LAG_MAX_WEEKS,
    LATEST_DATE,
    NAME_MAX,
    NOTES_MAX,
    OBJECTIVE_MAX,
    SOURCE_MAX,
    TITLE_MAX,
    UNIT_MAX,
    DependencyType,
    Language,
    Pillar,
    Priority,
    StakeholderKind,
)
from views.forms import INDICATOR_MAX, WEEKS_MESSAGE, AmountField, CreateForm, NumberField, WholeNumberField

LANGUAGE_NAMES = {"ar": "العربية", "zh": "中文", "en": "English", "fr": "Français", "ru": "Русский", "es": "Español"}

_PRIORITY_LABELS = {Priority.LOW: _l("Low"), Priority.MEDIUM: _l("Medium"), Priority.HIGH: _l("High")}


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as the choice objects WTForms asks for."""
    return [SelectChoice(value, label) for value, label in pairs]


class LongSelect(Select):
    """A select listing every deliverable of a roadmap: each option written as one plain string, since the
    general per-option attribute rendering of WTForms took most of a 300-deliverable page's time."""

    @classmethod
    def render_option(cls, choice, **kwargs):
        if kwargs or choice.render_kw or not isinstance(choice.value, str):
            return super().render_option(choice, **kwargs)
        selected = " selected" if choice.selected else ""
        value, label = escape(choice.value), escape(choice.label or choice.value)  # both escaped here
        return Markup(f'<option value="{value}"{selected}>{label}</option>')  # noqa: S704


def _in_calendar(form, field) -> None:
    if field.data and not EARLIEST_DATE <= field.data <= LATEST_DATE:
        raise ValidationError(
            _l("Give a date between %(first)s and %(last)s.", first=EARLIEST_DATE.year, last=LATEST_DATE.year)
        )


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes: usable without JavaScript and by keyboard."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class BasicsForm(FlaskForm):
    country = SelectField(_l("Country"), validators=[InputRequired()])
    title = StringField(_l("Title of the roadmap"), validators=[DataRequired(), Length(max=TITLE_MAX)])
    start_date = DateField(_l("Start date"), validators=[InputRequired(_l("Give the date work starts.")), _in_calendar])
    language = SelectField(
        _l("Language of the roadmap"), choices=options((x.value, LANGUAGE_NAMES[x.value]) for x in Language)
    )
    issuing_authority = StringField(
        _l("Issuing authority"),
        validators=[Optional(), Length(max=NAME_MAX)],
        description=_l("Who issues the plan, as its cover names it: for example, the Ministry of Communications."),
    )
    version = HiddenField()

    def __init__(self, countries: list[tuple[str, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = options(countries)


class RoadmapBasicsForm(BasicsForm):
    """The basics of a roadmap that exists, with the logo its printed cover shows."""

    logo_file = FileField(
        _l("Logo"),
        validators=[
            FileAllowed(["png", "svg"], _l(WRONG_KIND)),
            FileSize(LOGO_MAX_BYTES, message=_l(TOO_LARGE)),
            FileSize(LOGO_MAX_BYTES, min_size=1, message=_l(WRONG_KIND)),  # an empty file
        ],
        description=_l("Printed on the cover with the issuing authority: a PNG or SVG image of at most 1 MB."),
    )
    remove_logo = BooleanField(_l("Remove the logo"))
    new_logo: Logo | None = None

    def validate_logo_file(self, field) -> None:
        if not field.data or field.errors:
            return
        if self.remove_logo.data:
            raise ValidationError(_l("Choose a new logo or remove the logo, not both."))
        try:
            self.new_logo = clean_logo(field.data.read(LOGO_MAX_BYTES + 1))
        except LogoError as exc:  # the message says what is wrong, in the reader's language
            raise ValidationError(gettext(exc.message, **exc.values)) from None

    def logo_change(self) -> Logo | EllipsisType | None:
        """The logo to save: the one uploaded, None to remove it, ``...`` to keep it as it is."""
        if self.new_logo is not None:
            return self.new_logo
        return None if self.remove_logo.data else ...


class NewRoadmapForm(BasicsForm, CreateForm):
    """A roadmap being started: sent twice, it is created once."""


class AssessmentForm(FlaskForm):
    maturity = RadioField(
        _l("Where does the country stand today?"),
        validators=[InputRequired(_l("Choose the level that fits best."))],
    )
    notes = TextAreaField(_l("Notes on the assessment"), validators=[Optional(), Length(max=NOTES_MAX)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Set per request: the level names are read in the reader's language.
        self.maturity.choices = options((str(n), f"{n} — {_l(name)}") for n, (name, _) in MATURITY_LEVELS.items())


class IndicatorForm(Form):
    name = StringField(_l("Indicator"), validators=[Optional(), Length(max=NAME_MAX)])
    unit = StringField(_l("Unit"), validators=[Optional(), Length(max=UNIT_MAX)])
    baseline = NumberField(_l("Baseline"), validators=[Optional()], low=-INDICATOR_MAX, high=INDICATOR_MAX)
    target = NumberField(_l("Target"), validators=[Optional()], low=-INDICATOR_MAX, high=INDICATOR_MAX)
    source = StringField(_l("Data source"), validators=[Optional(), Length(max=SOURCE_MAX)])

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        # A row without a name is left out on save: one with something typed in it would vanish unnoticed.
        # (Not a validate_name: Optional() ends the name's checks when it is empty.)
        typed = any((f.raw_data or [""])[0].strip() for f in self if f.short_name != "name")
        if typed and not (self.name.data or "").strip():
            self.name.errors = [*self.name.errors, _l("Name this indicator, or empty its other boxes to leave it out.")]
            return False
        return valid


class DeliverableForm(FlaskForm):
    key = StringField(
        _l("Key"),
        description=_l("Short reference such as L3. Leave empty to number it automatically."),
        validators=[
            Optional(),
            Length(max=KEY_MAX),
            Regexp(KEY_PATTERN, message=_l("Use letters, digits, '.', '_' or '-'.")),
        ],
    )
    pillar = SelectField(_l("Pillar"), choices=options((p.value, _l(p.label)) for p in Pillar))
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=TITLE_MAX)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=DESCRIPTION_MAX)])
    objective = StringField(_l("National objective it serves"), validators=[Optional(), Length(max=OBJECTIVE_MAX)])
    lead = SelectField(_l("Lead"))
    partners = MultiCheckboxField(_l("Partners"))
    duration_weeks = WholeNumberField(
        _l("Duration in weeks"),
        description=_l("0 makes it a milestone."),
        validators=[InputRequired(_l("Give a number of weeks."))],
        low=0,
        high=DURATION_MAX_WEEKS,
        message=WEEKS_MESSAGE,
    )
    not_before = DateField(_l("Cannot start before"), validators=[Optional(), _in_calendar])
    due_by = DateField(_l("Must be finished by"), validators=[Optional(), _in_calendar])
    priority = SelectField(
        _l("Priority"), choices=options((p.value, _PRIORITY_LABELS[p]) for p in Priority), default="medium"
    )
    threats = MultiCheckboxField(_l("Threats it addresses"), choices=options((t.value, _l(t.label)) for t in Threat))
    cost_amount = AmountField(_l("Cost"), places=2, validators=[Optional()], low=0, high=COST_AMOUNT_MAX)
    cost_currency = StringField(_l("Currency (ISO code, e.g. USD)"), validators=[Optional(), Length(max=3)])
    funding_source = StringField(_l("Funded by"), validators=[Optional(), Length(max=SOURCE_MAX)])
    indicators = FieldList(FormField(IndicatorForm), min_entries=2, max_entries=10)
    template = HiddenField()
    version = HiddenField()

    def __init__(self, stakeholders: list[tuple[str, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lead.choices = options([("", _l("— no lead yet —")), *stakeholders])
        self.partners.choices = options(stakeholders)

    def validate_cost_currency(self, field) -> None:
        if field.data:
            field.data = field.data.strip().upper()
            if pycountry.currencies.get(alpha_3=field.data) is None:
                raise ValidationError(_l("Not an ISO 4217 currency code."))
        elif self.cost_amount.data is not None:
            raise ValidationError(_l("Give the currency of the cost."))

    def validate_due_by(self, field) -> None:
        if field.data and self.not_before.data and field.data < self.not_before.data:
            raise ValidationError(_l("The due date is before the earliest start."))

    def validate_partners(self, field) -> None:
        if self.lead.data and self.lead.data in (field.data or []):
            raise ValidationError(_l("The lead is already responsible; do not list it as a partner too."))


class NewDeliverableForm(DeliverableForm, CreateForm):
    """A deliverable being added: sent twice, it is saved once."""


class LinkForm(CreateForm):
    """A new link: sent twice, it is added once."""

    predecessor = SelectField(
        _l("Depends on"), validators=[InputRequired(_l("Choose the deliverable it depends on."))], widget=LongSelect()
    )
    kind = SelectField(
        _l("How"),
        choices=options(
            [
                (DependencyType.FINISH_TO_START.value, _l("finish to start: starts after it finishes")),
                (DependencyType.START_TO_START.value, _l("start to start: starts after it starts")),
                (DependencyType.FINISH_TO_FINISH.value, _l("finish to finish: finishes after it finishes")),
            ]
        ),
    )
    lag_weeks = WholeNumberField(
        _l("Lag in weeks"),
        default=0,
        description=_l("Negative to overlap."),
        validators=[InputRequired(_l("Give a number of weeks."))],
        low=-LAG_MAX_WEEKS,
        high=LAG_MAX_WEEKS,
        message=WEEKS_MESSAGE,
    )

    def __init__(self, candidates: list[tuple[str, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A blank first choice, so that a stray click on "Add link" links nothing by accident.
        self.predecessor.choices = options([("", _l("— choose a deliverable —")), *candidates])

    def validate_predecessor(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Choose the deliverable it depends on."))


class LinkChangeForm(FlaskForm):
    """How an existing link ties its two deliverables, changed where the link is listed."""

    kind = SelectField(_l("How"), choices=LinkForm.kind.kwargs["choices"])
    lag_weeks = WholeNumberField(
        _l("Lag in weeks"),
        validators=[InputRequired(_l("Give a number of weeks."))],
        low=-LAG_MAX_WEEKS,
        high=LAG_MAX_WEEKS,
        message=WEEKS_MESSAGE,
    )
    was = HiddenField()  # the type and lag shown, "type lag": a change made meanwhile is not overwritten


class StakeholderForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=NAME_MAX)])
    kind = SelectField(_l("Kind"), choices=options((k.value, _l(k.label)) for k in StakeholderKind))
    key = StringField(
        _l("Key"),
        description=_l("Short reference such as MICT. Leave empty to make one from the name."),
        validators=[
            Optional(),
            Length(max=KEY_MAX),
            Regexp(KEY_PATTERN, message=_l("Use letters, digits, '.', '_' or '-'.")),
        ],
    )
    similar_ok = HiddenField()  # the name the team answered "add anyway" for, after a near-duplicate was found


class NewStakeholderForm(StakeholderForm, CreateForm):
    """A stakeholder being added: sent twice, it is added once."""


def country_choices(codes: list[str] | None) -> list[tuple[str, str]]:
    """(code, name) for the given ISO codes, or for every country when codes is None, sorted by name."""
    records = pycountry.countries if codes is None else [pycountry.countries.get(alpha_3=c) for c in codes]
    language = str(get_locale() or "en")
    return sorted(((r.alpha_3, country_name(r.alpha_3, language)) for r in records if r), key=lambda x: x[1])


class MergeForm(FlaskForm):
    keep = SelectField(_l("Keep"), validators=[InputRequired()])
    merge = SelectField(_l("and fold into it"), validators=[InputRequired()])

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        """Both lists offer every stakeholder of the roadmap; they start on two different ones."""
        self.keep.choices = options(choices)
        self.merge.choices = options(choices)
        if self.merge.data is None and len(choices) > 1:
            self.keep.data, self.merge.data = choices[0][0], choices[1][0]

    def validate_merge(self, field) -> None:
        if field.data == self.keep.data:
            raise ValidationError(_l("Choose two different stakeholders."))
