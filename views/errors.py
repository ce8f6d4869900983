"""Error pages: a clear message in the site's layout, never a traceback."""

from __future__ import annotations

from flask import Flask, redirect, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

from models import db
from models.operations import OperationError, StateConflict
from views.forms import LoginForm
from views.messages import explained
from views.replay import form_page_with_input_kept


def _page_above(app: Flask, path: str) -> str | None:
    """The nearest address above ``path`` that a page answers with GET, if any."""
    adapter = app.url_map.bind_to_environ(request.environ)
    parts = path.rstrip("/").split("/")
    while len(parts) > 1:
        parts.pop()
        candidate = "/".join(parts) or "/"
        try:
            _endpoint, values = adapter.match(candidate, method="GET")
        except RequestRedirect as moved:
            return moved.new_url
        except (NotFound, MethodNotAllowed):
            continue
        if 0 in values.values():
            continue  # a number past any id, read as 0 (views/converters.py): no page is there
        return candidate
    return None


def register(app: Flask) -> None:
    """Answer every HTTP error with the error page."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        if request.endpoint == "auth.login":
            # A sign-in page left open too long: show it again with the e-mail kept and a fresh token.
            form = LoginForm(formdata=None)
            form.email.data = request.form.get("email", "")[:254]
            form.password.errors = [_("The page had expired. Please type your password again.")]
            return render_template("auth/login.html", form=form), 400
        kept = form_page_with_input_kept()
        if kept is not None:
            return kept
        message = _("This form had expired or was sent from another page. Please go back, reload and try again.")
        return render_template("errors/error.html", code=400, message=message), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if request.path.startswith("/api/"):
            from views.api.blueprint import http_problem  # the API answers in JSON even where no route matched

            return http_problem(error)
        if error.code == 405 and request.method == "GET" and (above := _page_above(app, request.path)):
            # The address of a form that was sent and refused, opened again: the page it belongs to.
            return redirect(above)
        messages = {
            400: _("The request could not be understood."),
            403: _("You do not have permission to do this."),
            404: _("There is nothing here, or you may not see it."),
            405: _("This page cannot be used that way."),
            413: _(
                "What you sent is larger than this site accepts (at most %(mb)d MB), so nothing was saved. "
                "Shorten the text or send a smaller file.",
                mb=max(1, (app.config["MAX_CONTENT_LENGTH"] or 0) // (1024 * 1024)),
            ),
            429: _("Too many attempts. Please wait a while before trying again."),
            500: _("Something went wrong on our side. Nothing you sent was half-saved; please try again."),
            503: _(
                "This took too long and was stopped. Please try again in a few minutes; if it keeps "
                "happening, tell your administrator."
            ),
        }
        message = messages.get(error.code, _("The request could not be completed."))
        if error.code in (400, 409) and error.description and error.description != type(error).description:
            message = error.description  # a conflict explains itself, e.g. which loop was found
        return render_template("errors/error.html", code=error.code, message=message), error.code

    @app.errorhandler(OperationError)
    def refused(error: OperationError):
        # A change the operations refused where the page did not answer it itself: the reason, never a
        # server error; 409 when the roadmap's state forbids it for now (in review, approved).
        db.session.rollback()
        code = 409 if isinstance(error, StateConflict) else 422
        return render_template("errors/error.html", code=code, message=explained(error)), code

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        if isinstance(error, HTTPException):
            return http_error(error)
        db.session.rollback()
        app.logger.exception("Unhandled error")
        if request.path.startswith("/api/"):
            from views.api.http import problem

            return problem(500, "Internal Server Error", "something went wrong on our side; nothing was half-saved")
        message = _("Something went wrong on our side. Nothing you sent was half-saved; please try again.")
        return render_template("errors/error.html", code=500, message=message), 500
