"""The API's blueprint: signing in by personal token, and every error answered as problem+json.

Requests authenticate with ``Authorization: Bearer <token>`` only, never with the browser session,
so the API needs no CSRF token: a browser never attaches that header by itself.
"""

from __future__ import annotations

from flask import Blueprint, g, request
from werkzeug.exceptions import HTTPException

from models import db
from models.operations import OperationError, StateConflict
from models.operations.tokens import user_for_token
from views.api.http import ApiProblem, problem
from views.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

PUBLIC_ENDPOINTS = {"api.openapi"}


@bp.before_request
def _authenticate():
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    user = user_for_token(token.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        return problem(
            401,
            "Not signed in",
            "Give a valid personal API token: Authorization: Bearer <token>. Make one on your account page.",
            headers={"WWW-Authenticate": 'Bearer realm="cop-roadmap"'},
        )
    # Flask-Login keeps the request's user in g._login_user: setting it makes current_user, and so
    # every access check the web pages use, act for the token's user, without touching the session.
    g._login_user = user
    return None


@bp.errorhandler(ApiProblem)
def _api_problem(error: ApiProblem):
    db.session.rollback()
    return problem(error.status, error.title, error.detail, field=error.field, headers=error.headers)


@bp.errorhandler(OperationError)
def _refused(error: OperationError):
    # Any change the operations refuse and a view did not answer itself: never a server error. What the
    # roadmap's state forbids for now is a conflict (409); anything else is refused as sent (422).
    # The detail stays the English sentence (str), whatever the language: scripts are written against
    # it, and the pages say it in the reader's language instead (views/messages.py).
    db.session.rollback()
    if isinstance(error, StateConflict):
        return problem(409, "Conflict", str(error))
    return problem(422, "Refused", str(error))


@bp.errorhandler(HTTPException)
def _http_problem(error: HTTPException):
    # Access checks shared with the pages abort(404) or abort(403); here they answer as problems.
    return http_problem(error)


def http_problem(error: HTTPException):
    """An HTTP error as a problem document, for any path under /api/ (routed or not)."""
    details = {
        403: "the token's user may read this roadmap but not change it",
        404: "no such resource, or the token's user may not see it",
        405: "this resource does not answer that method",
        413: "the request body is larger than this site accepts",
    }
    return problem(error.code or 500, error.name, details.get(error.code, error.description or error.name))
