"""What every API answer shares: problem+json errors, JSON bodies, ETags and pages."""

from __future__ import annotations

import json
from typing import Any

from flask import Response, request, url_for

from roadmap.exchange.interchange import FormatError, parse_json

PROBLEM = "application/problem+json"
PER_PAGE_DEFAULT, PER_PAGE_MAX = 50, 200


class ApiProblem(Exception):
    """Raised anywhere in an API view to answer with a problem document."""

    def __init__(self, status: int, title: str, detail: str, field: str | None = None, headers=None):
        super().__init__(detail)
        self.status, self.title, self.detail, self.field, self.headers = status, title, detail, field, headers


def problem(status: int, title: str, detail: str, *, field: str | None = None, headers=None) -> Response:
    """An RFC 9457 problem document; ``field`` names the part of the request at fault."""
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if field:
        body["field"] = field
        body["errors"] = [{"field": field, "message": detail}]
    response = Response(json.dumps(body, ensure_ascii=False), status=status, mimetype=PROBLEM)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def as_json(body: Any, status: int = 200, *, etag: str | None = None, headers=None) -> Response:
    response = Response(json.dumps(body, ensure_ascii=False, default=str), status=status, mimetype="application/json")
    if etag is not None:
        response.headers["ETag"] = f'"{etag}"'
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def body_json() -> Any:
    """The request's JSON body, read as strictly as a cop-roadmap/1 file (no NaN, no doubled field)."""
    if request.mimetype not in ("application/json", "application/merge-patch+json"):
        raise ApiProblem(415, "Unsupported media type", "send the body as JSON (Content-Type: application/json)")
    try:
        return parse_json(request.get_data())
    except FormatError as exc:
        raise ApiProblem(400, "Malformed JSON", str(exc)) from None


def stale(what: str = "resource") -> ApiProblem:
    """The 412 for a write whose If-Match names a version that is no longer the current one."""
    return ApiProblem(412, "Precondition failed", f"the {what} changed since you read it; read it again")


def require_match(current: str) -> None:
    """Refuse a write without If-Match (428) or with a stale one (412): no edit overwrites one unseen."""
    given = request.headers.get("If-Match")
    if not given:
        raise ApiProblem(
            428, "Precondition required", "send If-Match with the ETag you read, so a newer change is not overwritten"
        )
    tags = {tag.strip().removeprefix("W/").strip('"') for tag in given.split(",")}
    if "*" not in tags and current not in tags:
        raise stale()


def matched_version() -> int:
    """The version number in If-Match, for resources whose ETag is their version; 428/412 as require_match."""
    given = request.headers.get("If-Match", "")
    if not given:
        require_match("")
    text = given.strip().removeprefix("W/").strip('"')
    if not (text.isascii() and text.isdigit() and len(text) < 19):
        raise ApiProblem(412, "Precondition failed", "the ETag in If-Match is not one this API gave")
    return int(text)


def page_args() -> tuple[int, int]:
    """(page, per_page) from ?page=&per_page=; 400 when either is not a whole number in range."""
    page = _whole(request.args.get("page", "1"), "page", 1, 10**9)
    return page, _whole(request.args.get("per_page", str(PER_PAGE_DEFAULT)), "per_page", 1, PER_PAGE_MAX)


def page_of(total: int, endpoint: str, **values) -> tuple[int, int, dict[str, str]]:
    """(offset, limit, headers) for ?page=&per_page=, with a Link header to the next and previous pages."""
    page, per_page = page_args()
    links = []
    if page * per_page < total:
        links.append(f'<{url_for(endpoint, page=page + 1, per_page=per_page, **values)}>; rel="next"')
    if page > 1:
        links.append(f'<{url_for(endpoint, page=page - 1, per_page=per_page, **values)}>; rel="prev"')
    headers = {"X-Total-Count": str(total)}
    if links:
        headers["Link"] = ", ".join(links)
    return (page - 1) * per_page, per_page, headers


def _whole(text: str, name: str, low: int, high: int) -> int:
    if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
        raise ApiProblem(400, "Bad query parameter", f"{name} must be a whole number from {low} to {high}", name)
    return int(text)
