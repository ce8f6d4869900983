"""What each task of the MSPDI file says: where it sits on Project's working calendar and how far
the work has gone (see roadmap/exchange/mspdi.py for the file itself).

- A start on a weekend moves to the Monday after (08:00), a finish to the Friday before (17:00),
  as Project would place them; a finish never comes before its start's day ends. Duration is the
  working time between the two, 8 hours a working day: a week of 7 days is always 40 hours.
- A milestone is a moment: it finishes as it starts and lasts nothing.
- Cancelled work keeps its planned length from where the schedule places it (the forecast gives
  it none), so it still reads as the work it was.
- Percent complete is the recorded percent; done work is 100 %.
- ActualStart is the recorded start, or the task's start for work that has begun without one
  (done, under way, or some percent complete), as Project fills it in. ActualFinish is written
  for done work only: the recorded finish, or the task's finish.
- A summary spans its tasks; its percent complete weighs each task's by its working hours, as
  Project rolls it up (by plain average when every task is a milestone).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from roadmap.forecast import under_way
from roadmap.plan import Deliverable
from roadmap.sequencing import ScheduledDeliverable
from roadmap.vocabulary import DeliverableStatus

DAY_START, DAY_END = time(8), time(17)
HOURS_PER_DAY = 8


@dataclass(frozen=True, slots=True)
class Bar:
    """A task's span as written: its first and last working moments and the working hours between."""

    start: datetime
    finish: datetime
    hours: int


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a task has gone: percent complete and its actual start and finish, when it has them."""

    percent: int = 0
    actual_start: datetime | None = None
    actual_finish: datetime | None = None


def start_at(day: date) -> datetime:
    """The first working moment on or after a day."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, DAY_START)


def finish_at(day: date) -> datetime:
    """The last working moment on or before a day."""
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return datetime.combine(day, DAY_END)


def bar(start: date, finish: date, *, milestone: bool) -> Bar:
    """The span of work from one day to another (a moment for a milestone) on the working calendar."""
    begin = start_at(start)
    if milestone:
        return Bar(begin, begin, 0)
    end = max(finish_at(finish), datetime.combine(begin.date(), DAY_END))
    return Bar(begin, end, _working_days(begin.date(), end.date()) * HOURS_PER_DAY)


def deliverable_bar(d: Deliverable, placed: ScheduledDeliverable) -> Bar:
    """Where a deliverable's task sits, from its place in the schedule."""
    if placed.in_place:  # existing work takes no time in the plan: a moment at its start
        return bar(placed.start, placed.start, milestone=True)
    if d.status is DeliverableStatus.CANCELLED and not d.is_milestone:
        return bar(placed.start, placed.start + timedelta(days=7 * d.duration_weeks - 1), milestone=False)
    return bar(placed.start, placed.finish, milestone=d.is_milestone)


def progress_of(d: Deliverable, where: Bar) -> Progress:
    """A deliverable's recorded progress as its task reports it."""
    done = d.status is DeliverableStatus.DONE
    percent = 100 if done else max(0, min(100, d.percent_complete))
    if not (done or under_way(d) or d.actual_start is not None or percent > 0):
        return Progress(percent)
    # Through bar(), so recorded days fall on working time the same way the task's own dates do.
    actual = bar(d.actual_start or where.start.date(), d.actual_finish or where.finish.date(), milestone=d.is_milestone)
    return Progress(percent, actual.start, actual.finish if done else None)


def span(first: Bar, *more: Bar) -> Bar:
    """The span covering one or more (a summary task)."""
    bars = (first, *more)
    start, finish = min(b.start for b in bars), max(b.finish for b in bars)
    if all(b.hours == 0 for b in bars):  # only milestones: a summary of no length
        return Bar(start, start, 0)
    return Bar(start, finish, _working_days(start.date(), finish.date()) * HOURS_PER_DAY)


def rollup(tasks: Iterable[tuple[Bar, Progress]]) -> int:
    """A summary's percent complete from its tasks'."""
    tasks = list(tasks)
    hours = sum(b.hours for b, _ in tasks)
    if hours:
        return round(sum(b.hours * p.percent for b, p in tasks) / hours)
    return round(sum(p.percent for _, p in tasks) / len(tasks)) if tasks else 0


def _working_days(start: date, finish: date) -> int:
    days = (finish - start).days + 1
    return sum(1 for n in range(max(days, 0)) if (start + timedelta(days=n)).weekday() < 5)
