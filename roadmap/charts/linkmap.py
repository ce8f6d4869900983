"""The dependency graph in detail, a few pillars a page: each deliverable a row, its links drawn beside it.

Laid out in phase columns, one pillar of a plan that runs over a dozen phases is several pages wide.
Here the pillar's deliverables are rows in sequence order, so a pillar of a dozen deliverables fits a
page whatever its phases: a link between two deliverables on the page is an arc in the margin from one
row to the other, and a link to a deliverable printed on another page is written out in full at the
row's side, with the other end's key and title, so no link is a dangling stub.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from roadmap.charts._graphics import ARROW, CRITICAL_W, DASHES, EDGE, EDGE_W, lag_text
from roadmap.charts._svg import (
    CRITICAL,
    GRID,
    INK,
    MUTED,
    PILLAR_COLOURS,
    SWATCH_H,
    SWATCH_W,
    Gettext,
    Mirror,
    attrs,
    diamond,
    document,
    identity,
    legend,
    line_swatch,
    nothing_to_show,
    num,
    text,
    text_width,
    tooltip,
    truncate,
    wrap,
)
from roadmap.plan import Dependency, Plan
from roadmap.sequencing import Schedule, ScheduledDeliverable
from roadmap.vocabulary import DependencyType, Pillar

PAD = 8
SIZE = 10  # the charts' smallest text: the page budget shrinks it at most to 7pt
LANE = 8  # between two arcs side by side
BOX_W = 290
PHASE_W = 60
MIN_END_W = 130  # a link away, listed in a column this narrow, still shows its key and a few words
LINE = 12
BOX_H = 2 * LINE + 9
BOX_H_COMPACT = LINE + 9  # a title on one line, for a page of many rows
ROW_GAP = 3
END_H, END_GAP = 15, 3  # a line naming a deliverable on another page
HEAD_H = 20  # the column headings
BAND_H = 18  # a pillar's name above its rows


@dataclass(frozen=True, slots=True)
class _Row:
    d: ScheduledDeliverable
    top: float
    height: float
    waits_on: list[Dependency]  # links from deliverables on other pages
    hands_on: list[Dependency]  # links to deliverables on other pages


def link_map_svg(
    plan: Plan,
    schedule: Schedule,
    keys: Collection[str],
    *,
    gettext: Gettext = identity,
    rtl: bool = False,
    width: int = 1000,
    heading: str | None = None,
    compact: bool = False,
) -> str:
    """The deliverables with ``keys``, by pillar and in sequence order, and every link they have;
    ``compact`` boxes give their titles one line, so more rows fit a page."""
    _ = gettext
    title = _("Dependency graph") if heading is None else _("Dependency graph: {part}").format(part=heading)
    wanted = set(keys)
    shown = [d for pillar in Pillar for d in schedule.deliverables if d.pillar is pillar and d.key in wanted]
    if not shown:
        return nothing_to_show(_("Nothing to show: there are no deliverables to chart."), title)
    inside = {d.key for d in shown}
    arcs = [x for x in plan.dependencies if x.predecessor in inside and x.successor in inside]
    on_path = set(schedule.critical_path)
    path = set(zip(schedule.critical_path, schedule.critical_path[1:], strict=False))
    rank = {d.key: i for i, d in enumerate(schedule.deliverables)}

    def away(d: ScheduledDeliverable, end: str) -> list[Dependency]:
        mine, other = ("successor", "predecessor") if end == "in" else ("predecessor", "successor")
        links = [x for x in plan.dependencies if getattr(x, mine) == d.key and getattr(x, other) not in inside]
        return sorted(links, key=lambda x: rank[getattr(x, other)])

    row_of = {d.key: n for n, d in enumerate(shown)}
    lanes = _lanes([(row_of[x.predecessor], row_of[x.successor]) for x in arcs])
    gutter = 14 + (max(lanes, default=-1) + 1) * LANE
    box_x = PAD + gutter
    ends_x = box_x + BOX_W + PHASE_W + 10
    ends_w = (width - PAD - ends_x - 10) / 2
    box_h = BOX_H_COMPACT if compact else BOX_H
    # A long list of links away runs in two columns side by side, when each can still show a title.
    split = 2 if ends_w / 2 >= MIN_END_W else 1

    def lines(count: int) -> int:
        return -(-count // (split if count > 2 else 1))

    # Rows: a band naming each pillar, then its deliverables, each as tall as the links it lists.
    rows: list[_Row] = []
    bands: list[tuple[Pillar, float]] = []
    y = PAD + HEAD_H
    for d in shown:
        if not bands or bands[-1][0] is not d.pillar:
            bands.append((d.pillar, y))
            y += BAND_H
        waits_on, hands_on = away(d, "in"), away(d, "out")
        listed = max(lines(len(waits_on)), lines(len(hands_on)))
        height = max(box_h, listed * (END_H + END_GAP) - END_GAP)
        rows.append(_Row(d, y, height, waits_on, hands_on))
        y += height + ROW_GAP
    bottom = y
    mirror = Mirror(width, rtl)

    body = [_headings(box_x, ends_x, ends_w, bands, bottom, width, mirror, _)]
    ports = _ports(arcs, rows, row_of, box_h)
    for x, lane in sorted(zip(arcs, lanes, strict=True), key=lambda a: (a[0].predecessor, a[0].successor) in path):
        critical = (x.predecessor, x.successor) in path
        body.append(_arc(x, box_x - 8 - lane * LANE, box_x, ports, critical, mirror, _))
    for r in rows:
        body.append(_box(r.d, box_x, r.top, box_h, r.d.key in on_path, mirror, _))
        for column, links, end in ((0, r.waits_on, "predecessor"), (1, r.hands_on, "successor")):
            per_column = lines(len(links))
            w = ends_w if per_column == len(links) else (ends_w - 8) / split
            for n, x in enumerate(links):
                down, across = n % per_column, n // per_column
                left = ends_x + column * (ends_w + 10) + across * (w + 8)
                critical = (x.predecessor, x.successor) in path
                other = schedule.get(getattr(x, end))
                body.append(_far_end(other, x, left, r.top + down * (END_H + END_GAP), w, critical, mirror, _))
    key, key_h = legend(_legend_items(_), _("Legend"), bottom + 6, width, mirror)
    body.append(key)
    desc = _(
        "{count} deliverables by pillar in sequence order, {links} links between them drawn as arcs from one "
        "to the other, and the links to deliverables on other pages listed beside each, with their key and title."
    ).format(count=len(shown), links=len(arcs))
    return document(width, bottom + 6 + key_h + PAD, title, desc, body)


def _lanes(spans: list[tuple[int, int]]) -> list[int]:
    """A lane for each arc, short arcs nearest the boxes, so no two arcs in a lane share a row."""
    lanes = [0] * len(spans)
    taken: list[list[tuple[int, int]]] = []
    for i in sorted(range(len(spans)), key=lambda i: (abs(spans[i][1] - spans[i][0]), min(spans[i]))):
        low, high = sorted(spans[i])
        lane = next(
            (n for n, held in enumerate(taken) if all(high < a or low > b for a, b in held)),
            len(taken),
        )
        if lane == len(taken):
            taken.append([])
        taken[lane].append((low, high))
        lanes[i] = lane
    return lanes


def _ports(
    arcs: list[Dependency], rows: list[_Row], row_of: dict[str, int], box_h: float
) -> dict[tuple[tuple[str, str], str], float]:
    # Each box's arcs meet its left edge at points of their own: leaving from the upper part, arriving
    # at the lower, each side in the order of the rows at the other end, so arcs do not cross there.
    ends: dict[str, list[tuple[int, tuple[str, str], str]]] = {}
    for x in arcs:
        link = (x.predecessor, x.successor)
        ends.setdefault(x.predecessor, []).append((row_of[x.successor], link, "out"))
        ends.setdefault(x.successor, []).append((row_of[x.predecessor], link, "in"))
    ports: dict[tuple[tuple[str, str], str], float] = {}
    for key, mine in ends.items():
        r = rows[row_of[key]]
        ordered = sorted(mine, key=lambda m: (m[2] == "in", m[0]))
        for i, (_other, link, side) in enumerate(ordered):
            ports[(link, side)] = r.top + 3 + (box_h - 6) * (i + 1) / (len(ordered) + 1)
    return ports


def _arc(x: Dependency, lane_x: float, box_x: float, ports, critical: bool, mirror: Mirror, _: Gettext) -> str:
    colour, stroke_w = (CRITICAL, CRITICAL_W) if critical else (EDGE, EDGE_W)
    link = (x.predecessor, x.successor)
    y1, y2 = ports[(link, "out")], ports[(link, "in")]
    r = min(6.0, abs(y2 - y1) / 2, (box_x - lane_x) / 2)
    down = 1 if y2 > y1 else -1
    d = (
        f"M{num(mirror.x(box_x))},{num(y1)} H{num(mirror.x(lane_x + r))}"
        f" Q{num(mirror.x(lane_x))},{num(y1)} {num(mirror.x(lane_x))},{num(y1 + down * r)}"
        f" V{num(y2 - down * r)} Q{num(mirror.x(lane_x))},{num(y2)} {num(mirror.x(lane_x + r))},{num(y2)}"
        f" H{num(mirror.x(box_x - ARROW))}"
    )
    head = [(box_x, y2), (box_x - ARROW - 1, y2 - 4), (box_x - ARROW - 1, y2 + 4)]
    lag = f", {lag_text(x.lag_weeks, _)}" if x.lag_weeks else ""
    hover = f"{x.predecessor} → {x.successor}: {_(x.type.label)}{lag}"
    return (
        f"<g{attrs(cls='edge', data_from=x.predecessor, data_to=x.successor, data_type=x.type.value)}"
        f"{attrs(data_critical='true' if critical else 'false')}>{tooltip(hover)}"
        f"<path{attrs(d=d, fill='none', stroke=colour, stroke_width=stroke_w, stroke_dasharray=DASHES[x.type])}"
        f"{attrs(stroke_linecap='round' if x.type is DependencyType.FINISH_TO_FINISH else None)}/>"
        f"<polygon{attrs(points=' '.join(f'{num(mirror.x(px))},{num(py)}' for px, py in head), fill=colour)}/></g>"
    )


def _box(d: ScheduledDeliverable, x: float, top: float, box_h: float, on_path: bool, mirror: Mirror, _: Gettext) -> str:
    colour = PILLAR_COLOURS[d.pillar]
    stroke = attrs(stroke=CRITICAL, stroke_width=3) if on_path else attrs(stroke=colour, stroke_width=1.2)
    when = (  # existing work has no dates in the plan
        _("Already in place")
        if d.in_place
        else d.start.isoformat()
        if d.duration_weeks == 0
        else f"{d.start.isoformat()} – {d.finish.isoformat()}"
    )
    hover = f"{d.key} — {d.title} ({_('Phase {number}').format(number=d.phase)}; {when})"
    parts = [
        f"<g{attrs(cls='node', data_key=d.key, data_pillar=d.pillar.value, data_phase=d.phase)}>{tooltip(hover)}",
        f"<rect{attrs(cls='box', x=mirror.left(x, BOX_W), y=top, width=BOX_W, height=box_h, rx=4, fill='#ffffff')}"
        f"{stroke}/>",
        f"<rect{attrs(x=mirror.left(x + 1.5, 4), y=top + 1.5, width=4, height=box_h - 3, fill=colour)}/>",
    ]
    key_w = text_width(d.key, SIZE + 1, bold=True)
    parts.append(text(mirror.x(x + 10), top + 15, d.key, size=SIZE + 1, bold=True, anchor=mirror.anchor("start")))
    for n, line in enumerate(wrap(d.title, BOX_W - key_w - 22, SIZE + 1, 1 if box_h == BOX_H_COMPACT else 2)):
        parts.append(
            text(
                mirror.x(x + key_w + 16),
                top + 15 + n * (LINE + 1),
                line,
                size=SIZE + 1,
                anchor=mirror.anchor("start"),
                cls="title",
            )
        )
    phase = truncate(_("Phase {number}").format(number=d.phase), PHASE_W, SIZE)
    parts.append(text(mirror.x(x + BOX_W + 8), top + 15, phase, size=SIZE, fill=MUTED, anchor=mirror.anchor("start")))
    if d.duration_weeks == 0:  # a milestone: a diamond after its phase, as in the other charts
        parts.append(diamond(x + BOX_W + 14 + text_width(phase, SIZE), top + 11, 5, mirror, INK))
    parts.append("</g>")
    return "".join(parts)


def _far_end(
    other: ScheduledDeliverable,
    x: Dependency,
    left: float,
    top: float,
    w: float,
    critical: bool,
    mirror: Mirror,
    _: Gettext,
) -> str:
    # A short line in the link's style and weight, then the other end's key and title in its pillar's colour.
    colour, stroke_w = (CRITICAL, CRITICAL_W) if critical else (EDGE, EDGE_W)
    mid = top + END_H / 2
    lag = f" ({lag_text(x.lag_weeks, _)})" if x.lag_weeks else ""
    hover = f"{x.predecessor} → {x.successor}: {_(x.type.label)}{lag}"
    key_w = text_width(other.key, SIZE, bold=True)
    label_x = left + 26
    # The lag before the title, so a long title never cuts it off.
    title = truncate(f"{lag.strip()} {other.title}".lstrip(), w - 26 - key_w - 14, SIZE)
    return (
        f"<g{attrs(cls='far-end', data_from=x.predecessor, data_to=x.successor, data_other=other.key)}>{tooltip(hover)}"
        f"<line{attrs(x1=mirror.x(left), y1=mid, x2=mirror.x(left + 20), y2=mid, stroke=colour, stroke_width=stroke_w)}"
        f"{attrs(stroke_dasharray=DASHES[x.type])}/>"
        f"<rect{attrs(x=mirror.left(label_x - 2, 4), y=top + 1, width=4, height=END_H - 2)}"
        f"{attrs(fill=PILLAR_COLOURS[other.pillar])}/>"
        + text(mirror.x(label_x + 6), mid + 3.5, other.key, size=SIZE, bold=True, anchor=mirror.anchor("start"))
        + text(mirror.x(label_x + 10 + key_w), mid + 3.5, title, size=SIZE, anchor=mirror.anchor("start"), cls="title")
        + "</g>"
    )


def _headings(box_x: float, ends_x: float, ends_w: float, bands, bottom: float, width: float, mirror: Mirror, _) -> str:
    parts = ['<g class="headings">']
    for label, left, w in (
        (_("Deliverable"), box_x, BOX_W),
        (_("Waits on, on other pages"), ends_x, ends_w),
        (_("Hands on to, on other pages"), ends_x + ends_w + 10, ends_w),
    ):
        parts.append(
            text(
                mirror.x(left),
                PAD + 13,
                truncate(label, w, SIZE, bold=True),
                size=SIZE,
                bold=True,
                anchor=mirror.anchor("start"),
            )
        )
    parts.append(f"<line{attrs(x1=PAD, y1=PAD + HEAD_H - 4, x2=width - PAD, y2=PAD + HEAD_H - 4, stroke=GRID)}/>")
    for pillar, top in bands:
        colour = PILLAR_COLOURS[pillar]
        parts.append(
            f"<rect{attrs(x=mirror.left(box_x, 5), y=top + 3, width=5, height=BAND_H - 6, fill=colour)}/>"
            + text(
                mirror.x(box_x + 10),
                top + 13,
                _(pillar.label),
                size=SIZE + 1,
                bold=True,
                fill=colour,
                anchor=mirror.anchor("start"),
            )
        )
    for left in (ends_x - 6, ends_x + ends_w + 4):
        parts.append(
            f"<line{attrs(x1=mirror.x(left), y1=PAD + HEAD_H - 4, x2=mirror.x(left), y2=bottom, stroke=GRID)}/>"
        )
    parts.append("</g>")
    return "".join(parts)


def _legend_items(_: Gettext) -> list:
    items: list = [(line_swatch(EDGE, 2, DASHES[t]), _(t.label)) for t in DependencyType]
    items.append((line_swatch(CRITICAL, CRITICAL_W, None), _("Critical path")))
    items.append(
        (
            lambda x, y: (
                f"<rect{attrs(x=x + 1, y=y + 1, width=SWATCH_W - 2, height=SWATCH_H - 2, rx=3, fill='#ffffff')}"
                f"{attrs(stroke=CRITICAL, stroke_width=3)}/>"
            ),
            _("On the critical path"),
        )
    )
    items.append((lambda x, y: diamond(x + 12, y + 7, 5, Mirror(0, False), INK), _("Milestone")))
    return items
