"""Plain-text tables for the terminal."""

from __future__ import annotations

from roadmap.duedates import Marks, slack_words
from roadmap.sequencing import Schedule, ScheduledDeliverable

_HEADERS = ("Phase", "Key", "Start", "Finish", "Weeks", "Slack", "Critical", "Due date", "Title")


def schedule_table(schedule: Schedule, title_width: int = 60, marks: dict[str, Marks] | None = None) -> str:
    """The schedule as an aligned table in sequence order, with a summary above it. "CRITICAL" marks the
    critical path; with ``marks`` (roadmap.duedates.schedule_marks) the due date column says which are
    late for their own due date and which hold a late one up, and the slack is in the printed pages'
    words. Work already in place is marked so, with no dates, duration or slack: it is not scheduled."""
    on_path = set(schedule.critical_path)
    marks = marks or {}
    lines = [
        f"Start {schedule.start_date}  Finish {schedule.finish_date}  Duration {schedule.duration_weeks} weeks",
        "Critical path: " + (" → ".join(schedule.critical_path) or "none"),
        "",
    ]
    rows = [
        (
            str(d.phase),
            d.key,
            *(("Already in place", "", "", "") if d.in_place else _when(d, marks.get(d.key))),
            "CRITICAL" if d.key in on_path else "",
            "" if d.in_place else _due(marks.get(d.key)),
            d.title if len(d.title) <= title_width else d.title[: title_width - 1] + "…",
        )
        for d in schedule.deliverables
    ]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(_HEADERS)]
    numeric = {0, 4}

    def fmt(row: tuple[str, ...]) -> str:
        cells = [c.rjust(w) if i in numeric else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        return "  ".join(cells).rstrip()

    lines.append(fmt(_HEADERS))
    lines.append("  ".join("-" * w for w in widths))
    lines.extend(fmt(r) for r in rows)
    if not rows:
        lines.append("(no deliverables)")
    return "\n".join(lines)


def _when(d: ScheduledDeliverable, m: Marks | None) -> tuple[str, str, str, str]:
    # Start, finish, weeks and the slack in words (a bare number without the marks that explain it).
    slack = slack_words(d.slack, m, _english) if m is not None else str(d.slack)
    return d.start.isoformat(), d.finish.isoformat(), str(d.duration_weeks), slack


def _english(singular: str, plural: str, num: int) -> str:
    # The terminal speaks English, in the same words as the printed pages.
    return (singular if num == 1 else plural) % {"num": num}


def _due(m: Marks | None) -> str:
    if m is None:
        return ""
    if m.late:
        return f"{m.late_weeks} {'week' if m.late_weeks == 1 else 'weeks'} late"
    return f"holds up {', '.join(m.holds_up)}" if m.holds_up else ""
