"""The treaty checklist form: for each provision a status (or not assessed yet) and a note."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from roadmap.treaties import PROVISIONS, GapStatus, TreatyMark
from roadmap.treaties.gaps import NOTE_MAX


def status_field(provision: str) -> str:
    return f"status_{provision}"


def note_field(provision: str) -> str:
    return f"note_{provision}"


class TreatiesForm(FlaskForm):
    """One status and one note per provision; fields are named status_<id> and note_<id>."""

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        for provision in PROVISIONS:
            status, note = self[status_field(provision.id)], self[note_field(provision.id)]
            if (note.data or "").strip() and not status.data:
                # A note with no status would be lost on saving: ask for the status it explains.
                status.errors = [*status.errors, _l("Choose how far the law covers this provision, or clear the note.")]
                ok = False
        return ok

    def marks(self) -> dict[str, tuple[str | None, str | None]]:
        """Every provision's status ("" when not assessed) and note, as set_provision_marks takes them."""
        return {p.id: (self[status_field(p.id)].data or None, self[note_field(p.id)].data or None) for p in PROVISIONS}

    def fill(self, marks: tuple[TreatyMark, ...]) -> None:
        """Show the stored marks (on a GET)."""
        for m in marks:
            if status_field(m.provision) in self:
                self[status_field(m.provision)].data = m.status.value
                self[note_field(m.provision)].data = m.note or ""


for _p in PROVISIONS:
    setattr(
        TreatiesForm,
        status_field(_p.id),
        RadioField(
            _l("Status"),
            # "" is "not assessed yet": a team may go through one group today and the rest later.
            choices=[
                SelectChoice("", _l("Not assessed yet")),
                *(SelectChoice(s.value, _l(s.label)) for s in GapStatus),
            ],
            default="",
            validators=[Optional()],
        ),
    )
    setattr(
        TreatiesForm,
        note_field(_p.id),
        TextAreaField(_l("Note"), validators=[Optional(), Length(max=NOTE_MAX)]),
    )


class GapDeliverableForm(FlaskForm):
    """The one-step addition of a suggested deliverable: the template it is made from (none for a
    deliverable of its own) and the provisions it closes, comma-separated."""

    template = HiddenField()
    provisions = HiddenField(validators=[DataRequired()])
