"""The charts of the printed roadmap, cut and sized so each fits a landscape page with text no smaller than 7pt."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from roadmap.charts import GraphPart, gantt_pages, graph_parts, overview_svg
from roadmap.charts.gantt import span_weeks
from roadmap.plan import Plan
from roadmap.printing.labels import lift_labels
from roadmap.printing.text import Words
from roadmap.sequencing import Schedule
from roadmap.vocabulary import Pillar

PX_PER_MM = 96 / 25.4
# The landscape page's content box: A4 landscape less the margins of @page landscape in print.css.
CONTENT_W = (297 - 2 * 12) * PX_PER_MM
PAGE_H = (210 - 16 - 15) * PX_PER_MM
HEADING_H = 45  # the section's heading, reserved on every page for simplicity
FIGURE_H = 75  # a chart's caption, the note under it and the space before the next one
# The room for one chart on a page of its own.
CHART_H = PAGE_H - HEADING_H - FIGURE_H
# The charts' smallest text is 10px; drawn smaller than 7pt (9.33px) it stops being readable on paper.
MIN_SCALE = (7 * 96 / 72) / 10
# Ways to cut the dependency graph, (max_nodes, max_phases), from fewest parts to most: the first whose
# every part fits a page is used. With max_nodes below the plan's size, the parts are also cut by pillar.
GRAPH_CUTS = ((80, 4), (80, 3), (80, 2), (40, 4), (40, 3), (40, 2), (24, 3), (24, 2), (12, 2), (8, 1), (4, 1))
# Up to this many deliverables the overview shows the whole plan on one page; beyond, one page per pillar.
OVERVIEW_MAX = 60
_SIZE = re.compile(r'<svg\b[^>]*?\swidth="([0-9.]+)"\s+height="([0-9.]+)"')


@dataclass(frozen=True)
class PrintedChart:
    """A chart as placed on a page: its caption, the SVG and the size it is drawn at."""

    caption: str
    # Built by roadmap.charts, which escapes all text; the template marks it safe. Any labels lifted out
    # of the SVG for shaping follow it as HTML spans, escaped by roadmap.printing.labels.
    svg: str
    style: str
    height: float
    keys: tuple[str, ...] = ()


def svg_size(svg: str) -> tuple[float, float]:
    """The width and height (px) written on an SVG document's root element."""
    match = _SIZE.search(svg)
    if match is None:
        raise ValueError("the chart has no width and height")
    return float(match[1]), float(match[2])


def scale_to_fit(width: float, height: float) -> float:
    """How much a chart of this size is shrunk to fit the page (1 when it fits as drawn)."""
    return min(1.0, CONTENT_W / width, CHART_H / height)


def _placed(caption: str, svg: str, keys: tuple[str, ...]) -> PrintedChart:
    # Drawn at the size that fits the page, its right-to-left labels lifted out to be set as HTML.
    width, height = svg_size(svg)
    scale = scale_to_fit(width, height)
    style = f"width: {width * scale:.1f}px; height: {height * scale:.1f}px"
    lifted = lift_labels(svg, width, scale)
    return PrintedChart(caption, lifted.svg + lifted.labels, style, height * scale, keys)


def sheets(charts: list[PrintedChart]) -> list[list[PrintedChart]]:
    """Charts gathered onto pages in order, as many on a page as fit one above the other."""
    out: list[list[PrintedChart]] = []
    room = 0.0
    for chart in charts:
        need = chart.height + FIGURE_H
        if not out or need > room:
            out.append([])
            room = PAGE_H - HEADING_H
        out[-1].append(chart)
        room -= need
    return out


# A week drawn narrower than this cannot show a one-week bar or tell a quarter's months apart; the
# bars get what the label column (a third of the page, with the lead) leaves them.
MIN_WEEK_PX = 3.0
BARS_SHARE = 0.55


def _fits(svg: str) -> bool:
    return scale_to_fit(*svg_size(svg)) >= MIN_SCALE


def gantt_charts(
    schedule: Schedule, _: Words, *, rtl: bool, leads: Mapping[str, str] | None = None
) -> list[PrintedChart]:
    """The Gantt chart as landscape pages: each row's title on up to two lines and its lead, the whole
    time span on each page when it can be drawn wide enough (else windows of two years, then of 18
    months), and as many rows a page as fit at full size, shared out evenly between the pages."""
    width = int(CONTENT_W) - 2
    # The widest readable window, which gives the fewest pages: a window's width does not change how
    # many rows fit a page, so only the rows are tried.
    span = max(span_weeks(schedule), 1)
    max_weeks = next((weeks for weeks in (span, 104) if weeks * MIN_WEEK_PX <= width * BARS_SHARE), 78)
    pages = []
    for max_rows in (18, 16, 14, 12, 10, 6):
        pages = gantt_pages(
            schedule,
            max_rows=max_rows,
            max_weeks=max_weeks,
            today=_.context.today,
            gettext=_.context.gettext,
            rtl=rtl,
            width=width,
            leads=leads,
            title_lines=2,
        )
        if all(_fits(p.svg) for p in pages):
            break
    out = []
    for page in pages:
        first = schedule.start_date + timedelta(weeks=page.weeks[0])
        last = schedule.start_date + timedelta(weeks=page.weeks[1], days=-1)
        caption = _("Gantt chart")  # an empty schedule's single page, which says there is nothing to chart
        if page.rows[1] > page.rows[0]:
            caption = _(
                "Gantt chart — %(start)s to %(end)s, rows %(first)s–%(last)s",
                start=_.date(first),
                end=_.date(last),
                first=page.rows[0] + 1,
                last=page.rows[1],
            )
        keys = tuple(d.key for d in schedule.deliverables[page.rows[0] : page.rows[1]])
        out.append(_placed(caption, page.svg, keys))
    return out


def graph_charts(plan: Plan, schedule: Schedule, _: Words, *, rtl: bool) -> list[PrintedChart]:
    """The dependency graph in parts, the fewest cuts whose every part fits a landscape page unshrunk below 7pt."""
    parts: list[GraphPart] = []
    for max_nodes, max_phases in GRAPH_CUTS:
        parts = graph_parts(
            plan, schedule, max_nodes=max_nodes, max_phases=max_phases, gettext=_.context.gettext, rtl=rtl
        )
        if all(_fits(p.svg) for p in parts):
            break
    out = []
    for number, part in enumerate(parts, start=1):
        caption = _("Part %(number)s of %(count)s: %(part)s", number=number, count=len(parts), part=part.title)
        out.append(_placed(caption, part.svg, part.keys))
    return out


def overview_charts(schedule: Schedule, _: Words, *, rtl: bool) -> list[PrintedChart]:
    """The plan at a glance: the whole plan on one page, or beyond OVERVIEW_MAX deliverables (or when it
    would not fit unshrunk below 7pt) one page per pillar, each over the whole time span. A pillar too
    large for a page is cut into runs of its deliverables in sequence order."""
    width = int(CONTENT_W) - 2

    def chart(keys: list[str] | None) -> str:
        return overview_svg(schedule, keys=keys, today=_.context.today, gettext=_.context.gettext, rtl=rtl, width=width)

    # Pillar by pillar, in sequence order in each: the order of the chart's lanes, for its text.
    everything = tuple(d.key for pillar in Pillar for d in schedule.deliverables if d.pillar == pillar)
    if len(everything) <= OVERVIEW_MAX:
        whole = chart(None)
        if _fits(whole) or not everything:
            return [_placed(_("The whole plan"), whole, everything)]
    out = []
    for pillar in Pillar:
        keys = [d.key for d in schedule.deliverables if d.pillar == pillar]
        if not keys:
            continue
        runs, svgs = [keys], [chart(keys)]
        while svgs and not all(_fits(svg) for svg in svgs) and len(runs[0]) > 1:
            # Shorter runs each time, down to one deliverable a page: a deep phase band can make even
            # small runs too tall, and the loop must end.
            size = min(-(-len(keys) // (len(runs) + 1)), len(runs[0]) - 1)
            runs = [keys[i : i + size] for i in range(0, len(keys), size)]
            svgs = [chart(run) for run in runs]
        for number, (run, svg) in enumerate(zip(runs, svgs, strict=True), start=1):
            caption = _(pillar.label)
            if len(runs) > 1:
                caption = _("%(pillar)s, part %(part)d of %(parts)d", pillar=caption, part=number, parts=len(runs))
            out.append(_placed(caption, svg, tuple(run)))
    return out
