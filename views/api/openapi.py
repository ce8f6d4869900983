"""The OpenAPI 3.1 document of /api/v1, built from the cop-roadmap/1 JSON Schema so the two never drift.

tests/views/api/test_api_openapi.py checks that every API route is described here and nothing else, and
runs Schemathesis against this document.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

from roadmap.exchange.interchange import schema as interchange_schema
from roadmap.vocabulary import DeliverableStatus, DependencyType
from views.api.blueprint import bp
from views.api.dashboard import DASHBOARD_FILTERS, DASHBOARD_SCHEMAS
from views.api.http import PER_PAGE_MAX, as_json

_REF = "#/components/schemas/"


def _ref(name: str) -> dict:
    return {"$ref": _REF + name}


def _components() -> dict[str, Any]:
    roadmap = copy.deepcopy(interchange_schema())
    defs = roadmap.pop("$defs")
    for key in ("$schema", "$id"):
        roadmap.pop(key, None)
    # "#/$defs/x" would resolve against this document's root in OpenAPI 3.1: point at components instead.
    text = json.dumps(roadmap).replace('"#/$defs/', f'"{_REF}Cop_')
    roadmap = json.loads(text)
    deliverable = roadmap["properties"]["deliverables"]["items"]
    roadmap["properties"]["deliverables"]["items"] = _ref("Deliverable")
    schemas = {
        f"Cop_{name}": json.loads(json.dumps(value).replace('"#/$defs/', f'"{_REF}Cop_'))
        for name, value in defs.items()
    }
    link_types = [t.value for t in DependencyType]
    schemas |= DASHBOARD_SCHEMAS
    schemas |= {
        "Roadmap": roadmap,
        "Deliverable": deliverable,
        "RoadmapSummary": {
            "type": "object",
            "required": [
                "id",
                "country",
                "title",
                "status",
                "start_date",
                "language",
                "updated_at",
                "archived_at",
                "url",
            ],
            "properties": {
                "id": {"type": "integer"},
                "country": {"type": "string"},
                "title": {"type": "string"},
                "status": {"type": "string"},
                "start_date": {"type": "string", "format": "date"},
                "language": {"type": "string"},
                "updated_at": {"type": "string"},
                "archived_at": {
                    "type": ["string", "null"],
                    "format": "date-time",
                    "description": "When the roadmap was archived (it is then read-only until restored); null when not",
                },
                "url": {"type": "string"},
            },
        },
        "Dependency": {
            "type": "object",
            "required": ["id", "from", "to", "type", "lag_weeks", "url"],
            "properties": {
                "id": {"type": "integer"},
                "from": _ref("Cop_key"),
                "to": _ref("Cop_key"),
                "type": {"enum": link_types},
                "lag_weeks": {"type": "integer"},
                "url": {"type": "string"},
            },
        },
        "NewDependency": {
            "type": "object",
            "additionalProperties": False,
            "required": ["from", "to"],
            "properties": {
                "from": _ref("Cop_key"),
                "to": _ref("Cop_key"),
                "type": {"enum": link_types},
                "lag_weeks": {"type": "integer", "minimum": -520, "maximum": 520},
            },
        },
        "DependencyChange": {
            "type": "object",
            "additionalProperties": False,
            "required": ["type", "lag_weeks"],
            "properties": {
                "from": _ref("Cop_key"),
                "to": _ref("Cop_key"),
                "type": {"enum": link_types},
                "lag_weeks": {"type": "integer", "minimum": -520, "maximum": 520},
            },
        },
        "Progress": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "status": {"enum": [s.value for s in DeliverableStatus]},
                "percent_complete": {"type": "integer", "minimum": 0, "maximum": 100},
                "actual_start": {"type": ["string", "null"], "format": "date"},
                "actual_finish": {"type": ["string", "null"], "format": "date"},
                "note": {"type": ["string", "null"], "maxLength": 5000},
            },
        },
        "Schedule": {
            "type": "object",
            "description": "The same JSON as `cop-roadmap schedule ID --json` (with --as-of: as_of, baseline, slips).",
            "required": ["roadmap_id", "start_date", "finish_date", "duration_weeks", "critical_path", "phases"],
            "properties": {
                "roadmap_id": {"type": "integer"},
                "start_date": {"type": "string", "format": "date"},
                "finish_date": {"type": "string", "format": "date"},
                "duration_weeks": {"type": "integer"},
                "critical_path": {"type": "array", "items": {"type": "string"}},
                "phases": {"type": "array", "items": {"type": "array", "items": {"type": "string"}}},
                "deliverables": {
                    "type": "array",
                    "items": {"type": "object"},
                    "description": "Each with its schedule; without as_of also on_critical_path, due_by, "
                    "late_weeks (past its own due date) and holds_up (the late deliverables whose chain it is in).",
                },
            },
        },
        "Print": {
            "type": "object",
            "description": "A print of the roadmap's PDF: queued, running, done or failed.",
            "required": ["id", "status", "status_url", "file_url"],
            "properties": {
                "id": {"type": ["integer", "null"]},
                "status": {"enum": ["queued", "running", "done", "failed"]},
                "parts_done": {"type": "integer"},
                "parts_total": {"type": "integer"},
                "pages": {"type": "integer"},
                "message": {"type": "string"},
                "error": {"type": ["string", "null"]},
                "status_url": {"type": ["string", "null"], "description": "Where to follow the print."},
                "file_url": {"type": ["string", "null"], "description": "Where to fetch the PDF, once done."},
            },
        },
        "Problem": {
            "type": "object",
            "required": ["type", "title", "status", "detail"],
            "properties": {
                "type": {"type": "string"},
                "title": {"type": "string"},
                "status": {"type": "integer"},
                "detail": {"type": "string"},
                "field": {"type": "string", "description": "The part of the request at fault."},
                "errors": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
                    },
                },
            },
        },
    }
    for name, item in (
        ("RoadmapList", "RoadmapSummary"),
        ("DeliverableList", "Deliverable"),
        ("DependencyList", "Dependency"),
        ("DashboardList", "DashboardRow"),
    ):
        schemas[name] = {
            "type": "object",
            "required": ["items", "total"],
            "properties": {"items": {"type": "array", "items": _ref(item)}, "total": {"type": "integer"}},
        }
    return schemas


def _problems(*codes: int) -> dict[str, Any]:
    meaning = {
        400: "Bad query parameter or malformed JSON",
        401: "No valid API token",
        403: "The token's user may read but not change this roadmap",
        404: "No such resource, or the token's user may not see it",
        409: "Refused as it stands (a loop, links still attached, cannot be scheduled)",
        412: "If-Match does not match: someone changed it since",
        415: "The body is not JSON",
        422: "The body is JSON but not valid; `field` names the part at fault",
        428: "If-Match is required for this write",
        429: "Too many prints of yours are waiting; see Retry-After",
        503: "The print queue is full; see Retry-After",
    }
    return {
        str(code): {"description": meaning[code], "content": {"application/problem+json": {"schema": _ref("Problem")}}}
        for code in (401, 404, *codes)
    }


def _json(name: str, description: str, *, etag: bool = False) -> dict[str, Any]:
    answer: dict[str, Any] = {"description": description, "content": {"application/json": {"schema": _ref(name)}}}
    if etag:
        answer["headers"] = {"ETag": {"schema": {"type": "string"}, "description": "Send it back in If-Match."}}
    return answer


def _body(name: str) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": _ref(name)}}}


def _guarded_write(operation_id: str, body: str, answer: str, summary: str | None = None) -> dict[str, Any]:
    """A write that sends JSON and needs If-Match: the same parameters and problems for every such operation."""
    operation: dict[str, Any] = {
        "operationId": operation_id,
        "parameters": [_IF_MATCH],
        "requestBody": _body(body),
        "responses": {"200": _json(answer, "Saved", etag=True), **_problems(400, 403, 412, 415, 422, 428)},
    }
    if summary:
        operation["summary"] = summary
    return operation


def _collection(
    kind: str, plural: str, listed: str, created: str, body: str, refusals: tuple[int, ...]
) -> dict[str, Any]:
    """A roadmap's list of ``kind`` (paged) and the operation that adds one to it."""
    return {
        "parameters": [_ROADMAP_ID],
        "get": {
            "operationId": f"list{plural}",
            "parameters": _PAGES,
            "responses": {"200": _json(f"{kind}List", listed), **_problems(400)},
        },
        "post": {
            "operationId": f"create{kind}",
            "requestBody": _body(body),
            "responses": {"201": _json(kind, created, etag=True), **_problems(400, 403, *refusals, 415, 422)},
        },
    }


_ROADMAP_ID = {"name": "roadmap_id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}
_KEY = {"name": "key", "in": "path", "required": True, "schema": _ref("Cop_key")}
_LINK_ID = {"name": "dependency_id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}
_PAPER = {
    "name": "paper",
    "in": "query",
    "description": "The sheet of the chart pages: A4 (the default) or A3; the text pages are A4 either way.",
    "schema": {"type": "string", "enum": ["a4", "a3"], "default": "a4"},
}
_IF_MATCH = {"name": "If-Match", "in": "header", "required": True, "schema": {"type": "string"}}
_PAGES = [
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
    {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": PER_PAGE_MAX}},
]


def _paths() -> dict[str, Any]:
    r, d, x = "/roadmaps/{roadmap_id}", "/roadmaps/{roadmap_id}/deliverables", "/roadmaps/{roadmap_id}/dependencies"
    return {
        "/dashboard": {
            "get": {
                "operationId": "getDashboard",
                "summary": "Every roadmap the user may read with its figures, filtered as on the dashboard page",
                "parameters": [*DASHBOARD_FILTERS, *_PAGES],
                "responses": {"200": _json("DashboardList", "A page of the dashboard"), **_problems(400)},
            }
        },
        "/roadmaps": {
            "get": {
                "operationId": "listRoadmaps",
                "summary": "The roadmaps the token's user may read",
                "parameters": _PAGES,
                "responses": {"200": _json("RoadmapList", "A page of roadmaps"), **_problems(400)},
            }
        },
        r: {
            "parameters": [_ROADMAP_ID],
            "get": {
                "operationId": "getRoadmap",
                "summary": "The whole roadmap as a cop-roadmap/1 document",
                "responses": {"200": _json("Roadmap", "The roadmap", etag=True), **_problems()},
            },
            "put": _guarded_write(
                "replaceRoadmap",
                "Roadmap",
                "Roadmap",
                "Replace the roadmap's whole content (its country and review status stay)",
            ),
        },
        f"{r}/schedule": {
            "parameters": [_ROADMAP_ID],
            "get": {
                "operationId": "getSchedule",
                "summary": "The schedule; with as_of, the forecast and slips against the approved baseline",
                "parameters": [{"name": "as_of", "in": "query", "schema": {"type": "string", "format": "date"}}],
                "responses": {"200": _json("Schedule", "The schedule"), **_problems(400, 409)},
            },
        },
        f"{r}/pdf": {
            "parameters": [_ROADMAP_ID, _PAPER],
            "post": {
                "operationId": "printRoadmap",
                "summary": "Ask for the print-ready PDF: 202 while it prints (follow status_url), 200 once ready",
                "responses": {
                    "200": _json("Print", "A current PDF is ready (or its print failed; see error)"),
                    "202": {
                        **_json("Print", "Queued or printing; follow status_url"),
                        "headers": {"Location": {"schema": {"type": "string"}, "description": "The status URL."}},
                    },
                    **_problems(400, 429, 503),
                },
            },
            "get": {
                "operationId": "getRoadmapPdf",
                "summary": "The current print-ready PDF, once printed",
                "responses": {
                    "200": {"description": "The PDF", "content": {"application/pdf": {"schema": {}}}},
                    **_problems(400),
                },
            },
        },
        f"{r}/prints/{{job_id}}": {
            "parameters": [
                _ROADMAP_ID,
                {"name": "job_id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}},
            ],
            "get": {
                "operationId": "getPrint",
                "summary": "How far a print is; file_url once it is done",
                "responses": {"200": _json("Print", "The print"), **_problems()},
            },
        },
        d: _collection("Deliverable", "Deliverables", "A page of deliverables", "Created", "Deliverable", ()),
        d + "/{key}": {
            "parameters": [_ROADMAP_ID, _KEY],
            "get": {
                "operationId": "getDeliverable",
                "responses": {"200": _json("Deliverable", "The deliverable", etag=True), **_problems()},
            },
            "put": _guarded_write("replaceDeliverable", "Deliverable", "Deliverable"),
            "delete": {
                "operationId": "deleteDeliverable",
                "parameters": [
                    _IF_MATCH,
                    {"name": "remove_links", "in": "query", "schema": {"type": "string", "enum": ["true", "false"]}},
                ],
                "responses": {"204": {"description": "Deleted"}, **_problems(403, 409, 412, 428)},
            },
        },
        d + "/{key}/progress": {
            "parameters": [_ROADMAP_ID, _KEY],
            "post": _guarded_write("recordProgress", "Progress", "Deliverable"),
        },
        x: _collection("Dependency", "Dependencies", "A page of links", "Created", "NewDependency", (409,)),
        x + "/{dependency_id}": {
            "parameters": [_ROADMAP_ID, _LINK_ID],
            "get": {
                "operationId": "getDependency",
                "responses": {"200": _json("Dependency", "The link", etag=True), **_problems()},
            },
            "put": _guarded_write("changeDependency", "DependencyChange", "Dependency"),
            "delete": {
                "operationId": "deleteDependency",
                "parameters": [_IF_MATCH],
                "responses": {"204": {"description": "Deleted"}, **_problems(403, 412, 428)},
            },
        },
    }


@cache
def document() -> dict[str, Any]:
    """The OpenAPI 3.1 document (built once per process)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "COP Roadmap API",
            "version": "1",
            "description": "National Child Online Protection roadmaps: read and change them with a personal API "
            "token, with exactly the permissions of its user. Writes need If-Match with the ETag you read; errors "
            "are application/problem+json naming the field at fault.",
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"token": []}],
        "paths": _paths(),
        "components": {
            "schemas": _components(),
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer", "description": "A personal API token"}},
        },
    }


@bp.get("/openapi.json")
def openapi():
    return as_json(document())
