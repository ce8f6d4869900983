"""The schedule-based figures of the dashboard: forecast slip, percent planned by today, blocked work
on the critical path and work past its baseline finish (roadmap.followup.standing).

Worked out for the roadmaps shown (against the latest baseline, or the own plan when there is none),
at most once per roadmap and day: the result is kept in ``forecast_figures``
(models.tracking.ForecastFigures) with the roadmap's ``updated_at`` and baseline, and used again only
while all three still match, so no page shows figures older than the data. What is missing is worked
out from rows loaded for all those roadmaps at once (three queries) and written back in one statement.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import aliased

from models.base import db
from models.deliverable import Deliverable
from models.dependency import Dependency
from models.tracking import Baseline, ForecastFigures
from roadmap import plan as p
from roadmap.collector import collector_paused
from roadmap.followup import is_overdue, standing
from roadmap.forecast import BaselineDates, baseline_dates
from roadmap.graph import DependencyLoopError
from roadmap.sequencing import ScheduleError
from roadmap.vocabulary import Pillar

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ScheduleFigures:
    baseline_label: str | None  # None: measured against the roadmap's own current plan
    forecast_finish: date | None  # None (and so the rest) when the plan cannot be scheduled
    slip_days: int | None
    overdue: dict[Pillar, int]
    planned_percent: float | None = None
    critical_blocked: int = 0  # blocked deliverables on the forecast's critical path


@dataclass(frozen=True, slots=True)
class _Planned:
    label: str
    dates: dict[str, BaselineDates]


def schedule_figures(heads: list, today: date) -> dict[int, ScheduleFigures]:
    """Forecast, slip, planned percent and overdue work for roadmaps (rows of id, start_date,
    updated_at, baseline_id): against the baseline where there is one, else against the own plan."""
    if not heads:
        return {}
    found = _kept(heads, today)
    missing = [h for h in heads if h.id not in found]
    if not missing:
        return found
    with collector_paused():  # thousands of small objects, all freed by reference counting
        planned = _baselines([h.baseline_id for h in missing if h.baseline_id is not None])
        plans = _bare_plans({h.id: h.start_date for h in missing})
        worked_out = {
            h.id: _derive(plans[h.id], planned.get(h.baseline_id), today)
            for h in missing
            if h.baseline_id is None or h.baseline_id in planned
        }  # a baseline missing here went with its roadmap since the first query
    _keep([h for h in missing if h.id in worked_out], worked_out, today)
    return found | worked_out


def _kept(heads: list, today: date) -> dict[int, ScheduleFigures]:
    """The figures kept for these roadmaps that still hold: same day, same change, same baseline."""
    f, b = ForecastFigures.__table__.c, Baseline.__table__.c
    wanted = {h.id: (h.updated_at, h.baseline_id) for h in heads}
    query = (
        select(
            f.roadmap_id,
            f.roadmap_updated_at,
            f.baseline_id,
            b.label,
            f.forecast_finish,
            f.slip_days,
            f.overdue,
            f.planned_percent,
            f.critical_blocked,
        )
        .outerjoin(Baseline.__table__, b.id == f.baseline_id)
        .where(f.roadmap_id.in_(list(wanted)), f.as_of == today)
    )
    found = {}
    for rid, updated_at, baseline_id, label, finish, slip, overdue, planned, blocked in db.session.execute(query):
        if wanted[rid] == (updated_at, baseline_id):
            counts = {Pillar(k): v for k, v in json.loads(overdue).items()}
            found[rid] = ScheduleFigures(label, finish, slip, counts, planned, blocked)
    return found


def _keep(heads: list, figures: dict[int, ScheduleFigures], today: date) -> None:
    """Write the figures just worked out, replacing older ones, and commit; a failure only costs the keeping."""
    rows = [
        {
            "roadmap_id": h.id,
            "as_of": today,
            "roadmap_updated_at": h.updated_at,
            "baseline_id": h.baseline_id,
            "forecast_finish": figures[h.id].forecast_finish,
            "slip_days": figures[h.id].slip_days,
            "overdue": json.dumps({k.value: v for k, v in figures[h.id].overdue.items()}),
            "planned_percent": figures[h.id].planned_percent,
            "critical_blocked": figures[h.id].critical_blocked,
        }
        for h in heads
    ]
    if not rows:
        return
    dialect = {"sqlite": sqlite, "postgresql": postgresql}.get(db.engine.dialect.name)
    if dialect is None:
        return  # no portable upsert: the figures are simply worked out again next time
    statement = dialect.insert(ForecastFigures.__table__)
    # Two advisers may work out the same roadmap at once: the later write wins, and both are right.
    statement = statement.on_conflict_do_update(
        index_elements=["roadmap_id"], set_={k: statement.excluded[k] for k in rows[0] if k != "roadmap_id"}
    )
    try:
        db.session.execute(statement, rows)
        db.session.commit()
    except SQLAlchemyError as exc:  # e.g. a busy SQLite file; the page has its figures all the same
        db.session.rollback()
        log.warning("dashboard figures not kept: %s", exc.__class__.__name__)


def _derive(plan: p.Plan, planned: _Planned | None, today: date) -> ScheduleFigures:
    label = planned.label if planned else None
    try:
        found = standing(plan, today, planned.dates if planned else None)
    except (DependencyLoopError, ScheduleError):
        # Edits refuse both; what cannot be worked out is not shown, and only due-by dates count.
        overdue: dict[Pillar, int] = {}
        for d in plan.deliverables:
            if is_overdue(d.status, d.due_by, None, today):
                overdue[d.pillar] = overdue.get(d.pillar, 0) + 1
        return ScheduleFigures(label, None, None, overdue)
    return ScheduleFigures(
        label,
        found.forecast_finish,
        found.slip_days,
        found.overdue(plan),
        found.percent_planned,
        len(found.critical_blocked),
    )


def _baselines(ids: list[int]) -> dict[int, _Planned]:
    """The planned dates of these baselines: one query."""
    b = Baseline.__table__.c
    rows = db.session.execute(select(b.id, b.label, b.schedule).where(b.id.in_(ids))) if ids else []
    return {baseline_id: _Planned(label, baseline_dates(json.loads(text))) for baseline_id, label, text in rows}


def _bare_plans(starts: dict[int, date]) -> dict[int, p.Plan]:
    """Just enough of each plan to forecast it: two queries for all the roadmaps together."""
    d = Deliverable.__table__.c
    by_roadmap: dict[int, list[p.Deliverable]] = {rid: [] for rid in starts}
    query = (
        select(
            d.roadmap_id,
            d.key,
            d.pillar,
            d.duration_weeks,
            d.not_before,
            d.due_by,
            d.status,
            d.percent_complete,
            d.actual_start,
            d.actual_finish,
        )
        .where(d.roadmap_id.in_(list(starts)))
        .order_by(d.roadmap_id, d.id)
    )
    rows = db.session.execute(query).all()
    for rid, key, pillar, weeks, not_before, due_by, status, percent, actual_start, actual_finish in rows:
        by_roadmap[rid].append(
            p.Deliverable(
                key=key,
                pillar=pillar,
                title="",
                duration_weeks=weeks,
                not_before=not_before,
                due_by=due_by,
                status=status,
                percent_complete=percent,
                actual_start=actual_start,
                actual_finish=actual_finish,
            )
        )
    links: dict[int, list[p.Dependency]] = {rid: [] for rid in starts}
    x = Dependency.__table__.c
    pred, succ = aliased(Deliverable.__table__), aliased(Deliverable.__table__)
    for rid, a, b, kind, lag in db.session.execute(
        select(x.roadmap_id, pred.c.key, succ.c.key, x.kind, x.lag_weeks)
        .join(pred, pred.c.id == x.predecessor_id)
        .join(succ, succ.c.id == x.successor_id)
        .where(x.roadmap_id.in_(list(starts)))
        .order_by(x.id)
    ).all():
        links[rid].append(p.Dependency(a, b, kind, lag))
    return {
        rid: p.Plan(
            country="", title="", start_date=start, deliverables=tuple(by_roadmap[rid]), dependencies=tuple(links[rid])
        )
        for rid, start in starts.items()
    }
