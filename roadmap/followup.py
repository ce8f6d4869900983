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
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from roadmap.vocabulary import DeliverableStatus

CLOSED = frozenset({DeliverableStatus.DONE, DeliverableStatus.CANCELLED})
MILESTONE_WEIGHT = 1


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
        if status is DeliverableStatus.CANCELLED:
            continue
        done += weight(weeks) * effective_percent(status, percent)
        total += weight(weeks)
    return done / total if total else None


def planned_percent(planned: Iterable[tuple[DeliverableStatus, int, date, date]], day: date) -> float | None:
    """Percent of the work (status, duration_weeks, planned start, planned finish) planned to be done
    before ``day``, weighted as ``weighted_percent``; None when nothing is left to count."""
    done = total = 0.0
    for status, weeks, start, finish in planned:
        if status is DeliverableStatus.CANCELLED:
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
