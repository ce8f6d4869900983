"""Dependencies in the API: {id, from, to, type, lag_weeks}; a link's ETag is its type and lag."""

from __future__ import annotations

from flask import url_for
from flask_login import current_user

from models.operations import (
    Actor,
    OperationError,
    VersionConflict,
    add_dependency,
    remove_dependency,
    update_dependency,
)
from models.operations.linking import links_of
from roadmap.vocabulary import LAG_MAX_WEEKS, DependencyType
from views.access import roadmap_for
from views.api.blueprint import bp
from views.api.http import ApiProblem, as_json, body_json, page_of, require_match, stale

FIELDS = {"from", "to", "type", "lag_weeks"}


def _document(link, roadmap_id: int) -> dict:
    return {
        "id": link.id,
        "from": link.predecessor,
        "to": link.successor,
        "type": link.kind.value,
        "lag_weeks": link.lag_weeks,
        "url": url_for("api.get_dependency", roadmap_id=roadmap_id, dependency_id=link.id),
    }


def _etag(link) -> str:
    return f"{link.kind.value}-{link.lag_weeks}"


def _one(roadmap_id: int, dependency_id: int):
    found = links_of(roadmap_id, link_id=dependency_id)
    if not found:
        raise ApiProblem(404, "Not found", "no such dependency in this roadmap")
    return found[0]


def _fields(body, *, required: set[str]) -> dict:
    if not isinstance(body, dict):
        raise ApiProblem(422, "Invalid dependency", "expected a JSON object")
    for name in sorted(set(body) - FIELDS):
        raise ApiProblem(422, "Invalid dependency", f'unknown field "{name[:40]}"', name[:40])
    for name in sorted(required - set(body)):
        raise ApiProblem(422, "Invalid dependency", f'missing required field "{name}"', name)
    kind = body.get("type", DependencyType.FINISH_TO_START.value)
    if not isinstance(kind, str) or kind not in {t.value for t in DependencyType}:
        raise ApiProblem(422, "Invalid dependency", f"type: unknown value {str(kind)[:40]!r}", "type")
    lag = body.get("lag_weeks", 0)
    if isinstance(lag, bool) or not isinstance(lag, int) or not -LAG_MAX_WEEKS <= lag <= LAG_MAX_WEEKS:
        raise ApiProblem(
            422,
            "Invalid dependency",
            f"lag_weeks: a whole number from -{LAG_MAX_WEEKS} to {LAG_MAX_WEEKS}",
            "lag_weeks",
        )
    for end in ("from", "to"):
        if end in body and not isinstance(body[end], str):
            raise ApiProblem(422, "Invalid dependency", f"{end}: give a deliverable key", end)
    return {**body, "type": DependencyType(kind), "lag_weeks": lag}


@bp.get("/roadmaps/<int:roadmap_id>/dependencies")
def list_dependencies(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id)
    found = sorted(links_of(roadmap.id), key=lambda link: link.id)
    offset, limit, headers = page_of(len(found), "api.list_dependencies", roadmap_id=roadmap.id)
    return as_json(
        {"items": [_document(x, roadmap.id) for x in found[offset : offset + limit]], "total": len(found)},
        headers=headers,
    )


@bp.post("/roadmaps/<int:roadmap_id>/dependencies")
def create_dependency(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    body = _fields(body_json(), required={"from", "to"})
    try:
        new_id = add_dependency(
            Actor.of(current_user), roadmap.id, body["from"], body["to"], body["type"], body["lag_weeks"]
        )
    except OperationError as exc:
        message = str(exc)
        if "loop" in message or "already depends" in message:
            raise ApiProblem(409, "Refused", message, "from") from None
        unknown_to = "no deliverable has the key" in message and body["to"] in message and body["from"] not in message
        raise ApiProblem(422, "Refused", message, "to" if unknown_to else "from") from None
    link = _one(roadmap.id, new_id)
    return as_json(
        _document(link, roadmap.id),
        201,
        etag=_etag(link),
        headers={"Location": url_for("api.get_dependency", roadmap_id=roadmap.id, dependency_id=new_id)},
    )


@bp.get("/roadmaps/<int:roadmap_id>/dependencies/<int:dependency_id>")
def get_dependency(roadmap_id: int, dependency_id: int):
    roadmap = roadmap_for(roadmap_id)
    link = _one(roadmap.id, dependency_id)
    return as_json(_document(link, roadmap.id), etag=_etag(link))


@bp.put("/roadmaps/<int:roadmap_id>/dependencies/<int:dependency_id>")
def put_dependency(roadmap_id: int, dependency_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    link = _one(roadmap.id, dependency_id)
    require_match(_etag(link))
    body = _fields(body_json(), required={"type", "lag_weeks"})
    for end, now in (("from", link.predecessor), ("to", link.successor)):
        if end in body and body[end] != now:
            raise ApiProblem(422, "Refused", f"{end}: a link's ends do not change; delete it and add another", end)
    try:
        update_dependency(
            Actor.of(current_user),
            roadmap.id,
            link.id,
            body["type"],
            body["lag_weeks"],
            expected=(link.kind, link.lag_weeks),
        )
    except VersionConflict:
        raise stale("link") from None
    link = _one(roadmap.id, dependency_id)
    return as_json(_document(link, roadmap.id), etag=_etag(link))


@bp.delete("/roadmaps/<int:roadmap_id>/dependencies/<int:dependency_id>")
def remove_dependency_route(roadmap_id: int, dependency_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    link = _one(roadmap.id, dependency_id)
    require_match(_etag(link))
    try:
        remove_dependency(Actor.of(current_user), roadmap.id, link.id, expected=(link.kind, link.lag_weeks))
    except VersionConflict:
        raise stale("link") from None
    return "", 204
