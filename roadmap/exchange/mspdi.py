"""A sequenced plan as Microsoft Project XML (MSPDI), for Microsoft Project, ProjectLibre and MPXJ.

One summary task per pillar (outline level 1) holds its deliverables (outline level 2). The
project calendar is the usual Monday–Friday, 08:00–12:00 and 13:00–17:00, so a week of work is
5 days × 8 hours = 40 hours. Lags are written in tenths of a minute with LagFormat 9 (weeks),
which is how Project itself stores a lag typed in weeks. Dates come from the roadmap's own
schedule; a start that falls on a weekend moves to the Monday after and a finish to the Friday
before, as Project would place them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # nosec B405 -- builds XML only; nothing untrusted is ever parsed with it
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta

from roadmap.plan import Plan
from roadmap.sequencing import Schedule
from roadmap.vocabulary import DependencyType, Pillar

NAMESPACE = "http://schemas.microsoft.com/project"
HOURS_PER_WEEK = 40
MINUTES_PER_WEEK = HOURS_PER_WEEK * 60
WEEKS_FORMAT = 9  # MSPDI duration and lag formats: 7 days, 9 weeks
LINK_TYPE = {DependencyType.FINISH_TO_FINISH: 0, DependencyType.FINISH_TO_START: 1, DependencyType.START_TO_START: 3}
PILLAR_UID = {p: p.order for p in Pillar}  # summary tasks 1–5; deliverables start above them
FIRST_DELIVERABLE_UID = 10
_DAY_START, _DAY_END = time(8), time(17)


def to_mspdi(
    plan: Plan,
    schedule: Schedule,
    uids: Mapping[str, int] | None = None,
    pillar_names: Mapping[Pillar, str] | None = None,
) -> bytes:
    """The plan and its schedule as MSPDI XML (UTF-8).

    ``uids`` gives each deliverable a number that outlives edits (the database id), so a file
    imported into Project again updates the same tasks; without it, plan order is used.
    ``pillar_names`` names the summary tasks in the roadmap's language (English without it).
    """
    numbers = uids or {d.key: n for n, d in enumerate(plan.deliverables, start=1)}
    uid = {key: FIRST_DELIVERABLE_UID + n for key, n in numbers.items()}
    project = ET.Element("Project", xmlns=NAMESPACE)
    _text(project, "SaveVersion", 14)
    _text(project, "Name", plan.title)
    _text(project, "Title", plan.title)
    _text(project, "ScheduleFromStart", 1)
    _text(project, "StartDate", _start(schedule.start_date))
    _text(project, "FinishDate", _finish(schedule.finish_date))
    _text(project, "CalendarUID", 1)
    _text(project, "MinutesPerDay", 480)
    _text(project, "MinutesPerWeek", MINUTES_PER_WEEK)
    _text(project, "DaysPerMonth", 20)
    _text(project, "DurationFormat", WEEKS_FORMAT)
    _calendar(ET.SubElement(project, "Calendars"))

    tasks = ET.SubElement(project, "Tasks")
    _task(tasks, 0, 0, plan.title, 0, schedule.start_date, schedule.finish_date, summary=True)
    predecessors: dict[str, list] = {}
    for link in plan.dependencies:
        predecessors.setdefault(link.successor, []).append(link)
    row = 0
    for pillar in Pillar:
        placed = [schedule.get(d.key) for d in plan.deliverables if d.pillar == pillar]
        if not placed:
            continue
        row += 1
        start = min(s.start for s in placed)
        finish = max(s.finish for s in placed)
        name = (pillar_names or {}).get(pillar, pillar.label)
        instant = all(s.duration_weeks == 0 for s in placed)  # only milestones: a summary of no length
        _task(tasks, PILLAR_UID[pillar], row, name, 1, start, finish, summary=True, weeks=0 if instant else None)
        for item in sorted(placed, key=lambda s: (s.es, s.key)):
            row += 1
            deliverable = plan.deliverable(item.key)
            task = _task(
                tasks, uid[item.key], row, deliverable.title, 2, item.start, item.finish,
                weeks=item.duration_weeks, percent=deliverable.percent_complete, notes=deliverable.description,
            )  # fmt: skip
            if deliverable.not_before:
                _text(task, "ConstraintType", 4)  # start no earlier than
                _text(task, "ConstraintDate", _start(deliverable.not_before))
            if deliverable.due_by:
                _text(task, "Deadline", _finish(deliverable.due_by))
            for link in predecessors.get(item.key, ()):
                _link(task, uid[link.predecessor], LINK_TYPE[link.type], link.lag_weeks)
    ET.indent(project)
    return ET.tostring(project, encoding="utf-8", xml_declaration=True)


def _task(
    parent: ET.Element,
    uid: int,
    row: int,
    name: str,
    level: int,
    start: date,
    finish: date,
    *,
    summary: bool = False,
    weeks: int | None = None,
    percent: int = 0,
    notes: str | None = None,
) -> ET.Element:
    milestone = weeks == 0 and not summary
    begin = _start(start)
    end = begin if weeks == 0 else _finish(finish)
    task = ET.SubElement(parent, "Task")
    _text(task, "UID", uid)
    _text(task, "ID", row)
    _text(task, "Name", name)
    _text(task, "Type", 1)  # fixed duration: the plan gives weeks, not effort
    _text(task, "IsNull", 0)
    _text(task, "OutlineLevel", level)
    _text(task, "Start", begin)
    _text(task, "Finish", end)
    hours = weeks * HOURS_PER_WEEK if weeks is not None else _working_days(start, finish) * 8
    _text(task, "Duration", f"PT{hours}H0M0S")
    _text(task, "DurationFormat", WEEKS_FORMAT)
    _text(task, "Milestone", int(milestone))
    _text(task, "Summary", int(summary))
    _text(task, "PercentComplete", percent)
    if notes:
        _text(task, "Notes", notes)
    return task


def _link(task: ET.Element, predecessor_uid: int, kind: int, lag_weeks: int) -> None:
    link = ET.SubElement(task, "PredecessorLink")
    _text(link, "PredecessorUID", predecessor_uid)
    _text(link, "Type", kind)
    _text(link, "CrossProject", 0)
    _text(link, "LinkLag", lag_weeks * MINUTES_PER_WEEK * 10)
    _text(link, "LagFormat", WEEKS_FORMAT)


def _calendar(parent: ET.Element) -> None:
    calendar = ET.SubElement(parent, "Calendar")
    _text(calendar, "UID", 1)
    _text(calendar, "Name", "Standard")
    _text(calendar, "IsBaseCalendar", 1)
    days = ET.SubElement(calendar, "WeekDays")
    for day_type in range(1, 8):  # 1 is Sunday
        day = ET.SubElement(days, "WeekDay")
        _text(day, "DayType", day_type)
        working = day_type not in (1, 7)
        _text(day, "DayWorking", int(working))
        if working:
            times = ET.SubElement(day, "WorkingTimes")
            for begin, end in (("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")):
                period = ET.SubElement(times, "WorkingTime")
                _text(period, "FromTime", begin)
                _text(period, "ToTime", end)


def _start(day: date) -> str:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, _DAY_START).isoformat()


def _finish(day: date) -> str:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return datetime.combine(day, _DAY_END).isoformat()


def _working_days(start: date, finish: date) -> int:
    days = (finish - start).days + 1
    return sum(1 for n in range(max(days, 0)) if (start + timedelta(days=n)).weekday() < 5)


def _text(parent: ET.Element, tag: str, value: object) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = str(value)
    return element
