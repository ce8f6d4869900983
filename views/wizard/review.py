"""The review of a sequenced roadmap: phases, charts, and the warnings a team should act on."""

from __future__ import annotations

from datetime import date

from flask import abort
from flask_babel import ngettext

from models import Roadmap
from models.queries.loading import load_plan
from roadmap.duedates import due_dates_at_risk
from roadmap.graph import DependencyLoopError
from roadmap.plan import Plan
from roadmap.sequencing import Schedule, ScheduleError, sequence
from roadmap.threats import Threat
from roadmap.vocabulary import DeliverableStatus, Pillar
from views import charts
from views.messages import explain
from views.paging import WHOLE_UP_TO
from views.workspace.roadmaps import SHOWN_AT_MOST


def warnings(plan: Plan, schedule: Schedule) -> dict[str, list]:
    """What the team should look at before submitting: gaps, risks and loose ends."""
    linked = {x.predecessor for x in plan.dependencies} | {x.successor for x in plan.dependencies}
    # Work already in place is recorded, not planned: it needs no lead or link to be scheduled.
    planned = [d for d in plan.deliverables if d.status != DeliverableStatus.IN_PLACE]
    covered = {t for d in plan.deliverables for t in d.threats}
    used = {d.pillar for d in plan.deliverables}
    return {
        "no_lead": [d for d in planned if not d.lead],
        "empty_pillars": [p for p in Pillar if p not in used],
        "uncovered_threats": [t for t in Threat if t not in covered],
        # Only work with a due date of its own; the chain that makes it late is named with it.
        "at_risk": list(due_dates_at_risk(plan, schedule)),
        "unlinked": [d for d in planned if d.key not in linked] if len(plan.deliverables) > 1 else [],
    }


def review_context(roadmap: Roadmap, today: date | None = None) -> dict:
    """Everything the review page shows, from one plan load and one sequencing."""
    plan = load_plan(roadmap.id)
    try:
        schedule = sequence(plan)
    except (DependencyLoopError, ScheduleError) as exc:
        abort(409, description=explain(exc))
    # A large roadmap's charts and phase tables have their own paged pages; the review links to them.
    whole = len(plan.deliverables) <= WHOLE_UP_TO
    return {
        "plan": plan,
        "schedule": schedule,
        "warnings": warnings(plan, schedule),
        "stakeholder_names": {s.key: s.name for s in plan.stakeholders},
        "gantt": charts.timeline(plan, schedule, today=today) if whole else None,
        # Left out of the chart, listed in the phases below it.
        **charts.in_place(schedule, lambda key: f"#d-{key}"),
        "graph": charts.graph(plan, schedule) if whole else None,
        "whole": whole,
        "shown_at_most": SHOWN_AT_MOST,
        "ngettext": ngettext,
    }
