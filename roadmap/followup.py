"""Following a roadmap under way: how far along it is, what is overdue, what is due next.

The rules, in one place so the dashboard, the country team's page and the exports agree:

- Done counts as 100 %, whatever percentage was last recorded; cancelled work is no longer work
  to do and leaves both the numerator and the denominator.
- Percent done is weighted by duration, sum(weeks × percent) / sum(weeks), and a milestone weighs
  one week: reaching it counts, but not as much as months of work.
- Percent planned by a day is weighted the same way: each deliverable counts the share of its
  planned days (from its planned start to its planned finish) that lie before that day, a milestone
  all or nothing. The plan is the approved baseline's dates once there is one, else the schedule's.
- A deliverable is overdue when it is neither done nor cancelled and the date it was due has
  passed: its due-by date or, once the roadmap has an approved baseline, the finish that baseline
  planned for it, whichever comes first. A draft's schedule moves with every edit, so until a plan
  is approved only a due-by date is a promise that can be broken.
- A reading must fit its indicator's unit: a yes/no indicator reads 0 (no) or 1 (yes), a
  percentage 0 to 100, a count of things (the catalog's units) a whole number, a duration or count
  never negative. A unit a team wrote itself ("km", "score") is taken as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

from roadmap.catalog import load_catalog
from roadmap.forecast import BaselineDates, blocked_on_critical_path, forecast
from roadmap.i18n import N_, Phrase
from roadmap.plan import Plan
from roadmap.sequencing import Schedule, sequence
from roadmap.vocabulary import DeliverableStatus, Pillar

CLOSED = frozenset({DeliverableStatus.DONE, DeliverableStatus.CANCELLED, DeliverableStatus.IN_PLACE})
# Not work of the plan: cancelled work, and work in place before the roadmap started. Neither counts
# in the percentages of work done or planned.
NOT_PLAN_WORK = frozenset({DeliverableStatus.CANCELLED, DeliverableStatus.IN_PLACE})
MILESTONE_WEIGHT = 1


# The units the catalog writes, and how people write them in the six languages.
YES_NO_UNITS = {"yes/no", "oui/non", "sí/no", "si/no", "да/нет", "نعم/لا", "是/否"}
PERCENT_UNITS = {"%", "percent", "per cent", "pourcentage", "porcentaje", "процент", "النسبة المئوية", "百分比"}
# A unit naming a span of time may be fractional ("1.5 days"); the catalog's other units count things.
TIME_UNITS = {"hours", "days", "weeks", "months"}


@cache
def count_units() -> frozenset[str]:
    """The catalog's units that count things ("people trained", "cases per year"): whole numbers.
    A unit a team typed itself may be anything ("km", "score"), so it is held only to not negative."""
    units = {x.unit.casefold() for t in load_catalog() for x in t.indicators if x.unit}
    return frozenset(units - YES_NO_UNITS - PERCENT_UNITS - TIME_UNITS)


def reading_problem(unit: str | None, value: float) -> str | None:
    """Why a reading does not fit its indicator's unit, in English, or None when it does."""
    problem = reading_misfit(unit, value)
    return None if problem is None else str(problem)


def reading_misfit(unit: str | None, value: float) -> Phrase | None:
    """Why a reading does not fit its indicator's unit, to be said in the reader's language, or None."""
    kind = " ".join((unit or "").casefold().split())
    known = kind in YES_NO_UNITS | PERCENT_UNITS | TIME_UNITS or kind in count_units()
    if known and value < 0:
        return Phrase(N_("a reading of this indicator cannot be negative"))
    if kind in YES_NO_UNITS:
        return None if value in (0, 1) else Phrase(N_("a yes/no indicator reads 1 for yes or 0 for no"))
    if kind in PERCENT_UNITS:
        return None if value <= 100 else Phrase(N_("a percentage is at most 100"))
    if kind in count_units() and value != int(value):
        return Phrase(N_("the indicator counts %(unit)s: a whole number"), unit=unit)
    return None


def weight(duration_weeks: int) -> int:
    """How much a deliverable counts towards its pillar's percent done: its weeks, a milestone one."""
    return max(duration_weeks, MILESTONE_WEIGHT)


def effective_percent(status: DeliverableStatus, percent_complete: int) -> int:
    """The percentage that counts: 100 once done."""
    return 100 if status is DeliverableStatus.DONE else percent_complete


def weighted_percent(items: Iterable[tuple[DeliverableStatus, int, int]]) -> float | None:
    """Percent done of (status, duration_weeks, percent_complete) items; None when nothing is left to count."""
    done = total = 0
    for status, weeks, percent in items:
        if status in NOT_PLAN_WORK:
            continue
        done += weight(weeks) * effective_percent(status, percent)
        total += weight(weeks)
    return done / total if total else None


def planned_percent(planned: Iterable[tuple[DeliverableStatus, int, date, date]], day: date) -> float | None:
    """Percent of the work (status, duration_weeks, planned start, planned finish) planned to be done
    before ``day``, weighted as ``weighted_percent``; None when nothing is left to count."""
    done = total = 0.0
    for status, weeks, start, finish in planned:
        if status in NOT_PLAN_WORK:
            continue
        if weeks == 0:
            share = 1.0 if start < day else 0.0
        else:  # the finish is the last day of the work
            share = min(max((day - start).days / ((finish - start).days + 1), 0.0), 1.0)
        done += weight(weeks) * share * 100
        total += weight(weeks)
    return done / total if total else None


def is_overdue(status: DeliverableStatus, due_by: date | None, planned_finish: date | None, today: date) -> bool:
    """Whether open work has passed the date it was due (see the module's rules)."""
    if status in CLOSED:
        return False
    due = [d for d in (due_by, planned_finish) if d is not None]
    return bool(due) and min(due) < today


def is_due_soon(status: DeliverableStatus, finish: date, today: date, horizon_days: int) -> bool:
    """Whether open work is expected to finish between today and the horizon."""
    return status not in CLOSED and 0 <= (finish - today).days <= horizon_days


@dataclass(frozen=True, slots=True)
class Standing:
    """Where a roadmap stands on a day against what was planned: the figures the dashboard, the
    progress annex and the API share.

    What "planned" means: the approved baseline's dates once there is one (so work added since cannot
    hide a slip), else the current plan's own schedule, and ``against_baseline`` says which.
    """

    as_of: date
    against_baseline: bool
    forecast: Schedule  # the plan as the work went, as of the day (roadmap.forecast)
    planned: dict[str, tuple[date, date]]  # each deliverable's planned start and finish
    planned_finish: date
    forecast_finish: date
    percent_done: float | None
    percent_planned: float | None  # the share of the work planned to be done before the day
    critical_blocked: tuple[str, ...]  # blocked deliverables on the forecast's critical path

    @property
    def slip_days(self) -> int:
        """Days the forecast finish lies after the planned one (negative when ahead)."""
        return (self.forecast_finish - self.planned_finish).days

    def overdue(self, plan: Plan) -> dict[Pillar, int]:
        """Open work past its due-by date or, against a baseline, past the finish it planned; by pillar."""
        found: dict[Pillar, int] = {}
        for d in plan.deliverables:
            finish = self.planned[d.key][1] if self.against_baseline and d.key in self.planned else None
            if is_overdue(d.status, d.due_by, finish, self.as_of):
                found[d.pillar] = found.get(d.pillar, 0) + 1
        return found


def standing(
    plan: Plan, as_of: date, baseline: dict[str, BaselineDates] | None, schedule: Schedule | None = None
) -> Standing:
    """The roadmap's standing as of a day, against its baseline or (None) its own ``schedule``.

    Raises what sequencing raises for a plan that cannot be scheduled.
    """
    planned: dict[str, tuple[date, date]] = {}
    # The plan's own schedule is needed only where the baseline is silent (work added since), and
    # sequencing is most of the cost of a dashboard's figures.
    if baseline is None or schedule is not None or any(d.key not in baseline for d in plan.deliverables):
        schedule = schedule or sequence(plan)
        planned = {d.key: (d.start, d.finish) for d in schedule.deliverables}
    if baseline is not None:
        planned.update({key: (was.start, was.finish) for key, was in baseline.items()})
    now = forecast(plan, as_of)
    # Like with like: the last finish of any work, planned (the baseline's alone once approved) and forecast.
    ends = [was.finish for was in baseline.values()] if baseline is not None else [f for _, f in planned.values()]
    cancelled = {d.key for d in plan.deliverables if d.status in NOT_PLAN_WORK}
    open_work = [f.finish for f in now.deliverables if f.key not in cancelled]
    return Standing(
        as_of=as_of,
        against_baseline=baseline is not None,
        forecast=now,
        planned=planned,
        planned_finish=max(ends, default=plan.start_date),
        forecast_finish=max(open_work, default=now.finish_date),
        percent_done=weighted_percent((d.status, d.duration_weeks, d.percent_complete) for d in plan.deliverables),
        percent_planned=planned_percent(
            ((d.status, d.duration_weeks, *planned[d.key]) for d in plan.deliverables if d.key in planned), as_of
        ),
        critical_blocked=blocked_on_critical_path(plan, now),
    )
