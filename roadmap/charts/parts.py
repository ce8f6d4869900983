"""Splitting a large dependency graph into parts a printed page can hold: by pillar, then by phases."""

from __future__ import annotations

from dataclasses import dataclass

from roadmap.charts._svg import Gettext, identity
from roadmap.charts.depgraph import graph_svg
from roadmap.plan import Plan
from roadmap.sequencing import Schedule, ScheduledDeliverable
from roadmap.vocabulary import Pillar

Group = tuple[str, list[ScheduledDeliverable]]


@dataclass(frozen=True, slots=True)
class GraphPart:
    """One part of the dependency graph: its title, its deliverables in sequence order, and the SVG."""

    title: str
    keys: tuple[str, ...]
    svg: str


def graph_parts(
    plan: Plan,
    schedule: Schedule,
    *,
    max_nodes: int = 80,
    max_phases: int | None = None,
    gettext: Gettext = identity,
    rtl: bool = False,
) -> list[GraphPart]:
    """The graph whole when it has at most max_nodes deliverables, else one part per pillar, cut by phases if need be.

    Every deliverable is in exactly one part, and a part's links to deliverables in other parts are
    drawn as stubs naming the other end. ``max_phases`` also caps the phase columns of a part (runs of
    whole phases), which is what keeps a graph legible on a printed page: its width grows with phases.
    """
    groups = graph_groups(schedule, max_nodes=max_nodes, max_phases=max_phases, gettext=gettext)
    whole = len(groups) == 1
    return [
        GraphPart(
            title,
            keys,
            graph_svg(plan, schedule, keys=None if whole else keys, gettext=gettext, rtl=rtl, heading=title),
        )
        for title, keys in groups
    ]


def graph_groups(
    schedule: Schedule, *, max_nodes: int = 80, max_phases: int | None = None, gettext: Gettext = identity
) -> list[tuple[str, tuple[str, ...]]]:
    """The parts graph_parts would draw, as (title, keys), without drawing them: a web page draws only one."""
    if max_nodes < 1 or (max_phases is not None and max_phases < 1):
        raise ValueError("max_nodes and max_phases must be at least 1")
    _ = gettext
    everything = list(schedule.deliverables)
    groups: list[Group] = []
    if len(everything) <= max_nodes:
        groups += _by_phases(None, everything, max_nodes, max_phases, _)
    else:
        for pillar in Pillar:
            items = [d for d in everything if d.pillar is pillar]
            groups += _by_phases(_(pillar.label), items, max_nodes, max_phases, _)
    if not groups:
        groups.append((_("All deliverables"), []))
    return [(title, tuple(d.key for d in items)) for title, items in groups]


def _by_phases(name: str | None, items: list[ScheduledDeliverable], max_nodes, max_phases, _: Gettext) -> list[Group]:
    # Runs of whole phases, each as long as both limits allow; a phase too big alone is cut in sequence order.
    by_phase: dict[int, list[ScheduledDeliverable]] = {}
    for d in items:
        by_phase.setdefault(d.phase, []).append(d)
    if len(items) <= max_nodes and (max_phases is None or len(by_phase) <= max_phases):
        return [(name or _("All deliverables"), items)] if items else []
    out: list[Group] = []
    run: list[int] = []

    def close() -> None:
        if run:
            first, last = run[0], run[-1]
            if name is None:
                label = _("Phase {number}") if first == last else _("Phases {first}–{last}")
            else:
                label = _("{pillar}, phase {number}") if first == last else _("{pillar}, phases {first}–{last}")
            label = label.format(pillar=name, number=first, first=first, last=last)
            out.append((label, [d for d in items if d.phase in run]))
            run.clear()

    phases = sorted(by_phase)
    # Even runs of phases (13 phases at most 4 a part: 4, 3, 3, 3), then cut further where too many nodes.
    runs = 1 if max_phases is None else -(-len(phases) // max_phases)
    size, extra = divmod(len(phases), runs)
    at = 0
    for r in range(runs):
        for phase in phases[at : at + size + (1 if r < extra else 0)]:
            count = len(by_phase[phase])
            if count > max_nodes:
                close()
                chunks = [by_phase[phase][i : i + max_nodes] for i in range(0, count, max_nodes)]
                for n, chunk in enumerate(chunks, start=1):
                    label = (
                        _("Phase {number} (part {part} of {parts})")
                        if name is None
                        else _("{pillar}, phase {number} (part {part} of {parts})")
                    )
                    out.append((label.format(pillar=name, number=phase, part=n, parts=len(chunks)), chunk))
                continue
            if sum(len(by_phase[p]) for p in run) + count > max_nodes:
                close()
            run.append(phase)
        close()
        at += size + (1 if r < extra else 0)
    return out
