"""Response headers that keep pages from being framed, sniffed, or made to run injected code."""

from __future__ import annotations

import time

from flask import Flask, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from views.extensions import clear_session_keeping_language

# No inline script or style anywhere in the product: the policy can forbid both outright.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)


LAST_SEEN_EVERY = 60  # seconds


def register(app: Flask) -> None:
    """Add the security headers to every response, and sign out sessions left idle too long."""

    @app.before_request
    def _idle_timeout():
        if request.blueprint == "api" or request.endpoint == "static":
            return None  # API requests carry a token, never the browser session; a style sheet is no activity
        if not current_user.is_authenticated:
            return None
        now, last = time.time(), session.get("last_seen")
        if last is not None and now - last > app.config["IDLE_TIMEOUT_MINUTES"] * 60:
            logout_user()
            clear_session_keeping_language()
            flash(_("You were signed out after a period without activity. Please sign in again."), "info")
            return redirect(url_for("auth.login", next=request.full_path if request.method == "GET" else None))
        # Written at most once a minute: the session is kept in the database, and a write for every
        # page (and its images) would queue behind the print worker's writes on SQLite.
        if last is None or now - last > LAST_SEEN_EVERY:
            session["last_seen"] = now
        return None

    @app.after_request
    def _headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        # A signed-in person's pages (a new API token, a calendar link, a country's plans) are kept by
        # no cache, shared or in the browser: the next person at a shared computer cannot go Back to them.
        if response.mimetype == "text/html" and current_user.is_authenticated:
            response.headers["Cache-Control"] = "no-store"
        return response
