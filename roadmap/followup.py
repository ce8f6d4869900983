"""Following a roadmap under way: how far along it is, what is overdue, what is due next.

The rules, in one place so the dashboard, the country team's page and the exports agree:

- Done counts as 100 %, whatever percentage was last recorded; cancelled work is no longer work
  to do and leaves both the numerator and the denominator.
- Percent done is weighted by duration, sum(weeks × percent) / sum(weeks), and a milestone weighs
  one week: reaching it counts, but not as much as months of work.
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


def is_overdue(status: DeliverableStatus, due_by: date | None, planned_finish: date | None, today: date) -> bool:
    """Whether open work has passed the date it was due (see the module's rules)."""
    if status in CLOSED:
        return False
    due = [d for d in (due_by, planned_finish) if d is not None]
    return bool(due) and min(due) < today


def is_due_soon(status: DeliverableStatus, finish: date, today: date, horizon_days: int) -> bool:
    """Whether open work is expected to finish between today and the horizon."""
    return status not in CLOSED and 0 <= (finish - today).days <= horizon_days
