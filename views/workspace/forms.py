"""Forms on a roadmap's pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import InputRequired, ValidationError

from roadmap.plan import Plan
from roadmap.vocabulary import DeliverableStatus
from roadmap.whatif import SLIP_MAX_WEEKS
from views.forms import WEEKS_MESSAGE, WholeNumberField
from views.wizard.forms import LongSelect, options


class WhatIfForm(FlaskForm):
    """ "If this deliverable slips N weeks…" — read-only, so sent with GET and no CSRF token."""

    class Meta:
        csrf = False

    key = SelectField(_l("If this deliverable"), validators=[InputRequired()], widget=LongSelect())
    weeks = WholeNumberField(
        _l("slips by (weeks)"),
        validators=[InputRequired(_l("Give a number of weeks."))],
        low=1,
        high=SLIP_MAX_WEEKS,
        message=WEEKS_MESSAGE,
    )

    def __init__(self, plan: Plan, sequence_keys: list[str], *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Work already in place is recorded, not planned: it has no start to hold back.
        planned = {d.key: d.title for d in plan.deliverables if d.status is not DeliverableStatus.IN_PLACE}
        self.key.choices = options((k, f"{k} — {planned[k]}") for k in sequence_keys if k in planned)


class ArchiveForm(FlaskForm):
    """Archiving or restoring a roadmap: a button, with the CSRF token."""


class DeleteForm(FlaskForm):
    """Deleting a roadmap: its title typed again, so a slip of the finger deletes nothing."""

    typed_title = StringField(
        _l("The roadmap's title, typed exactly"),
        validators=[InputRequired(_l("Type the roadmap's title to confirm; nothing was deleted."))],
    )

    def __init__(self, title: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected_title = title

    def validate_typed_title(self, field) -> None:
        # Exactly, letter case included; only spaces around it are forgiven (a copy and paste adds them).
        if (field.data or "").strip() != self.expected_title.strip():
            raise ValidationError(
                _l("That is not the roadmap's title, so nothing was deleted. Type it exactly as shown above.")
            )
