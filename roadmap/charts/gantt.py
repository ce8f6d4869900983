"""The Gantt chart: one row per deliverable in sequence order against a month and quarter axis."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from roadmap.charts._calendar import MONTHS, day_at, month_starts, quarter_of, week_at
from roadmap.charts._svg import (
    CRITICAL,
    GRID,
    INK,
    MUTED,
    PILLAR_COLOURS,
    PILLAR_TAGS,
    SWATCH_H,
    SWATCH_W,
    Gettext,
    Mirror,
    attrs,
    document,
    esc,
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
from roadmap.sequencing import Schedule, ScheduledDeliverable
from roadmap.vocabulary import Pillar

PAD = 8
BAND_H = 18
STRIP_H = 14  # under the axis, where the "Today" label sits clear of the bars
ROW_H = 20
TWO_LINE_ROW_H = 28  # a row whose title may take two lines (the printed chart)
LINE = 12  # between a title's two lines
LEAD_W = 130  # the lead's column, when the chart shows it
BAR_H = 12
TAPER = 7  # how far a clipped bar end narrows to a point: the "continues" cue
DIAMOND = 7
LABEL_SIZE = 11
BAR_LABEL_SIZE = 10


def span_weeks(schedule: Schedule) -> int:
    """Weeks [0, span) hold every bar and milestone (a milestone at week w needs week w drawn)."""
    return max((max(d.ef, d.es + 1) for d in schedule.deliverables), default=0)


def occupies(d: ScheduledDeliverable, first: int, last: int) -> bool:
    """Whether a deliverable draws anything in weeks [first, last)."""
    if d.duration_weeks == 0:
        return first <= d.es < last
    return d.es < last and d.ef > first


def gantt_svg(
    schedule: Schedule,
    *,
    today: date | None = None,
    weeks: tuple[int, int] | None = None,
    rows: tuple[int, int] | None = None,
    gettext: Gettext = identity,
    rtl: bool = False,
    width: int = 1000,
    format_month: Callable[[date], str] | None = None,
    idle_rows: bool = True,
    numbered: bool = False,
    leads: Mapping[str, str] | None = None,
    title_lines: int = 1,
) -> str:
    """A Gantt chart of rows [from, to) of the schedule over weeks [from, to) as an SVG document.

    With ``idle_rows=False`` the rows with nothing in the week window are left out. With ``numbered``
    each row starts with its number in sequence order (from 1), as in the printed sequence tables.
    With ``leads`` (deliverable key → who leads it) a column names each row's lead; with
    ``title_lines=2`` a title wraps to a second line before it is cut.
    """
    _ = gettext
    a, b = weeks if weeks is not None else (0, max(span_weeks(schedule), 1))
    if b <= a:
        raise ValueError(f"empty week window [{a}, {b})")
    r0, r1 = rows if rows is not None else (0, len(schedule.deliverables))
    first_row = max(r0, 0)
    on_path = set(schedule.critical_path)  # outlined and labelled: the path only, not lateness
    numbers, items = [], []
    for n, d in enumerate(schedule.deliverables[first_row : max(r1, 0)], start=first_row + 1):
        if idle_rows or occupies(d, a, b):
            numbers.append(n)
            items.append(d)
    if not items:
        return nothing_to_show(_("Nothing to show: there are no deliverables to chart."), _("Gantt chart"))
    mirror = Mirror(width, rtl)
    start = schedule.start_date
    lead_w = LEAD_W if leads is not None else 0
    label_w = min(max(round(width * 0.3), 160), 380) + lead_w
    row_h = TWO_LINE_ROW_H if title_lines > 1 else ROW_H
    key_w = min(max(max(text_width(d.key, LABEL_SIZE, bold=True) for d in items) + 10, 28), 96)
    num_w = text_width(str(numbers[-1]), LABEL_SIZE) + 10 if numbered else 0
    x0, x1 = PAD + label_w, width - PAD
    scale = (x1 - x0) / (b - a)

    def wx(week: float) -> float:
        return x0 + (week - a) * scale

    top = PAD + 2 * BAND_H + STRIP_H
    bottom = top + len(items) * row_h
    body: list[str] = []
    # Zebra rows first, so that grid lines and bars sit on top of them.
    for i in range(0, len(items), 2):
        body.append(f"<rect{attrs(x=PAD, y=top + i * row_h, width=width - 2 * PAD, height=row_h, fill='#f4f4f4')}/>")
    body.append(_axis(start, a, b, wx, top, bottom, mirror, _, format_month, x0, x1))
    # Behind the bars, so it never hides a bar's label.
    shows_today = today is not None and a <= week_at(start, today) < b
    if shows_today:
        x = wx(week_at(start, today))
        room_after = x1 - x > text_width(_("Today"), BAR_LABEL_SIZE) + 6
        body.append(
            f'<g class="today"><line{attrs(x1=mirror.x(x), y1=top - STRIP_H, x2=mirror.x(x), y2=bottom)}'
            f"{attrs(stroke='#c0001a', stroke_width=1.5, stroke_dasharray='5 3')}/>"
            + text(
                mirror.x(x + 4 if room_after else x - 4),
                top - 3,
                _("Today"),
                size=BAR_LABEL_SIZE,
                bold=True,
                fill="#c0001a",
                anchor=mirror.anchor("start" if room_after else "end"),
            )
            + "</g>"
        )
    clipped = False
    for i, d in enumerate(items):
        number = numbers[i] if numbered else None
        label = _Label(num_w, key_w, label_w, row_h, title_lines, lead_w, (leads or {}).get(d.key))
        row, cut = _row(d, d.key in on_path, number, top + i * row_h, a, b, wx, label, mirror, _, x0, x1)
        body.append(row)
        clipped = clipped or cut
    body.append(f"<line{attrs(x1=mirror.x(x0), y1=PAD, x2=mirror.x(x0), y2=bottom, stroke=MUTED)}/>")
    body.append(f"<line{attrs(x1=PAD, y1=bottom, x2=width - PAD, y2=bottom, stroke=MUTED)}/>")
    key, key_h = legend(_legend_items(_, shows_today, clipped), _("Legend"), bottom + 10, width, mirror)
    body.append(key)
    first, last = day_at(start, a), day_at(start, b)
    critical = [d.key for d in items if d.key in on_path]
    desc = _(
        "{count} deliverables in sequence order, {first} to {last}, from {start} to {end}. "
        "Bars show when each runs; critical deliverables are outlined and labelled; milestones are diamonds."
    ).format(count=len(items), first=items[0].key, last=items[-1].key, start=first.isoformat(), end=last.isoformat())
    if critical:
        desc += " " + _("Critical: {keys}.").format(keys=", ".join(critical))
    return document(width, bottom + 10 + key_h + PAD, _("Gantt chart"), desc, body)


def _axis(start, a, b, wx, top, bottom, mirror, _, format_month, x0, x1) -> str:
    # Two bands: quarters over months when every month is wide enough to name, otherwise years over
    # quarters. Every month, not most: in some languages (Arabic) a few month names are much longer,
    # and a month band with gaps in it reads as missing months.
    month_name = format_month or (lambda d: _(MONTHS[d.month - 1]))
    slots = [(d, wx(week_at(start, d)), wx(week_at(start, d) + 4)) for d in month_starts(start, a, b, 1)]
    if wx(a + 4.35) - wx(a) >= 26 and all(
        text_width(month_name(d), BAR_LABEL_SIZE + 1) + 6 <= right - left for d, left, right in slots
    ):
        upper = (
            month_starts(start, a, b, 3),
            lambda d: _("Q{quarter} {year}").format(quarter=quarter_of(d), year=d.year),
        )
        lower = (month_starts(start, a, b, 1), month_name)
    else:
        upper = (month_starts(start, a, b, 12), lambda d: _("{year}").format(year=d.year))
        lower = (month_starts(start, a, b, 3), lambda d: _("Q{quarter}").format(quarter=quarter_of(d)))
    parts = ['<g class="axis">']
    for band, ((cuts, label), colour) in enumerate(((upper, "#b8b8b8"), (lower, "#e2e2e2"))):
        y = PAD + band * BAND_H
        parts.append(f"<line{attrs(x1=mirror.x(x0), y1=y + BAND_H, x2=mirror.x(x1), y2=y + BAND_H, stroke=GRID)}/>")
        edges = [(day_at(start, a), x0), *((d, wx(week_at(start, d))) for d in cuts), (None, x1)]
        for (day, left), (_next, right) in itertools.pairwise(edges):
            name = label(day)
            if text_width(name, BAR_LABEL_SIZE + 1) + 6 <= right - left:
                parts.append(
                    text(mirror.x((left + right) / 2), y + 13, name, size=BAR_LABEL_SIZE + 1, anchor="middle", fill=INK)
                )
        for _day, x in edges[1:-1]:
            parts.append(f"<line{attrs(x1=mirror.x(x), y1=y, x2=mirror.x(x), y2=bottom, stroke=colour)}/>")
    parts.append("</g>")
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class _Label:
    """The label column of a row: widths, the row's height, and the lead when it is shown."""

    num_w: float
    key_w: float
    label_w: float
    row_h: float
    title_lines: int
    lead_w: float
    lead: str | None


def _row(
    d: ScheduledDeliverable, critical: bool, number, y, a, b, wx, label: _Label, mirror, _, x0, x1
) -> tuple[str, bool]:
    # One row: its number (when numbered), key, title and lead in the label column, then the bar or
    # diamond with its text label. ``critical``: on the critical path; work that is only short of slack
    # against a due date is told apart beside the chart, where the due dates are known.
    num_w, key_w, label_w, row_h = label.num_w, label.key_w, label.label_w, label.row_h
    when = (  # existing work has no dates in the plan
        _("Already in place")
        if d.in_place
        else d.start.isoformat()
        if d.duration_weeks == 0
        else f"{d.start.isoformat()} – {d.finish.isoformat()}"
    )
    hover = f"{d.key} — {d.title} ({_(d.pillar.label)}; {when}"
    hover += f"; {_('Critical')})" if critical else ")"
    parts = [f"<g{attrs(cls='row', data_key=d.key)}>{tooltip(hover)}"]
    base = y + row_h / 2 + 4
    if number is not None:
        parts.append(text(mirror.x(PAD + 4), base, str(number), cls="row-number", anchor=mirror.anchor("start")))
    key = truncate(d.key, key_w - 6, LABEL_SIZE, bold=True)
    parts.append(text(mirror.x(PAD + num_w + 4), base, key, bold=True, cls="key", anchor=mirror.anchor("start")))
    lines = wrap(d.title, label_w - label.lead_w - num_w - key_w - 10, LABEL_SIZE, label.title_lines)
    first = base - (len(lines) - 1) * LINE / 2
    for n, line in enumerate(lines):
        parts.append(
            text(mirror.x(PAD + num_w + key_w), first + n * LINE, line, cls="title", anchor=mirror.anchor("start"))
        )
    if label.lead_w:
        lead = truncate(label.lead or "—", label.lead_w - 10, BAR_LABEL_SIZE)
        at = mirror.x(PAD + label_w - label.lead_w + 2)
        parts.append(text(at, base, lead, size=BAR_LABEL_SIZE, fill=MUTED, cls="lead", anchor=mirror.anchor("start")))
    colour = PILLAR_COLOURS[d.pillar]
    outline = attrs(stroke=CRITICAL, stroke_width=2.5, stroke_linejoin="round") if critical else ""
    label = _(PILLAR_TAGS[d.pillar]) + (f" · {_('Critical')}" if critical else "")
    if d.in_place:
        label = _("Already in place")
    mid = y + row_h / 2
    cut = False
    if d.duration_weeks == 0:
        if not a <= d.es < b:
            parts.append("</g>")
            return "".join(parts), False
        cx = wx(d.es)
        points = [(cx, mid - DIAMOND), (cx + DIAMOND, mid), (cx, mid + DIAMOND), (cx - DIAMOND, mid)]
        parts.append(
            f"<polygon{attrs(cls='milestone', data_key=d.key, points=_points(points, mirror), fill=colour)}{outline}/>"
        )
        left, right = cx - DIAMOND, cx + DIAMOND
    else:
        lo, hi = max(d.es, a), min(d.ef, b)
        if hi <= lo:
            parts.append("</g>")
            return "".join(parts), False
        left, right = wx(lo), wx(hi)
        top, bot = mid - BAR_H / 2, mid + BAR_H / 2
        cut = d.es < a or d.ef > b
        if cut:
            # A clipped end narrows to a point at the window's edge: the bar carries on off the page.
            taper = min(TAPER, (right - left) / 2)
            pts = [(left + taper, top) if d.es < a else (left, top)]
            pts.append((right - taper, top) if d.ef > b else (right, top))
            if d.ef > b:
                pts.append((right, mid))
            pts.append((right - taper, bot) if d.ef > b else (right, bot))
            pts.append((left + taper, bot) if d.es < a else (left, bot))
            if d.es < a:
                pts.append((left, mid))
            shape = f"<polygon{attrs(cls='bar', data_key=d.key, points=_points(pts, mirror), fill=colour)}{outline}/>"
        else:
            shape = (
                f"<rect{attrs(cls='bar', data_key=d.key, x=mirror.left(left, right - left), y=top)}"
                f"{attrs(width=right - left, height=BAR_H, fill=colour)}{outline}/>"
            )
        parts.append(shape)
    parts.append(_bar_label(label, left, right, mid, d.duration_weeks > 0, mirror, x0, x1))
    parts.append("</g>")
    return "".join(parts), cut


def _bar_label(label: str, left: float, right: float, mid: float, inside_ok: bool, mirror: Mirror, x0, x1) -> str:
    # Inside the bar in white when it fits, else after the bar, else before it, else cut to the wider side.
    need = text_width(label, BAR_LABEL_SIZE) + 8
    base = mid + 3.5
    if inside_ok and right - left >= need:
        return text(mirror.x(left + 5), base, label, size=BAR_LABEL_SIZE, fill="#ffffff", anchor=mirror.anchor("start"))
    after, before = x1 - right - 4, left - x0 - 4
    if after >= need or (before < need and after >= before):
        label = truncate(label, after - 4, BAR_LABEL_SIZE)
        return text(mirror.x(right + 5), base, label, size=BAR_LABEL_SIZE, fill=INK, anchor=mirror.anchor("start"))
    label = truncate(label, before - 4, BAR_LABEL_SIZE)
    return text(mirror.x(left - 5), base, label, size=BAR_LABEL_SIZE, fill=INK, anchor=mirror.anchor("end"))


def _points(points: list[tuple[float, float]], mirror: Mirror) -> str:
    return " ".join(f"{num(mirror.x(x))},{num(y)}" for x, y in points)


def _legend_items(_: Gettext, today: bool, clipped: bool) -> list:
    items: list = [(fill_swatch(PILLAR_COLOURS[p]), _(p.label)) for p in Pillar]
    items.append(
        (
            lambda x, y: (
                f"<rect{attrs(x=x + 1, y=y + 2, width=SWATCH_W - 2, height=SWATCH_H - 4, fill='#9a9a9a')}"
                f"{attrs(stroke=CRITICAL, stroke_width=2.5)}/>"
            ),
            _("Critical"),
        )
    )
    items.append(
        (
            lambda x, y: f'<polygon points="{esc(_diamond(x + SWATCH_W / 2, y + SWATCH_H / 2))}" fill="#6f6f6f"/>',
            _("Milestone"),
        )
    )
    if today:
        items.append((line_swatch("#c0001a", 1.5, "5 3"), _("Today")))
    if clipped:
        items.append(
            (
                lambda x, y: f'<polygon points="{esc(_arrow_bar(x, y))}" fill="#9a9a9a"/>',
                _("Continues beyond this page"),
            )
        )
    return items


def _diamond(cx: float, cy: float) -> str:
    r = DIAMOND - 1
    return f"{num(cx)},{num(cy - r)} {num(cx + r)},{num(cy)} {num(cx)},{num(cy + r)} {num(cx - r)},{num(cy)}"


def _arrow_bar(x: float, y: float) -> str:
    # Symmetric, so it reads the same mirrored.
    t, b, m = y + 2, y + SWATCH_H - 2, y + SWATCH_H / 2
    pts = [(x, m), (x + 6, t), (x + SWATCH_W - 6, t), (x + SWATCH_W, m), (x + SWATCH_W - 6, b), (x + 6, b)]
    return " ".join(f"{num(px)},{num(py)}" for px, py in pts)
