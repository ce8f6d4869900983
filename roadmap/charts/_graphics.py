"""Drawing the dependency graph's pieces: boxes, arrows, stubs, lag labels and the legend."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from roadmap.charts._svg import (
    CRITICAL,
    PILLAR_COLOURS,
    PILLAR_TAGS,
    Gettext,
    Mirror,
    attrs,
    fill_swatch,
    line_swatch,
    num,
    text,
    text_swatch,
    text_width,
    tooltip,
    truncate,
    wrap,
)
from roadmap.plan import Dependency
from roadmap.sequencing import ScheduledDeliverable
from roadmap.vocabulary import DependencyType, Pillar

NODE_W, NODE_H, BAND = 176, 54, 19
STUB = 22  # a stub's arrow
STUB_ROOM = 68  # beyond a stub's arrow, for its name tag
ARROW = 9
SIZE = 11  # never smaller: the PDF scales a wide graph down to fit the page
EDGE, EDGE_W, CRITICAL_W = "#5c5c5c", 1.4, 3.2

# Solid, dashed, dotted: the link type can be told apart without colour.
DASHES = {
    DependencyType.FINISH_TO_START: None,
    DependencyType.START_TO_START: "9 5",
    DependencyType.FINISH_TO_FINISH: "1.5 4.5",
}


@dataclass(frozen=True, slots=True)
class Box:
    """A deliverable's box: left and top edges in left-to-right coordinates."""

    d: ScheduledDeliverable
    x: float
    y: float
    on_path: bool


Rect = tuple[float, float, float, float]  # left, top, right, bottom


def lag_text(lag: int, _: Gettext) -> str:
    """A lag as "+4w" or "−2w" (a true minus sign)."""
    return _("{lag}w").format(lag=f"+{lag}" if lag > 0 else f"−{-lag}")


def place_lags(paths: list[tuple[Dependency, list[tuple[float, float]]]], taken: list[Rect], _: Gettext) -> list:
    """Where each lagged link's label goes: on its first or last curve, clear of boxes and other labels if it can."""
    placed = []
    taken = list(taken)
    for x, points in paths:
        if not x.lag_weeks:
            continue
        label = lag_text(x.lag_weeks, _)
        w = text_width(label, SIZE, bold=True) + 6
        curves = [(points[0], points[1])]
        if len(points) > 2:
            curves.append((points[-2], points[-1]))
        spots = [_on_curve(a, b, t) for a, b in curves for t in (0.5, 0.35, 0.65, 0.2, 0.8)]
        rects = [(cx - w / 2, cy - 8, cx + w / 2, cy + 7) for cx, cy in spots]
        free = next((r for r in rects if not any(_overlap(r, o) for o in taken)), rects[0])
        taken.append(free)
        placed.append((x, (free[0] + free[2]) / 2, free[1] + 8, label, w))
    return placed


def _on_curve(a: tuple[float, float], b: tuple[float, float], t: float) -> tuple[float, float]:
    # The curves leave and arrive level: control points halfway across at each end's height.
    (sx, sy), (ex, ey) = a, b
    mid = (sx + ex) / 2
    u = 1 - t
    x = u**3 * sx + 3 * u * u * t * mid + 3 * u * t * t * mid + t**3 * ex
    y = (u**3 + 3 * u * u * t) * sy + (3 * u * t * t + t**3) * ey
    return x, y


def _overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] + 1 and b[0] < a[2] + 1 and a[1] < b[3] + 1 and b[1] < a[3] + 1


def lag_label(x: Dependency, cx: float, cy: float, label: str, w: float, critical: bool, mirror: Mirror) -> str:
    """A lag label in a white box, centred at (cx, cy) in left-to-right coordinates."""
    colour = CRITICAL if critical else EDGE
    cx = mirror.x(cx)
    return (
        f"<g{attrs(cls='lag', data_from=x.predecessor, data_to=x.successor)}>"
        f"<rect{attrs(x=cx - w / 2, y=cy - 8, width=w, height=15, rx=3, fill='#ffffff', stroke=colour)}/>"
        + text(cx, cy + 4, label, anchor="middle", bold=True, fill=colour)
        + "</g>"
    )


def port_name(slot: object, v: int) -> object:
    """A port's name: its edge's number, or (node, "stub") for the node's stub."""
    return (v, "stub") if slot == "stub" else slot


def edge(x: Dependency, points: list[tuple[float, float]], critical: bool, mirror: Mirror, _: Gettext) -> str:
    """A link as an arrow through the given points (left-to-right coordinates), styled by its type."""
    colour, width = (CRITICAL, CRITICAL_W) if critical else (EDGE, EDGE_W)
    mx = [(mirror.x(px), py) for px, py in points]
    d = [f"M{num(mx[0][0])},{num(mx[0][1])}"]
    # Curves between columns, straight runs through them (every other step after the first).
    for i, ((sx, sy), (ex, ey)) in enumerate(itertools.pairwise(mx)):
        if i % 2:
            d.append(f"L{num(ex)},{num(ey)}")
        else:
            mid = (sx + ex) / 2
            d.append(f"C{num(mid)},{num(sy)} {num(mid)},{num(ey)} {num(ex)},{num(ey)}")
    tx, ty = points[-1]
    head = [(tx + ARROW, ty), (tx - 1, ty - (5 if critical else 4)), (tx - 1, ty + (5 if critical else 4))]
    lag_note = f", {lag_text(x.lag_weeks, _)}" if x.lag_weeks else ""
    hover = f"{x.predecessor} → {x.successor}: {_(x.type.label)}{lag_note}"
    return (
        f"<g{attrs(cls='edge', data_from=x.predecessor, data_to=x.successor, data_type=x.type.value)}"
        f"{attrs(data_critical='true' if critical else 'false')}>{tooltip(hover)}"
        f"<path{attrs(d=' '.join(d), fill='none', stroke=colour, stroke_width=width, stroke_dasharray=DASHES[x.type])}"
        f"{attrs(stroke_linecap='round' if x.type is DependencyType.FINISH_TO_FINISH else None)}/>"
        f"<polygon{attrs(points=' '.join(f'{num(mirror.x(px))},{num(py)}' for px, py in head), fill=colour)}/>"
        "</g>"
    )


def stub(box: Box, links: list[Dependency], y: float, incoming: bool, mirror: Mirror, _: Gettext) -> tuple[str, Rect]:
    """A short arrow naming the deliverables at the far end of links that leave the part shown, and its tag's place."""
    others = [x.predecessor if incoming else x.successor for x in links]
    label = truncate(", ".join(others), STUB_ROOM - 12, SIZE)
    if incoming:
        x0, x1, lx, anchor = box.x - STUB, box.x - ARROW, box.x - STUB - 3, "end"
        head = [(box.x, y), (x1 - 1, y - 4), (x1 - 1, y + 4)]
    else:
        x0, x1, lx, anchor = box.x + NODE_W, box.x + NODE_W + STUB - ARROW, box.x + NODE_W + STUB + 3, "start"
        head = [(x1 + ARROW, y), (x1 - 1, y - 4), (x1 - 1, y + 4)]
    hover = (_("Waits on {keys}") if incoming else _("Needed by {keys}")).format(keys=", ".join(others))
    # The names sit in a white tag so that links passing behind them do not strike them through.
    w = text_width(label, SIZE) + 6
    tag_left = lx - w + 3 if incoming else lx - 3
    svg = (
        f"<g{attrs(cls='stub', data_key=box.d.key, data_others=' '.join(others))}>{tooltip(hover)}"
        f"<line{attrs(x1=mirror.x(x0), y1=y, x2=mirror.x(x1), y2=y, stroke=EDGE, stroke_width=EDGE_W)}/>"
        f"<polygon{attrs(points=' '.join(f'{num(mirror.x(px))},{num(py)}' for px, py in head), fill=EDGE)}/>"
        f"<rect{attrs(x=mirror.left(tag_left, w), y=y - 8, width=w, height=15, rx=7, fill='#ffffff', stroke=EDGE)}/>"
        + text(mirror.x(lx), y + 4, label, anchor=mirror.anchor(anchor), cls="others")
        + "</g>"
    )
    return svg, (tag_left, y - 8, tag_left + w, y + 7)


def node(box: Box, mirror: Mirror, _: Gettext) -> str:
    """A deliverable's box: key and pillar in a band of the pillar's colour, then the title."""
    d = box.d
    colour = PILLAR_COLOURS[d.pillar]
    x, y = mirror.left(box.x, NODE_W), box.y
    tag = _(PILLAR_TAGS[d.pillar])
    tag_w = text_width(tag, SIZE)
    when = (  # existing work has no dates in the plan
        _("Already in place")
        if d.in_place
        else d.start.isoformat()
        if d.duration_weeks == 0
        else f"{d.start.isoformat()} – {d.finish.isoformat()}"
    )
    hover = f"{d.key} — {d.title} ({_(d.pillar.label)}; {_('Phase {number}').format(number=d.phase)}; {when}"
    hover += f"; {_('Critical path')})" if box.on_path else ")"
    band = (
        f"M{num(x)},{num(y + BAND)} V{num(y + 5)} Q{num(x)},{num(y)} {num(x + 5)},{num(y)} H{num(x + NODE_W - 5)}"
        f" Q{num(x + NODE_W)},{num(y)} {num(x + NODE_W)},{num(y + 5)} V{num(y + BAND)} Z"
    )
    parts = [
        f"<g{attrs(cls='node', data_key=d.key, data_phase=d.phase, data_pillar=d.pillar.value)}>{tooltip(hover)}",
        f"<rect{attrs(x=x, y=y, width=NODE_W, height=NODE_H, rx=5, fill='#ffffff')}/>",
        f"<path{attrs(d=band, fill=colour)}/>",
        text(
            mirror.x(box.x + 6),
            y + 14,
            truncate(d.key, NODE_W - tag_w - 20, SIZE, bold=True),
            bold=True,
            fill="#ffffff",
            anchor=mirror.anchor("start"),
            cls="key",
        ),
        text(mirror.x(box.x + NODE_W - 6), y + 14, tag, fill="#ffffff", anchor=mirror.anchor("end")),
    ]
    for i, line in enumerate(wrap(d.title, NODE_W - 12, SIZE, 2)):
        parts.append(
            text(mirror.x(box.x + 6), y + BAND + 14 + 13 * i, line, anchor=mirror.anchor("start"), cls="title")
        )
    stroke = attrs(stroke=CRITICAL, stroke_width=3.5) if box.on_path else attrs(stroke=colour, stroke_width=1.6)
    parts.append(f"<rect{attrs(cls='box', x=x, y=y, width=NODE_W, height=NODE_H, rx=5, fill='none')}{stroke}/></g>")
    return "".join(parts)


def legend_items(_: Gettext, stubs: bool) -> list:
    """The graph legend: link styles, the critical path, lags, stubs if any, and the pillars."""
    items: list = [(line_swatch(EDGE, 2, DASHES[t]), _(t.label)) for t in DependencyType]
    items.append((line_swatch(CRITICAL, CRITICAL_W, None), _("Critical path")))
    items.append((text_swatch(lag_text(2, _), SIZE, EDGE), _("lag in weeks")))
    if stubs:
        items.append((line_swatch(EDGE, EDGE_W, None), _("link to a deliverable not shown")))
    items += [(fill_swatch(PILLAR_COLOURS[p]), _(p.label)) for p in Pillar]
    return items
