"""The charts of the printed roadmap, cut and sized so each fits a landscape page with text no smaller than 7pt."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from roadmap.charts import gantt_pages, graph_map_svg, graph_svg, link_map_svg, overview_svg
from roadmap.charts.gantt import span_weeks
from roadmap.plan import Plan
from roadmap.printing.labels import lift_labels
from roadmap.printing.text import Words
from roadmap.sequencing import Schedule
from roadmap.vocabulary import Pillar

PX_PER_MM = 96 / 25.4
HEADING_H = 45  # the section's heading, reserved on every page for simplicity
FIGURE_H = 75  # a chart's caption, the note under it and the space before the next one
# The charts' smallest text is 10px; drawn smaller than 7pt (9.33px) it stops being readable on paper.
MIN_SCALE = (7 * 96 / 72) / 10
# Up to this many deliverables the overview shows the whole plan on one page; beyond, one page per pillar.
OVERVIEW_MAX = 60
_SIZE = re.compile(r'<svg\b[^>]*?\swidth="([0-9.]+)"\s+height="([0-9.]+)"')


@dataclass(frozen=True)
class Paper:
    """The landscape sheet the charts are printed on: its content box, less the margins of @page
    landscape in print.css (12 mm at the sides, 16 mm above and 15 mm below)."""

    name: str
    width_mm: float
    height_mm: float

    @property
    def content_w(self) -> float:
        return (self.width_mm - 2 * 12) * PX_PER_MM

    @property
    def page_h(self) -> float:
        return (self.height_mm - 16 - 15) * PX_PER_MM

    @property
    def chart_h(self) -> float:
        """The room for one chart on a page of its own."""
        return self.page_h - HEADING_H - FIGURE_H


A4 = Paper("a4", 297, 210)
A3 = Paper("a3", 420, 297)
PAPERS = {paper.name: paper for paper in (A4, A3)}


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
    # A chart of the whole plan that the page's own text does not repeat (the dependency graph's overview).
    overview: bool = False


def svg_size(svg: str) -> tuple[float, float]:
    """The width and height (px) written on an SVG document's root element."""
    match = _SIZE.search(svg)
    if match is None:
        raise ValueError("the chart has no width and height")
    return float(match[1]), float(match[2])


def scale_to_fit(width: float, height: float, paper: Paper = A4) -> float:
    """How much a chart of this size is shrunk to fit the page (1 when it fits as drawn)."""
    return min(1.0, paper.content_w / width, paper.chart_h / height)


def _placed(caption: str, svg: str, keys: tuple[str, ...], paper: Paper, *, overview: bool = False) -> PrintedChart:
    # Drawn at the size that fits the page, its right-to-left labels lifted out to be set as HTML.
    width, height = svg_size(svg)
    scale = scale_to_fit(width, height, paper)
    style = f"width: {width * scale:.1f}px; height: {height * scale:.1f}px"
    lifted = lift_labels(svg, width, scale)
    return PrintedChart(caption, lifted.svg + lifted.labels, style, height * scale, keys, overview)


def sheets(charts: list[PrintedChart], paper: Paper = A4) -> list[list[PrintedChart]]:
    """Charts gathered onto pages in order, as many on a page as fit one above the other."""
    out: list[list[PrintedChart]] = []
    room = 0.0
    for chart in charts:
        need = chart.height + FIGURE_H
        if not out or need > room:
            out.append([])
            room = paper.page_h - HEADING_H
        out[-1].append(chart)
        room -= need
    return out


# A week drawn narrower than this cannot show a one-week bar or tell a quarter's months apart; the
# bars get what the label column (a third of the page, with the lead) leaves them.
MIN_WEEK_PX = 3.0
BARS_SHARE = 0.55


def _fits(svg: str, paper: Paper) -> bool:
    return scale_to_fit(*svg_size(svg), paper) >= MIN_SCALE


def gantt_charts(
    schedule: Schedule, _: Words, *, rtl: bool, leads: Mapping[str, str] | None = None, paper: Paper = A4
) -> list[PrintedChart]:
    """The Gantt chart as landscape pages: each row's title on up to two lines and its lead, the whole
    time span on each page when it can be drawn wide enough (else windows of two years, then of 18
    months), and as many rows a page as fit at full size, shared out evenly between the pages."""
    width = int(paper.content_w) - 2
    # The widest readable window, which gives the fewest pages: a window's width does not change how
    # many rows fit a page, so only the rows are tried.
    span = max(span_weeks(schedule), 1)
    max_weeks = next((weeks for weeks in (span, 104) if weeks * MIN_WEEK_PX <= width * BARS_SHARE), 78)
    pages = []
    for max_rows in (36, 30, 24, 18, 16, 14, 12, 10, 6):  # the first three fit A3 only
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
        if all(_fits(p.svg, paper) for p in pages):
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
        out.append(_placed(caption, page.svg, keys, paper))
    return out


def graph_charts(plan: Plan, schedule: Schedule, _: Words, *, rtl: bool, paper: Paper = A4) -> list[PrintedChart]:
    """The dependency graph: whole on one page when it fits there unshrunk below 7pt; else its overview
    (phases × pillars, the critical path drawn through) and then its links in detail, as many
    pillars a page as fit, a pillar too long for a page in runs of its deliverables."""
    width = int(paper.content_w) - 2
    everything = tuple(d.key for pillar in Pillar for d in schedule.deliverables if d.pillar == pillar)
    whole = graph_svg(plan, schedule, gettext=_.context.gettext, rtl=rtl)
    if not everything or _fits(whole, paper):
        return [_placed(_("All deliverables"), whole, everything, paper)]
    out = _graph_overview(schedule, _, rtl=rtl, width=width, paper=paper)

    def detail(keys: list[str], caption: str) -> str:
        # Titles on two lines where the page has room for them, else on one.
        svg = ""
        for compact in (False, True):
            svg = link_map_svg(
                plan, schedule, keys, gettext=_.context.gettext, rtl=rtl, width=width, heading=caption, compact=compact
            )
            if _fits(svg, paper):
                break
        return svg

    for caption, keys in _detail_pages(schedule, _, detail, paper):
        out.append(_placed(caption, detail(keys, caption), tuple(keys), paper))
    return out


def _graph_overview(schedule: Schedule, _: Words, *, rtl: bool, width: int, paper: Paper) -> list[PrintedChart]:
    # The whole plan when its phases fit across the page; else even runs of phases, as few as fit.
    phases = sorted({d.phase for d in schedule.deliverables})
    charts: list[tuple[str, str]] = []
    for runs, compact in ((n, compact) for n in range(1, len(phases) + 1) for compact in (False, True)):
        size, extra = divmod(len(phases), runs)
        cuts, at = [], 0
        for r in range(runs):
            cuts.append(phases[at : at + size + (1 if r < extra else 0)])
            at += len(cuts[-1])
        charts = []
        for run in cuts:
            caption = (
                _("Overview") if runs == 1 else _("Overview, phases %(first)s–%(last)s", first=run[0], last=run[-1])
            )
            svg = graph_map_svg(
                schedule, phases=run, gettext=_.context.gettext, rtl=rtl, width=width, heading=caption, compact=compact
            )
            charts.append((caption, svg))
        if all(_fits(svg, paper) for _caption, svg in charts):
            break
    return [_placed(caption, svg, (), paper, overview=True) for caption, svg in charts]


def _detail_pages(schedule: Schedule, _: Words, detail, paper: Paper) -> list[tuple[str, list[str]]]:
    """(caption, keys) of each detail page: whole pillars gathered while they fit a page together; a
    pillar too long for a page alone cut into even runs (never of one deliverable)."""
    units: list[tuple[list[str], list[str]]] = []  # (pillar names, keys)
    for pillar in Pillar:
        keys = [d.key for d in schedule.deliverables if d.pillar == pillar]
        if not keys:
            continue
        name = _(pillar.label)
        if _fits(detail(keys, name), paper):
            units.append(([name], keys))
            continue
        runs = 2
        while True:
            size = -(-len(keys) // runs)
            cut = [keys[i : i + size] for i in range(0, len(keys), size)]
            if len(cut[-1]) == 1 and len(cut) > 1:  # a lone last box joins the run before it
                cut[-2:] = [cut[-2] + cut[-1]]
            captions = [
                _("%(pillar)s, part %(part)d of %(parts)d", pillar=name, part=n, parts=len(cut))
                if len(cut) > 1
                else name
                for n in range(1, len(cut) + 1)
            ]
            if size <= 2 or all(_fits(detail(run, c), paper) for run, c in zip(cut, captions, strict=True)):
                break
            runs += 1
        units += [([c], run) for c, run in zip(captions, cut, strict=True)]
    pages: list[tuple[list[str], list[str]]] = []
    for names, keys in units:
        if pages and _fits(detail(pages[-1][1] + keys, ""), paper):
            pages[-1] = (pages[-1][0] + names, pages[-1][1] + keys)
        else:
            pages.append((names, keys))
    # A page of one box (a pillar of one deliverable that fits with neither neighbour) takes the
    # nearest deliverable of a neighbour that can spare one, where both pages still fit; else it stays
    # alone rather than print anything below 7pt.
    for n in range(len(pages)):
        if len(pages[n][1]) != 1:
            continue
        for m in (n - 1, n + 1):
            if not 0 <= m < len(pages) or len(pages[m][1]) < 3:
                continue
            names, keys = pages[m]
            moved, rest = (keys[-1], keys[:-1]) if m < n else (keys[0], keys[1:])
            mine = [moved, *pages[n][1]] if m < n else [*pages[n][1], moved]
            if _fits(detail(mine, ""), paper) and _fits(detail(rest, ""), paper):
                pages[m] = (names, rest)
                pages[n] = (([names[-1]] if m < n else []) + pages[n][0] + ([] if m < n else [names[0]]), mine)
                break
    return [(" · ".join(names), keys) for names, keys in pages if keys]


def overview_charts(schedule: Schedule, _: Words, *, rtl: bool, paper: Paper = A4) -> list[PrintedChart]:
    """The plan at a glance: the whole plan on one page, or beyond OVERVIEW_MAX deliverables (or when it
    would not fit unshrunk below 7pt) one page per pillar, each over the whole time span. A pillar too
    large for a page is cut into runs of its deliverables in sequence order."""
    width = int(paper.content_w) - 2

    def chart(keys: list[str] | None) -> str:
        return overview_svg(schedule, keys=keys, today=_.context.today, gettext=_.context.gettext, rtl=rtl, width=width)

    # Pillar by pillar, in sequence order in each: the order of the chart's lanes, for its text.
    everything = tuple(d.key for pillar in Pillar for d in schedule.deliverables if d.pillar == pillar)
    if len(everything) <= OVERVIEW_MAX:
        whole = chart(None)
        if _fits(whole, paper) or not everything:
            return [_placed(_("The whole plan"), whole, everything, paper)]
    out = []
    for pillar in Pillar:
        keys = [d.key for d in schedule.deliverables if d.pillar == pillar]
        if not keys:
            continue
        runs, svgs = [keys], [chart(keys)]
        while svgs and not all(_fits(svg, paper) for svg in svgs) and len(runs[0]) > 1:
            # Shorter runs each time, down to one deliverable a page: a deep phase band can make even
            # small runs too tall, and the loop must end.
            size = min(-(-len(keys) // (len(runs) + 1)), len(runs[0]) - 1)
            runs = [keys[i : i + size] for i in range(0, len(keys), size)]
            svgs = [chart(run) for run in runs]
        for number, (run, svg) in enumerate(zip(runs, svgs, strict=True), start=1):
            caption = _(pillar.label)
            if len(runs) > 1:
                caption = _("%(pillar)s, part %(part)d of %(parts)d", pillar=caption, part=number, parts=len(runs))
            out.append(_placed(caption, svg, tuple(run), paper))
    return out
