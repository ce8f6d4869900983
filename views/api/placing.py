"""Naming the field at fault from a cop-roadmap/1 message, for problem documents."""

from __future__ import annotations

import re

# Messages start with the place: 'deliverables[0] (key "L1").title: …', 'dependencies[2].lag_weeks: …',
# 'country: …'. The place is everything before the first ": " that is not inside quotes.
_PLACE = re.compile(r'^((?:[^:"]|"[^"]*")+?):\s')
_OWN_DELIVERABLE = re.compile(r'^deliverables\[0\](?: \(key "[^"]*"\))?\.?')


def field_of(message: str) -> str | None:
    """The place a message names ("deliverables[3].title"), with quoted keys left out; None if it names none."""
    match = _PLACE.match(message)
    if match is None:
        return None
    return re.sub(r' \(key "[^"]*"\)| \([^)]*→[^)]*\)', "", match.group(1)) or None


def deliverable_field(message: str) -> tuple[str | None, str]:
    """For a deliverable sent alone (wrapped as deliverables[0]): its field and the message without the wrapper."""
    place = field_of(message) or ""
    if not place.startswith("deliverables[0]"):
        return place or None, message
    field = place.removeprefix("deliverables[0]").lstrip(".") or None
    return field, _OWN_DELIVERABLE.sub("", message, count=1).lstrip(": ").lstrip()
