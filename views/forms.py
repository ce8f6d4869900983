"""Forms shared by more than one blueprint, and the one-time token that keeps a create form from
saving twice.

A create form carries a token in a hidden field. Its first send spends the token in the same
transaction as the change; a second send of the same page (Back, then Save) finds it spent and is
taken to what the first one saved, with a note, instead of saving a copy (models/form_token.py).

Signed-in pages are never cached (views/security.py), so Back fetches the form's page again. A page
that is only a create form is therefore opened at an address carrying its token (``?once=``, see
``once_url``): fetched again, it carries the same token, and the second send is recognised.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

from flask import flash, redirect, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DecimalField, EmailField, FloatField, HiddenField, IntegerField, PasswordField
from wtforms.validators import DataRequired, Length, StopValidation

from models import db
from models.form_token import new_token, settle, spend, spent, well_formed
from views.messages import explained


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)])


class CreateForm(FlaskForm):
    """A form that adds something: it carries a one-time token, the one it was sent with or a new one."""

    once = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What was sent, if it is a token at all; a form with none (a script's) is simply not guarded.
        self.sent_once = self.once.data if well_formed(self.once.data) else None
        if self.sent_once is None:
            from_address = request.args.get("once") if request.method == "GET" else None
            self.once.data = from_address if well_formed(from_address) else new_token()


def once_url(endpoint: str, **values) -> str:
    """The address of a create form's page with a token of its own, which Back then fetches again."""
    return url_for(endpoint, once=new_token(), **values)


def once_guard(form: CreateForm, fallback: str):
    """Where a create page must send its reader instead of showing the form, if anywhere.

    Opened without a token of its own in the address (a link, a bookmark, a typed address), the page
    goes to the same address with one: pages are not kept by the browser, so Back fetches the page's
    address again, and the token must come back with it for a second Save to be recognised. Sent with
    a token that already saved something, the page goes to what was saved (``already_saved``)."""
    if request.method == "GET":
        if well_formed(request.args.get("once")):
            return None
        args = request.args.to_dict(flat=False)
        args["once"] = new_token()
        return redirect(url_for(request.endpoint, **(request.view_args or {}), **args))
    return already_saved(form, fallback)


def already_saved(form: CreateForm, fallback: str):
    """A redirect to what this form's token already saved, with a note; None if it saved nothing yet."""
    target = spent(form.sent_once, current_user.id)
    if target is None:
        return None
    flash(_("This was already saved, so it was not added again. Here it is."), "info")
    return redirect(target or fallback)


@contextmanager
def spending(form: CreateForm) -> Iterator[None]:
    """Around the one operation a create form calls: its token is spent with the change the operation
    commits, or not at all if the change is refused (the form can be corrected and sent again)."""
    spend(form.sent_once, current_user.id)
    try:
        yield
    except BaseException:
        db.session.rollback()  # also when refused before its transaction began: the token stays unspent
        raise


def settle_once(form: CreateForm, target: str) -> None:
    """Note where what the form saved is shown, for a second send of it."""
    settle(form.sent_once, current_user.id, target)


# ---------------------------------------------------------------- numbers
#
# WTForms reports a number it cannot read ("abc") with its own English sentence and then runs the range
# check too, so the reader got two messages, one of them showing its bounds as "-1000000000000000.0".
# These fields give one message, in the reader's language, naming what is expected and the bounds as the
# reader writes numbers; the same message whether the input is not a number or out of bounds. A blank
# box is left to InputRequired or Optional, whose messages say something is missing.


INDICATOR_MAX = 10**15  # indicator values, as the interchange schema bounds them
WEEKS_MESSAGE = _l("Enter a whole number of weeks from %(min)s to %(max)s.")


class _Bounded:
    """What the number fields below share: their bounds and the one message that names them."""

    def _bounds(self, low, high, message) -> None:
        self.low, self.high = low, high
        self.bounds_message = message or _l("Enter a number from %(min)s to %(max)s.")

    def _problem(self) -> str:
        return str(self.bounds_message) % {
            "min": format_decimal(self.low, format="#,##0.##"),
            "max": format_decimal(self.high, format="#,##0.##"),
        }

    def process_formdata(self, valuelist):
        if not valuelist:
            return  # not sent at all: the default stands, as with WTForms' own fields
        text = valuelist[0].strip() if isinstance(valuelist[0], str) else valuelist[0]
        if text == "":
            self.data = None  # blank: InputRequired or Optional says what is missing
            return
        try:
            super().process_formdata([text])
        except ValueError:
            raise ValueError(self._problem()) from None

    def pre_validate(self, form) -> None:
        super().pre_validate(form)
        if self.process_errors:
            raise StopValidation()  # the reading's message says it all; no second one from the range
        if self.data is not None and not _within(self.data, self.low, self.high):
            self.errors.append(self._problem())
            raise StopValidation()


def _within(value, low, high) -> bool:
    # NaN and infinities are not numbers a plan can hold (and a Decimal NaN cannot be compared at all).
    if isinstance(value, Decimal) and not value.is_finite():
        return False
    if isinstance(value, float) and value != value:
        return False
    return low <= value <= high


class WholeNumberField(_Bounded, IntegerField):
    """A whole number from ``low`` to ``high``; ``message`` (with %(min)s and %(max)s) says what it counts."""

    def __init__(self, label=None, validators=None, *, low: int, high: int, message=None, **kwargs):
        self._bounds(low, high, message or _l("Enter a whole number from %(min)s to %(max)s."))
        super().__init__(label, validators, **kwargs)


class NumberField(_Bounded, FloatField):
    """A number, fractions allowed, from ``low`` to ``high``, shown as a person writes it: 100, not 100.0."""

    def __init__(self, label=None, validators=None, *, low: float, high: float, message=None, **kwargs):
        self._bounds(low, high, message)
        super().__init__(label, validators, **kwargs)

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return f"{float(self.data):.15g}"


class AmountField(_Bounded, DecimalField):
    """An amount of money from ``low`` to ``high``, kept to ``places`` decimals."""

    def __init__(self, label=None, validators=None, *, low, high, message=None, **kwargs):
        self._bounds(low, high, message or _l("Enter an amount from %(min)s to %(max)s, in figures."))
        super().__init__(label, validators, **kwargs)


def refuse(form: FlaskForm, error: Exception, otherwise=None) -> None:
    """Show a refusal of the layer below beside the field whose value it is about (the error says which,
    models/operations/core.py ``about``); else beside ``otherwise``, or for the whole form. The form
    keeps what was typed."""
    field = getattr(error, "field", None)
    if field and field in form:
        errors = form[field].errors
    else:
        errors = otherwise.errors if otherwise is not None else form.form_errors
    errors.append(explained(error))
