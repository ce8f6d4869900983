"""The progress annex of the printed roadmap: how far the work has come against what was planned by the
day of printing, the forecast finish against the approved baseline, what is blocked and why, and the
indicators' latest readings against their targets. Printed whenever any progress is recorded; the
rules for percentages and overdue work are roadmap/followup.py's, the forecast roadmap/forecast.py's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from roadmap.followup import effective_percent, is_overdue, standing
from roadmap.plan import Plan
from roadmap.printing.text import Words
from roadmap.sequencing import Schedule
from roadmap.vocabulary import DeliverableStatus


@dataclass(frozen=True)
class ProgressRow:
    key: str
    title: str
    status: str
    percent: int
    actual: str  # actual start – finish, as recorded
    forecast: str  # the forecast finish
    planned: str  # the planned finish (the baseline's once approved)
    slip: str  # "12 days late", "3 days early", "on time"
    late: bool


@dataclass(frozen=True)
class BlockedRow:
    key: str
    title: str
    reason: str


@dataclass(frozen=True)
class ReadingRow:
    key: str
    indicator: str
    latest: str  # value (unit) on date
    target: str
    reached: bool | None  # None when there is no target to compare with


@dataclass(frozen=True)
class ProgressAnnex:
    as_of: str
    recorded: str  # percent done, as recorded
    planned: str  # percent planned by the as-of day
    against: str  # what "planned" is measured against: the baseline's label or the current plan
    forecast_finish: str
    planned_finish: str
    slip: str
    rows: tuple[ProgressRow, ...]
    blocked: tuple[BlockedRow, ...]
    readings: tuple[ReadingRow, ...]


def has_progress(plan: Plan) -> bool:
    """Whether anything has been recorded since the plan was drafted: statuses, dates or readings.

    Work already in place was there before the plan: its status and dates are not progress."""
    return any(
        (
            d.status is not DeliverableStatus.IN_PLACE
            and (
                d.status is not DeliverableStatus.NOT_STARTED or d.percent_complete or d.actual_start or d.actual_finish
            )
        )
        or any(i.measurements or i.actual is not None for i in d.indicators)
        for d in plan.deliverables
    )


def progress_annex(plan: Plan, schedule: Schedule, _: Words) -> ProgressAnnex | None:
    """The annex, or None when no progress is recorded."""
    if not has_progress(plan):
        return None
    context = _.context
    as_of = context.today or context.generated_on
    baseline = context.baseline_dates
    figures = standing(plan, as_of, baseline, schedule)
    planned, now = figures.planned, figures.forecast
    by_key = {d.key: d for d in plan.deliverables}
    rows, blocked, readings = [], [], []
    for f in now.deliverables:
        d = by_key[f.key]
        finish = planned.get(f.key, (f.start, f.finish))[1]
        overdue = is_overdue(d.status, d.due_by, finish if baseline is not None else None, as_of)
        cancelled = d.status is DeliverableStatus.CANCELLED
        in_place = d.status is DeliverableStatus.IN_PLACE  # existing work: nothing done or due in the plan
        if not in_place and (d.status is not DeliverableStatus.NOT_STARTED or d.percent_complete or overdue):
            days = 0 if cancelled else (f.finish - finish).days
            rows.append(
                ProgressRow(
                    f.key,
                    d.title,
                    _.code(d.status),
                    effective_percent(d.status, d.percent_complete),
                    _actual(d.actual_start, d.actual_finish, _),
                    "—" if cancelled else _.date(f.finish),  # no longer work to do: nothing to forecast
                    _.date(finish),
                    "—" if cancelled else _slip(days, _),
                    not cancelled and (days > 0 or overdue),
                )
            )
        if d.status is DeliverableStatus.BLOCKED:
            blocked.append(BlockedRow(d.key, d.title, d.progress_note or _("No reason recorded.")))
        for indicator in d.indicators:
            reading = indicator.measurements[-1] if indicator.measurements else None
            value = reading.value if reading else indicator.actual
            if value is None:
                continue
            unit = f" {indicator.unit}" if indicator.unit else ""
            latest = _.number(value) + unit
            if reading:
                latest = _("%(value)s on %(date)s", value=latest, date=_.date(reading.on))
            target = "—" if indicator.target is None else _.number(indicator.target) + unit
            reached = None
            if indicator.target is not None:
                rising = indicator.baseline is None or indicator.target >= indicator.baseline
                reached = value >= indicator.target if rising else value <= indicator.target
            readings.append(ReadingRow(d.key, indicator.name, latest, target, reached))
    return ProgressAnnex(
        as_of=_.date(as_of),
        recorded=_percent(figures.percent_done, _),
        planned=_percent(figures.percent_planned, _),
        against=_("the approved baseline") if baseline is not None else _("the current plan (not yet approved)"),
        forecast_finish=_.date(figures.forecast_finish),
        planned_finish=_.date(figures.planned_finish),
        slip=_slip(figures.slip_days, _),
        rows=tuple(rows),
        blocked=tuple(blocked),
        readings=tuple(readings),
    )


def _percent(value: float | None, _: Words) -> str:
    return "—" if value is None else _("%(percent)s %%", percent=round(value))


def _actual(start: date | None, finish: date | None, _: Words) -> str:
    if start and finish:
        return _.span(start, finish)
    if start:
        return _("from %(date)s", date=_.date(start))
    return _("finished %(date)s", date=_.date(finish)) if finish else "—"


def _slip(days: int, _: Words) -> str:
    if days > 0:
        return _.ngettext("%(num)d day late", "%(num)d days late", days)
    if days < 0:
        return _.ngettext("%(num)d day early", "%(num)d days early", -days)
    return _("on time")
