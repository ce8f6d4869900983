"""Due dates in plain terms: which ones a schedule misses, the chain of work that makes each late, and
what a change does to every one of them.

Weeks count from the plan's start date, as in roadmap/sequencing.py.

- A deliverable's due date is at risk when it has a ``due_by`` of its own and its finish week EF is
  past the due week (``due_by_week``): it is late by EF − due week weeks. Work without a due date of
  its own is never "at risk", however negative its slack: it is part of the chain of one that is.
- The chain of a late deliverable is the work that holds it back. Walking back from it, each step
  takes the first predecessor in sequence order whose link binds (the earliest start the link allows
  equals the successor's ES), until a deliverable that no link holds back: it starts at week 0 or at
  its ``not_before`` date. The chain runs from that first deliverable to the one just before the late
  one; it is empty when the deliverable is late on its own (too long, or starting too late).
- "On the critical path" means one of the schedule's ``critical_path``; "late against a due date"
  means its own due date is missed. The two are separate: either, both or neither may hold.
- In words (``explain``), a due date at risk reads "C4 must finish by 31 March 2028; the chain L1 → L2
  → T4 before it makes it finish 70 weeks later, on 2 August 2029.", with the reason it has no chain
  (it cannot start before a date, or takes too long on its own) when it has none.
- Slack in words (``slack_words``): weeks to spare, or, below zero, "No slack" and why, never a bare
  "short" that reads as a contradiction beside "not on the critical path": its own due date missed
  ("finishes 4 weeks after its due date") when that is all it is short by, else a later due date it is
  behind ("4 weeks behind a later due date"); work on a late one's chain is not called late.
- A due-date effect compares one deliverable with a due date in two schedules of the same plan: its
  finish before and after, and by how many weeks it misses its date in each (0 when it holds).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from roadmap.plan import Dependency, Plan
from roadmap.sequencing import Schedule, ScheduledDeliverable, due_by_week, not_before_week
from roadmap.vocabulary import DependencyType


@dataclass(frozen=True, slots=True)
class Step:
    """One deliverable of a chain, named as a reader knows it."""

    key: str
    title: str


@dataclass(frozen=True, slots=True)
class DueDateAtRisk:
    """A deliverable that misses its own due date, and the chain of work that makes it late."""

    key: str
    title: str
    due_by: date
    finish: date
    late_weeks: int
    chain: tuple[Step, ...]
    held_until: date | None  # the not_before date that holds back the chain's first deliverable (or it)


@dataclass(frozen=True, slots=True)
class DueDateEffect:
    """One due date before and after a change: the finish in each, and the weeks it misses by (0: holds)."""

    key: str
    title: str
    due_by: date
    old_finish: date
    new_finish: date
    old_late_weeks: int
    new_late_weeks: int

    @property
    def holds(self) -> bool:
        """The due date is still met after the change."""
        return self.new_late_weeks == 0

    @property
    def worse_weeks(self) -> int:
        """How many more weeks late the change makes it (0 when it does not)."""
        return max(0, self.new_late_weeks - self.old_late_weeks)


@dataclass(frozen=True, slots=True)
class Marks:
    """What a reader is told of one deliverable's place in the schedule, the two marks kept apart."""

    on_critical_path: bool
    due_by: date | None
    late_weeks: int  # past its own due date (0: on time, or none)
    holds_up: tuple[str, ...]  # the late deliverables whose chain it is in
    short_weeks: int  # weeks it would have to finish sooner for every due date after it to hold (-slack)

    @property
    def late(self) -> bool:
        """Late against its own due date."""
        return self.late_weeks > 0


def schedule_marks(plan: Plan, schedule: Schedule) -> dict[str, Marks]:
    """Each deliverable's marks by key: on the critical path, and late against its own due date or part of
    the chain that makes another late."""
    due = {d.key: d.due_by for d in plan.deliverables}
    holding = holding_up(due_dates_at_risk(plan, schedule))
    on_path = set(schedule.critical_path)
    return {
        s.key: Marks(
            on_critical_path=s.key in on_path,
            due_by=due.get(s.key),
            late_weeks=late_weeks(schedule, s, due.get(s.key)),
            holds_up=holding.get(s.key, ()),
            short_weeks=max(0, -s.slack),
        )
        for s in schedule.deliverables
    }


def with_marks(document: dict[str, Any], plan: Plan, schedule: Schedule) -> dict[str, Any]:
    """A schedule JSON document (roadmap.sequencing.schedule_document) with each deliverable's two marks
    added beside ``critical``, which keeps its meaning (slack ≤ 0): ``on_critical_path``, its own
    ``due_by``, ``late_weeks`` past it, and ``holds_up``, the late deliverables whose chain it is in."""
    marks = schedule_marks(plan, schedule)
    for entry in document["deliverables"]:
        m = marks[entry["key"]]
        entry |= {
            "on_critical_path": m.on_critical_path,
            "due_by": m.due_by.isoformat() if m.due_by else None,
            "late_weeks": m.late_weeks,
            "holds_up": list(m.holds_up),
        }
    return document


def explain(
    risk: DueDateAtRisk,
    gettext: Callable[[str], str],
    ngettext: Callable[[str, str, int], str],
    format_date: Callable[[date], str],
) -> str:
    """A due date at risk in one or two plain sentences: whose date it is, and the chain that makes it late.

    ``gettext`` returns a translation unformatted, ``ngettext`` one with %(num)d filled, as Flask-Babel's
    and the printed roadmap's do; the reader's ``format_date`` writes the dates."""
    values = {
        "key": risk.key,
        "due": format_date(risk.due_by),
        "finish": format_date(risk.finish),
        "late": ngettext("%(num)d week", "%(num)d weeks", risk.late_weeks),
    }
    if risk.chain:
        values["chain"] = " → ".join(step.key for step in risk.chain)
        text = gettext(
            "%(key)s must finish by %(due)s; the chain %(chain)s before it makes it finish %(late)s later, "
            "on %(finish)s."
        )
        if risk.held_until is not None:
            text += " " + gettext("The chain cannot start before %(start)s.")
    elif risk.held_until is not None:
        text = gettext(
            "%(key)s must finish by %(due)s; it cannot start before %(start)s, so it finishes %(late)s later, "
            "on %(finish)s."
        )
    else:
        text = gettext(
            "%(key)s must finish by %(due)s; it takes longer than that on its own and finishes %(late)s "
            "later, on %(finish)s."
        )
    if risk.held_until is not None:
        values["start"] = format_date(risk.held_until)
    return text % values


def slack_words(slack: int, marks: Marks, ngettext: Callable[[str, str, int], str]) -> str:
    """A deliverable's slack as a reader takes it: the weeks it may slip, or none and which due date it misses.

    ``ngettext`` returns a translation with %(num)d filled, as in ``explain``."""
    if slack >= 0:
        return ngettext("%(num)d week", "%(num)d weeks", slack)
    short = -slack
    if marks.late_weeks == short:
        return ngettext(
            "No slack: finishes %(num)d week after its due date",
            "No slack: finishes %(num)d weeks after its due date",
            short,
        )
    return ngettext(
        "No slack: %(num)d week behind a later due date", "No slack: %(num)d weeks behind a later due date", short
    )


def late_weeks(schedule: Schedule, d: ScheduledDeliverable, due_by: date | None) -> int:
    """How many weeks a scheduled deliverable finishes past its own due date (0 without one, or on time)."""
    due = due_by_week(schedule.start_date, due_by)
    return 0 if due is None else max(0, d.ef - due)


def due_dates_at_risk(plan: Plan, schedule: Schedule) -> tuple[DueDateAtRisk, ...]:
    """Every deliverable that misses its own due date on this schedule, in sequence order, with its chain."""
    items = {d.key: d for d in plan.deliverables}
    before = _links_into(plan.dependencies)
    rank = {d.key: i for i, d in enumerate(schedule.deliverables)}
    out = []
    for s in schedule.deliverables:
        due = items[s.key].due_by
        late = late_weeks(schedule, s, due)
        if due is None or not late:
            continue
        chain = _chain(schedule, before, rank, s.key)
        first = items[chain[0] if chain else s.key]
        first_es = schedule.get(first.key).es
        held = (
            first.not_before
            if first_es > 0 and first_es == not_before_week(schedule.start_date, first.not_before)
            else None
        )
        out.append(
            DueDateAtRisk(
                key=s.key,
                title=s.title,
                due_by=due,
                finish=s.finish,
                late_weeks=late,
                chain=tuple(Step(k, schedule.get(k).title) for k in chain),
                held_until=held,
            )
        )
    return tuple(out)


def holding_up(risks: Iterable[DueDateAtRisk]) -> dict[str, tuple[str, ...]]:
    """For each deliverable in some chain, the keys of the late deliverables whose chain it is in."""
    out: dict[str, list[str]] = {}
    for r in risks:
        for step in r.chain:
            out.setdefault(step.key, []).append(r.key)
    return {k: tuple(v) for k, v in out.items()}


def due_date_effects(plan: Plan, before: Schedule, after: Schedule) -> tuple[DueDateEffect, ...]:
    """Every deliverable with a due date, in the new schedule's order: its finish and lateness before and after."""
    due = {d.key: d.due_by for d in plan.deliverables if d.due_by is not None}
    out = []
    for new in after.deliverables:
        if new.key not in due:
            continue
        old = before.get(new.key)
        out.append(
            DueDateEffect(
                key=new.key,
                title=new.title,
                due_by=due[new.key],
                old_finish=old.finish,
                new_finish=new.finish,
                old_late_weeks=late_weeks(before, old, due[new.key]),
                new_late_weeks=late_weeks(after, new, due[new.key]),
            )
        )
    return tuple(out)


def _links_into(links: Iterable[Dependency]) -> dict[str, list[Dependency]]:
    out: dict[str, list[Dependency]] = {}
    for x in links:
        out.setdefault(x.successor, []).append(x)
    return out


def _allows(x: Dependency, p: ScheduledDeliverable, successor: ScheduledDeliverable) -> int:
    # The earliest start this link allows its successor, as sequencing computes it.
    if x.type is DependencyType.FINISH_TO_START:
        return p.ef + x.lag_weeks
    if x.type is DependencyType.START_TO_START:
        return p.es + x.lag_weeks
    return p.ef + x.lag_weeks - successor.duration_weeks


def _chain(schedule: Schedule, before: dict[str, list[Dependency]], rank: dict[str, int], key: str) -> list[str]:
    chain: list[str] = []
    seen = {key}
    current = schedule.get(key)
    while True:
        binding = [
            x.predecessor
            for x in before.get(current.key, ())
            if x.predecessor not in seen and _allows(x, schedule.get(x.predecessor), current) == current.es
        ]
        # Week 0 is held back by nothing, even when a link with a negative lag happens to allow it.
        if not binding or current.es <= 0:
            break
        current = schedule.get(min(binding, key=rank.__getitem__))
        seen.add(current.key)
        chain.append(current.key)
    chain.reverse()
    return chain
