"""A health check for load balancers and monitoring: answers without signing in, says nothing private."""

from __future__ import annotations

from flask import Blueprint
from sqlalchemy import text

from models import db

bp = Blueprint("health", __name__)


@bp.route("/healthz")
def healthz():
    # One round trip to the database: a worker that cannot reach it is not healthy.
    db.session.execute(text("SELECT 1"))
    return "ok\n", 200, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}
