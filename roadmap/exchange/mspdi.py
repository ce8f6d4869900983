"""A sequenced plan as Microsoft Project XML (MSPDI), for Microsoft Project, ProjectLibre and MPXJ.

One summary task per pillar (outline level 1) holds its deliverables (outline level 2). The
project calendar is the usual Monday–Friday, 08:00–12:00 and 13:00–17:00, so a week of work is
5 days × 8 hours = 40 hours. Lags are written in tenths of a minute with LagFormat 9 (weeks),
which is how Project itself stores a lag typed in weeks. Dates come from the schedule given; a
start that falls on a weekend moves to the Monday after and a finish to the Friday before, as
Project would place them (roadmap/exchange/mspdi_tasks.py has the rules for each task's dates,
duration and progress).

How the work went, as Project records it: each task's percent complete and actual start and
finish; the status date, when given, as of which they are reported; the approved baseline, when
given, as each task's Baseline 0 (its start, finish and duration; the summaries span their tasks'),
none for a deliverable added since; cancelled work as an inactive task (Active 0), kept so the links
through it still read; and each deliverable's lead as a work resource (one per organisation)
assigned to the task.

Elements are written in the order of Microsoft's schema (mspdi_pj12.xsd): Project reads a file
only when they are.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # nosec B405 -- builds XML only; nothing untrusted is ever parsed with it
from collections.abc import Iterable, Mapping
from datetime import date, datetime

from roadmap.exchange.mspdi_tasks import (
    DAY_END,
    Bar,
    Progress,
    bar,
    deliverable_bar,
    finish_at,
    progress_of,
    rollup,
    span,
    start_at,
)
from roadmap.forecast import BaselineDates
from roadmap.plan import Dependency, Plan
from roadmap.sequencing import Schedule, ScheduledDeliverable
from roadmap.vocabulary import DeliverableStatus, DependencyType, Pillar

NAMESPACE = "http://schemas.microsoft.com/project"
HOURS_PER_WEEK = 40
MINUTES_PER_WEEK = HOURS_PER_WEEK * 60
WEEKS_FORMAT = 9  # MSPDI duration and lag formats: 7 days, 9 weeks
LINK_TYPE = {DependencyType.FINISH_TO_FINISH: 0, DependencyType.FINISH_TO_START: 1, DependencyType.START_TO_START: 3}
PILLAR_UID = {p: p.order for p in Pillar}  # summary tasks 1–5; deliverables start above them
FIRST_DELIVERABLE_UID = 10
WORK_RESOURCE = 1  # MSPDI resource types: 0 material, 1 work, 2 cost


def to_mspdi(
    plan: Plan,
    schedule: Schedule,
    uids: Mapping[str, int] | None = None,
    pillar_names: Mapping[Pillar, str] | None = None,
    *,
    status_date: date | None = None,
    baseline: Mapping[str, BaselineDates] | None = None,
) -> bytes:
    """The plan and its schedule as MSPDI XML (UTF-8), with the progress recorded in the plan.

    ``uids`` gives each deliverable a number that outlives edits (the database id), so a file
    imported into Project again updates the same tasks; without it, plan order is used.
    ``pillar_names`` names the summary tasks in the roadmap's language (English without it).
    ``status_date`` is the day the progress is reported as of; pass the forecast as of that day
    (roadmap.forecast.forecast) as ``schedule`` so the tasks' dates agree with their actual dates.
    ``baseline`` holds the approved baseline's dates by deliverable key (none: no baseline written).
    """
    by_key = {d.key: d for d in plan.deliverables}
    numbers = uids or {d.key: n for n, d in enumerate(plan.deliverables, start=1)}
    uid = {key: FIRST_DELIVERABLE_UID + n for key, n in numbers.items()}
    bars = {d.key: deliverable_bar(d, schedule.get(d.key)) for d in plan.deliverables}
    progress = {d.key: progress_of(d, bars[d.key]) for d in plan.deliverables}
    planned = {
        k: bar(b.start, b.finish, milestone=b.start == b.finish) for k, b in (baseline or {}).items() if k in bars
    }
    # Inactive tasks do not move their summaries, as in Project; a pillar of cancelled work only still spans it.
    counted = {d.key for d in plan.deliverables if d.status is not DeliverableStatus.CANCELLED}

    def summary(keys: list[str], *around: Bar) -> tuple[Bar, int, Bar | None]:
        shown = [k for k in keys if k in counted] or keys
        was = [planned[k] for k in keys if k in planned]
        whole = span(*around, *(bars[k] for k in shown))
        return whole, rollup((bars[k], progress[k]) for k in shown), span(*was) if was else None

    everything = [d.key for d in plan.deliverables]
    whole, percent, was = summary(everything, bar(schedule.start_date, schedule.finish_date, milestone=False))
    project = ET.Element("Project", xmlns=NAMESPACE)
    _text(project, "SaveVersion", 14)
    _text(project, "Name", plan.title)
    _text(project, "Title", plan.title)
    _text(project, "ScheduleFromStart", 1)
    _text(project, "StartDate", whole.start.isoformat())
    _text(project, "FinishDate", whole.finish.isoformat())
    _text(project, "CalendarUID", 1)
    _text(project, "MinutesPerDay", 480)
    _text(project, "MinutesPerWeek", MINUTES_PER_WEEK)
    _text(project, "DaysPerMonth", 20)
    _text(project, "DurationFormat", WEEKS_FORMAT)
    if status_date is not None:  # progress is reported as of the close of that day
        _text(project, "StatusDate", datetime.combine(status_date, DAY_END).isoformat())
    _calendar(ET.SubElement(project, "Calendars"))

    tasks = ET.SubElement(project, "Tasks")
    _task(tasks, 0, 0, plan.title, 0, whole, Progress(percent), summary=True, baseline=was)
    predecessors: dict[str, list[Dependency]] = {}
    for link in plan.dependencies:
        predecessors.setdefault(link.successor, []).append(link)
    row = 0
    for pillar in Pillar:
        placed = sorted((schedule.get(d.key) for d in plan.deliverables if d.pillar == pillar), key=_in_sequence)
        if not placed:
            continue
        row += 1
        name = (pillar_names or {}).get(pillar, pillar.label)
        whole, percent, was = summary([s.key for s in placed])
        _task(tasks, PILLAR_UID[pillar], row, name, 1, whole, Progress(percent), summary=True, baseline=was)
        for item in placed:
            row += 1
            d = by_key[item.key]
            _task(
                tasks, uid[d.key], row, d.title, 2, bars[d.key], progress[d.key],
                milestone=d.is_milestone, active=d.key in counted, not_before=d.not_before, due_by=d.due_by,
                notes=d.description, links=((uid[k.predecessor], k) for k in predecessors.get(d.key, ())),
                baseline=planned.get(d.key),
            )  # fmt: skip
    _resources(project, plan, uid, bars, progress)
    ET.indent(project)
    return ET.tostring(project, encoding="utf-8", xml_declaration=True)


def _in_sequence(item: ScheduledDeliverable) -> tuple[int, str]:
    return item.es, item.key


def _task(
    parent: ET.Element,
    uid: int,
    row: int,
    name: str,
    level: int,
    where: Bar,
    progress: Progress,
    *,
    summary: bool = False,
    milestone: bool = False,
    active: bool = True,
    not_before: date | None = None,
    due_by: date | None = None,
    notes: str | None = None,
    links: Iterable[tuple[int, Dependency]] = (),
    baseline: Bar | None = None,
) -> None:
    task = ET.SubElement(parent, "Task")
    _text(task, "UID", uid)
    _text(task, "ID", row)
    _text(task, "Name", name)
    _text(task, "Active", int(active))
    _text(task, "Type", 1)  # fixed duration: the plan gives weeks, not effort
    _text(task, "IsNull", 0)
    _text(task, "OutlineLevel", level)
    _dates(task, where)
    _text(task, "Milestone", int(milestone))
    _text(task, "Summary", int(summary))
    _text(task, "PercentComplete", progress.percent)
    _text(task, "PercentWorkComplete", progress.percent)  # no effort is tracked apart from the work itself
    if progress.actual_start is not None:
        _text(task, "ActualStart", progress.actual_start.isoformat())
    if progress.actual_finish is not None:
        _text(task, "ActualFinish", progress.actual_finish.isoformat())
    if not_before:
        _text(task, "ConstraintType", 4)  # start no earlier than
        _text(task, "ConstraintDate", start_at(not_before).isoformat())
    if due_by:
        _text(task, "Deadline", finish_at(due_by).isoformat())
    if notes:
        _text(task, "Notes", notes)
    for predecessor_uid, link in links:
        _link(task, predecessor_uid, LINK_TYPE[link.type], link.lag_weeks)
    if baseline is not None:
        planned = ET.SubElement(task, "Baseline")
        _text(planned, "Number", 0)  # Baseline, as against Baseline1 … Baseline10
        _dates(planned, baseline)


def _resources(
    project: ET.Element, plan: Plan, uid: Mapping[str, int], bars: Mapping[str, Bar], progress: Mapping[str, Progress]
) -> None:
    # The leads are organisations, so each is one work resource however many deliverables it leads.
    leading = {d.lead for d in plan.deliverables if d.lead}
    names = {s.key: s.name for s in plan.stakeholders}
    number = {key: n for n, key in enumerate([s.key for s in plan.stakeholders if s.key in leading], start=1)}
    for key in sorted(leading - number.keys()):  # a lead missing from the stakeholders is still named
        number[key] = len(number) + 1
    resources = ET.SubElement(project, "Resources")
    for key, n in number.items():
        resource = ET.SubElement(resources, "Resource")
        _text(resource, "UID", n)
        _text(resource, "ID", n)
        _text(resource, "Name", names.get(key, key))
        _text(resource, "Type", WORK_RESOURCE)
        _text(resource, "IsNull", 0)
    assignments = ET.SubElement(project, "Assignments")
    for n, d in enumerate((d for d in plan.deliverables if d.lead), start=1):
        where, done = bars[d.key], progress[d.key]
        assignment = ET.SubElement(assignments, "Assignment")
        _text(assignment, "UID", n)
        _text(assignment, "TaskUID", uid[d.key])
        _text(assignment, "ResourceUID", number[d.lead])
        _text(assignment, "PercentWorkComplete", done.percent)
        if done.actual_finish is not None:
            _text(assignment, "ActualFinish", done.actual_finish.isoformat())
        if done.actual_start is not None:
            _text(assignment, "ActualStart", done.actual_start.isoformat())
        _text(assignment, "Finish", where.finish.isoformat())
        _text(assignment, "Start", where.start.isoformat())
        _text(assignment, "Units", 1)  # the lead works on the task for its whole length
        _text(assignment, "Work", f"PT{where.hours}H0M0S")


def _dates(parent: ET.Element, where: Bar) -> None:
    _text(parent, "Start", where.start.isoformat())
    _text(parent, "Finish", where.finish.isoformat())
    _text(parent, "Duration", f"PT{where.hours}H0M0S")
    _text(parent, "DurationFormat", WEEKS_FORMAT)


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


def _text(parent: ET.Element, tag: str, value: object) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = str(value)
    return element
