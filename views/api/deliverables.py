"""Deliverables in the API: each is a cop-roadmap/1 deliverable object; its ETag is its version.

Indicator measurements are history recorded one by one: a deliverable written here keeps the
measurements it has, whatever its body says about them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask import request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from models import Deliverable, Stakeholder, db
from models.operations import (
    Actor,
    OperationError,
    Progress,
    VersionConflict,
    add_deliverable,
    delete_deliverable,
    dependents,
    record_progress,
    update_deliverable,
)
from models.queries.loading import load_deliverables
from roadmap.exchange.interchange import FormatError, read_document
from roadmap.exchange.interchange_write import FORMAT_TAG, to_document
from roadmap.plan import Plan
from views.access import roadmap_for
from views.api.blueprint import bp
from views.api.http import ApiProblem, as_json, body_json, matched_version, page_of, stale
from views.api.placing import deliverable_field

PROGRESS_KEYS = {"status", "percent_complete", "actual_start", "actual_finish", "note"}


def _row(roadmap_id: int, key: str) -> Deliverable:
    found = db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == roadmap_id, Deliverable.key == key))
    if found is None:
        raise ApiProblem(404, "Not found", f'no deliverable has the key "{key[:40]}" in this roadmap')
    return found


def _documents(deliverables: tuple) -> list[dict]:
    return to_document(Plan(country="", title="", start_date=date.min, deliverables=deliverables))["deliverables"]


def _document(roadmap_id: int, deliverable_id: int) -> tuple[dict, int]:
    version = db.session.scalar(
        select(Deliverable.version).where(Deliverable.id == deliverable_id, Deliverable.roadmap_id == roadmap_id)
    )
    found = load_deliverables(roadmap_id, only=deliverable_id)
    if version is None or not found:
        raise ApiProblem(404, "Not found", "no such deliverable in this roadmap")
    return _documents(found)[0], version


def _parse(roadmap, body) -> object:
    rows = db.session.execute(
        select(Stakeholder.key, Stakeholder.name, Stakeholder.kind).where(Stakeholder.roadmap_id == roadmap.id)
    )
    wrapper = {
        "format": FORMAT_TAG,
        "country": roadmap.country.code,
        "title": roadmap.title,
        "start_date": roadmap.start_date.isoformat(),
        "stakeholders": [{"key": k, "name": n, "kind": str(kind)} for k, n, kind in rows],
        "deliverables": [body],
    }
    try:
        return read_document(wrapper).deliverables[0]
    except FormatError as exc:
        field, message = deliverable_field(str(exc))
        raise ApiProblem(422, "Invalid deliverable", message, field) from None


def _written(roadmap_id: int, deliverable_id: int, status: int = 200):
    document, version = _document(roadmap_id, deliverable_id)
    location = url_for("api.get_deliverable", roadmap_id=roadmap_id, key=document["key"])
    return as_json(document, status, etag=str(version), headers={"Location": location} if status == 201 else None)


@bp.get("/roadmaps/<int:roadmap_id>/deliverables")
def list_deliverables(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id)
    total = db.session.scalar(select(func.count(Deliverable.id)).where(Deliverable.roadmap_id == roadmap.id)) or 0
    offset, limit, headers = page_of(total, "api.list_deliverables", roadmap_id=roadmap.id)
    items = _documents(load_deliverables(roadmap.id, offset=offset, limit=limit))
    return as_json({"items": items, "total": total}, headers=headers)


@bp.post("/roadmaps/<int:roadmap_id>/deliverables")
def create_deliverable(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    item = _parse(roadmap, body_json())
    try:
        new_id = add_deliverable(Actor.of(current_user), roadmap.id, item)
    except OperationError as exc:
        raise ApiProblem(422, "Refused", str(exc), exc.field) from None
    return _written(roadmap.id, new_id, 201)


@bp.get("/roadmaps/<int:roadmap_id>/deliverables/<key>")
def get_deliverable(roadmap_id: int, key: str):
    roadmap = roadmap_for(roadmap_id)
    return _written(roadmap.id, _row(roadmap.id, key).id)


@bp.put("/roadmaps/<int:roadmap_id>/deliverables/<key>")
def put_deliverable(roadmap_id: int, key: str):
    roadmap = roadmap_for(roadmap_id, edit=True)
    row = _row(roadmap.id, key)
    version = matched_version()
    item = _parse(roadmap, body_json())
    try:
        update_deliverable(Actor.of(current_user), roadmap.id, row.id, version, item)
    except VersionConflict:
        raise stale("deliverable") from None
    except OperationError as exc:
        raise ApiProblem(422, "Refused", str(exc), exc.field) from None
    return _written(roadmap.id, row.id)


@bp.delete("/roadmaps/<int:roadmap_id>/deliverables/<key>")
def remove_deliverable(roadmap_id: int, key: str):
    roadmap = roadmap_for(roadmap_id, edit=True)
    row = _row(roadmap.id, key)
    if matched_version() != row.version:
        raise stale("deliverable")
    remove_links = request.args.get("remove_links") == "true"
    linked = dependents(roadmap.id, row.id)
    if linked and not remove_links:
        raise ApiProblem(
            409,
            "Still linked",
            f"{key} is linked to {', '.join(linked)}; send ?remove_links=true to delete the links with it",
        )
    try:
        delete_deliverable(Actor.of(current_user), roadmap.id, row.id, remove_links=remove_links)
    except OperationError as exc:
        raise ApiProblem(409, "Refused", str(exc)) from None
    return "", 204


@bp.post("/roadmaps/<int:roadmap_id>/deliverables/<key>/progress")
def post_progress(roadmap_id: int, key: str):
    roadmap = roadmap_for(roadmap_id, edit=True)
    row = _row(roadmap.id, key)
    version = matched_version()
    body = body_json()
    if not isinstance(body, dict):
        raise ApiProblem(422, "Invalid progress", "expected a JSON object")
    unknown = sorted(set(body) - PROGRESS_KEYS)
    if unknown:
        raise ApiProblem(422, "Invalid progress", f'unknown field "{unknown[0][:40]}"', unknown[0][:40])
    progress = Progress(
        body.get("status", row.status.value),
        body.get("percent_complete", row.percent_complete),
        _day(body, "actual_start", row.actual_start),
        _day(body, "actual_finish", row.actual_finish),
        body.get("note", row.progress_note),
    )
    try:
        record_progress(Actor.of(current_user), roadmap.id, row.id, version, progress, datetime.now(UTC).date())
    except VersionConflict:
        raise stale("deliverable") from None
    except OperationError as exc:
        message = str(exc)
        field = next((f for f in ("actual_finish", "actual_start", "percent") if f.replace("_", " ") in message), None)
        raise ApiProblem(
            422, "Refused", message, "percent_complete" if field == "percent" else field or "status"
        ) from None
    return _written(roadmap.id, row.id)


def _day(body: dict, name: str, current: date | None) -> date | None:
    if name not in body:
        return current
    value = body[name]
    if value is None:
        return None
    wrong = ApiProblem(422, "Invalid progress", f"{name}: give a date as YYYY-MM-DD or null", name)
    if not isinstance(value, str) or len(value) != 10:
        raise wrong
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise wrong from None
