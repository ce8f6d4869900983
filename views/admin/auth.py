"""Signing in and out."""

from __future__ import annotations

import secrets
import time
from functools import cache
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from models import User, db
from views.extensions import clear_session_keeping_language, limiter
from views.forms import LoginForm

bp = Blueprint("auth", __name__)


@cache
def _dummy_hash() -> str:
    # Checking a password for an unknown e-mail against this hash takes as long as for a
    # known one, so response time does not tell which e-mails have accounts.
    return generate_password_hash(secrets.token_hex(16), method="scrypt")


def is_safe_next(target: str | None) -> bool:
    """Whether a ``next`` value is a path on this site (not another host, not a script)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if any(c in target for c in "\\\r\n\t"):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def _account_tried() -> str:
    # Sign-in attempts are counted per account as well as per address: someone trying passwords for
    # one account from many addresses is stopped too.
    return "login:" + (request.form.get("email") or "").strip().lower()[:320]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
# Failed attempts only: a person signing in is never held up by their own successful sign-ins.
@limiter.limit(
    lambda: current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"],
    methods=["POST"],
    key_func=_account_tried,
    deduct_when=lambda response: response.status_code != 302,
)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("roadmaps.home"))
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        user = db.session.scalar(select(User).where(User.email == email))
        # The password is checked whatever the account's state, so the time taken does not tell a
        # deactivated account from an active one, or from no account.
        if user is None:
            check_password_hash(_dummy_hash(), form.password.data)
        elif user.check_password(form.password.data) and user.active:
            clear_session_keeping_language()  # a fresh session at login: only the language carries over
            login_user(user)
            session["epoch"] = user.session_epoch
            # A new session id too: an id known before sign-in (session fixation) is worth nothing.
            current_app.session_interface.regenerate(session)
            session["last_seen"] = time.time()
            target = request.args.get("next")
            return redirect(target if is_safe_next(target) else url_for("roadmaps.home"))
        form.password.errors.append(_("The e-mail or password is not right."))
    return render_template("auth/login.html", form=form), 200 if request.method == "GET" or not form.errors else 400


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    clear_session_keeping_language()
    flash(_("You are signed out."), "info")
    # What remains (the message, the language) moves to a new session id and the old one is deleted
    # on the server: a copy of the cookie opens nothing now.
    current_app.session_interface.regenerate(session)
    return redirect(url_for("auth.login"))
