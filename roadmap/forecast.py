"""The forecast: the schedule as the work actually went, as of a date, and its slip against a baseline.

Weeks count from the plan's start date, as in roadmap/sequencing.py. The as-of week is the first
week boundary on or after the as-of date (what has not started by then can start no earlier), before
the plan's start as after it.

- done: sits at its actual dates — ES is the week of its actual start, EF the week after the one
  holding its actual finish; links no longer move it. Without an actual start it is taken to have
  started ``duration`` weeks before its finish; without an actual finish, to have finished at the
  as-of week. Its start and finish dates are the recorded days themselves (an in-progress
  deliverable's start too): weeks only place the work in the schedule.
- in progress: starts at its actual start week and finishes no earlier than the as-of week plus the
  remaining weeks, ceil(duration × (1 − percent / 100)); a start not recorded is taken as the as-of week.
- not started: scheduled by its links as usual, but no earlier than the as-of week.
- blocked: as in progress (once started) or not started, but nothing moves before the week after the
  as-of week: blocked work cannot start or go on this week, so its remaining weeks count from the
  next. A forecast that let it start on time would look best exactly when the plan is stalled.
- cancelled: no longer work to do; it is kept in the plan so its links still read, but with no
  duration.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from roadmap.plan import Deliverable, Plan
from roadmap.sequencing import Schedule, ScheduledDeliverable, not_before_week, schedule_document, sequence
from roadmap.vocabulary import DeliverableStatus


@dataclass(frozen=True, slots=True)
class BaselineDates:
    """What a baseline said of one deliverable: its planned start and finish."""

    start: date
    finish: date


def start_week(plan_start: date, day: date) -> int:
    """The week holding a date, counted from the plan's start (negative before it)."""
    return (day - plan_start).days // 7


def finish_week(plan_start: date, day: date) -> int:
    """The EF of work whose last day is this date: the week after the one holding it."""
    return (day - plan_start).days // 7 + 1


def as_of_week(plan_start: date, as_of: date) -> int:
    """The first week boundary on or after the as-of date, counted from the plan's start (negative
    before it): work not started by then starts no earlier."""
    return -((plan_start - as_of).days // 7) if as_of < plan_start else not_before_week(plan_start, as_of)


def under_way(d: Deliverable) -> bool:
    """Begun and neither done nor cancelled: pinned at its start, finishing after its remaining weeks."""
    open_ = d.status not in (DeliverableStatus.DONE, DeliverableStatus.CANCELLED, DeliverableStatus.IN_PLACE)
    return open_ and (d.actual_start is not None or d.status is DeliverableStatus.IN_PROGRESS)


def blocked_on_critical_path(plan: Plan, schedule: Schedule) -> tuple[str, ...]:
    """The blocked deliverables on the forecast's critical path, in its order: the roadmap is stalled."""
    blocked = {d.key for d in plan.deliverables if d.status is DeliverableStatus.BLOCKED}
    return tuple(k for k in schedule.critical_path if k in blocked)


def remaining_weeks(duration_weeks: int, percent_complete: int) -> int:
    """Weeks of work left: ceil(duration × (1 − percent / 100)), in exact integer arithmetic."""
    return math.ceil(duration_weeks * (100 - percent_complete) / 100) if percent_complete < 100 else 0


def forecast(
    plan: Plan,
    as_of: date,
    *,
    not_before: Mapping[str, int] | None = None,
    finish_later: Mapping[str, int] | None = None,
) -> Schedule:
    """The plan sequenced with its recorded progress honoured as of a date. For what-if, deliverables
    not started may be given a week to start no earlier than (``not_before``), and ones under way a
    number of weeks to finish later (``finish_later``)."""
    not_before, finish_later = not_before or {}, finish_later or {}
    start = plan.start_date
    now = as_of_week(start, as_of)
    earliest: dict[str, int] = {}
    pinned: dict[str, tuple[int, int]] = {}
    # The days recorded for pinned work, (start, finish), either None: shown instead of its weeks' edges.
    days: dict[str, tuple[date | None, date | None]] = {}
    cancelled: set[str] = set()
    for d in plan.deliverables:
        if d.status is DeliverableStatus.DONE:
            pinned[d.key] = _done_weeks(d, start, now)
            days[d.key] = (d.actual_start, d.actual_finish)
        elif d.status is DeliverableStatus.CANCELLED:
            cancelled.add(d.key)
        elif d.status is DeliverableStatus.IN_PLACE:
            continue  # existing work: the sequencing keeps it off the calendar
        elif under_way(d):
            begun = start_week(start, d.actual_start) if d.actual_start else now
            resumes = now + 1 if d.status is DeliverableStatus.BLOCKED else now
            ends = max(begun, resumes + remaining_weeks(d.duration_weeks, d.percent_complete))
            pinned[d.key] = (begun, ends + finish_later.get(d.key, 0))
            days[d.key] = (d.actual_start, None)
        else:
            earliest[d.key] = max(
                now + 1 if d.status is DeliverableStatus.BLOCKED else now, 0, not_before.get(d.key, 0)
            )
    if cancelled:
        plan = replace(
            plan,
            deliverables=tuple(replace(d, duration_weeks=0) if d.key in cancelled else d for d in plan.deliverables),
        )
    return _on_recorded_days(sequence(plan, earliest_weeks=earliest, pinned=pinned), days)


def _on_recorded_days(schedule: Schedule, days: dict[str, tuple[date | None, date | None]]) -> Schedule:
    # Weeks place work that has happened in the schedule; its dates are the days it happened on, so a
    # deliverable done on Wednesday 25 November is not shown as finishing on Sunday the 29th.
    if not any(begun or ended for begun, ended in days.values()):
        return schedule

    def dated(s: ScheduledDeliverable) -> ScheduledDeliverable:
        begun, ended = days.get(s.key, (None, None))
        if begun is None and ended is None:
            return s
        begun = begun or s.start
        return replace(s, start=begun, finish=max(begun, ended or s.finish))

    return replace(schedule, deliverables=tuple(dated(s) for s in schedule.deliverables))


def _done_weeks(d: Deliverable, start: date, now: int) -> tuple[int, int]:
    ef = finish_week(start, d.actual_finish) if d.actual_finish else now
    es = start_week(start, d.actual_start) if d.actual_start else ef - d.duration_weeks
    return es, max(es, ef)


def slip_days(forecast_finish: date, baseline: BaselineDates | None) -> int | None:
    """Days the forecast finish lies after the baseline's (negative when ahead); None when not baselined."""
    return None if baseline is None else (forecast_finish - baseline.finish).days


def baseline_dates(schedule_json: dict[str, Any]) -> dict[str, BaselineDates]:
    """Each deliverable's planned dates from a frozen schedule document."""
    return {
        d["key"]: BaselineDates(date.fromisoformat(d["start"]), date.fromisoformat(d["finish"]))
        for d in schedule_json["deliverables"]
    }


def forecast_document(
    schedule: Schedule,
    roadmap_id: int,
    as_of: date,
    baseline: dict[str, Any] | None = None,
    baseline_label: str | None = None,
) -> dict[str, Any]:
    """``schedule ID --json --as-of DATE``: the schedule JSON plus the as-of date and slips against a baseline."""
    document = schedule_document(schedule, roadmap_id)
    planned = baseline_dates(baseline) if baseline else {}
    document["as_of"] = as_of.isoformat()
    document["baseline"] = (
        None if baseline is None else {"label": baseline_label, "finish_date": baseline["finish_date"]}
    )
    document["finish_slip_days"] = (
        None if baseline is None else (schedule.finish_date - date.fromisoformat(baseline["finish_date"])).days
    )
    for entry in document["deliverables"]:
        was = planned.get(entry["key"])
        entry["baseline_finish"] = None if was is None else was.finish.isoformat()
        entry["slip_days"] = slip_days(date.fromisoformat(entry["finish"]), was)
    return document
