"""Recording how the work goes: a deliverable's progress and its indicators' measurements.

Each function runs in one transaction with the roadmap's row locked first, journals every change,
and raises OperationError for what it refuses. Ids come from URLs and forms, so every lookup is
bound to the roadmap id the caller checked access to.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update

from models.base import db, utcnow
from models.deliverable import Deliverable, Indicator
from models.operations.checks import Ref, as_text, clean_choice, clean_date, clean_number, clean_text, clean_whole, note
from models.operations.core import Actor, OperationError, VersionConflict, about, lock_roadmap, transaction
from models.tracking import Measurement
from roadmap.followup import reading_misfit
from roadmap.i18n import N_, Phrase
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
            raise OperationError(N_("no such deliverable in this roadmap"))
        old = {f: getattr(row, f) for f in PROGRESS_FIELDS}
        old["status"] = DeliverableStatus(old["status"])
        conflict = VersionConflict(
            {f: as_text(v) for f, v in old.items()},
            N_("someone else saved this deliverable since you opened it"),
            version=row.version,
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
    status = clean_choice(DeliverableStatus, progress.status, N_("status"))
    percent = clean_whole(progress.percent_complete, N_("percent complete"), 0, 100)
    started = clean_date(progress.actual_start, N_("actual start"))
    finished = clean_date(progress.actual_finish, N_("actual finish"))
    for what, day in ((N_("actual start"), started), (N_("actual finish"), finished)):
        if day is not None and day > today:
            raise OperationError(
                N_("the %(what)s %(day)s is in the future: record it once it has happened"),
                what=Phrase(what),
                day=day,
            )
    if started and finished and finished < started:
        raise OperationError(N_("the actual finish is before the actual start"))
    if status is DeliverableStatus.IN_PLACE:
        # Work that existed before the roadmap is not the plan's work: it has no progress of its own.
        if percent or started or finished:
            raise OperationError(
                N_(
                    "work already in place has no progress, actual start or finish: "
                    "clear them, or choose another status"
                )
            )
    elif status is DeliverableStatus.DONE:
        # Done means all of it: a finish date is what the forecast pins it to.
        percent = 100
        if finished is None:
            raise OperationError(N_("a done deliverable needs its actual finish date"))
    elif finished is not None:
        raise OperationError(
            N_("only a done deliverable has an actual finish; set the status to done or clear the date")
        )
    elif percent == 100:
        raise OperationError(
            N_("a deliverable 100 percent complete is done: set the status to done with its actual finish date")
        )
    if status is DeliverableStatus.NOT_STARTED and (started is not None or percent > 0):
        raise OperationError(N_("a deliverable with an actual start or some progress is no longer not started"))
    if status is DeliverableStatus.IN_PROGRESS and started is None:
        raise OperationError(N_("an in-progress deliverable needs its actual start date"))
    note = clean_text(progress.note, N_("progress note"), NOTES_MAX)
    if status is DeliverableStatus.BLOCKED and not note:
        # Blocked work holds the plan back: the adviser reading the forecast needs to know on what.
        raise OperationError(N_("say in the note what the deliverable is blocked on"))
    return {
        "status": status,
        "percent_complete": percent,
        "actual_start": started,
        "actual_finish": finished,
        "progress_note": note,
    }


class SameDayReading(OperationError):
    """The indicator already has a reading on that date: an indicator reads one value a day, so the
    caller asks whether to replace it (``stamp`` is what that question carries back) rather than adding
    a second one beside it."""

    def __init__(self, value: float, day: date, stamp: str):
        super().__init__(N_("there is already a reading of %(value)s on %(day)s"), value=as_text(value), day=day)
        self.value, self.day, self.stamp = value, day, stamp


def reading_stamp(reading: Measurement) -> str:
    """A reading's version: a form that changes or removes it carries this, and a reading saved since
    (by someone else, or again) no longer matches. Measurements have no version column; every change
    sets who recorded the reading and when, so these fields tell each saved state apart."""
    saved = (reading.id, reading.measured_on, float(reading.value), reading.note, reading.recorded_by)
    text = "|".join(map(str, (*saved, reading.recorded_at.isoformat())))
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def record_measurement(
    actor: Actor,
    roadmap_id: int,
    deliverable_id: int,
    indicator_id: int,
    measured_on: date,
    value: float,
    note_text: str | None,
    today: date,
    *,
    replace: str | None = None,
) -> bool:
    """Add a dated reading to an indicator's history; the indicator's actual becomes its latest reading.

    A reading already on that date is not doubled: SameDayReading is raised, unless ``replace`` is the
    stamp of that reading (as the question gave it), which then takes the new value as a correction.
    True when a reading was replaced so.
    """
    with transaction():
        lock_roadmap(roadmap_id)
        d, i = Deliverable.__table__.c, Indicator.__table__.c
        row = db.session.execute(
            select(d.key, i.name, i.unit)
            .join(Indicator.__table__, i.deliverable_id == d.id)
            .where(i.id == indicator_id, d.id == deliverable_id, d.roadmap_id == roadmap_id)
        ).one_or_none()
        if row is None:
            raise OperationError(N_("no such indicator on this deliverable"))
        day, number, text = _clean_reading(row.unit, measured_on, value, note_text, today)
        ref = Ref(deliverable_id, row.key)
        if (same := _on_day(indicator_id, day)) is not None:
            # Asked about one reading, the answer holds for that one as it was: changed since, ask again.
            if replace != reading_stamp(same):
                raise SameDayReading(same.value, day, reading_stamp(same))
            _correct(actor, roadmap_id, ref, row.name, same, (day, number, text))
            replaced = True
        else:
            db.session.add(
                Measurement(indicator_id=indicator_id, measured_on=day, value=number, note=text, recorded_by=actor.name)
            )
            db.session.flush()
            note(actor, roadmap_id, "indicator measured", ref, field=row.name, new=f"{as_text(number)} on {day}")
            replaced = False
        _refresh_actual(indicator_id)
    return replaced


def correct_measurement(
    actor: Actor,
    roadmap_id: int,
    deliverable_id: int,
    measurement_id: int,
    expected: str,
    measured_on: date,
    value: float,
    note_text: str | None,
    today: date,
) -> None:
    """Change a reading's date, value and note, checked as when recorded, unless it changed since its
    stamp ``expected`` was read (VersionConflict); a date another reading of the indicator already has
    is refused with SameDayReading."""
    with transaction():
        lock_roadmap(roadmap_id)
        reading, row = _reading(roadmap_id, deliverable_id, measurement_id)
        new = _clean_reading(row.unit, measured_on, value, note_text, today)
        if reading_stamp(reading) != expected:
            raise VersionConflict(_fields(reading), N_("someone else changed this reading since you opened it"))
        if (other := _on_day(reading.indicator_id, new[0], besides=reading.id)) is not None:
            raise SameDayReading(other.value, new[0], reading_stamp(other))
        _correct(actor, roadmap_id, Ref(deliverable_id, row.key), row.name, reading, new)
        _refresh_actual(reading.indicator_id)


def remove_measurement(actor: Actor, roadmap_id: int, deliverable_id: int, measurement_id: int, expected: str) -> None:
    """Delete a reading, unless it changed since its stamp ``expected`` was read; the indicator's actual
    goes back to the reading before it (none when none is left)."""
    with transaction():
        lock_roadmap(roadmap_id)
        reading, row = _reading(roadmap_id, deliverable_id, measurement_id)
        if reading_stamp(reading) != expected:
            raise VersionConflict(_fields(reading), N_("someone else changed this reading since you opened it"))
        was = _as_journalled(reading.measured_on, reading.value, reading.note)
        db.session.delete(reading)
        db.session.flush()
        note(actor, roadmap_id, "measurement removed", Ref(deliverable_id, row.key), field=row.name, old=was)
        _refresh_actual(reading.indicator_id)


def reading_of(roadmap_id: int, deliverable_id: int, measurement_id: int) -> tuple[Measurement, Indicator] | None:
    """A reading with its indicator, if it is one of this deliverable's in this roadmap."""
    found = db.session.execute(
        select(Measurement, Indicator)
        .join(Indicator, Indicator.id == Measurement.indicator_id)
        .join(Deliverable, Deliverable.id == Indicator.deliverable_id)
        .where(Measurement.id == measurement_id, Deliverable.id == deliverable_id, Deliverable.roadmap_id == roadmap_id)
    ).one_or_none()
    return None if found is None else (found[0], found[1])


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


def _clean_reading(
    unit: str | None, measured_on: object, value: object, note_text: object, today: date
) -> tuple[date, float, str | None]:
    with about("measured_on"):
        day = clean_date(measured_on, N_("measurement date"), required=True)
        if day > today:
            raise OperationError(N_("the measurement date %(day)s is in the future"), day=day)
    with about("value"):
        number = clean_number(value, N_("measured value"))
        if number is None:
            raise OperationError(N_("the measured value is missing"))
        if (problem := reading_misfit(unit, float(number))) is not None:
            raise OperationError(problem.text, **problem.values)
    with about("note"):
        return day, number, clean_text(note_text, N_("measurement note"), NAME_MAX)


def _reading(roadmap_id: int, deliverable_id: int, measurement_id: int):
    # Read again under the lock, over what the caller's session may hold from before it.
    found = db.session.execute(
        select(Measurement, Indicator.name, Indicator.unit, Deliverable.key)
        .join(Indicator, Indicator.id == Measurement.indicator_id)
        .join(Deliverable, Deliverable.id == Indicator.deliverable_id)
        .where(Measurement.id == measurement_id, Deliverable.id == deliverable_id, Deliverable.roadmap_id == roadmap_id)
        .execution_options(populate_existing=True)
    ).one_or_none()
    if found is None:
        raise OperationError(N_("no such measurement on this deliverable"))
    return found[0], found


def _on_day(indicator_id: int, day: date, besides: int | None = None) -> Measurement | None:
    # Newest first: readings imported from a file may already have two on one day.
    query = select(Measurement).where(Measurement.indicator_id == indicator_id, Measurement.measured_on == day)
    if besides is not None:
        query = query.where(Measurement.id != besides)
    query = query.order_by(Measurement.id.desc()).limit(1).execution_options(populate_existing=True)
    return db.session.scalar(query)


def _correct(actor: Actor, roadmap_id: int, ref: Ref, indicator: str, reading: Measurement, new: tuple) -> None:
    day, number, text = new
    if (reading.measured_on, reading.value, reading.note) == (day, number, text):
        return
    was = _as_journalled(reading.measured_on, reading.value, reading.note)
    reading.measured_on, reading.value, reading.note = day, number, text
    # The row names who set the value it holds now; the journal keeps who recorded it first.
    reading.recorded_by, reading.recorded_at = actor.name, utcnow()
    db.session.flush()
    note(
        actor, roadmap_id, "measurement corrected", ref, field=indicator, old=was, new=_as_journalled(day, number, text)
    )


def _refresh_actual(indicator_id: int) -> None:
    m = Measurement.__table__.c
    latest = db.session.scalar(
        select(m.value).where(m.indicator_id == indicator_id).order_by(m.measured_on.desc(), m.id.desc()).limit(1)
    )
    db.session.execute(
        update(Indicator.__table__).where(Indicator.__table__.c.id == indicator_id).values(actual=latest)
    )


def _as_journalled(day: date, value: float, text: str | None) -> str:
    return f"{as_text(float(value))} on {day.isoformat()}" + (f" ({text})" if text else "")


def _fields(reading: Measurement) -> dict[str, str]:
    # As the conflict page compares them with the correction form's fields.
    return {
        "measured_on": reading.measured_on.isoformat(),
        "value": as_text(float(reading.value)),
        "note": reading.note or "",
    }
