"""Text in many languages without depending on Flask-Babel: marking strings for translation, and
telling which way a person's text runs.

A person's text is set apart from the words around it (``<bdi dir=…>``), so that an English name in an
Arabic page, or an Arabic title in an English one, keeps its own order and punctuation. Its direction
is worked out here, by its first strong letter as a browser's dir="auto" does, because WeasyPrint does
not implement dir="auto".
"""

from __future__ import annotations

import unicodedata

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
