"""The page for a stale save: what the user typed beside what is saved now, nothing overwritten.

Every form that carries a version number answers a VersionConflict with this one page (status 409). When
the operation says at which version the saved one stands, the page is also a form: for each field that
differs, "keep mine" or "take theirs", then save at that version. It posts back to the form's own address
with everything the user sent, the saved values beside the differing ones and a choice for each; the
route reads it through ``formdata()``, which hands the form the merged fields as if typed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from flask import render_template, request
from flask_babel import format_decimal
from werkzeug.datastructures import CombinedMultiDict, MultiDict
from wtforms import DateField, DecimalField, Field, FloatField, IntegerField, SelectFieldBase, SelectMultipleField
from wtforms.fields.choices import SelectChoice

from views.labels import format_date, number

MERGING = "merging"  # one entry per field the page asked about
_PICK, _THEIRS = "pick-", "theirs-"
_SKIPPED = ("csrf_token", "version")  # the page sends its own


def _labels(field: SelectFieldBase) -> dict[str, str]:
    # Choices are SelectChoice objects in the forms of this project, (value, label) pairs in others.
    pairs = ((c.value, c.label) if isinstance(c, SelectChoice) else (c[0], c[1]) for c in field.choices or [])
    return {str(value): str(label) for value, label in pairs}


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text) if text else None
    except InvalidOperation:
        return None


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _typed_values(field: Field) -> list[str]:
    """What the user sent for ``field``, as the form's inputs carry it."""
    if field.raw_data is not None:
        return [str(x) for x in field.raw_data]
    return [field._value()] if not isinstance(field, SelectMultipleField) else [str(x) for x in field.data or []]


def _saved_values(field: Field, text: str) -> list[str]:
    """The saved text (as the journal writes it: codes, keys, ISO dates) as the form's inputs carry it."""
    if isinstance(field, SelectMultipleField):
        return [x for x in text.split(", ") if x]
    return [text]


def _comparable(field: Field, values: list[str]):
    # Lists are sets (the same partners in another order are the same partners); numbers and days by value
    # (a reading typed "20" is the 20.0 saved).
    if isinstance(field, SelectMultipleField):
        return frozenset(values)
    text = values[0].strip() if values else ""
    if isinstance(field, (DecimalField, FloatField, IntegerField)):
        return _decimal(text.replace(",", "").replace("\u00a0", "").replace(" ", ""))
    if isinstance(field, DateField):
        return _day(text)
    return text


def _shown(field: Field, values: list[str]) -> str:
    """Values as the reader knows them: choices by their names, amounts and days in the reader's locale."""
    if isinstance(field, SelectMultipleField):
        labels = _labels(field)
        return ", ".join(sorted((labels.get(x, x) for x in values), key=str.casefold))
    if isinstance(field, SelectFieldBase):
        text = values[0] if values else ""
        return _labels(field).get(text, text)
    value = _comparable(field, values)
    if isinstance(field, DecimalField) and value is not None:
        return format_decimal(value, format="#,##0.00")
    if isinstance(field, FloatField) and value is not None:
        return number(value)  # a measured value as the pages write it: 1,500 and 0.5, not 1500.0
    if isinstance(field, IntegerField) and value is not None:
        return format_decimal(value, format="#,##0")
    if isinstance(field, DateField) and value is not None:
        return format_date(value)
    return values[0] if values else ""


def conflict_page(
    form,
    names: list[str],
    current: dict[str, str],
    *,
    heading: str,
    reopen_url: str,
    version: int | str | None = None,
    note: str | None = None,
):
    """The 409 page comparing ``form``'s fields ``names`` with ``current`` (field -> saved text); with the
    saved ``version`` (a number, or a reading's stamp), a form to keep mine or take theirs per differing
    field and save. ``note`` says what the page cannot carry (a chosen file, say)."""
    rows = []
    for name in names:
        field = form[name]
        typed, saved = _typed_values(field), _saved_values(field, current.get(name, ""))
        rows.append(
            {
                "name": name,
                "label": field.label.text,
                "typed": _shown(field, typed),
                "saved": _shown(field, saved),
                "saved_values": saved,
                "differs": _comparable(field, typed) != _comparable(field, saved),
            }
        )
    sent = [(k, v) for k, v in request.form.items(multi=True) if k not in _SKIPPED and k != MERGING]
    sent = [(k, v) for k, v in sent if not k.startswith((_PICK, _THEIRS))]
    page = render_template(
        "errors/conflict.html",
        heading=heading,
        rows=rows,
        reopen_url=reopen_url,
        merge=version is not None and any(r["differs"] for r in rows),
        version=version,
        sent=sent,
        note=note,
    )
    return page, 409


def formdata():
    """What the route's form should read: the posted fields, with a merge's choices applied (a field
    whose choice is missing keeps the saved value, so nothing saved is overwritten unasked); None on GET."""
    if request.method != "POST":
        return None
    if MERGING not in request.form:
        # Files too, as Flask-WTF reads them by itself (a logo chosen on the basics step).
        return CombinedMultiDict((request.files, request.form)) if request.files else request.form
    merged = MultiDict(
        (k, v) for k, v in request.form.items(multi=True) if k != MERGING and not k.startswith((_PICK, _THEIRS))
    )
    for name in request.form.getlist(MERGING):
        if request.form.get(_PICK + name) != "mine":
            merged.setlist(name, request.form.getlist(_THEIRS + name))
    return merged


def form_version(form) -> int:
    """The version number the form was opened at; -1 (never current, so a conflict) if it was tampered with."""
    text = form.version.data or ""
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else -1
