"""The MNR self-assessment form: for each capability, a phase (or none yet) and the evidence for it."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from roadmap import plan as p
from roadmap.mnr import CAPABILITIES, EVIDENCE_MAX, PHASES


def phase_field(number: int) -> str:
    return f"phase_{number}"


def evidence_field(number: int) -> str:
    return f"evidence_{number}"


class InPlaceForm(FlaskForm):
    """A suggested template the country already has: recorded as work in place."""

    template = HiddenField()


class CapabilitiesForm(FlaskForm):
    """One phase and one evidence box per capability; fields are named phase_N and evidence_N."""

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        for c in CAPABILITIES:
            phase, evidence = self[phase_field(c.number)], self[evidence_field(c.number)]
            if (evidence.data or "").strip() and not phase.data:
                # Evidence without a rating would be lost on saving: ask for the phase it supports.
                phase.errors = [*phase.errors, _l("Choose the phase this evidence supports, or clear the evidence.")]
                ok = False
        return ok

    def ratings(self) -> tuple[list[p.CapabilityRating], list[int]]:
        """The capabilities rated, and the numbers of those left unrated."""
        rated, unrated = [], []
        for c in CAPABILITIES:
            phase = self[phase_field(c.number)].data
            if phase:
                rated.append(p.CapabilityRating(c.number, int(phase), self[evidence_field(c.number)].data or None))
            else:
                unrated.append(c.number)
        return rated, unrated

    def fill(self, ratings: tuple[p.CapabilityRating, ...]) -> None:
        """Show the stored ratings (on a GET)."""
        for r in ratings:
            self[phase_field(r.number)].data = str(r.phase)
            self[evidence_field(r.number)].data = r.evidence or ""


for _c in CAPABILITIES:
    setattr(
        CapabilitiesForm,
        phase_field(_c.number),
        RadioField(
            _l("Phase"),
            # "" is "not rated yet": a team may rate some capabilities today and the rest later.
            choices=[
                SelectChoice("", _l("Not rated yet")),
                *(SelectChoice(str(ph.number), _l(ph.name)) for ph in PHASES),
            ],
            default="",
            validators=[Optional()],
        ),
    )
    setattr(
        CapabilitiesForm,
        evidence_field(_c.number),
        TextAreaField(_l("Evidence"), validators=[Optional(), Length(max=EVIDENCE_MAX)]),
    )
