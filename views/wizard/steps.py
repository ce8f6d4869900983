"""The steps of the guided flow and their names."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_login import current_user

from models.operations.workflow import allowed_moves
from roadmap.vocabulary import Pillar, RoadmapStatus
from views.access import can_edit, can_review

STEPS = ["basics", *[p.value for p in Pillar], "dependencies", "review"]


def step_label(step: str) -> str:
    """The name of a step in the step indicator."""
    if step in {p.value for p in Pillar}:
        return _(Pillar(step).label)
    return {"basics": _("Basics"), "dependencies": _("Dependencies"), "review": _("Review")}[step]


def moves_open(roadmap) -> list[str]:
    """The review moves open to the person at the screen (submit, return, reopen…), for the steps' notices."""
    if getattr(roadmap, "archived_at", True) is not None:
        return []
    roles = {"editor": can_edit(current_user, roadmap.country_id), "reviewer": can_review(current_user)}
    return allowed_moves(roadmap.status, **roles)


def plan_locked(roadmap) -> bool:
    """Whether the roadmap's plan is closed to changes by its status: its steps then open read-only."""
    return getattr(roadmap, "status", None) in (RoadmapStatus.IN_REVIEW, RoadmapStatus.APPROVED)
