"""The schedule-based figures of the dashboard: forecast slip and work past its baseline finish.

Worked out only for roadmaps that have a baseline, from rows loaded for all of them at once (three
queries at most), and remembered per process until the roadmap changes: every change to a roadmap
stamps its ``updated_at`` (models.operations._lock_roadmap), and baselines never change.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import aliased

from models.base import db
from models.deliverable import Deliverable
from models.dependency import Dependency
from models.tracking import Baseline
from roadmap import plan as p
from roadmap.followup import is_overdue
from roadmap.forecast import forecast
from roadmap.graph import DependencyLoopError
from roadmap.sequencing import ScheduleError
from roadmap.vocabulary import Pillar


@dataclass(frozen=True, slots=True)
class ScheduleFigures:
    baseline_label: str
    forecast_finish: date | None
    slip_days: int | None
    overdue: dict[Pillar, int]


@dataclass(frozen=True, slots=True)
class _Planned:
    label: str
    finish: date
    finishes: dict[str, date]


class _Memo:
    """A small least-recently-used memory shared by the requests of one process."""

    def __init__(self, size: int) -> None:
        self._size, self._items, self._lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
            return self._items.get(key)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def put(self, key, value) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


_derived = _Memo(4096)
_planned = _Memo(4096)


def forget() -> None:
    """Drop what was remembered (the benchmark measures the dashboard without it)."""
    _derived.clear()
    _planned.clear()


def schedule_figures(heads: list, today: date) -> dict[int, ScheduleFigures]:
    """Forecast slip and overdue work for baselined roadmaps; three more queries at most."""
    url = db.engine.url.render_as_string(hide_password=True)
    found: dict[int, ScheduleFigures] = {}
    missing = []
    for h in heads:
        hit = _derived.get((url, h.id, h.updated_at, h.baseline_id, today))
        if hit is None:
            missing.append(h)
        else:
            found[h.id] = hit
    if not missing:
        return found
    planned = _baselines([h.baseline_id for h in missing])
    plans = _bare_plans({h.id: h.start_date for h in missing})
    for h in missing:
        if h.baseline_id not in planned:
            continue  # removed with its roadmap since the first query
        result = _derive(plans[h.id], planned[h.baseline_id], today)
        _derived.put((url, h.id, h.updated_at, h.baseline_id, today), result)
        found[h.id] = result
    return found


def _derive(plan: p.Plan, planned: _Planned, today: date) -> ScheduleFigures:
    overdue: dict[Pillar, int] = {}
    for d in plan.deliverables:
        if is_overdue(d.status, d.due_by, planned.finishes.get(d.key), today):
            overdue[d.pillar] = overdue.get(d.pillar, 0) + 1
    try:
        finish = forecast(plan, today).finish_date
    except (DependencyLoopError, ScheduleError):
        return ScheduleFigures(
            planned.label, None, None, overdue
        )  # edits refuse both; a slip that cannot be worked out is not shown
    return ScheduleFigures(planned.label, finish, (finish - planned.finish).days, overdue)


def _baselines(ids: list[int]) -> dict[int, _Planned]:
    """The planned dates of these baselines, read and parsed once per process (baselines never change)."""
    found = {i: v for i in ids if (v := _planned.get(i)) is not None}
    wanted = [i for i in ids if i not in found]
    if wanted:
        b = Baseline.__table__.c
        for row in db.session.execute(select(b.id, b.label, b.schedule).where(b.id.in_(wanted))):
            schedule = json.loads(row.schedule)
            value = _Planned(
                row.label,
                date.fromisoformat(schedule["finish_date"]),
                {d["key"]: date.fromisoformat(d["finish"]) for d in schedule["deliverables"]},
            )
            _planned.put(row.id, value)
            found[row.id] = value
    return found


def _bare_plans(starts: dict[int, date]) -> dict[int, p.Plan]:
    """Just enough of each plan to forecast it: two queries for all the roadmaps together."""
    D = Deliverable
    by_roadmap: dict[int, list[p.Deliverable]] = {rid: [] for rid in starts}
    for r in db.session.execute(
        select(
            D.roadmap_id,
            D.key,
            D.pillar,
            D.duration_weeks,
            D.not_before,
            D.due_by,
            D.status,
            D.percent_complete,
            D.actual_start,
            D.actual_finish,
        )
        .where(D.roadmap_id.in_(list(starts)))
        .order_by(D.roadmap_id, D.id)
    ):
        by_roadmap[r.roadmap_id].append(
            p.Deliverable(
                key=r.key,
                pillar=r.pillar,
                title="",
                duration_weeks=r.duration_weeks,
                not_before=r.not_before,
                due_by=r.due_by,
                status=r.status,
                percent_complete=r.percent_complete,
                actual_start=r.actual_start,
                actual_finish=r.actual_finish,
            )
        )
    links: dict[int, list[p.Dependency]] = {rid: [] for rid in starts}
    pred, succ = aliased(Deliverable), aliased(Deliverable)
    for rid, a, b, kind, lag in db.session.execute(
        select(Dependency.roadmap_id, pred.key, succ.key, Dependency.kind, Dependency.lag_weeks)
        .join(pred, pred.id == Dependency.predecessor_id)
        .join(succ, succ.id == Dependency.successor_id)
        .where(Dependency.roadmap_id.in_(list(starts)))
        .order_by(Dependency.id)
    ):
        links[rid].append(p.Dependency(a, b, kind, lag))
    return {
        rid: p.Plan(
            country="", title="", start_date=start, deliverables=tuple(by_roadmap[rid]), dependencies=tuple(links[rid])
        )
        for rid, start in starts.items()
    }
