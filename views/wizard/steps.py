"""The steps of the guided flow and their names."""

from __future__ import annotations

from flask_babel import gettext as _

from roadmap.vocabulary import Pillar

STEPS = ["basics", *[p.value for p in Pillar], "dependencies", "review"]


def step_label(step: str) -> str:
    """The name of a step in the step indicator."""
    if step in {p.value for p in Pillar}:
        return _(Pillar(step).label)
    return {"basics": _("Basics"), "dependencies": _("Dependencies"), "review": _("Review")}[step]
