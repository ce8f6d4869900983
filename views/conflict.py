"""The page for a stale save: what the user typed beside what is saved now, nothing overwritten.

Every form that carries a version number answers a VersionConflict with this one page (status 409).
"""

from __future__ import annotations

from datetime import date

from flask import render_template
from wtforms import Field, SelectFieldBase, SelectMultipleField
from wtforms.fields.choices import SelectChoice


def _labels(field: SelectFieldBase) -> dict[str, str]:
    # Choices are SelectChoice objects in the forms of this project, (value, label) pairs in others.
    pairs = ((c.value, c.label) if isinstance(c, SelectChoice) else (c[0], c[1]) for c in field.choices or [])
    return {str(value): str(label) for value, label in pairs}


def _typed(field: Field) -> str:
    data = field.data
    if isinstance(field, SelectMultipleField):
        labels = _labels(field)
        return ", ".join(labels.get(x, x) for x in data or [])
    if isinstance(field, SelectFieldBase):
        return _labels(field).get(str(data), "" if data is None else str(data))
    if isinstance(data, date):
        return data.isoformat()
    return "" if data is None else str(data)


def _saved(field: Field, text: str) -> str:
    # Saved values arrive as the journal writes them (codes, keys, ISO dates): show choices by their label.
    if isinstance(field, SelectMultipleField):
        labels = _labels(field)
        return ", ".join(labels.get(x, x) for x in text.split(", ") if x)
    if isinstance(field, SelectFieldBase):
        return _labels(field).get(text, text)
    return text


def conflict_page(form, names: list[str], current: dict[str, str], *, heading: str, reopen_url: str):
    """The 409 page comparing ``form``'s fields ``names`` with ``current`` (field -> saved text)."""
    rows = []
    for name in names:
        field = form[name]
        typed, saved = _typed(field), _saved(field, current.get(name, ""))
        rows.append({"label": field.label.text, "typed": typed, "saved": saved, "differs": typed.strip() != saved})
    return render_template("errors/conflict.html", heading=heading, rows=rows, reopen_url=reopen_url), 409


def form_version(form) -> int:
    """The version number the form was opened at; -1 (never current, so a conflict) if it was tampered with."""
    text = form.version.data or ""
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else -1
