"""The Gantt chart and the dependency graph of roadmap/charts on web pages (the review step, the Timeline
and the Dependency graph pages), and indicators' trend charts. A small roadmap's chart is drawn whole;
a large one's is split with what roadmap/charts offers for the PDF (date windows and runs of rows;
pillars and phases) and only the part asked for is drawn, so neither the page's weight nor its
drawing time grows with the roadmap.

The Gantt chart draws planned work only, as the printed roadmap does: work already in place is not
scheduled, and drawn at week 0 it read as planned work. The page says how many are left out and
links to where they are listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import format_date, get_locale, gettext
from markupsafe import Markup

from roadmap.charts import gantt_svg, graph_groups, graph_svg
from roadmap.charts.gantt import occupies
from roadmap.charts.pages import page_ranges
from roadmap.charts.trend import trend_svg
from roadmap.plan import Dependency, Plan
from roadmap.sequencing import Schedule, ScheduledDeliverable, planned_work
from views.paging import WHOLE_UP_TO

GANTT_ROWS = 40
GANTT_WEEKS = 104  # two years a part: wide enough to read, narrow enough to scroll
GRAPH_NODES = 40
GRAPH_PHASES = 6


@dataclass(frozen=True, slots=True)
class ChartPart:
    """One part of a chart: its name, the deliverables it shows, and for the Gantt chart its weeks and rows."""

    title: str
    keys: tuple[str, ...]
    weeks: tuple[int, int] | None = None
    rows: tuple[int, int] | None = None


def _rtl(plan: Plan) -> bool:
    # A chart on a page reads in the page's direction: its axis and legend are in the reader's
    # language (the PDF, in the roadmap's language, decides its own direction from the plan).
    return str(get_locale()) == "ar"


def timeline_parts(schedule: Schedule) -> list[ChartPart] | None:
    """The Gantt chart's parts in reading order, or None when it is drawn whole; rows count planned work."""
    schedule = planned_work(schedule)
    if len(schedule.deliverables) <= WHOLE_UP_TO:
        return None
    items = schedule.deliverables
    parts = []
    for weeks, rows in page_ranges(schedule, max_rows=GANTT_ROWS, max_weeks=GANTT_WEEKS):
        keys = tuple(d.key for d in items[rows[0] : rows[1]] if occupies(d, *weeks))
        first = schedule.start_date + timedelta(weeks=weeks[0])
        last = schedule.start_date + timedelta(weeks=weeks[1]) - timedelta(days=1)
        title = gettext(
            "%(start)s to %(end)s, rows %(first)d–%(last)d",
            start=format_date(first, "MMM y"),
            end=format_date(last, "MMM y"),
            first=rows[0] + 1,
            last=rows[1],
        )
        parts.append(ChartPart(title, keys, weeks, rows))
    return parts


def timeline(plan: Plan, schedule: Schedule, part: ChartPart | None = None, today: date | None = None) -> Markup:
    """The Gantt chart of the planned work, whole or one part, with a "today" line when today falls in it."""
    options = {"today": today or date.today(), "gettext": gettext, "rtl": _rtl(plan)}
    if part is not None and part.weeks is not None:
        options.update(weeks=part.weeks, rows=part.rows, idle_rows=False)
    # The charts escape every user text themselves (tests prove it), so their SVG is markup.
    return Markup(gantt_svg(planned_work(schedule), **options))  # noqa: S704


def timeline_rows(schedule: Schedule, part: ChartPart | None) -> list[ScheduledDeliverable]:
    """The rows a part of the Gantt chart draws, for the table beside it: planned work only."""
    if part is None:
        return list(planned_work(schedule).deliverables)
    return [schedule.get(k) for k in part.keys]


def in_place(schedule: Schedule, listed_at: Callable[[str], str]) -> dict:
    """What a page says under its Gantt chart of the work left out of it: the deliverables already in
    place, and ``listed_at(key)`` of the first, the address of the list that holds them."""
    existing = [d for d in schedule.deliverables if d.in_place]
    return {"in_place": existing, "in_place_url": listed_at(existing[0].key) if existing else None}


def graph_parts(schedule: Schedule) -> list[ChartPart] | None:
    """The dependency graph's parts (by pillar, then runs of phases), or None when it is drawn whole."""
    if len(schedule.deliverables) <= WHOLE_UP_TO:
        return None
    groups = graph_groups(schedule, max_nodes=GRAPH_NODES, max_phases=GRAPH_PHASES, gettext=gettext)
    return [ChartPart(title, keys) for title, keys in groups]


def graph(plan: Plan, schedule: Schedule, part: ChartPart | None = None) -> Markup:
    """The dependency graph, whole or one part (its links to other parts drawn as named stubs)."""
    keys = None if part is None else part.keys
    heading = None if part is None else part.title
    options = {"keys": keys, "gettext": gettext, "rtl": _rtl(plan), "heading": heading}
    return Markup(graph_svg(plan, schedule, **options))  # noqa: S704


def links_by_deliverable(plan: Plan) -> tuple[dict[str, list[Dependency]], dict[str, list[Dependency]]]:
    """What each deliverable waits for, and what waits for it: the graph in words."""
    waits_for: dict[str, list[Dependency]] = {}
    waited_by: dict[str, list[Dependency]] = {}
    for x in plan.dependencies:
        waits_for.setdefault(x.successor, []).append(x)
        waited_by.setdefault(x.predecessor, []).append(x)
    return waits_for, waited_by


def timeline_page(plan: Plan, schedule: Schedule, part: ChartPart | None, listed_at: Callable[[str], str]) -> dict:
    """What workspace/_timeline.html shows: the part's chart, its rows, and the work already in place left
    out of both, listed at ``listed_at(key)``."""
    return {
        "chart": timeline(plan, schedule, part),
        "rows": timeline_rows(schedule, part),
        **in_place(schedule, listed_at),
    }


def graph_page(plan: Plan, schedule: Schedule, part: ChartPart | None, part_url) -> dict:
    """What workspace/_graph.html shows; ``part_url(key)`` links to the part of a large graph holding a key."""
    waits_for, waited_by = links_by_deliverable(plan)
    return {
        "chart": graph(plan, schedule, part),
        "shown": timeline_rows(schedule, part),
        "titles": {d.key: d.title for d in plan.deliverables},
        "waits_for": waits_for,
        "waited_by": waited_by,
        "part_url": part_url,
    }


def trend(readings: list[tuple[date, float]], target: float | None, baseline: float | None, description: str) -> Markup:
    """An indicator's small trend chart, named by ``description`` (the readings in words)."""
    # trend_svg escapes every text it writes, as the other charts do.
    return Markup(trend_svg(readings, target, description, baseline))  # noqa: S704
