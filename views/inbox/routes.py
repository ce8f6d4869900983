"""The inbox page, opening a notice (read, then off to its roadmap or thread), marking all read, the
unread count every page's header shows, and the e-mails' unsubscribe link."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import ngettext
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from models import db
from models.operations import OperationError
from models.operations.comments import thread_deliverable
from models.operations.notices import mark_all_read, mark_read, set_mail_choice
from models.queries.inbox import SHOWN, inbox, unread_count
from models.user import MailChoice, User
from views.inbox.tokens import user_of_token
from views.inbox.words import SENTENCES

bp = Blueprint("inbox", __name__, url_prefix="/inbox")


class ConfirmForm(FlaskForm):
    """A button and its CSRF token: mark all read, turn mail off."""


@bp.app_template_global()
def unread_notices() -> int:
    """The signed-in user's unread notices, counted once per request whatever asks (the header)."""
    if "unread_notices" not in g:
        g.unread_notices = unread_count(current_user.id) if current_user.is_authenticated else 0
    return g.unread_notices


@bp.get("/")
@login_required
def index():
    notices = inbox(current_user.id)
    return render_template(
        "inbox/index.html", notices=notices, sentences=SENTENCES, form=ConfirmForm(), shown_at_most=SHOWN
    )


# A GET too: the link in an e-mail opens the notice. Marking one's own notice read is all it changes.
@bp.route("/<int:notice_id>", methods=["GET", "POST"])
@login_required
def open_notice(notice_id: int):
    try:
        roadmap_id, thread_id = mark_read(current_user.id, notice_id)
    except OperationError:
        abort(404)
    if thread_id is None:
        return redirect(url_for("review_flow.review", roadmap_id=roadmap_id))
    deliverable_id = thread_deliverable(roadmap_id, thread_id)
    anchor = f"thread-{thread_id}"
    if deliverable_id is not None:
        return redirect(
            url_for("tracking.deliverable", roadmap_id=roadmap_id, deliverable_id=deliverable_id, _anchor=anchor)
        )
    return redirect(url_for("review_flow.review", roadmap_id=roadmap_id, _anchor=anchor))


@bp.post("/read")
@login_required
def read_all():
    if not ConfirmForm().validate_on_submit():
        abort(400)
    count = mark_all_read(current_user.id)
    flash(ngettext("%(num)d notice marked read.", "%(num)d notices marked read.", count), "info")
    return redirect(url_for("inbox.index"))


@bp.route("/mail-off/<token>", methods=["GET", "POST"])
def mail_off(token: str):
    """The unsubscribe link of every e-mail: asks to confirm, then turns that person's mail off,
    without signing in (a link a mail scanner follows changes nothing)."""
    user_id = user_of_token(token)
    user = db.session.get(User, user_id) if user_id is not None else None
    if user is None:
        return render_template("inbox/mail_off.html", invalid=True, form=None), 404
    form = ConfirmForm()
    if form.validate_on_submit():
        set_mail_choice(user.id, MailChoice.OFF)
    elif form.is_submitted():
        abort(400)
    done = user.mail_notices == MailChoice.OFF
    return render_template("inbox/mail_off.html", invalid=False, form=form, done=done, email=user.email)
