"""Text that no database can store, refused the same way wherever it comes in."""

from __future__ import annotations


def unstorable(text: str) -> str | None:
    """Why the text cannot be stored (PostgreSQL refuses NUL; UTF-8 cannot encode a lone surrogate), or None."""
    if "\x00" in text:
        return "contains a NUL character"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "contains an unpaired surrogate"
    return None
