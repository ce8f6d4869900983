"""The cop-roadmap/1 interchange format: read a document into a Plan, write a Plan out.

Reading validates everything before anything is returned, so a caller that writes the
plan to the database writes either all of it or none. Every problem is reported as one
line that names the problem and where it is.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator

from roadmap.exchange.interchange_build import build_plan
from roadmap.exchange.interchange_messages import FormatError, first_error
from roadmap.exchange.interchange_write import FORMAT_TAG, dumps, dumps_document, to_document
from roadmap.i18n import N_
from roadmap.plan import Plan
from roadmap.storable import unstorable

__all__ = [
    "FORMAT_TAG",
    "MAX_BYTES",
    "FormatError",
    "dumps",
    "dumps_document",
    "read_bytes",
    "read_document",
    "read_file",
    "schema",
    "to_document",
]

MAX_BYTES = 20 * 1024 * 1024
SCHEMA_PATH = Path(__file__).with_name("schema") / "cop-roadmap-1.schema.json"


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of cop-roadmap/1, as shipped with the project."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


@cache
def _fast_check() -> Callable[[Any], Any]:
    # fastjsonschema compiles the schema to Python and checks a valid 20,000-deliverable document
    # in about a second, seven times faster than jsonschema; jsonschema, which reports every error
    # with its place, then explains a document the fast check refused.
    return fastjsonschema.compile(schema())


def read_file(path: str | Path) -> Plan:
    """Read and validate a cop-roadmap/1 file; FormatError names the first problem."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise FormatError(
                N_("the file is %(size)s MB; at most 20 MB is accepted"), size=f"{size / 1024 / 1024:.1f}"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise FormatError(N_("no such file")) from None
    except IsADirectoryError:
        raise FormatError(N_("is a directory, not a file")) from None
    except PermissionError:
        raise FormatError(N_("permission denied")) from None
    return read_bytes(data)


def read_bytes(data: bytes) -> Plan:
    """Validate a cop-roadmap/1 document given as bytes and return its Plan."""
    return read_document(parse_json(data))


def parse_json(data: bytes) -> Any:
    """JSON text as the interchange reads it: UTF-8, no NaN, no doubled field, exact decimals."""
    if len(data) > MAX_BYTES:
        raise FormatError(
            N_("the document is %(size)s MB; at most 20 MB is accepted"), size=f"{len(data) / 1024 / 1024:.1f}"
        )
    if not data.strip():
        raise FormatError(N_("the file is empty; expected a cop-roadmap/1 JSON document"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(N_("the file is not UTF-8 text (bad byte at offset %(offset)d)"), offset=exc.start) from None
    try:
        doc = json.loads(
            text,
            parse_float=Decimal,
            parse_constant=_refuse_constant,
            object_pairs_hook=_object_without_duplicates,
        )
    except json.JSONDecodeError as exc:
        # The parser's own words (e.g. "Expecting ',' delimiter") stay as they are: they name the mistake exactly.
        raise FormatError(
            N_("not valid JSON: %(detail)s at line %(line)d, column %(column)d"),
            detail=exc.msg,
            line=exc.lineno,
            column=exc.colno,
        ) from None
    except RecursionError:
        raise FormatError(N_("not a roadmap: the JSON is nested too deeply")) from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise FormatError(N_("not valid JSON: %(detail)s"), detail=str(exc)) from None
    return doc


def read_document(doc: Any) -> Plan:
    """Validate an already-parsed cop-roadmap/1 document and return its Plan."""
    if not isinstance(doc, dict):
        raise FormatError(N_("expected a JSON object at the top level of a cop-roadmap/1 document"))
    if "format" in doc and doc["format"] != FORMAT_TAG:
        got = json.dumps(doc["format"], ensure_ascii=False)[:60]
        raise FormatError(N_("expected %(wanted)s, got %(value)s"), at="format", wanted=f'"{FORMAT_TAG}"', value=got)
    try:
        _fast_check()(doc)
    except fastjsonschema.JsonSchemaValueException:
        errors = list(_validator().iter_errors(doc))
        if errors:
            raise first_error(errors, doc) from None
        # Otherwise the two validators disagree; jsonschema is the reference and found nothing.
    _check_text(doc, "")
    return build_plan(doc)


def _refuse_constant(name: str) -> Any:
    raise FormatError(N_("not valid JSON: %(name)s is not a number JSON allows"), name=name)


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads silently keeps the last of two equal keys; a doubled field is almost
    # always a mistake the user should hear about.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise FormatError(N_('field "%(field)s" appears twice in the same object'), field=key)
        result[key] = value
    return result


def _check_text(value: Any, where: str) -> None:
    # PostgreSQL cannot store NUL and no encoding can store a lone surrogate; refuse them
    # here rather than fail half-way through writing.
    if isinstance(value, str):
        if problem := unstorable(value):
            message = (
                N_("text contains a NUL character") if "NUL" in problem else N_("text contains an unpaired surrogate")
            )
            raise FormatError(message, at=where or "document")
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_text(k, where)
            _check_text(v, f"{where}.{k}" if where else k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_text(v, f"{where}[{i}]")
