"""Sequencing a plan: earliest and latest weeks, slack, phases, dates and the critical path.

Everything is counted in whole weeks from the plan's ``start_date`` (week 0 begins on it).

- Earliest start ES is the largest of 0, the ``not_before`` week (the first week boundary on or
  after the date: ceil(days / 7), at least 0) and, over the predecessors, finish-to-start
  EF(p) + lag, start-to-start ES(p) + lag, finish-to-finish EF(p) + lag − duration. EF = ES + duration.
  The roadmap's length T is the largest EF (0 for an empty plan).
- Latest finish LF is the smallest of T, the ``due_by`` limit (floor((days to due_by + 1) / 7): the
  deliverable's last day falls on or before the date) and, over the successors, finish-to-start
  LS(s) − lag, start-to-start LS(s) − lag + duration, finish-to-finish LF(s) − lag. LS = LF − duration.
- slack = LS − ES, negative when a ``due_by`` cannot be met; a deliverable is critical when slack ≤ 0.
- phase = 1 + the largest phase among the predecessors (1 with none), whatever the link types.
- Dates: start = start_date + 7·ES days, finish = start_date + 7·EF − 1 days, except that a
  milestone (duration 0) finishes on its start. The roadmap's finish_date is start_date + 7·T − 1
  days; when T is 0 (an empty plan, or one made only of milestones at week 0) it is start_date,
  so the roadmap never finishes before it starts.
- Sequence order, used wherever deliverables are listed: (ES, phase, pillar order, key).
- A deliverable already in place (status ``in_place``: it existed before the roadmap) is not
  scheduled: it takes no time at week 0 (ES = EF = 0, whatever its links and dates say), so the work
  after it is not held back, and it is never critical.

The critical path is one chain of critical deliverables, each bound to the next by a link, chosen
so the same plan always gives the same chain. Its end finishes at T and hands on to no other
deliverable finishing at T through a binding link (a link binds when its bound equals the
successor's ES) — so a closing milestone is part of the path, not left after it; of those ends, the
first in sequence order. From there it walks backwards, each step taking, among the critical
predecessors whose link binds, the first in sequence order, until there is none. A binding
predecessor never has more slack than its successor, so the walk only ever meets critical ones.

The work is one networkx topological pass and then plain passes over lists, so large plans stay fast
(see bench/sequencing.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

import networkx as nx

from roadmap.collector import collector_paused
from roadmap.graph import DependencyLoopError, build_graph, find_loop
from roadmap.i18n import N_, Explained
from roadmap.plan import Deliverable, Plan
from roadmap.vocabulary import DeliverableStatus, DependencyType, Pillar

_FS, _SS, _FF = 0, 1, 2
_Columns = tuple[list[int], list[int], list[int], list[int]]  # four parallel lists of numbers
_PILLAR_RANK = {p: p.order for p in Pillar}
_KIND = {DependencyType.FINISH_TO_START: _FS, DependencyType.START_TO_START: _SS, DependencyType.FINISH_TO_FINISH: _FF}


class ScheduleError(Explained):
    """A plan that cannot be placed on the calendar; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class ScheduledDeliverable:
    """One deliverable placed in time; weeks count from the plan's start date."""

    key: str
    title: str
    pillar: Pillar
    phase: int
    es: int
    ef: int
    ls: int
    lf: int
    slack: int
    critical: bool
    start: date
    finish: date
    duration_weeks: int
    in_place: bool = False  # existing work: not scheduled, shown as in place


@dataclass(frozen=True, slots=True)
class Schedule:
    """A sequenced plan: its deliverables in sequence order, phases and critical path."""

    start_date: date
    finish_date: date
    duration_weeks: int
    critical_path: tuple[str, ...]
    phases: tuple[tuple[str, ...], ...]
    deliverables: tuple[ScheduledDeliverable, ...]
    _by_key: dict[str, ScheduledDeliverable] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {d.key: d for d in self.deliverables})

    def get(self, key: str) -> ScheduledDeliverable:
        """The scheduled deliverable with this key; KeyError if there is none."""
        return self._by_key[key]


def not_before_week(start_date: date, not_before: date | None) -> int:
    """The first week boundary on or after a not_before date (0 when there is none or it is past)."""
    if not_before is None:
        return 0
    return max(0, -(-(not_before - start_date).days // 7))


def due_by_week(start_date: date, due_by: date | None) -> int | None:
    """The latest week a deliverable may finish by and still end on or before its due_by date."""
    if due_by is None:
        return None
    return ((due_by - start_date).days + 1) // 7


@collector_paused()
def sequence(
    plan: Plan,
    *,
    earliest_weeks: Mapping[str, int] | None = None,
    pinned: Mapping[str, tuple[int, int]] | None = None,
) -> Schedule:
    """Sequence a plan; ``earliest_weeks`` (key → week) holds deliverables back to at least that ES.

    ``pinned`` (key → (ES, EF)) places deliverables at fixed weeks whatever their links say: the
    forecast uses it for work that has already happened (see roadmap/forecast.py).
    """
    return _sequence(plan, earliest_weeks, pinned or {})


def _sequence(plan: Plan, earliest_weeks: Mapping[str, int] | None, pinned: Mapping[str, tuple[int, int]]) -> Schedule:
    index = _index_by_key(plan.deliverables)
    links = _links_by_number(plan, index)
    order, phase = _topological_order(plan, links)
    # From here deliverables are numbered by their place in the topological order and every pass
    # works on lists: a link's two ends then sit close together in memory. On 20,000 deliverables
    # this took a third off the time of dicts keyed by strings.
    n = len(order)
    items = [plan.deliverables[v] for v in order]
    place = [0] * n
    for i, v in enumerate(order):
        place[v] = i
    preds = _grouped([place[s] for s in links[1]], [place[p] for p in links[0]], links[2], links[3], n)
    succs = _grouped([place[p] for p in links[0]], [place[s] for s in links[1]], links[2], links[3], n)

    start = plan.start_date
    dur = [d.duration_weeks for d in items]
    es = [not_before_week(start, d.not_before) for d in items]
    for key, week in (earliest_weeks or {}).items():
        if key not in index:
            raise ValueError(f'no deliverable has the key "{key}"')
        es[place[index[key]]] = max(es[place[index[key]]], week)
    fixed = [False] * n
    in_place = [d.status is DeliverableStatus.IN_PLACE for d in items]
    for v in range(n):
        if in_place[v]:
            fixed[v], es[v], dur[v] = True, 0, 0
    for key, (start_week, finish_week) in pinned.items():
        if key not in index:
            raise ValueError(f'no deliverable has the key "{key}"')
        v = place[index[key]]
        fixed[v], es[v], dur[v] = True, start_week, max(0, finish_week - start_week)
    ef = [0] * n
    first, other, kinds, lags = preds
    for v in range(n):
        d = dur[v]
        if fixed[v]:
            ef[v] = es[v] + d
            continue
        week = es[v]
        for j in range(first[v], first[v + 1]):
            p, kind, lag = other[j], kinds[j], lags[j]
            # _bound inlined: this loop runs once per link on plans of tens of thousands.
            bound = ef[p] + lag if kind == _FS else es[p] + lag if kind == _SS else ef[p] + lag - d
            if bound > week:
                week = bound
        es[v] = week
        ef[v] = week + d

    total = max(0, max(ef, default=0))  # work pinned before the start never makes T negative
    lf = [total if due is None or due > total else due for due in (due_by_week(start, d.due_by) for d in items)]
    ls = [0] * n
    first, other, kinds, lags = succs
    for v in reversed(range(n)):
        d = dur[v]
        week = lf[v]
        for j in range(first[v], first[v + 1]):
            s, kind, lag = other[j], kinds[j], lags[j]
            bound = ls[s] - lag if kind == _FS else ls[s] - lag + d if kind == _SS else lf[s] - lag
            if bound < week:
                week = bound
        lf[v] = week
        ls[v] = week - d

    sort_keys = [(es[v], phase[v], _PILLAR_RANK[d.pillar], d.key) for v, d in enumerate(items)]
    order = sorted(range(n), key=sort_keys.__getitem__)
    rank = [0] * n
    for r, v in enumerate(order):
        rank[v] = r
    critical = [ls[v] <= es[v] and not in_place[v] for v in range(n)]
    by_phase: list[list[str]] = [[] for _ in range(phase[-1] if n else 0)]
    for v in order:
        by_phase[phase[v] - 1].append(items[v].key)

    day, day0 = date.fromordinal, start.toordinal()
    if day0 + 7 * total > date.max.toordinal():
        raise ScheduleError(
            N_(
                "the schedule would run %(weeks)d weeks, past the end of the calendar; "
                "check the durations, lags and dates"
            ),
            weeks=total,
        )
    return Schedule(
        start_date=start,
        finish_date=start + timedelta(days=7 * total - 1) if total else start,
        duration_weeks=total,
        critical_path=tuple(
            items[v].key for v in _critical_path(order, rank, preds, succs, es, ef, dur, critical, total)
        ),
        phases=tuple(tuple(keys) for keys in by_phase),
        deliverables=tuple(
            ScheduledDeliverable(
                key=items[v].key,
                title=items[v].title,
                pillar=items[v].pillar,
                phase=phase[v],
                es=es[v],
                ef=ef[v],
                ls=ls[v],
                lf=lf[v],
                slack=ls[v] - es[v],
                critical=critical[v],
                start=day(day0 + 7 * es[v]),
                # A milestone is a moment, so it lands on its start day rather than the day before.
                finish=day(day0 + 7 * ef[v] - 1) if dur[v] else day(day0 + 7 * es[v]),
                duration_weeks=dur[v],
                in_place=in_place[v],
            )
            for v in order
        ),
    )


def planned_work(schedule: Schedule) -> Schedule:
    """The schedule without the work already in place: what a timeline draws and numbers as rows.

    Existing work takes no time in the plan, so a chart would show it as a milestone at the start;
    readers took it for planned work. Phases keep their numbers, less the keys left out."""
    if not any(d.in_place for d in schedule.deliverables):
        return schedule
    kept = tuple(d for d in schedule.deliverables if not d.in_place)
    keys = {d.key for d in kept}
    return replace(
        schedule,
        deliverables=kept,
        phases=tuple(tuple(k for k in phase if k in keys) for phase in schedule.phases),
    )


def schedule_document(schedule: Schedule, roadmap_id: int) -> dict[str, Any]:
    """The schedule as the JSON document that ``cop-roadmap schedule ID --json`` prints."""
    return {
        "roadmap_id": roadmap_id,
        "start_date": schedule.start_date.isoformat(),
        "finish_date": schedule.finish_date.isoformat(),
        "duration_weeks": schedule.duration_weeks,
        "critical_path": list(schedule.critical_path),
        "phases": [list(keys) for keys in schedule.phases],
        "deliverables": [
            {
                "key": d.key,
                "title": d.title,
                "pillar": d.pillar.value,
                "phase": d.phase,
                "es": d.es,
                "ef": d.ef,
                "ls": d.ls,
                "lf": d.lf,
                "slack": d.slack,
                "critical": d.critical,
                "start": d.start.isoformat(),
                "finish": d.finish.isoformat(),
            }
            for d in schedule.deliverables
        ],
    }


def _index_by_key(items: tuple[Deliverable, ...]) -> dict[str, int]:
    index = {d.key: v for v, d in enumerate(items)}
    if len(index) < len(items):
        # The dict kept each key's last place, so the first deliverable not at its own place repeats.
        twice = next(d.key for v, d in enumerate(items) if index[d.key] != v)
        raise ValueError(f'two deliverables share the key "{twice}"')
    return index


def _links_by_number(plan: Plan, index: dict[str, int]) -> _Columns:
    # Each link as four parallel columns (predecessor, successor, kind, lag), ends by place in the plan.
    size = len(plan.dependencies)
    src, dst, kinds, lags = [0] * size, [0] * size, [0] * size, [0] * size
    for j, dep in enumerate(plan.dependencies):
        p, s = index.get(dep.predecessor), index.get(dep.successor)
        if p is None or s is None:
            unknown = dep.predecessor if p is None else dep.successor
            raise ValueError(f'a dependency names "{unknown}", which is not a deliverable of the plan')
        src[j], dst[j], kinds[j], lags[j] = p, s, _KIND[dep.type], dep.lag_weeks
    return src, dst, kinds, lags


def _topological_order(plan: Plan, links: _Columns) -> tuple[list[int], list[int]]:
    # One networkx pass gives both the order and the phases: a topological generation is exactly
    # "1 + the largest phase among the predecessors". Phases are returned by place in the order.
    graph = nx.DiGraph()
    graph.add_nodes_from(range(len(plan.deliverables)))
    graph.add_edges_from(zip(links[0], links[1], strict=True))
    try:
        generations = list(nx.topological_generations(graph))
    except nx.NetworkXUnfeasible:
        # Numbers keep the usual path fast; the loop is named by keys only when there is one.
        named = build_graph(
            (d.key for d in plan.deliverables), ((x.predecessor, x.successor) for x in plan.dependencies)
        )
        raise DependencyLoopError(find_loop(named) or []) from None
    order = [v for generation in generations for v in generation]
    phase = [number for number, generation in enumerate(generations, start=1) for _ in generation]
    return order, phase


def _grouped(by: list[int], other: list[int], kinds: list[int], lags: list[int], n: int) -> _Columns:
    # Links grouped by one end, as flat columns: the links of v are first[v]:first[v + 1]. A few long
    # lists of numbers instead of a list and a tuple per link spare the garbage collector.
    first = [0] * (n + 1)
    for v in by:
        first[v + 1] += 1
    for v in range(n):
        first[v + 1] += first[v]
    slot = first[:-1]
    size = len(by)
    other_g, kinds_g, lags_g = [0] * size, [0] * size, [0] * size
    for j, v in enumerate(by):
        k = slot[v]
        slot[v] = k + 1
        other_g[k], kinds_g[k], lags_g[k] = other[j], kinds[j], lags[j]
    return first, other_g, kinds_g, lags_g


def _links_of(links: _Columns, v: int) -> list[tuple[int, int, int]]:
    first, other, kinds, lags = links
    return [(other[j], kinds[j], lags[j]) for j in range(first[v], first[v + 1])]


def _bound(kind: int, lag: int, es: int, ef: int, duration: int) -> int:
    # The earliest start a link allows its successor, given the predecessor's ES and EF.
    return ef + lag if kind == _FS else es + lag if kind == _SS else ef + lag - duration


def _critical_path(
    order: list[int],
    rank: list[int],
    preds: _Columns,
    succs: _Columns,
    es: list[int],
    ef: list[int],
    dur: list[int],
    critical: list[bool],
    total: int,
) -> list[int]:
    # Anything with EF = T has LF ≤ T = EF, so it is critical; one of them hands on to no other.
    current = next(
        (
            v
            for v in order
            if ef[v] == total
            and not any(
                ef[s] == total and _bound(kind, lag, es[v], ef[v], dur[s]) == es[s]
                for s, kind, lag in _links_of(succs, v)
            )
        ),
        None,
    )
    if current is None:
        return []
    chain = [current]
    while True:
        binding = [
            p
            for p, kind, lag in _links_of(preds, current)
            if critical[p] and _bound(kind, lag, es[p], ef[p], dur[current]) == es[current]
        ]
        if not binding:
            break
        current = min(binding, key=rank.__getitem__)
        chain.append(current)
    chain.reverse()
    return chain
