"""The dependency graph: deliverables as boxes in phase columns, links as arrows styled by their type."""

from __future__ import annotations

from collections.abc import Collection

from roadmap.charts._graphics import (
    ARROW,
    NODE_H,
    NODE_W,
    STUB,
    STUB_ROOM,
    Box,
    edge,
    lag_label,
    legend_items,
    node,
    place_lags,
    port_name,
    stub,
)
from roadmap.charts._svg import Gettext, Mirror, document, identity, legend, nothing_to_show, text
from roadmap.charts.layout import layered_layout
from roadmap.plan import Dependency, Plan
from roadmap.sequencing import Schedule

MARGIN = 12
HEAD_H = 28  # the "Phase N" column headings
COL_GAP = 96  # room between columns for curves and lag labels


def graph_svg(
    plan: Plan,
    schedule: Schedule,
    *,
    keys: Collection[str] | None = None,
    gettext: Gettext = identity,
    rtl: bool = False,
    heading: str | None = None,
) -> str:
    """The dependency graph of the plan (or of only ``keys``, with stubs for links leaving them) as SVG."""
    _ = gettext
    title = _("Dependency graph") if heading is None else _("Dependency graph: {part}").format(part=heading)
    wanted = None if keys is None else set(keys)
    if wanted is not None:
        missing = sorted(wanted.difference(d.key for d in schedule.deliverables))
        if missing:
            raise KeyError(f"not in the schedule: {', '.join(missing)}")
    shown = [d for d in schedule.deliverables if wanted is None or d.key in wanted]
    if not shown:
        return nothing_to_show(_("Nothing to show: there are no deliverables to chart."), title)
    inside = {d.key for d in shown}
    links = [x for x in plan.dependencies if x.predecessor in inside and x.successor in inside]
    stubs_in: dict[str, list[Dependency]] = {}
    stubs_out: dict[str, list[Dependency]] = {}
    for x in plan.dependencies:
        if (x.predecessor in inside) != (x.successor in inside):
            side = stubs_in if x.successor in inside else stubs_out
            side.setdefault(x.successor if x.successor in inside else x.predecessor, []).append(x)

    # Columns are the schedule's phases that have something to show; sequence order starts each column.
    phases = sorted({d.phase for d in shown})
    column_of = {p: c for c, p in enumerate(phases)}
    columns: list[list[str]] = [[] for _ in phases]
    for d in shown:
        columns[column_of[d.phase]].append(d.key)
    layout = layered_layout(
        columns, [(x.predecessor, x.successor) for x in links], node_height=NODE_H, node_gap=14, point_gap=12
    )
    keys_by_number = [k for col in columns for k in col]
    left = MARGIN + (STUB + STUB_ROOM if stubs_in else 0)
    # With stubs, a gap holds a stub and its name tag from each side without the two ever meeting.
    pitch = NODE_W + (max(COL_GAP, 2 * (STUB + STUB_ROOM)) if stubs_in or stubs_out else COL_GAP)
    top = MARGIN + HEAD_H
    content_w = left + len(phases) * pitch - (pitch - NODE_W) + (STUB + STUB_ROOM if stubs_out else 0) + MARGIN
    width = max(content_w, 680)
    height_nodes = max((y + NODE_H / 2 for v, y in enumerate(layout.y) if v < layout.real), default=0)
    mirror = Mirror(width, rtl)
    path = set(zip(schedule.critical_path, schedule.critical_path[1:], strict=False))
    on_path = set(schedule.critical_path)
    boxes = {
        k: Box(schedule.get(k), left + layout.column[v] * pitch, top + layout.y[v] - NODE_H / 2, k in on_path)
        for v, k in enumerate(keys_by_number)
    }

    def point_x(v: int, leaving: bool) -> float:
        # A placeholder is crossed by a straight run the width of a box, so curves bend only between columns.
        x = left + layout.column[v] * pitch
        return x + NODE_W if leaving else x

    ports_out: dict[int, list[tuple[float, int]]] = {}
    ports_in: dict[int, list[tuple[float, int]]] = {}
    for e, chain in enumerate(layout.chains):
        ports_out.setdefault(chain[0], []).append((layout.y[chain[1]], e))
        ports_in.setdefault(chain[-1], []).append((layout.y[chain[-2]], e))
    number = {k: v for v, k in enumerate(keys_by_number)}
    port_y: dict[tuple[int, str], float] = {}
    for ports, side, stubs in ((ports_out, "out", stubs_out), (ports_in, "in", stubs_in)):
        for v in range(layout.real):
            slots: list[object] = [e for _, e in sorted(ports.get(v, []))]
            if keys_by_number[v] in stubs:
                # Stubs leave from the top and arrive at the bottom, with a slot kept free beside them,
                # so the name tags of two stubs in one gap between columns rarely meet.
                slots = ["stub", None, *slots] if side == "out" else [*slots, None, "stub"]
            box_top = top + layout.y[v] - NODE_H / 2
            for i, slot in enumerate(slots):
                if slot is not None:
                    port_y[(port_name(slot, v), side)] = box_top + 9 + (NODE_H - 18) * (i + 1) / (len(slots) + 1)

    body: list[str] = []
    for c, phase in enumerate(phases):
        body.append(
            text(
                mirror.x(left + c * pitch + NODE_W / 2),
                MARGIN + 14,
                _("Phase {number}").format(number=phase),
                anchor="middle",
                bold=True,
                cls="phase",
            )
        )
    paths = []
    for e, x in enumerate(links):
        chain = layout.chains[e]
        points = [(point_x(chain[0], True), port_y[(e, "out")])]
        for v in chain[1:-1]:
            points += [(point_x(v, False), top + layout.y[v]), (point_x(v, True), top + layout.y[v])]
        points.append((point_x(chain[-1], False) - ARROW, port_y[(e, "in")]))
        paths.append((x, points))
    # Critical links last, so they are drawn over the others.
    for x, points in sorted(paths, key=lambda p: (p[0].predecessor, p[0].successor) in path):
        body.append(edge(x, points, (x.predecessor, x.successor) in path, mirror, _))
    taken = [(b.x, b.y, b.x + NODE_W, b.y + NODE_H) for b in boxes.values()]
    for incoming, side in ((True, stubs_in), (False, stubs_out)):
        for k, stubs in sorted(side.items()):
            svg, tag = stub(
                boxes[k], stubs, port_y[((number[k], "stub"), "in" if incoming else "out")], incoming, mirror, _
            )
            body.append(svg)
            taken.append(tag)
    for x, cx, cy, label, w in place_lags(paths, taken, _):
        body.append(lag_label(x, cx, cy, label, w, (x.predecessor, x.successor) in path, mirror))
    for k in keys_by_number:
        body.append(node(boxes[k], mirror, _))
    key, key_h = legend(
        legend_items(_, bool(stubs_in or stubs_out)), _("Legend"), top + height_nodes + 20, width, mirror
    )
    body.append(key)
    desc = _(
        "{count} deliverables in {phases} phase columns and {links} links. Each arrow points from a deliverable to "
        "one that waits on it; solid, dashed and dotted lines are finish-to-start, start-to-start and "
        "finish-to-finish links. The critical path is drawn with thick dark lines and outlines."
    ).format(count=len(shown), phases=len(phases), links=len(links))
    if schedule.critical_path:
        desc += " " + _("Critical path: {keys}.").format(keys=" → ".join(schedule.critical_path))
    return document(width, top + height_nodes + 20 + key_h + MARGIN, title, desc, body)
