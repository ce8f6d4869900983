"""Choosing the interface language: a small form on every page that works without JavaScript.

The choice is kept in the session and wins over the browser's Accept-Language (see
``extensions.select_locale``); a signed-in person's choice is also kept on their account, for the
e-mails written to them. It is the language of the pages only: a roadmap's own language,
which decides its PDF, is a field of the roadmap.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, Flask, abort, redirect, request, session, url_for
from flask_login import current_user

from models.operations.notices.inbox import set_language
from views.admin.auth import is_safe_next
from views.extensions import LANGUAGES
from views.wizard.forms import LANGUAGE_NAMES

bp = Blueprint("language", __name__)


@bp.route("/language", methods=["POST"])
def choose():
    lang = request.form.get("lang", "")
    if lang not in LANGUAGES:
        abort(400)
    session["lang"] = lang
    if current_user.is_authenticated and current_user.language != lang:
        set_language(current_user.id, lang)  # their e-mails follow the pages' language
    target = request.form.get("next")
    return redirect(target if is_safe_next(target) else url_for("roadmaps.home"))


def return_address() -> str:
    """Where the switch returns: this page; or, for a page sent in answer to a form (a refused save, shown at
    an address that only takes forms), the page the form was on, so the reader stays where they were."""
    if request.method in ("GET", "HEAD"):
        return request.full_path if request.query_string else request.path
    sent_from = urlsplit(request.referrer or "")
    if sent_from.netloc == request.host and sent_from.path.startswith("/"):
        return sent_from.path + (f"?{sent_from.query}" if sent_from.query else "")
    return url_for("roadmaps.home")


def register(app: Flask) -> None:
    """The switcher's route, and the language names the page template lists."""
    app.register_blueprint(bp)
    # Each language named in itself, so that a reader who cannot read the current page still finds theirs.
    app.jinja_env.globals["language_names"] = LANGUAGE_NAMES
    app.jinja_env.globals["return_address"] = return_address
