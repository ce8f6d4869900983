"""The dependency graph's overview: phases as columns, pillars as rows, the critical path drawn through.

A graph of sixty boxes and their arrows cannot be read on one page; this map of the plan can. Each
deliverable is a small labelled chip in the cell of its pillar and phase, so the page shows which
pillar does what in which step, and the critical path runs through the chips from the first critical
deliverable to the last. The links themselves are drawn on the detail pages (roadmap/charts/linkmap.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Collection

from roadmap.charts._graphics import ARROW
from roadmap.charts._svg import (
    CRITICAL,
    GRID,
    INK,
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
from roadmap.sequencing import Schedule, ScheduledDeliverable
from roadmap.vocabulary import Pillar

PAD = 8
LABEL_W = 124  # the pillars' names
HEAD_H = 22  # the "Phase N" headings
SIZE = 10  # the charts' smallest text: the page budget shrinks it at most to 7pt
CHIP_H, CHIP_GAP, CELL_PAD = 17, 5, 6
CHIP_WIDE = 118  # a chip this wide shows its key and a few words of the title; narrower cells take one a line
DIAMOND = 4
PATH_W = 2.2
CRITICAL_OUTLINE = 2.4


def graph_map_svg(
    schedule: Schedule,
    *,
    phases: Collection[int] | None = None,
    gettext: Gettext = identity,
    rtl: bool = False,
    width: int = 1000,
    heading: str | None = None,
    compact: bool = False,
) -> str:
    """The map as an SVG document, of the whole plan or of ``phases`` only. Its width is ``width``
    unless the phases are too many for a chip to hold a key: then it is as wide as they need, and the
    caller cuts the phases into runs. ``compact`` chips show keys alone, side by side as many as fit."""
    _ = gettext
    title = _("Dependency graph: overview") if heading is None else _("Dependency graph: {part}").format(part=heading)
    items = [d for d in schedule.deliverables if phases is None or d.phase in phases]
    if not items:
        return nothing_to_show(_("Nothing to show: there are no deliverables to chart."), title)
    columns = sorted({d.phase for d in items})
    # Room for the widest key in a milestone's chip, the tightest: the chip's left margin and colour
    # band (8), the diamond and its gap (2·DIAMOND + 3) and the right margin (4).
    key_w = max(text_width(d.key, SIZE, bold=True) for d in items) + 8 + 2 * DIAMOND + 3 + 4
    col_w = max((width - 2 * PAD - LABEL_W) / len(columns), key_w + 2 * CELL_PAD)
    width = max(width, round(2 * PAD + LABEL_W + col_w * len(columns)))
    per_line = max(1, int((col_w - 2 * CELL_PAD + CHIP_GAP) // ((key_w if compact else CHIP_WIDE) + CHIP_GAP)))
    chip_w = (col_w - 2 * CELL_PAD - (per_line - 1) * CHIP_GAP) / per_line
    mirror = Mirror(width, rtl)
    x0 = PAD + LABEL_W

    def col_left(phase: int) -> float:
        return x0 + columns.index(phase) * col_w

    rows: list[tuple[Pillar, float, float]] = []  # pillar, top, bottom
    where: dict[str, tuple[float, float, ScheduledDeliverable]] = {}  # key: chip's left, top, deliverable
    y = PAD + HEAD_H
    for pillar in Pillar:
        mine = [d for d in items if d.pillar is pillar]
        if not mine:
            continue
        lines = 1
        for phase in columns:
            cell = [d for d in mine if d.phase == phase]
            for n, d in enumerate(cell):
                line, slot = divmod(n, per_line)
                lines = max(lines, line + 1)
                left = col_left(phase) + CELL_PAD + slot * (chip_w + CHIP_GAP)
                where[d.key] = (left, y + CELL_PAD + line * (CHIP_H + CHIP_GAP), d)
        name_lines = len(wrap(_(pillar.label), LABEL_W - 18, SIZE, 3))
        height = max(lines * (CHIP_H + CHIP_GAP) - CHIP_GAP + 2 * CELL_PAD, name_lines * 12 + 10)
        rows.append((pillar, y, y + height))
        y += height
    bottom = y
    body = [_grid(columns, rows, col_left, col_w, bottom, width, mirror, _)]
    path = [k for k in schedule.critical_path if k in where]
    body.append(_critical_path(path, where, chip_w, col_left, col_w, mirror))
    body.extend(_chip(d, left, top, chip_w, d.key in path, mirror, _) for left, top, d in where.values())
    key, key_h = legend(_legend_items(_, rows, len(path) > 1), _("Legend"), bottom + 10, width, mirror)
    body.append(key)
    desc = _(
        "{count} deliverables, each in the cell of its pillar (rows) and phase (columns). Critical deliverables "
        "are outlined in black and joined by the critical path line; the other links are drawn on the pages "
        "that follow, one or more pillars a page."
    ).format(count=len(items))
    if path:
        desc += " " + _("Critical path: {keys}.").format(keys=" → ".join(path))
    return document(width, bottom + 10 + key_h + PAD, title, desc, body)


def _grid(columns, rows, col_left, col_w: float, bottom: float, width: float, mirror: Mirror, _: Gettext) -> str:
    parts = ['<g class="grid">']
    for phase in columns:
        centre = col_left(phase) + col_w / 2
        label = _("Phase {number}").format(number=phase)
        if text_width(label, SIZE, bold=True) > col_w - 4:
            label = str(phase)
        parts.append(text(mirror.x(centre), PAD + 15, label, size=SIZE, bold=True, anchor="middle", cls="phase"))
    for index, (pillar, top, row_bottom) in enumerate(rows):
        colour = PILLAR_COLOURS[pillar]
        fill = "#f5f5f5" if index % 2 == 0 else "#ffffff"
        parts.append(
            f'<g class="row"{attrs(data_pillar=pillar.value)}>'
            f"<rect{attrs(x=PAD, y=top, width=width - 2 * PAD, height=row_bottom - top, fill=fill)}/>"
            f"<rect{attrs(x=mirror.left(PAD, 5), y=top, width=5, height=row_bottom - top, fill=colour)}/>"
        )
        for n, line in enumerate(wrap(_(pillar.label), LABEL_W - 18, SIZE, 3)):
            parts.append(
                text(
                    mirror.x(PAD + 10),
                    top + 15 + n * 12,
                    line,
                    size=SIZE,
                    bold=True,
                    fill=colour,
                    anchor=mirror.anchor("start"),
                )
            )
        parts.append("</g>")
    for y in [PAD + HEAD_H, *(bottom for _pillar, _top, bottom in rows)]:
        parts.append(f"<line{attrs(x1=PAD, y1=y, x2=width - PAD, y2=y, stroke=GRID)}/>")
    for phase in columns:
        x = mirror.x(col_left(phase))
        parts.append(f"<line{attrs(x1=x, y1=PAD, x2=x, y2=bottom, stroke=GRID)}/>")
    parts.append("</g>")
    return "".join(parts)


def _chip(d: ScheduledDeliverable, left: float, top: float, w: float, on_path: bool, mirror: Mirror, _: Gettext) -> str:
    colour = PILLAR_COLOURS[d.pillar]
    when = (  # existing work has no dates in the plan
        _("Already in place")
        if d.in_place
        else d.start.isoformat()
        if d.duration_weeks == 0
        else f"{d.start.isoformat()} – {d.finish.isoformat()}"
    )
    hover = f"{d.key} — {d.title} ({_(d.pillar.label)}; {_('Phase {number}').format(number=d.phase)}; {when}"
    hover += f"; {_('Critical path')})" if on_path else ")"
    stroke = attrs(stroke=CRITICAL, stroke_width=CRITICAL_OUTLINE) if on_path else attrs(stroke=colour, stroke_width=1)
    parts = [
        f"<g{attrs(cls='chip', data_key=d.key, data_phase=d.phase, data_pillar=d.pillar.value)}>{tooltip(hover)}",
        f"<rect{attrs(x=mirror.left(left, w), y=top, width=w, height=CHIP_H, rx=3, fill='#ffffff')}{stroke}/>",
        f"<rect{attrs(x=mirror.left(left + 1, 4), y=top + 1, width=4, height=CHIP_H - 2, fill=colour)}/>",
    ]
    at = left + 8
    mid = top + CHIP_H / 2
    if d.duration_weeks == 0:
        parts.append(diamond(at + DIAMOND, mid, DIAMOND, mirror, INK))
        at += 2 * DIAMOND + 3
    room = left + w - 4 - at
    key = truncate(d.key, room, SIZE, bold=True)
    parts.append(text(mirror.x(at), mid + 3.5, key, size=SIZE, bold=True, anchor=mirror.anchor("start")))
    room -= text_width(d.key, SIZE, bold=True) + 4
    if room > 40:  # a few letters of a title say nothing: the key alone then
        title = truncate(d.title, room, SIZE)
        at += text_width(d.key, SIZE, bold=True) + 4
        parts.append(text(mirror.x(at), mid + 3.5, title, size=SIZE, anchor=mirror.anchor("start"), cls="title"))
    parts.append("</g>")
    return "".join(parts)


def _critical_path(path: list[str], where: dict, chip_w: float, col_left, col_w: float, mirror: Mirror) -> str:
    # From each critical chip's end to the gap after its column, along that gap, then into the next
    # chip: the line never runs through the chips of the column it leaves. Drawn under the chips. The
    # next deliverable on the path is always in a later phase (a phase follows all its predecessors').
    if len(path) < 2:
        return ""
    parts = ['<g class="critical-path">']
    for a, b in itertools.pairwise(path):
        (la, ta, da), (lb, tb, _db) = where[a], where[b]
        ya, yb = ta + CHIP_H / 2, tb + CHIP_H / 2
        turn = col_left(da.phase) + col_w - CELL_PAD / 2
        points = [(la + chip_w, ya), (turn, ya), (turn, yb), (lb - ARROW, yb)]
        shape = "M" + " L".join(f"{num(mirror.x(x))},{num(y)}" for x, y in points)
        head = [(lb, yb), (lb - ARROW, yb - 4.5), (lb - ARROW, yb + 4.5)]
        parts.append(
            f"<g{attrs(cls='path-link', data_from=a, data_to=b)}>"
            f"<path{attrs(d=shape, fill='none', stroke=CRITICAL, stroke_width=PATH_W, stroke_linejoin='round')}/>"
            f"<polygon{attrs(points=' '.join(f'{num(mirror.x(x))},{num(y)}' for x, y in head), fill=CRITICAL)}/></g>"
        )
    parts.append("</g>")
    return "".join(parts)


def _legend_items(_: Gettext, rows, path: bool) -> list:
    items: list = [(fill_swatch(PILLAR_COLOURS[pillar]), _(pillar.label)) for pillar, _top, _bottom in rows]
    items.append(
        (
            lambda x, y: (
                f"<rect{attrs(x=x + 1, y=y + 1, width=SWATCH_W - 2, height=SWATCH_H - 2, rx=3, fill='#ffffff')}"
                f"{attrs(stroke=CRITICAL, stroke_width=CRITICAL_OUTLINE)}/>"
            ),
            _("On the critical path"),
        )
    )
    if path:
        items.append((line_swatch(CRITICAL, PATH_W, None), _("Critical path")))
    items.append(
        (
            lambda x, y: (
                f'<polygon points="{num(x + 12)},{num(y + 3)} {num(x + 16)},{num(y + 7)} '
                f'{num(x + 12)},{num(y + 11)} {num(x + 8)},{num(y + 7)}" fill="{INK}"/>'
            ),
            _("Milestone"),
        )
    )
    return items
