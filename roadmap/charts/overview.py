"""The plan at a glance: every deliverable on one page, in swimlanes by pillar against a quarter axis.

Where the Gantt chart gives each deliverable a row of its own (and so runs over several pages), the
overview packs each pillar's bars into as few lines as their labels allow, so a plan of sixty
deliverables fits one landscape page and can be read whole: what each pillar does when, the phases,
the milestones and the critical path drawn through from its first deliverable to its last.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from roadmap.charts._calendar import day_at, month_starts, quarter_of, week_at
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
    fill_swatch,
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
from roadmap.charts.gantt import span_weeks
from roadmap.sequencing import Schedule, ScheduledDeliverable
from roadmap.vocabulary import Pillar

PAD = 8
LANE_LABEL_W = 112
BAND_H = 17
PHASE_ROW_H = 13
LINE_H = 13  # one line of bars in a lane
BAR_H = 10.5
LANE_PAD = 4
SIZE = 10  # the charts' smallest text: never smaller, the page budget shrinks it at most to 7pt
GAP = 6  # between one bar's label and the next bar on the same line
MIN_LABEL = 70  # a label after its bar gets at least this room: the key and a word or two
MAX_LABEL = 230
DIAMOND = 6
TODAY = "#c0001a"


@dataclass(frozen=True, slots=True)
class _Placed:
    d: ScheduledDeliverable
    line: int
    left: float  # the bar (or diamond) in left-to-right coordinates
    right: float
    label_at: float  # where its label starts; the label runs to label_end
    label_end: float
    inside: bool  # the label sits in the bar, in white


def overview_svg(
    schedule: Schedule,
    *,
    keys: Iterable[str] | None = None,
    today: date | None = None,
    gettext: Gettext = identity,
    rtl: bool = False,
    width: int = 1000,
) -> str:
    """The overview as an SVG document: the deliverables with ``keys`` (all by default), always over the
    plan's whole time span, so pages of one pillar each share one axis."""
    _ = gettext
    wanted = None if keys is None else set(keys)
    items = [d for d in schedule.deliverables if wanted is None or d.key in wanted]
    if not items:
        return nothing_to_show(_("Nothing to show: there are no deliverables to chart."), _("Plan at a glance"))
    span = max(span_weeks(schedule), 1)
    mirror = Mirror(width, rtl)
    x0, x1 = PAD + LANE_LABEL_W, width - PAD
    scale = (x1 - x0) / span

    def wx(week: float) -> float:
        return x0 + week * scale

    phases = _phase_spans(schedule, items)
    axis_bottom = PAD + 2 * BAND_H
    phase_rows = _phase_rows(phases, wx)
    top = axis_bottom + (max(phase_rows, default=-1) + 1) * PHASE_ROW_H + 6
    body: list[str] = []
    lanes: list[tuple[Pillar, list[_Placed], float]] = []
    y = top
    for pillar in Pillar:
        mine = [d for d in items if d.pillar == pillar]
        if not mine:
            continue
        placed = _pack(mine, wx, x0, x1)
        height = max(p.line for p in placed) * LINE_H + LINE_H + 2 * LANE_PAD
        lanes.append((pillar, placed, y))
        y += height
    bottom = y
    body.append(_axis(schedule.start_date, span, wx, bottom, mirror, _, x0, x1))
    body.append(_phase_band(phases, phase_rows, wx, axis_bottom, mirror, _))
    for n, (pillar, placed, lane_top) in enumerate(lanes):
        lane_bottom = lanes[n + 1][2] if n + 1 < len(lanes) else bottom
        body.append(_lane(pillar, placed, lane_top, lane_bottom, n, mirror, width, _))
    shows_today = today is not None and 0 <= week_at(schedule.start_date, today) < span
    if shows_today:
        x = wx(week_at(schedule.start_date, today))
        body.append(
            f'<g class="today"><line{attrs(x1=mirror.x(x), y1=axis_bottom, x2=mirror.x(x), y2=bottom)}'
            f"{attrs(stroke=TODAY, stroke_width=1.5, stroke_dasharray='5 3')}/></g>"
        )
    where = {p.d.key: (p, lane_top) for _pillar, placed, lane_top in lanes for p in placed}
    path = [k for k in schedule.critical_path if k in where]
    on_path = set(path)  # outlined: the path the line joins, not work that is only late
    body.append(_critical_path(path, where, mirror))
    for _pillar, placed, lane_top in lanes:
        body.extend(_item(p, p.d.key in on_path, lane_top, mirror, _) for p in placed)
    body.append(f"<line{attrs(x1=PAD, y1=bottom, x2=width - PAD, y2=bottom, stroke=MUTED)}/>")
    key, key_h = legend(_legend_items(_, lanes, shows_today, len(path) > 1), _("Legend"), bottom + 10, width, mirror)
    body.append(key)
    first, last = day_at(schedule.start_date, 0), day_at(schedule.start_date, span)
    desc = _(
        "{count} deliverables in swimlanes by pillar, from {start} to {end}. Bars show when each runs, "
        "labelled with its key; milestones are diamonds; critical deliverables are outlined in black "
        "and joined by the critical path line."
    ).format(count=len(items), start=first.isoformat(), end=last.isoformat())
    critical = [d.key for d in items if d.key in on_path]
    if critical:
        desc += " " + _("Critical: {keys}.").format(keys=", ".join(critical))
    return document(width, bottom + 10 + key_h + PAD, _("Plan at a glance"), desc, body)


def _pack(items: list[ScheduledDeliverable], wx, x0: float, x1: float) -> list[_Placed]:
    """Each deliverable on the first line of its lane where it and its label fit, in order of start."""
    ends: list[tuple[float, bool]] = []  # per line, where its last label or bar ends, and whether a label
    placed: list[_Placed] = []
    for d in sorted(items, key=lambda d: (d.es, d.ef, d.key)):
        if d.duration_weeks == 0:
            left = right = wx(d.es)
            left, right = left - DIAMOND, right + DIAMOND
        else:
            left, right = wx(d.es), wx(d.ef)
        label_w = min(text_width(f"{d.key} {d.title}", SIZE), MAX_LABEL)
        inside = d.duration_weeks > 0 and right - left >= min(label_w, MIN_LABEL) + 8
        if inside:
            start, end = left, right
        elif right + 4 + MIN_LABEL <= x1:
            start, end = left, right + 4 + min(label_w, MIN_LABEL)
        else:  # at the right edge: the label goes before the bar
            start, end = left - 4 - min(label_w, MIN_LABEL), right
        # A bar may follow a bar end to end (each is drawn a little short of its finish, so the two
        # stay apart); a label needs GAP clear of whatever comes next to it.
        labelled_start = not inside and end == right
        line = next(
            (
                n
                for n, (e, labelled) in enumerate(ends)
                if e + (GAP if labelled or labelled_start else 0) <= start + 0.01
            ),
            len(ends),
        )
        if line == len(ends):
            ends.append((end, False))
        ends[line] = (end, end > right)
        label_at = left + 5 if inside else (right + 4 if end > right else start)
        placed.append(_Placed(d, line, left, right, label_at, end, inside))
    return _widen_labels(placed, x0, x1)


def _widen_labels(placed: list[_Placed], x0: float, x1: float) -> list[_Placed]:
    """Labels after their bars take the room up to the next bar on their line (at most MAX_LABEL)."""
    out = []
    for p in placed:
        if p.inside or p.label_at < p.left:
            out.append(p)
            continue
        following = [
            q.left if q.label_at >= q.left else q.label_at for q in placed if q.line == p.line and q.left > p.right
        ]
        limit = min([*following, x1]) - GAP
        out.append(
            _Placed(
                p.d, p.line, p.left, p.right, p.label_at, max(p.label_end, min(limit, p.label_at + MAX_LABEL)), False
            )
        )
    return out


def _phase_spans(schedule: Schedule, items: list[ScheduledDeliverable]) -> list[tuple[int, int, int]]:
    """(phase number, first week, last week) of every phase, over the whole plan."""
    spans = []
    for number, keys in enumerate(schedule.phases, start=1):
        members = [schedule.get(k) for k in keys]
        if members:
            spans.append((number, min(d.es for d in members), max(max(d.ef, d.es + 1) for d in members)))
    return spans


def _axis(start: date, span: int, wx, bottom: float, mirror: Mirror, _: Gettext, x0: float, x1: float) -> str:
    # Years over quarters: a plan of several years reads by quarter, and every quarter label fits.
    parts = ['<g class="axis">']
    bands = (
        (month_starts(start, 0, span, 12), lambda d: _("{year}").format(year=d.year), "#9a9a9a"),
        (month_starts(start, 0, span, 3), lambda d: _("Q{quarter}").format(quarter=quarter_of(d)), "#dddddd"),
    )
    for band, (cuts, label, colour) in enumerate(bands):
        y = PAD + band * BAND_H
        parts.append(f"<line{attrs(x1=mirror.x(x0), y1=y + BAND_H, x2=mirror.x(x1), y2=y + BAND_H, stroke=GRID)}/>")
        edges = [(day_at(start, 0), x0), *((d, wx(week_at(start, d))) for d in cuts), (None, x1)]
        for (day, left), (_next, right) in itertools.pairwise(edges):
            name = label(day)
            if text_width(name, SIZE) + 4 <= right - left:
                parts.append(text(mirror.x((left + right) / 2), y + 12.5, name, size=SIZE, anchor="middle"))
        for _day, x in edges[1:-1]:
            parts.append(f"<line{attrs(x1=mirror.x(x), y1=y, x2=mirror.x(x), y2=bottom, stroke=colour)}/>")
    parts.append("</g>")
    return "".join(parts)


def _phase_rows(phases: list[tuple[int, int, int]], wx) -> list[int]:
    """The row of each phase in the band: phases overlap in time (a phase is a step in the order of
    work, not a period), so each goes on the first row where it and its label are clear of the others."""
    ends: list[float] = []
    rows = []
    for number, first, last in phases:
        left = wx(first)
        end = max(wx(last), left + text_width(str(number), SIZE) + 6)
        row = next((n for n, e in enumerate(ends) if e + 2 <= left), len(ends))
        if row == len(ends):
            ends.append(end)
        ends[row] = end
        rows.append(row)
    return rows


def _phase_band(phases: list[tuple[int, int, int]], rows: list[int], wx, top: float, mirror: Mirror, _: Gettext) -> str:
    parts = ['<g class="phases">']
    for (number, first, last), row in zip(phases, rows, strict=True):
        y = top + row * PHASE_ROW_H + 2
        left, right = wx(first), wx(last)
        parts.append(
            f"<rect{attrs(x=mirror.left(left, right - left), y=y, width=max(right - left, 1), height=PHASE_ROW_H - 3)}"
            f"{attrs(fill='#ececec', stroke='#8c8c8c', stroke_width=0.75)}/>"
        )
        for label in (_("Phase {number}").format(number=number), str(number)):
            if text_width(label, SIZE) + 4 <= right - left:
                parts.append(text(mirror.x((left + right) / 2), y + 9, label, size=SIZE, anchor="middle", fill=INK))
                break
        else:  # a phase too short to hold its number: the number beside it
            parts.append(text(mirror.x(right + 2), y + 9, str(number), size=SIZE, anchor=mirror.anchor("start")))
    parts.append("</g>")
    return "".join(parts)


def _lane(pillar: Pillar, placed, top: float, bottom: float, index: int, mirror: Mirror, width: float, _) -> str:
    colour = PILLAR_COLOURS[pillar]
    fill = "#f5f5f5" if index % 2 == 0 else "#ffffff"
    parts = [
        f'<g class="lane"{attrs(data_pillar=pillar.value)}>',
        f"<rect{attrs(x=PAD, y=top, width=width - 2 * PAD, height=bottom - top, fill=fill, fill_opacity=0.9)}/>",
        f"<rect{attrs(x=mirror.left(PAD, 5), y=top, width=5, height=bottom - top, fill=colour)}/>",
        f"<line{attrs(x1=PAD, y1=top, x2=width - PAD, y2=top, stroke='#bdbdbd')}/>",
    ]
    lines = wrap(_(pillar.label), LANE_LABEL_W - 16, SIZE, max(1, min(3, int((bottom - top - 4) // 12))))
    for n, line in enumerate(lines):
        parts.append(
            text(
                mirror.x(PAD + 9),
                top + 13 + n * 12,
                line,
                size=SIZE,
                bold=True,
                fill=colour,
                anchor=mirror.anchor("start"),
            )
        )
    parts.append("</g>")
    return "".join(parts)


def _mid(p: _Placed, lane_top: float) -> float:
    return lane_top + LANE_PAD + p.line * LINE_H + LINE_H / 2


def _item(p: _Placed, critical: bool, lane_top: float, mirror: Mirror, _: Gettext) -> str:
    # ``critical``: on the critical path, which the line joins; lateness is told in the text beside.
    d = p.d
    colour = PILLAR_COLOURS[d.pillar]
    mid = _mid(p, lane_top)
    when = (  # existing work has no dates in the plan
        _("Already in place")
        if d.in_place
        else d.start.isoformat()
        if d.duration_weeks == 0
        else f"{d.start.isoformat()} – {d.finish.isoformat()}"
    )
    hover = f"{d.key} — {d.title} ({_(d.pillar.label)}; {when}" + (f"; {_('Critical')})" if critical else ")")
    outline = attrs(stroke=CRITICAL, stroke_width=2.2, stroke_linejoin="round") if critical else ""
    parts = [f"<g{attrs(cls='item', data_key=d.key)}>{tooltip(hover)}"]
    if d.duration_weeks == 0:
        parts.append(diamond((p.left + p.right) / 2, mid, DIAMOND, mirror, colour, outline))
    else:
        drawn = max(p.right - p.left - 1.5, 1)  # short of the finish: bars end to end stay two bars
        parts.append(
            f"<rect{attrs(cls='bar', x=mirror.left(p.left, drawn), y=mid - BAR_H / 2)}"
            f"{attrs(width=drawn, height=BAR_H, fill=colour, rx=1.5)}{outline}/>"
        )
    room = (p.right - p.left - 8) if p.inside else (p.label_end - p.label_at)
    ink = "#ffffff" if p.inside else INK
    key_w = text_width(d.key, SIZE, bold=True)
    key = truncate(d.key, room, SIZE, bold=True)
    base = mid + 3.5
    parts.append(text(mirror.x(p.label_at), base, key, size=SIZE, bold=True, fill=ink, anchor=mirror.anchor("start")))
    title = truncate(d.title, room - key_w - 4, SIZE) if room - key_w - 4 > 24 else ""
    if title:
        parts.append(
            text(mirror.x(p.label_at + key_w + 4), base, title, size=SIZE, fill=ink, anchor=mirror.anchor("start"))
        )
    parts.append("</g>")
    return "".join(parts)


def _critical_path(path: list[str], where: dict, mirror: Mirror) -> str:
    # A line from each critical deliverable's finish to the next one's start, under the bars: the
    # path reads from the first to the last without telling colours apart.
    if len(path) < 2:
        return ""
    parts = ['<g class="critical-path">']
    for a, b in itertools.pairwise(path):
        (pa, ta), (pb, tb) = where[a], where[b]
        ya, yb = _mid(pa, ta), _mid(pb, tb)
        xa, xb = pa.right, pb.left
        turn = xb - 3 if xb - 3 > xa else xa + 3
        points = [(xa, ya), (turn, ya), (turn, yb), (xb, yb)]
        shape = "M" + " L".join(f"{num(mirror.x(x))},{num(y)}" for x, y in points)
        parts.append(f"<path{attrs(d=shape, fill='none', stroke=CRITICAL, stroke_width=1.6)}/>")
    parts.append("</g>")
    return "".join(parts)


def _legend_items(_: Gettext, lanes, today: bool, path: bool) -> list:
    items: list = [(fill_swatch(PILLAR_COLOURS[pillar]), _(pillar.label)) for pillar, _placed, _top in lanes]
    items.append(
        (
            lambda x, y: (
                f"<rect{attrs(x=x + 1, y=y + 2, width=SWATCH_W - 2, height=SWATCH_H - 4, fill='#9a9a9a')}"
                f"{attrs(stroke=CRITICAL, stroke_width=2.2)}/>"
            ),
            _("Critical"),
        )
    )
    if path:
        items.append((line_swatch(CRITICAL, 1.6, None), _("Critical path")))
    items.append(
        (
            lambda x, y: (
                f'<polygon points="{num(x + 12)},{num(y + 1)} {num(x + 18)},{num(y + 7)} '
                f'{num(x + 12)},{num(y + 13)} {num(x + 6)},{num(y + 7)}" fill="#6f6f6f"/>'
            ),
            _("Milestone"),
        )
    )
    items.append(
        (
            lambda x, y: (
                f"<rect{attrs(x=x, y=y + 2, width=SWATCH_W, height=SWATCH_H - 4, fill='#ececec', stroke='#8c8c8c')}/>"
            ),
            _("Phase"),
        )
    )
    if today:
        items.append((line_swatch(TODAY, 1.5, "5 3"), _("Today")))
    return items
