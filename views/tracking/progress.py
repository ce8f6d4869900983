"""Tracking a roadmap under way: the progress overview with its forecast, and each deliverable's
progress, indicator measurements and comments."""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup
from sqlalchemy import select

from models import Deliverable, Indicator, db
from models.operations import Actor, OperationError, Progress, VersionConflict, record_measurement, record_progress
from models.operations.comments import threads
from models.operations.progress import SameDayReading, measurements
from models.operations.workflow import baseline_documents
from roadmap.forecast import baseline_dates, blocked_on_critical_path, forecast
from roadmap.graph import DependencyLoopError
from roadmap.sequencing import ScheduleError
from roadmap.vocabulary import DeliverableStatus
from views.access import can_comment, can_edit, roadmap_for
from views.charts import trend
from views.conflict import conflict_page, form_version, formdata
from views.forms import already_saved, refuse, settle_once, spending
from views.labels import number
from views.messages import explain
from views.tracking.forms import CommentForm, MeasurementForm, ProgressForm, ReplyForm
from views.workspace.roadmaps import deliverable_ids, page_context, plan_and_schedule

bp = Blueprint("tracking", __name__, url_prefix="/roadmaps/<int:roadmap_id>")

PROGRESS_FIELDS = ["status", "percent_complete", "actual_start", "actual_finish", "note"]


def today() -> date:
    """The date now in UTC: what "as of today" means for every user of the server."""
    return datetime.now(UTC).date()


def _as_of() -> tuple[date, str | None]:
    # A bad ?as_of= is named on the page and today used instead, rather than failing.
    text = request.args.get("as_of", "")
    if not text:
        return today(), None
    try:
        return date.fromisoformat(text), None
    except ValueError:
        return today(), _("“%(text)s” is not a date (YYYY-MM-DD); showing the forecast as of today.", text=text[:40])


def forecast_context(roadmap, plan, as_of: date) -> dict:
    """The forecast as of a date beside the latest baseline's planned dates (a 409 page when the plan
    cannot be scheduled): what the Progress, What's next and export pages all start from."""
    try:
        ahead = forecast(plan, as_of)
    except (DependencyLoopError, ScheduleError) as exc:
        abort(409, description=explain(exc))
    latest = baseline_documents(roadmap.id)
    return {
        "as_of": as_of,
        "forecast": ahead,
        "baseline": latest[0] if latest else None,
        "baseline_finish": date.fromisoformat(latest[2]["finish_date"]) if latest else None,
        "planned": baseline_dates(latest[2]) if latest else {},
        "progress": {d.key: d for d in plan.deliverables},
        "stalled": blocked_on_critical_path(plan, ahead),
    }


@bp.route("/progress")
@login_required
def overview(roadmap_id: int):
    roadmap, plan, schedule = plan_and_schedule(roadmap_id)
    as_of, problem = _as_of()
    context = forecast_context(roadmap, plan, as_of)
    done = DeliverableStatus.DONE, DeliverableStatus.CANCELLED, DeliverableStatus.IN_PLACE
    overdue = [
        d.key
        for d in context["forecast"].deliverables
        if schedule.get(d.key).finish < as_of and context["progress"][d.key].status not in done
    ]
    ids = deliverable_ids(roadmap.id)
    return render_template(
        "tracking/overview.html",
        problem=problem,
        overdue=set(overdue),
        ids=ids,
        **context,
        **page_context(roadmap, plan, schedule),
    )


def _deliverable(roadmap_id: int, deliverable_id: int) -> Deliverable:
    deliverable = db.session.get(Deliverable, deliverable_id)
    if deliverable is None or deliverable.roadmap_id != roadmap_id:
        abort(404)
    return deliverable


def _indicators(deliverable_id: int) -> list[tuple[int, str]]:
    rows = db.session.execute(
        select(Indicator.id, Indicator.name)
        .where(Indicator.deliverable_id == deliverable_id)
        .order_by(Indicator.position)
    )
    return [(i, name) for i, name in rows]


def _progress_form(deliverable: Deliverable, formdata=None) -> ProgressForm:
    if formdata is not None:
        return ProgressForm(formdata=formdata)
    return ProgressForm(
        formdata=None,
        status=deliverable.status.value,
        percent_complete=deliverable.percent_complete,
        actual_start=deliverable.actual_start,
        actual_finish=deliverable.actual_finish,
        note=deliverable.progress_note,
        version=str(deliverable.version),
    )


def _trends(indicators, history) -> dict[int, Markup]:
    """A trend chart for each indicator read at least twice (newest-first history, drawn oldest first)."""
    found = {}
    for x in indicators:
        readings = [(m.measured_on, m.value) for m in reversed(history.get(x.id, []))]
        if len(readings) > 1:
            words = _(
                "Trend of %(name)s: %(count)d readings, from %(first)s to %(last)s",
                name=x.name,
                count=len(readings),
                first=number(readings[0][1]),
                last=number(readings[-1][1]),
            )
            found[x.id] = trend(readings, x.target, x.baseline, words)
    return found


def deliverable_page(roadmap_id: int, deliverable_id: int, status: int = 200, **forms):
    """A deliverable's tracking page; ``forms`` bound to what was posted replace the empty ones."""
    roadmap, plan, schedule = plan_and_schedule(roadmap_id)
    deliverable = _deliverable(roadmap.id, deliverable_id)
    indicators = _indicators(deliverable.id)
    editable = can_edit(current_user, roadmap.country_id)
    commenting = can_comment(current_user, roadmap.country_id)
    forms.setdefault("progress_form", _progress_form(deliverable) if editable else None)
    forms.setdefault(
        "measurement_form", MeasurementForm(indicators, formdata=None) if editable and indicators else None
    )
    forms.setdefault("comment_form", CommentForm(formdata=None) if commenting else None)
    history = measurements(deliverable.id)
    return render_template(
        "tracking/deliverable.html",
        deliverable=deliverable,
        item=plan.deliverable(deliverable.key),
        indicators=deliverable.indicators,
        history=history,
        trends=_trends(deliverable.indicators, history),
        threads=threads(roadmap.id, deliverable_id=deliverable.id),
        reply_form=ReplyForm(formdata=None) if commenting else None,
        commenting=commenting,
        **forms,
        **forecast_context(roadmap, plan, today()),
        **page_context(roadmap, plan, schedule),
    ), status


@bp.route("/deliverables/<int:deliverable_id>/tracking")
@login_required
def deliverable(roadmap_id: int, deliverable_id: int):
    return deliverable_page(roadmap_id, deliverable_id)


@bp.route("/deliverables/<int:deliverable_id>/progress", methods=["POST"])
@login_required
def save_progress(roadmap_id: int, deliverable_id: int):
    roadmap_for(roadmap_id, edit=True)
    item = _deliverable(roadmap_id, deliverable_id)
    form = ProgressForm(formdata=formdata())
    if form.validate_on_submit():
        progress = Progress(
            form.status.data,
            form.percent_complete.data,
            form.actual_start.data,
            form.actual_finish.data,
            form.note.data,
        )
        try:
            record_progress(Actor.of(current_user), roadmap_id, item.id, form_version(form), progress, today())
        except VersionConflict as exc:
            current = {**exc.current, "note": exc.current.get("progress_note", "")}
            return conflict_page(
                form,
                PROGRESS_FIELDS,
                current,
                heading=_("Someone else updated this deliverable's progress since you opened it"),
                reopen_url=url_for("tracking.deliverable", roadmap_id=roadmap_id, deliverable_id=item.id),
                version=exc.version,
            )
        except OperationError as exc:
            _field_for(form, str(exc)).errors.append(explain(exc))
        else:
            flash(_("Progress saved for %(key)s.", key=item.key), "info")
            return redirect(url_for("tracking.deliverable", roadmap_id=roadmap_id, deliverable_id=item.id))
    return deliverable_page(roadmap_id, item.id, 400, progress_form=form)


def _field_for(form: ProgressForm, message: str):
    # The operation checks again what a form may not; its message goes next to the field it names.
    for words, field in (
        ("actual finish", form.actual_finish),
        ("actual start", form.actual_start),
        ("percent", form.percent_complete),
    ):
        if words in message:
            return field
    return form.status


@bp.route("/deliverables/<int:deliverable_id>/measurements", methods=["POST"])
@login_required
def add_measurement(roadmap_id: int, deliverable_id: int):
    roadmap_for(roadmap_id, edit=True)
    item = _deliverable(roadmap_id, deliverable_id)
    form = MeasurementForm(_indicators(item.id))
    recorded = url_for("tracking.deliverable", roadmap_id=roadmap_id, deliverable_id=item.id, _anchor="indicators")
    if again := already_saved(form, recorded):
        return again
    if form.validate_on_submit():
        try:
            with spending(form):
                replaced = record_measurement(
                    Actor.of(current_user),
                    roadmap_id,
                    item.id,
                    int(form.indicator.data),
                    form.measured_on.data,
                    form.value.data,
                    form.note.data,
                    today(),
                    replace=form.replace.data or None,
                )
        except SameDayReading as exc:
            # Not added beside it: the page asks whether this reading replaces the one of that day.
            form.replace.data = ""
            return deliverable_page(roadmap_id, item.id, 409, measurement_form=form, same_day=exc)
        except OperationError as exc:
            if again := already_saved(form, recorded):
                return again  # the same page sent twice at once: the other send recorded it
            refuse(form, exc, otherwise=form.value)
        else:
            settle_once(form, recorded)
            flash(_("Measurement replaced.") if replaced else _("Measurement recorded."), "info")
            return redirect(recorded)
    return deliverable_page(roadmap_id, item.id, 400, measurement_form=form)
