"""Splitting a long Gantt chart across printed pages by date range and by rows, never shrinking its text."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from roadmap.charts._calendar import week_windows
from roadmap.charts._svg import Gettext, identity
from roadmap.charts.gantt import gantt_svg, occupies, span_weeks
from roadmap.sequencing import Schedule


@dataclass(frozen=True, slots=True)
class GanttPage:
    """One printed page of a Gantt chart: weeks [from, to) of rows [from, to) of the schedule."""

    svg: str
    weeks: tuple[int, int]
    rows: tuple[int, int]


def page_ranges(
    schedule: Schedule, *, max_rows: int = 28, max_weeks: int = 78
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The (weeks, rows) of each page in reading order: date windows in time order, rows in sequence order in each."""
    if max_rows < 1:
        raise ValueError("max_rows must be at least 1")
    items = schedule.deliverables
    out = []
    for first, last in week_windows(schedule.start_date, span_weeks(schedule), max_weeks):
        active = [i for i, d in enumerate(items) if occupies(d, first, last)]
        if not active:
            continue
        # Rows keep their sequence order; a page is a run of the schedule's rows from which those with
        # nothing in its window are left out, so early deliverables do not fill late pages with blanks.
        pages = -(-len(active) // max_rows)
        size, extra = divmod(len(active), pages)  # even page lengths rather than full pages and a stub
        at = 0
        for p in range(pages):
            group = active[at : at + size + (1 if p < extra else 0)]
            at += len(group)
            out.append(((first, last), (group[0], group[-1] + 1)))
    return out


def gantt_pages(
    schedule: Schedule,
    *,
    max_rows: int = 28,
    max_weeks: int = 78,
    today: date | None = None,
    gettext: Gettext = identity,
    rtl: bool = False,
    width: int = 1000,
    format_month: Callable[[date], str] | None = None,
    leads: Mapping[str, str] | None = None,
    title_lines: int = 1,
) -> list[GanttPage]:
    """The Gantt chart as pages of at most max_rows rows and max_weeks weeks, cut at quarter starts where possible.

    Pages come in reading order: date windows in time order, and within each the rows in sequence
    order. Every week in which a deliverable has a bar or milestone is on exactly one page; a page
    leaves out the rows with nothing in its window. An empty schedule gives one page saying so.
    """
    ranges = page_ranges(schedule, max_rows=max_rows, max_weeks=max_weeks)
    if not ranges:
        return [GanttPage(gantt_svg(schedule, rows=(0, 0), gettext=gettext, rtl=rtl, width=width), (0, 0), (0, 0))]
    return [
        GanttPage(
            gantt_svg(
                schedule,
                today=today,
                weeks=weeks,
                rows=rows,
                gettext=gettext,
                rtl=rtl,
                width=width,
                format_month=format_month,
                idle_rows=False,
                numbered=True,
                leads=leads,
                title_lines=title_lines,
            ),
            weeks,
            rows,
        )
        for weeks, rows in ranges
    ]
