"""Recording how the work goes: a deliverable's progress and its indicators' measurements.

Each function runs in one transaction with the roadmap's row locked first, journals every change,
and raises OperationError for what it refuses. Ids come from URLs and forms, so every lookup is
bound to the roadmap id the caller checked access to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update

from models.base import db
from models.deliverable import Deliverable, Indicator
from models.operations.checks import Ref, as_text, clean_choice, clean_date, clean_number, clean_text, clean_whole, note
from models.operations.core import Actor, OperationError, VersionConflict, lock_roadmap, transaction
from models.tracking import Measurement
from roadmap.followup import reading_problem
from roadmap.vocabulary import NAME_MAX, NOTES_MAX, DeliverableStatus

PROGRESS_FIELDS = ("status", "percent_complete", "actual_start", "actual_finish", "progress_note")


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a deliverable stands: what a progress update records."""

    status: DeliverableStatus
    percent_complete: int
    actual_start: date | None = None
    actual_finish: date | None = None
    note: str | None = None


def record_progress(
    actor: Actor, roadmap_id: int, deliverable_id: int, expected_version: int, progress: Progress, today: date
) -> None:
    """Save a progress update, unless someone saved the deliverable since ``expected_version`` was read."""
    with transaction():
        lock_roadmap(roadmap_id)
        new = _clean(progress, today)
        t = Deliverable.__table__.c
        row = db.session.execute(
            select(t.key, t.version, *(getattr(t, f) for f in PROGRESS_FIELDS)).where(
                t.id == deliverable_id, t.roadmap_id == roadmap_id
            )
        ).one_or_none()
        if row is None:
            raise OperationError("no such deliverable in this roadmap")
        old = {f: getattr(row, f) for f in PROGRESS_FIELDS}
        old["status"] = DeliverableStatus(old["status"])
        conflict = VersionConflict(
            {f: as_text(v) for f, v in old.items()}, "someone else saved this deliverable since you opened it"
        )
        if row.version != expected_version:
            raise conflict
        changed = {f: v for f, v in new.items() if v != old[f]}
        if not changed:
            return
        saved = db.session.execute(
            update(Deliverable.__table__)
            .where(t.id == deliverable_id, t.version == expected_version)
            .values(**changed, version=t.version + 1)
        )
        if saved.rowcount != 1:
            raise conflict
        ref = Ref(deliverable_id, row.key)
        for field, value in changed.items():
            note(actor, roadmap_id, "progress recorded", ref, field=field, old=old[field], new=value)


def _clean(progress: Progress, today: date) -> dict[str, object]:
    status = clean_choice(DeliverableStatus, progress.status, "status")
    percent = clean_whole(progress.percent_complete, "percent complete", 0, 100)
    started = clean_date(progress.actual_start, "actual start")
    finished = clean_date(progress.actual_finish, "actual finish")
    for what, day in (("actual start", started), ("actual finish", finished)):
        if day is not None and day > today:
            raise OperationError(f"the {what} {day.isoformat()} is in the future: record it once it has happened")
    if started and finished and finished < started:
        raise OperationError("the actual finish is before the actual start")
    if status is DeliverableStatus.DONE:
        # Done means all of it: a finish date is what the forecast pins it to.
        percent = 100
        if finished is None:
            raise OperationError("a done deliverable needs its actual finish date")
    elif finished is not None:
        raise OperationError("only a done deliverable has an actual finish; set the status to done or clear the date")
    elif percent == 100:
        raise OperationError("100 % complete is done: set the status to done with its actual finish date")
    if status is DeliverableStatus.NOT_STARTED and (started is not None or percent > 0):
        raise OperationError("a deliverable with an actual start or some progress is no longer not started")
    if status is DeliverableStatus.IN_PROGRESS and started is None:
        raise OperationError("an in-progress deliverable needs its actual start date")
    note = clean_text(progress.note, "progress note", NOTES_MAX)
    if status is DeliverableStatus.BLOCKED and not note:
        # Blocked work holds the plan back: the adviser reading the forecast needs to know on what.
        raise OperationError("say in the note what the deliverable is blocked on")
    return {
        "status": status,
        "percent_complete": percent,
        "actual_start": started,
        "actual_finish": finished,
        "progress_note": note,
    }


def record_measurement(
    actor: Actor,
    roadmap_id: int,
    deliverable_id: int,
    indicator_id: int,
    measured_on: date,
    value: float,
    note_text: str | None,
    today: date,
) -> None:
    """Add a dated reading to an indicator's history; the indicator's actual becomes its latest reading."""
    with transaction():
        lock_roadmap(roadmap_id)
        d, i = Deliverable.__table__.c, Indicator.__table__.c
        row = db.session.execute(
            select(d.key, i.name, i.unit)
            .join(Indicator.__table__, i.deliverable_id == d.id)
            .where(i.id == indicator_id, d.id == deliverable_id, d.roadmap_id == roadmap_id)
        ).one_or_none()
        if row is None:
            raise OperationError("no such indicator on this deliverable")
        day = clean_date(measured_on, "measurement date", required=True)
        if day > today:
            raise OperationError(f"the measurement date {day.isoformat()} is in the future")
        number = clean_number(value, "measured value")
        if number is None:
            raise OperationError("the measured value is missing")
        if (problem := reading_problem(row.unit, float(number))) is not None:
            raise OperationError(problem)
        db.session.add(
            Measurement(
                indicator_id=indicator_id,
                measured_on=day,
                value=number,
                note=clean_text(note_text, "measurement note", NAME_MAX),
                recorded_by=actor.name,
            )
        )
        db.session.flush()
        m = Measurement.__table__.c
        latest = db.session.scalar(
            select(m.value).where(m.indicator_id == indicator_id).order_by(m.measured_on.desc(), m.id.desc()).limit(1)
        )
        db.session.execute(update(Indicator.__table__).where(i.id == indicator_id).values(actual=latest))
        note(
            actor,
            roadmap_id,
            "indicator measured",
            Ref(deliverable_id, row.key),
            field=row.name,
            new=f"{as_text(number)} on {day.isoformat()}",
        )


def measurements(deliverable_id: int) -> dict[int, list[Measurement]]:
    """Each indicator's readings, newest first, for one deliverable (one query)."""
    rows = db.session.scalars(
        select(Measurement)
        .join(Indicator, Indicator.id == Measurement.indicator_id)
        .where(Indicator.deliverable_id == deliverable_id)
        .order_by(Measurement.measured_on.desc(), Measurement.id.desc())
    )
    found: dict[int, list[Measurement]] = {}
    for m in rows:
        found.setdefault(m.indicator_id, []).append(m)
    return found


# Last, because models.operations imports this module to re-export it.
