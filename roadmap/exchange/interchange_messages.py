"""Turning a schema error into one line that names the problem and where it is.

A problem is English text marked for translation with the values that fill it (roadmap/i18n.py), and
its place in the document (``deliverables[3] (key "L1").duration_weeks``) apart from it: the command
line and the API print the English line, a page says the problem in the reader's language, and the
spreadsheet upload turns the place into a sheet, a row and a column.
"""

from __future__ import annotations

import json
from typing import Any

from jsonschema.exceptions import ValidationError

from roadmap.i18n import N_, Explained, Phrase


class FormatError(Explained):
    """A cop-roadmap/1 document that cannot be read: the problem (``message`` and its values) and
    ``at``, its place in the document ("" for the file as a whole). ``str()`` is one English line."""

    def __init__(self, message: str, /, *, at: str = "", **values: object):
        super().__init__(message, **values)
        self.problem = Phrase(message, **values)
        self.at = at
        if at:
            self.message, self.values = N_("%(place)s: %(problem)s"), {"place": at, "problem": self.problem}
            self.args = (f"{at}: {self.problem}",)


def first_error(errors: list[ValidationError], doc: Any) -> FormatError:
    """The refusal for the error that comes first in the document."""
    where, problem = _describe(sorted(errors, key=_error_order)[0], doc)
    return FormatError(problem.text, at=where, **problem.values)


def problem_of(error: ValidationError, doc: Any) -> Phrase:
    """What one schema error says, without its place, for callers that name the place their own way."""
    return _describe(error, doc)[1]


def _error_order(error: ValidationError) -> tuple:
    return tuple((0, p) if isinstance(p, int) else (1, p) for p in error.absolute_path), error.validator


def _path(parts: Any, doc: Any) -> str:
    text = ""
    node = doc
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("key"), str):
                text += f' (key "{node["key"]}")'
            elif isinstance(node, dict) and isinstance(node.get("from"), str) and isinstance(node.get("to"), str):
                text += f" ({node['from']} → {node['to']})"
        else:
            text += f".{part}" if text else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return text or "document"


_KINDS = {
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "string": N_("text"),
    "array": N_("a list"),
    "object": N_("an object"),
    "boolean": N_("true or false"),
}


def _describe(error: ValidationError, doc: Any) -> tuple[str, Phrase]:
    """The error's place and what it says; jsonschema's own English is never shown, only summed up."""
    where = _path(error.absolute_path, doc)
    value = error.instance
    kind = error.validator
    if kind == "required":
        missing = [f for f in error.validator_value if f not in value]
        return where, Phrase(N_('missing required field "%(field)s"'), field=missing[0])
    if kind == "additionalProperties":
        allowed = error.schema.get("properties", {})
        extra = sorted(k for k in value if k not in allowed)
        return where, Phrase(
            N_('unknown field "%(field)s" (allowed: %(allowed)s)'), field=extra[0], allowed=list(allowed)
        )
    if kind == "enum":
        options = [str(o) for o in error.validator_value if o is not None]
        return where, Phrase(
            N_("unknown value %(value)s (expected one of: %(options)s)"), value=show(value), options=options
        )
    if kind == "const":
        return where, Phrase(
            N_("expected %(wanted)s, got %(value)s"), wanted=show(error.validator_value), value=show(value)
        )
    if kind == "type":
        wanted = error.validator_value
        wanted = [w for w in wanted if w != "null"] if isinstance(wanted, list) else [wanted]
        kinds = [Phrase(_KINDS[w]) if w in _KINDS else w for w in wanted]
        expected: object = kinds[0]
        for other in kinds[1:]:
            expected = Phrase(N_("%(one)s or %(other)s"), one=expected, other=other)
        return where, Phrase(N_("expected %(wanted)s, got %(value)s"), wanted=expected, value=show(value))
    if kind == "minimum":
        return where, Phrase(
            N_("%(value)s is below the minimum of %(limit)s"), value=show(value), limit=error.validator_value
        )
    if kind == "maximum":
        return where, Phrase(
            N_("%(value)s is above the maximum of %(limit)s"), value=show(value), limit=error.validator_value
        )
    if kind == "maxLength":
        return where, Phrase(
            N_("%(length)s characters is too long (at most %(limit)s)"), length=len(value), limit=error.validator_value
        )
    if kind == "minLength":
        return where, Phrase(N_("must not be empty"))
    if kind == "uniqueItems":
        return where, Phrase(N_("an entry is listed twice"))
    if kind == "pattern":
        return where, Phrase(
            N_("%(value)s is not %(meaning)s"), value=show(value), meaning=_pattern_meaning(error.validator_value)
        )
    if kind == "anyOf":
        # Only nullable keys use anyOf; the key branch explains the real problem best.
        inner = [e for e in error.context if e.validator != "type" or e.validator_value != "null"]
        if inner:
            return _describe(inner[0], doc)
    return where, Phrase(N_("%(value)s is not accepted here"), value=show(value))


def _pattern_meaning(pattern: str) -> Phrase:
    if "{4}-" in pattern:
        return Phrase(N_("a date in the form YYYY-MM-DD"))
    if pattern == "^[A-Z]{3}$":
        return Phrase(N_("a three-letter upper-case code"))
    return Phrase(N_("a valid key (letters, digits, '.', '_' or '-', at most 40, starting with a letter or digit)"))


def show(value: Any) -> str | Phrase:
    """A value as a message quotes it: text in quotes (cut at 60 characters), a list or object by its kind."""
    if isinstance(value, str):
        return json.dumps(value if len(value) <= 60 else value[:57] + "...", ensure_ascii=False)
    if isinstance(value, (dict, list)):
        return Phrase(N_("an object")) if isinstance(value, dict) else Phrase(N_("a list"))
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
