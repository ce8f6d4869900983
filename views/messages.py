"""A refusal from the model or the domain layer, said in the reader's language.

The layers below raise errors that carry the English text marked for translation and the values that
fill it (roadmap/i18n.py); here the text is translated and each value put in the reader's words: a
status, pillar, link type or stakeholder kind by its label, a field's name translated, a day as the
reader's calendar writes it. An error that carries no such text shows as it is.

The API answers in English on purpose (views/api/blueprint.py): scripts are written against its messages.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

from flask import Flask
from flask_babel import gettext

from roadmap.i18n import Phrase, spelled_out
from roadmap.vocabulary import DeliverableStatus, Priority, RoadmapStatus
from views.labels import format_date, format_datetime, number, sentence, status_label

_STATUSES = (RoadmapStatus, DeliverableStatus, Priority)


def explain(error: BaseException) -> str:
    """The error's one line in the reader's language, as the layer below wrote it (lower case first)."""
    message, values = getattr(error, "message", None), getattr(error, "values", None)
    if not isinstance(message, str) or not isinstance(values, dict):
        return str(error)
    return _translated(message, values)


def explained(error: BaseException) -> str:
    """The error as a sentence on a page: capital first, full stop last, in the reader's language."""
    return sentence(explain(error))


def said(words: object) -> str:
    """Words the application wrote (a ``Phrase``) in the reader's language; anything else as it is."""
    return str(_word(words))


def kept_reason(text: str | None) -> str:
    """A reason the application wrote and kept (why a print failed) in the reader's language; a reason it
    does not know, with details of its own, as it was kept."""
    return gettext(text) if text else gettext("no reason was given")


def _translated(text: str, values: dict[str, object]) -> str:
    if not values:
        return gettext(text)
    words = {name: _word(value) for name, value in values.items()}
    for name in spelled_out(text):
        if isinstance(values.get(name), int) and not isinstance(values[name], bool):
            words[name] = number(values[name])  # grouped as the reader groups digits: 3 000 000
    return gettext(text, **words)


def _word(value: object) -> object:
    if isinstance(value, Phrase):
        return _translated(value.text, value.values)
    if isinstance(value, BaseException):
        return explain(value)
    if isinstance(value, _STATUSES):
        return status_label(value)
    if isinstance(value, Enum):
        label = getattr(value, "label", None)
        return gettext(label) if isinstance(label, str) else str(value.value).replace("_", " ")
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return value  # may fill a %(name)d
    if isinstance(value, float):
        return number(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_word(v)) for v in value)
    return str(value)


def register(app: Flask) -> None:
    """Let templates say a kept reason in the reader's language."""
    app.jinja_env.globals["kept_reason"] = kept_reason
