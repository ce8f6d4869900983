"""Flask extensions, created unbound and bound to the app in create_app."""

from __future__ import annotations

from flask import request, session
from flask_babel import Babel, lazy_gettext
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from models import User, db

LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar")

babel = Babel()
csrf = CSRFProtect()
# Memory storage by default (one process); set COP_ROADMAP_RATELIMIT_STORAGE_URI=redis://… so that
# every worker counts the same attempts.
limiter = Limiter(key_func=get_remote_address, default_limits=[])
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = lazy_gettext("Please sign in to see this page.")
login_manager.login_message_category = "info"
# The message is flashed into the session, which is stored as msgpack: a plain string, translated now.
login_manager.localize_callback = str


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active:
        return None
    # Signed in before the account was stopped or its password changed: that session has ended.
    if session.get("epoch", 0) != user.session_epoch:
        return None
    return user


def select_locale() -> str | None:
    """The user's chosen interface language, else the browser's best match."""
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES)


def clear_session_keeping_language() -> None:
    """Start a fresh session (sign-in, sign-out) without forgetting the language the reader chose."""
    lang = session.get("lang")
    session.clear()
    if lang in LANGUAGES:
        session["lang"] = lang
