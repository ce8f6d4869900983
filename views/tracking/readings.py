"""Correcting or removing one indicator reading on a deliverable's tracking page.

Each has a page of its own that works without JavaScript: the correction form, or the question
"remove it?" with its button. Both carry the reading's stamp as it was when the page was opened, so a
reading someone else changed meanwhile is never overwritten or removed unseen.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from models.operations import Actor, OperationError, VersionConflict, correct_measurement, remove_measurement
from models.operations.progress import SameDayReading, reading_of, reading_stamp
from views.access import roadmap_for
from views.conflict import conflict_page, formdata
from views.forms import refuse
from views.labels import number
from views.tracking.forms import CorrectionForm, RemovalForm
from views.tracking.progress import today

bp = Blueprint(
    "readings", __name__, url_prefix="/roadmaps/<int:roadmap_id>/deliverables/<int:deliverable_id>/measurements"
)

CORRECTION_FIELDS = ["measured_on", "value", "note"]


def _found(roadmap_id: int, deliverable_id: int, measurement_id: int):
    # Editors only (403 for readers), then 404 for a reading that is not this deliverable's.
    roadmap = roadmap_for(roadmap_id, edit=True)
    return roadmap, *_reading(roadmap.id, deliverable_id, measurement_id)


def _reading(roadmap_id: int, deliverable_id: int, measurement_id: int):
    # Also read again after a refused change: its rollback expired the rows read before, and the
    # reading may have been removed meanwhile.
    found = reading_of(roadmap_id, deliverable_id, measurement_id)
    if found is None:
        abort(404)
    return found


def _back(roadmap_id: int, deliverable_id: int):
    return redirect(
        url_for("tracking.deliverable", roadmap_id=roadmap_id, deliverable_id=deliverable_id, _anchor="indicators")
    )


@bp.route("/<int:measurement_id>/edit", methods=["GET", "POST"])
@login_required
def correct(roadmap_id: int, deliverable_id: int, measurement_id: int):
    roadmap, reading, indicator = _found(roadmap_id, deliverable_id, measurement_id)
    status = 200
    if request.method == "GET":
        form = CorrectionForm(
            formdata=None,
            measured_on=reading.measured_on,
            # A whole number as one ("1", not the float's "1.0"), as it was typed.
            value=int(reading.value) if float(reading.value).is_integer() else reading.value,
            note=reading.note,
            version=reading_stamp(reading),
        )
    else:
        # Sent from the conflict page, the form reads the fields as merged there (views/conflict.py).
        form, status = CorrectionForm(formdata=formdata()), 400
        if form.validate():
            try:
                correct_measurement(
                    Actor.of(current_user),
                    roadmap.id,
                    deliverable_id,
                    reading.id,
                    form.version.data or "",
                    form.measured_on.data,
                    form.value.data,
                    form.note.data,
                    today(),
                )
            except VersionConflict as exc:
                return _conflict(roadmap.id, deliverable_id, reading.id, form, exc.current)
            except SameDayReading as exc:
                form.measured_on.errors.append(
                    _(
                        "There is already a reading of %(value)s on %(date)s: correct or remove that one instead.",
                        value=number(exc.value),
                        date=exc.day.isoformat(),
                    )
                )
            except OperationError as exc:
                refuse(form, exc, otherwise=form.value)
            else:
                flash(_("Measurement corrected."), "info")
                return _back(roadmap.id, deliverable_id)
        reading, indicator = _reading(roadmap.id, deliverable_id, measurement_id)
    page = render_template(
        "tracking/correct_measurement.html", roadmap=roadmap, reading=reading, indicator=indicator, form=form
    )
    return page, status


def _conflict(roadmap_id: int, deliverable_id: int, measurement_id: int, form: CorrectionForm, current: dict):
    """The reading as saved now beside the correction typed; keep mine or take theirs per field, then save
    against the reading as read here (a stamp and values of one state), unless it was removed meanwhile."""
    found = reading_of(roadmap_id, deliverable_id, measurement_id)
    stamp = None
    if found is not None:
        now = found[0]
        current = {"measured_on": now.measured_on.isoformat(), "value": str(float(now.value)), "note": now.note or ""}
        stamp = reading_stamp(now)
    return conflict_page(
        form,
        CORRECTION_FIELDS,
        current,
        heading=_("Someone else changed this reading since you opened it"),
        reopen_url=url_for(
            "readings.correct", roadmap_id=roadmap_id, deliverable_id=deliverable_id, measurement_id=measurement_id
        ),
        version=stamp,
    )


@bp.route("/<int:measurement_id>/remove", methods=["GET", "POST"])
@login_required
def remove(roadmap_id: int, deliverable_id: int, measurement_id: int):
    roadmap, reading, indicator = _found(roadmap_id, deliverable_id, measurement_id)
    status, changed = 200, False
    form = RemovalForm()
    if form.validate_on_submit():
        try:
            remove_measurement(Actor.of(current_user), roadmap.id, deliverable_id, reading.id, form.version.data or "")
        except VersionConflict:
            # Changed since the question was asked: ask again about the reading as it is now.
            status, changed = 409, True
        else:
            flash(_("Measurement removed."), "info")
            return _back(roadmap.id, deliverable_id)
    elif form.is_submitted():
        status = 400
    if request.method == "POST":
        reading, indicator = _reading(roadmap.id, deliverable_id, measurement_id)
    form = RemovalForm(formdata=None, version=reading_stamp(reading))
    page = render_template(
        "tracking/remove_measurement.html",
        roadmap=roadmap,
        reading=reading,
        indicator=indicator,
        form=form,
        changed=changed,
    )
    return page, status
