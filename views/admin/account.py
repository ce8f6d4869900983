"""A user's own account page: how they hear of their inbox by e-mail, and personal API tokens, made
(shown once), listed and revoked."""

from __future__ import annotations

import secrets

from flask import Blueprint, abort, current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, RadioField, StringField
from wtforms.validators import DataRequired, InputRequired, Length

from models import MailChoice
from models.operations import OperationError
from models.operations.notices import set_mail_choice
from models.operations.tokens import issue_token, revoke_token, tokens_of
from roadmap.vocabulary import NAME_MAX
from views.extensions import limiter
from views.jobs.letters import mail_wanted
from views.messages import explain
from views.wizard.forms import options

bp = Blueprint("account", __name__, url_prefix="/account")


_ONCE = "token_form"


class TokenForm(FlaskForm):
    name = StringField(
        _l("What the token is for"),
        description=_l("For example: monthly report script."),
        validators=[DataRequired(_l("Name the token, so you can tell it apart later.")), Length(max=NAME_MAX)],
    )
    # A token acts for its maker for as long as it lives: someone at an unattended, signed-in
    # computer must not be able to make one.
    # One form, one token: reloading the page that shows a new token sends the form again, and must
    # not make a second one. Each form shown carries a fresh id, used up by the token it makes.
    once = HiddenField()
    password = PasswordField(
        _l("Your password"),
        description=_l("Asked again before a token is made."),
        validators=[DataRequired(_l("Type your password to make a token."))],
    )


class RevokeForm(FlaskForm):
    pass


MAIL_LABELS = {
    MailChoice.EACH: _l("A mail for each notice, as it happens"),
    MailChoice.DAILY: _l("One mail a day listing what is still unread"),
    MailChoice.OFF: _l("No e-mail: my inbox is enough"),
}


class MailForm(FlaskForm):
    mail = RadioField(
        _l("E-mail about your inbox"),
        choices=options((choice.value, label) for choice, label in MAIL_LABELS.items()),
        validators=[InputRequired(_l("Choose how you want to hear of your inbox."))],
    )


def _page(form: TokenForm, new_token: str | None = None, status: int = 200, mail_form: MailForm | None = None):
    form.once.data = session[_ONCE] = secrets.token_urlsafe(16)
    if mail_form is None:
        mail_form = MailForm(formdata=None, data={"mail": current_user.mail_notices.value})
    page = render_template(
        "account/tokens.html",
        form=form,
        revoke_form=RevokeForm(),
        tokens=tokens_of(current_user.id),
        new_token=new_token,
        mail_form=mail_form,
        mail_sent=mail_wanted(current_app),
    )
    return page, status, {"Cache-Control": "no-store"}  # it may show a new token, once


@bp.get("/tokens")
@login_required
def tokens():
    return _page(TokenForm(formdata=None))


@bp.post("/tokens")
@login_required
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"])  # the password is guessed here no faster
def new_token():
    form = TokenForm()
    if form.validate_on_submit():
        if not form.once.data or form.once.data != session.pop(_ONCE, None):
            flash(_("That form was already used: the token it made is in the list below."), "info")
            return redirect(url_for("account.tokens"))
        if not current_user.check_password(form.password.data):
            form.password.errors.append(_("That is not your password."))
            return _page(form, status=400)
        try:
            token = issue_token(current_user.id, form.name.data)
        except OperationError as exc:
            form.name.errors.append(explain(exc))
        else:
            # Shown in this answer only, never stored in clear: not redirected, so no page can show it again.
            return _page(TokenForm(formdata=None), token)
    return _page(form, status=400)


@bp.post("/tokens/<int:token_id>/revoke")
@login_required
def revoke(token_id: int):
    if not RevokeForm().validate_on_submit():
        abort(400)
    try:
        revoke_token(current_user.id, token_id)
    except OperationError:
        abort(404)
    flash(_("Token revoked: scripts using it are refused from now on."), "info")
    return redirect(url_for("account.tokens"))


@bp.post("/mail")
@login_required
def mail():
    form = MailForm()
    if form.validate_on_submit():
        set_mail_choice(current_user.id, form.mail.data)
        flash(_("Saved: how you hear of your inbox by e-mail."), "info")
        return redirect(url_for("account.tokens", _anchor="e-mail"))
    return _page(TokenForm(formdata=None), mail_form=form, status=400)
