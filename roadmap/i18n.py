"""Marking strings for translation without depending on Flask-Babel."""


def N_(text: str) -> str:
    """Mark a string for extraction; it is translated where it is shown, not here."""
    return text
