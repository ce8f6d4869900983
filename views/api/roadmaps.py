"""Roadmaps in the API: list, read and replace whole (cop-roadmap/1), and the schedule."""

from __future__ import annotations

from datetime import date

from flask import request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from models import Country, Roadmap, db
from models.operations import Actor, OperationError, VersionConflict
from models.operations.replacing import replace_plan
from models.operations.workflow import baseline_documents
from models.queries.loading import load_plan
from roadmap.duedates import with_marks
from roadmap.exchange.interchange import FormatError, read_document
from roadmap.exchange.interchange_write import fingerprint, to_document
from roadmap.forecast import forecast, forecast_document
from roadmap.graph import DependencyLoopError
from roadmap.sequencing import ScheduleError, schedule_document, sequence
from views.access import roadmap_for, visible_roadmaps
from views.api.blueprint import bp
from views.api.http import ApiProblem, as_json, body_json, page_of, require_match, stale
from views.api.placing import field_of


def summary(roadmap: Roadmap, code: str) -> dict:
    return {
        "id": roadmap.id,
        "country": code,
        "title": roadmap.title,
        "status": roadmap.status.value,
        "start_date": roadmap.start_date.isoformat(),
        "language": roadmap.language.value,
        "updated_at": roadmap.updated_at.isoformat(),
        # Archived roadmaps are listed too (a script may look for them), marked with when; null when not.
        "archived_at": roadmap.archived_at.isoformat() if roadmap.archived_at else None,
        "url": url_for("api.get_roadmap", roadmap_id=roadmap.id),
    }


@bp.get("/roadmaps")
def list_roadmaps():
    visible = visible_roadmaps(current_user).subquery()
    total = db.session.scalar(select(func.count()).select_from(visible)) or 0
    offset, limit, headers = page_of(total, "api.list_roadmaps")
    rows = db.session.execute(
        visible_roadmaps(current_user)
        .add_columns(Country.code)
        .join(Roadmap.country)
        .order_by(Country.name, Roadmap.id)
        .offset(offset)
        .limit(limit)
    ).all()
    return as_json({"items": [summary(r, code) for r, code in rows], "total": total}, headers=headers)


def _plan(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id)
    plan = load_plan(roadmap.id)
    if plan is None:
        raise ApiProblem(404, "Not found", "no such roadmap")
    return roadmap, plan


@bp.get("/roadmaps/<int:roadmap_id>")
def get_roadmap(roadmap_id: int):
    _, plan = _plan(roadmap_id)
    return as_json(to_document(plan), etag=fingerprint(plan))


@bp.put("/roadmaps/<int:roadmap_id>")
def put_roadmap(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    current = load_plan(roadmap.id)
    require_match(fingerprint(current))
    try:
        plan = read_document(body_json())
    except FormatError as exc:
        raise ApiProblem(422, "Invalid roadmap", str(exc), field_of(str(exc))) from None
    try:
        replace_plan(Actor.of(current_user), roadmap.id, plan, request.headers["If-Match"].strip().strip('"'))
    except VersionConflict:
        raise stale("roadmap") from None
    except OperationError as exc:
        raise ApiProblem(422, "Refused", str(exc), field_of(str(exc))) from None
    saved = load_plan(roadmap.id)
    return as_json(to_document(saved), etag=fingerprint(saved))


@bp.get("/roadmaps/<int:roadmap_id>/schedule")
def get_schedule(roadmap_id: int):
    roadmap, plan = _plan(roadmap_id)
    text = request.args.get("as_of")
    try:
        if text is None:
            schedule = sequence(plan)
            return as_json(with_marks(schedule_document(schedule, roadmap.id), plan, schedule))
        try:
            as_of = date.fromisoformat(text)
        except ValueError:
            raise ApiProblem(400, "Bad query parameter", f'"{text[:40]}" is not a date (YYYY-MM-DD)', "as_of") from None
        latest = baseline_documents(roadmap.id)
        document = forecast_document(
            forecast(plan, as_of), roadmap.id, as_of, latest[2] if latest else None, latest[0].label if latest else None
        )
        return as_json(document)
    except (DependencyLoopError, ScheduleError) as exc:
        raise ApiProblem(409, "Cannot be scheduled", str(exc)) from None
