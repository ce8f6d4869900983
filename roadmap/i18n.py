"""Text in many languages without depending on Flask-Babel: marking strings for translation, errors that
carry their message id, and telling which way a person's text runs.

A person's text is set apart from the words around it (``<bdi dir=…>``), so that an English name in an
Arabic page, or an Arabic title in an English one, keeps its own order and punctuation. Its direction
is worked out here, by its first strong letter as a browser's dir="auto" does, because WeasyPrint does
not implement dir="auto".

Errors that are read in the reader's language: the English text, marked for translation, travels with
the values that fill it, and whoever shows the error translates both.

``str()`` of such an error is the English sentence (the command line prints it, logs read it). A value
that is itself a word (a status, a pillar, a link type, a field's name, a day) is passed as what it is,
an enum, a ``Phrase`` or a ``date``, so the page can say it in the reader's words rather than show a
stored code ("finish_to_finish") or an ISO date.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from enum import Enum

from markupsafe import Markup

_RTL = frozenset({"R", "AL"})


def N_(text: str) -> str:
    """Mark a string for extraction; it is translated where it is shown, not here."""
    return text


def direction(text: object) -> str | None:
    """ "rtl" or "ltr" by the first letter with a direction of its own, None when there is none."""
    for ch in str(text or ""):
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return "ltr"
        if kind in _RTL:
            return "rtl"
    return None


def bdi(text: object) -> Markup:
    """A person's text, escaped and isolated in the direction it runs."""
    if text is None:
        return Markup("")
    way = direction(text)
    # Markup's own format escapes the text; the direction is one of two fixed words.
    return Markup('<bdi dir="{}">{}</bdi>').format(way, text) if way else Markup("<bdi>{}</bdi>").format(text)


def dir_attribute(text: object) -> Markup:
    """' dir="rtl"' or ' dir="ltr"' for a block of a person's text ("" when it has no strong letter)."""
    way = direction(text)
    return Markup(' dir="{}"').format(way) if way else Markup("")


_AS_TEXT = re.compile(r"%\((\w+)\)s")


class Phrase:
    """Words the application wrote (a field's name, "note on %(provision)s"), marked with N_ and
    translated where they are shown, with the values that fill them."""

    __slots__ = ("text", "values")

    def __init__(self, text: str, /, **values: object):
        self.text = text
        self.values = values

    def __str__(self) -> str:
        return english(self.text, self.values)

    def __repr__(self) -> str:
        return f"Phrase({self.text!r})"


class Explained(ValueError):
    """An error whose ``message`` is English text marked with N_ (placeholders ``%(name)s``) and
    ``values`` what fills them; ``str()`` gives the English sentence filled in."""

    def __init__(self, message: str, /, **values: object):
        super().__init__(english(message, values))
        self.message = message
        self.values = values


def english(text: str, values: Mapping[str, object]) -> str:
    """The text with its values filled in, in English."""
    if not values:
        return text
    words = {name: _english(value) for name, value in values.items()}
    for name in spelled_out(text):
        value = values.get(name)
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
            words[name] = f"{value:,}"  # a large count put in words is grouped: 3,000,000 (5000 stays as it is)
    return text % words


def spelled_out(text: str) -> set[str]:
    """The placeholders the text fills as words (``%(name)s``), where a number is written out in full."""
    return set(_AS_TEXT.findall(text))


def _english(value: object) -> object:
    if isinstance(value, Enum):
        return str(value.value).replace("_", " ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_english(v)) for v in value)
    if isinstance(value, (int, float)):
        return value
    return str(value)
