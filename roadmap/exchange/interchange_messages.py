"""Turning a schema error into one line that names the problem and where it is."""

from __future__ import annotations

import json
from typing import Any

from jsonschema.exceptions import ValidationError


class FormatError(ValueError):
    """A cop-roadmap/1 document that cannot be read; the message is one line for the user."""


def first_error_message(errors: list[ValidationError], doc: Any) -> str:
    """The message for the error that comes first in the document."""
    return _describe(sorted(errors, key=_error_order)[0], doc)


def problem_of(error: ValidationError, doc: Any) -> str:
    """What one schema error says, without its place, for callers that name the place their own way."""
    message, where = _describe(error, doc), _path(error.absolute_path, doc)
    return message.removeprefix(f"{where}: ")


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


def _describe(error: ValidationError, doc: Any) -> str:
    where = _path(error.absolute_path, doc)
    value = error.instance
    kind = error.validator
    if kind == "required":
        missing = [f for f in error.validator_value if f not in value]
        return f'{where}: missing required field "{missing[0]}"'
    if kind == "additionalProperties":
        allowed = error.schema.get("properties", {})
        extra = sorted(k for k in value if k not in allowed)
        return f'{where}: unknown field "{extra[0]}" (allowed: {", ".join(allowed)})'
    if kind == "enum":
        options = ", ".join(str(o) for o in error.validator_value if o is not None)
        return f"{where}: unknown value {show(value)} (expected one of: {options})"
    if kind == "const":
        return f"{where}: expected {show(error.validator_value)}, got {show(value)}"
    if kind == "type":
        wanted = error.validator_value
        wanted = [w for w in wanted if w != "null"] if isinstance(wanted, list) else [wanted]
        names = {
            "integer": "a whole number",
            "number": "a number",
            "string": "text",
            "array": "a list",
            "object": "an object",
        }
        return f"{where}: expected {' or '.join(names.get(w, w) for w in wanted)}, got {show(value)}"
    if kind == "minimum":
        return f"{where}: {show(value)} is below the minimum of {error.validator_value}"
    if kind == "maximum":
        return f"{where}: {show(value)} is above the maximum of {error.validator_value}"
    if kind == "maxLength":
        return f"{where}: {len(value)} characters is too long (at most {error.validator_value})"
    if kind == "minLength":
        return f"{where}: must not be empty"
    if kind == "uniqueItems":
        return f"{where}: an entry is listed twice"
    if kind == "pattern":
        return f"{where}: {show(value)} is not {_pattern_meaning(error.validator_value)}"
    if kind == "anyOf":
        # Only nullable keys use anyOf; the key branch explains the real problem best.
        inner = [e for e in error.context if e.validator != "type" or e.validator_value != "null"]
        if inner:
            return _describe(inner[0], doc)
    return f"{where}: {error.message}"


def _pattern_meaning(pattern: str) -> str:
    if "{4}-" in pattern:
        return "a date in the form YYYY-MM-DD"
    if pattern == "^[A-Z]{3}$":
        return "a three-letter upper-case code"
    return "a valid key (letters, digits, '.', '_' or '-', at most 40, starting with a letter or digit)"


def show(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value if len(value) <= 60 else value[:57] + "...", ensure_ascii=False)
    if isinstance(value, (dict, list)):
        return "an object" if isinstance(value, dict) else "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
