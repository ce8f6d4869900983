"""Weeks of a schedule against the calendar: month and quarter boundaries, and page windows."""

from __future__ import annotations

from datetime import date, timedelta

from roadmap.i18n import N_

MONTHS = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)


def week_at(start: date, day: date) -> float:
    """Where a day falls on the week axis (week 0 begins on the start date)."""
    return (day - start).days / 7


def day_at(start: date, week: int) -> date:
    """The first day of a week."""
    return start + timedelta(days=7 * week)


def first_week_on_or_after(start: date, day: date) -> int:
    """The first whole week that begins on or after a day."""
    return -(-(day - start).days // 7)


def month_starts(start: date, first: int, last: int, every: int = 1) -> list[date]:
    """The first days of months (every ``every`` months, counted from January) strictly inside weeks [first, last)."""
    lo, hi = day_at(start, first), day_at(start, last)
    out = []
    year, month = lo.year, lo.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        day = date(year, month, 1)
        if day >= hi:
            return out
        if (month - 1) % every == 0:
            out.append(day)


def quarter_of(day: date) -> int:
    """The calendar quarter (1–4) a day falls in."""
    return (day.month - 1) // 3 + 1


def week_windows(start: date, span: int, max_weeks: int) -> list[tuple[int, int]]:
    """Weeks [0, span) cut into the fewest windows of at most max_weeks, at quarter starts where possible."""
    if max_weeks < 1:
        raise ValueError("max_weeks must be at least 1")
    windows: list[tuple[int, int]] = []
    lo = 0
    count = -(-span // max_weeks)
    while span - lo > max_weeks:
        remaining = count - len(windows)
        # Any cut in [low, high] leaves the rest coverable by the windows still to come.
        low, high = max(lo + 1, span - (remaining - 1) * max_weeks), lo + max_weeks
        target = lo + (span - lo) / remaining  # an even share keeps the scale alike from page to page
        cut = None
        for every in (3, 1):
            cuts = [
                first_week_on_or_after(start, day)
                for day in month_starts(start, low - 1, high + 1, every)
                if low <= first_week_on_or_after(start, day) <= high
            ]
            if cuts:
                cut = min(cuts, key=lambda w: (abs(w - target), w))
                break
        if cut is None:
            cut = min(max(round(target), low), high)
        windows.append((lo, cut))
        lo = cut
    windows.append((lo, span))
    return windows
