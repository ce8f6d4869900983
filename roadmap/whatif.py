"""What-if: hold one deliverable back some weeks and see what moves and what becomes critical.

The plan itself never changes: the slipped deliverable gets an extra earliest-start week inside
sequencing (old ES + weeks), so its own ``not_before`` date and everyone else's data stay as they are.
Given an as-of date, the slip starts from the forecast (roadmap/forecast.py): work done stays done and
cannot slip, work under way finishes later, and nothing is placed before the as-of week. Work already
in place cannot slip at all: it is recorded, not planned.

Every due date is reported before and after (roadmap/duedates.py). A slip "fits in the slack" only
when the roadmap's finish does not move, no due date gets later, and the slipped deliverable had slack
to begin with: one already late for a due date (negative slack) has none to absorb anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from roadmap.duedates import DueDateEffect, due_date_effects
from roadmap.forecast import forecast, under_way
from roadmap.i18n import N_, Explained
from roadmap.plan import Plan
from roadmap.sequencing import Schedule, sequence
from roadmap.vocabulary import DeliverableStatus

SLIP_MAX_WEEKS = 520  # ten years, the same ceiling as a duration or a lag


@dataclass(frozen=True, slots=True)
class Shift:
    """How far one deliverable's start and finish move (new − old, in weeks), and where they land."""

    key: str
    title: str
    start_weeks: int
    finish_weeks: int
    new_start: date
    new_finish: date


@dataclass(frozen=True, slots=True)
class SlipResult:
    """The outcome of slipping one deliverable: the new schedule and how it differs from the old."""

    key: str
    weeks: int
    old_finish_date: date
    new_finish_date: date
    finish_shift_weeks: int
    moved: tuple[Shift, ...]
    newly_critical: tuple[str, ...]
    schedule: Schedule
    due_dates: tuple[DueDateEffect, ...]
    already_late_weeks: int  # how far the slipped deliverable was behind a due date before (0: it had slack)
    # On the new critical path and not on the old one (``newly_critical`` also counts work that only loses
    # its slack against a due date).
    joined_critical_path: tuple[str, ...] = ()

    @property
    def fits_in_slack(self) -> bool:
        """Nothing a reader counts on moves: not the finish, not a due date, and there was slack to use."""
        return (
            self.finish_shift_weeks <= 0
            and self.already_late_weeks == 0
            and not any(e.worse_weeks for e in self.due_dates)
        )

    @property
    def missed(self) -> tuple[DueDateEffect, ...]:
        """The due dates missed after the slip, each with its weeks before and after."""
        return tuple(e for e in self.due_dates if not e.holds)


class SlipRefused(Explained):
    """A deliverable that cannot slip: work done or cancelled has no time left to lose."""


def slip(plan: Plan, key: str, weeks: int, *, as_of: date | None = None) -> SlipResult:
    """Hold a deliverable back ``weeks`` weeks past its earliest start (its forecast finish, when under
    way as of ``as_of``) and report what follows."""
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= SLIP_MAX_WEEKS:
        raise ValueError(f"a slip must be 1 to {SLIP_MAX_WEEKS} weeks, got {weeks!r}")
    if all(d.key != key for d in plan.deliverables):
        raise ValueError(f'no deliverable has the key "{key}"')
    status = next(d.status for d in plan.deliverables if d.key == key)
    if status is DeliverableStatus.IN_PLACE:
        raise ValueError(f'"{key}" is already in place: it is recorded, not planned, so it cannot slip')

    if as_of is not None:
        if status in (DeliverableStatus.DONE, DeliverableStatus.CANCELLED):
            done = status is DeliverableStatus.DONE
            raise SlipRefused(
                N_("%(key)s is done: only work still to do can slip")
                if done
                else N_("%(key)s is cancelled: only work still to do can slip"),
                key=key,
            )
        before = forecast(plan, as_of)
        begun = under_way(next(d for d in plan.deliverables if d.key == key))
        hold = {"finish_later": {key: weeks}} if begun else {"not_before": {key: before.get(key).es + weeks}}
        after = forecast(plan, as_of, **hold)
    else:
        before = sequence(plan)
        after = sequence(plan, earliest_weeks={key: before.get(key).es + weeks})
    moved = []
    newly_critical = []
    for new in after.deliverables:
        old = before.get(new.key)
        if new.es != old.es or new.ef != old.ef:
            moved.append(Shift(new.key, new.title, new.es - old.es, new.ef - old.ef, new.start, new.finish))
        if new.critical and not old.critical:
            newly_critical.append(new.key)
    return SlipResult(
        key=key,
        weeks=weeks,
        old_finish_date=before.finish_date,
        new_finish_date=after.finish_date,
        finish_shift_weeks=after.duration_weeks - before.duration_weeks,
        moved=tuple(moved),
        newly_critical=tuple(newly_critical),
        schedule=after,
        due_dates=due_date_effects(plan, before, after),
        already_late_weeks=max(0, -before.get(key).slack),
        joined_critical_path=tuple(k for k in after.critical_path if k not in set(before.critical_path)),
    )
