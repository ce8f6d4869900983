"""A filled-in spreadsheet template → a cop-roadmap/1 document → a Plan, with every problem located.

The sheets are turned into a cop-roadmap/1 document with as little interpretation as possible
(codes may be written as their English names, whole-number cells stored as decimals are whole
numbers again) and then checked by the same schema and the same build rules as a JSON import, so
the rules live in one place. Those rules stop at the first problem they find; to list every
problem at once, each one found is traced back to its sheet, row and column, the offending part is
set aside, and the checks run again on the rest.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from typing import Any

from jsonschema import Draft202012Validator

from roadmap.exchange.interchange import FORMAT_TAG, FormatError, read_document, schema
from roadmap.exchange.interchange_build import NO_DELIVERABLE, NO_STAKEHOLDER
from roadmap.exchange.interchange_messages import problem_of, show
from roadmap.exchange.spreadsheet_columns import (
    COLUMNS,
    DELIVERABLES,
    SECTION,
    SHEETS,
    Column,
    coded,
    column_for,
    column_of_field,
)
from roadmap.exchange.spreadsheet_files import RawSheets
from roadmap.graph import DependencyLoopError
from roadmap.i18n import N_, Phrase
from roadmap.plan import Plan

MAX_PROBLEMS = 200
_SHEET_OF = {section: sheet for sheet, section in SECTION.items()}
_PLACE = re.compile(
    r"^(?P<section>deliverables|stakeholders|dependencies)\[(?P<index>\d+)\](?: \([^)]*\))?"
    r"(?P<rest>(?:\.[a-z_]+|\[\d+\])*)$",
    re.DOTALL,
)
_STAND_IN = {"pillar": "legal", "title": "-", "duration_weeks": 0, "name": "-", "kind": "government"}
_REFERENCE = re.compile(r"(deliverables|stakeholders|dependencies)\[(\d+)\]")
_UNKNOWN_KEY = {NO_DELIVERABLE: "deliverable", NO_STAKEHOLDER: "stakeholder"}
_LOOP = DependencyLoopError(["-"]).message


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem, at a sheet, row and column when it has one (None for the upload as a whole): the
    English line, and the words it is made of for a page to say in the reader's language."""

    sheet: str | None
    row: int | None
    column: str | None
    message: str
    phrase: Phrase | None = field(default=None, compare=False, repr=False)

    @classmethod
    def said(cls, sheet: str | None, row: int | None, column: str | None, phrase: Phrase) -> Problem:
        """A problem from its words; its English line is made from them."""
        return cls(sheet, row, column, str(phrase), phrase)


@dataclass
class Reading:
    """A document built from the sheets, the row each of its items came from, and the problems found."""

    document: dict[str, Any]
    rows: dict[str, list[int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_sheets(raw: RawSheets, basics: dict[str, Any]) -> tuple[Plan | None, Reading]:
    """The Plan of filled-in sheets (None when there is any problem) and the reading with its problems."""
    reading = build_document(raw, basics)
    plan, problems = check(reading)
    reading.problems = _in_sheet_order(reading.problems + problems)
    return (plan if not reading.problems else None), reading


def build_document(raw: RawSheets, basics: dict[str, Any]) -> Reading:
    """A cop-roadmap/1 document from the sheets and the roadmap's basics (country, title, start_date, language)."""
    reading = Reading({"format": FORMAT_TAG, **basics, "stakeholders": [], "deliverables": [], "dependencies": []})
    if DELIVERABLES not in raw.sheets:
        reading.problems.append(
            Problem.said(None, None, None, Phrase(N_("no Deliverables sheet was found; use the template")))
        )
    for sheet in SHEETS:
        rows = raw.sheets.get(sheet) or []
        section = SECTION[sheet]
        reading.rows[section] = []
        if not rows:
            continue
        header_row, header = rows[0]
        columns = _columns(sheet, header_row, header, reading.problems)
        for number, cells in rows[1:]:
            item: dict[str, Any] = {}
            for index, column in columns.items():
                value = _cell(cells[index] if index < len(cells) else None, column)
                if value is not None:
                    _put(item, column.field, value)
            reading.document[section].append(item)
            reading.rows[section].append(number)
    return reading


def _columns(sheet: str, header_row: int, header: list[object], problems: list[Problem]) -> dict[int, Column]:
    columns: dict[int, Column] = {}
    for index, text in enumerate(header):
        if text is None or not str(text).strip():
            continue
        column = column_for(sheet, str(text))
        if column is None:
            # The headers are listed as the file must spell them, whatever language the page is in.
            expected = Phrase(N_("unknown column (expected: %(columns)s)"), columns=[c.header for c in COLUMNS[sheet]])
            problems.append(Problem.said(sheet, header_row, str(text)[:60], expected))
        elif column in columns.values():
            problems.append(Problem.said(sheet, header_row, column.header, Phrase(N_("the column appears twice"))))
        else:
            columns[index] = column
    for column in COLUMNS[sheet]:
        if column.required and column not in columns.values():
            problems.append(Problem.said(sheet, header_row, column.header, Phrase(N_("the column is missing"))))
    return columns


def _cell(value: object, column: Column) -> Any:
    # Only what is unambiguous is converted; anything else goes on as written, for the
    # shared checks to refuse with their usual message.
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat() if column.kind == "date" else str(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer() and column.kind != "number":
        value = int(value)
    if column.kind == "whole":
        text = str(value).strip()
        return int(text) if re.fullmatch(r"[+-]?\d{1,9}", text) else value
    if column.kind == "number":
        return _decimal(value)
    text = str(value).strip()
    if column.field == "cost.currency":
        return text.upper()
    if column.kind == "code" and column.codes:
        return coded(text, column.codes)
    if column.kind in ("list", "codes"):
        parts = [p.strip() for p in re.split(r"[,;\n]", text) if p.strip()]
        return [coded(p, column.codes) for p in parts] if column.codes else parts
    return text


def _decimal(value: object) -> Any:
    if isinstance(value, int | float):
        return Decimal(str(value))
    try:
        return Decimal(str(value).strip().replace(" ", ""))
    except InvalidOperation:
        return value


def _put(item: dict[str, Any], path: str, value: Any) -> None:
    head, _, tail = path.partition(".")
    if tail:
        item.setdefault(head, {})[tail] = value
    else:
        item[head] = value


def check(reading: Reading) -> tuple[Plan | None, list[Problem]]:
    """Check the document as a cop-roadmap/1 import would; every problem found, located."""
    doc = copy.deepcopy(reading.document)
    rows = {section: list(numbers) for section, numbers in reading.rows.items()}
    problems: list[Problem] = []
    removed: dict[str, set[str]] = {"deliverable": set(), "stakeholder": set()}

    errors = sorted(Draft202012Validator(schema()).iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    doomed: set[tuple[str, int]] = set()
    for error in errors:
        path = list(error.absolute_path)
        if len(path) < 2 or path[0] not in _SHEET_OF:
            place = ".".join(map(str, path)) or "roadmap"
            whole = Phrase(N_("%(place)s: %(problem)s"), place=place, problem=problem_of(error, doc))
            problems.append(Problem.said(None, None, None, whole))
            return None, problems
        section, index, rest = path[0], path[1], [p for p in path[2:] if isinstance(p, str)]
        missing = error.validator == "required"
        name = next(f for f in error.validator_value if f not in error.instance) if missing else (rest or [""])[0]
        column = column_of_field(_SHEET_OF[section], name)
        if missing:
            message = Phrase(N_("empty; every row needs one"))
        elif error.validator == "type" and column is not None and column.kind == "whole":
            message = Phrase(N_("%(value)s is not a whole number"), value=show(error.instance))
        else:
            message = problem_of(error, doc)
        place = ".".join(rest[:2]) if rest[:1] == ["cost"] else name
        problems.append(_located(section, index, place, message, rows))
        if name in _STAND_IN:
            # Give the row a harmless value in place of the bad one, so its other cells and the
            # rows that refer to it are still checked.
            doc[section][index][name] = _STAND_IN[name]
        elif missing or name in ("key", "from", "to"):
            doomed.add((section, index))
        else:
            doc[section][index].pop(name, None)
    _remove(doc, rows, doomed, removed)

    for _ in range(MAX_PROBLEMS):
        try:
            plan = read_document(doc)
        except FormatError as exc:
            if not _set_aside(exc, doc, rows, removed, problems):
                return None, problems
        else:
            return (None if problems else plan), problems
    many = Phrase(N_("more than %(count)d problems; the first ones are listed"), count=MAX_PROBLEMS)
    problems.append(Problem.said(None, None, None, many))
    return None, problems


def _set_aside(exc: FormatError, doc: dict, rows: dict, removed: dict, problems: list[Problem]) -> bool:
    """Record one problem the import found and take its cause out of the document; False to stop."""
    if exc.problem.text == _LOOP:
        keys = str(exc.problem.values["loop"]).split(" → ")
        links = [(x["from"], x["to"]) for x in doc["dependencies"]]
        indexes = [links.index(pair) for pair in pairwise(keys) if pair in links]
        numbers = [rows["dependencies"][i] for i in indexes]
        first = indexes[0] if indexes else 0
        loop = Phrase(N_("%(problem)s (rows %(rows)s)"), problem=exc.problem, rows=numbers)
        problems.append(_located("dependencies", first, "", loop, rows))
        _remove(doc, rows, {("dependencies", first)}, removed)
        return bool(indexes)
    match = _PLACE.match(exc.at)
    if match is None:
        problems.append(Problem.said(None, None, None, Phrase(exc.message, **exc.values)))
        return False
    section, index = match["section"], int(match["index"])
    fields = re.findall(r"\.([a-z_]+)", match["rest"])
    name = fields[0] if fields else ""
    unknown, values = _UNKNOWN_KEY.get(exc.problem.text), exc.problem.values
    if not (unknown and values.get("key") in removed[unknown]):  # already explained by that row's own problem
        message = Phrase(exc.problem.text, **{k: _row_of(v, rows) for k, v in values.items()})
        problems.append(_located(section, index, ".".join(fields[:2]) if name == "cost" else name, message, rows))
    if section == "dependencies" or name in ("", "key", "title", "name"):
        _remove(doc, rows, {(section, index)}, removed)
    elif name == "cost" and len(fields) > 1:
        doc[section][index]["cost"].pop(fields[1], None)  # the currency may have a problem of its own
    else:
        doc[section][index].pop(name, None)
    return True


def _row_of(value: object, rows: dict[str, list[int]]) -> object:
    """A value that points at another item of the document ("deliverables[0]"), as the row it came from."""
    found = _REFERENCE.fullmatch(value) if isinstance(value, str) else None
    return Phrase(N_("row %(row)d"), row=rows[found[1]][int(found[2])]) if found else value


def _located(section: str, index: int, name: str, message: Phrase, rows: dict[str, list[int]]) -> Problem:
    sheet = _SHEET_OF[section]
    if not name and section != "dependencies":
        name = "key"  # a problem with a whole deliverable or stakeholder is a problem with its key
    column = column_of_field(sheet, name) if name else None
    return Problem.said(sheet, rows[section][index], column.header if column else None, message)


def _remove(doc: dict, rows: dict, doomed: set[tuple[str, int]], removed: dict[str, set[str]]) -> None:
    for section in _SHEET_OF:
        gone = {i for s, i in doomed if s == section}
        if not gone:
            continue
        for i in gone:
            key = doc[section][i].get("key")
            if section != "dependencies" and isinstance(key, str):
                removed[section.removesuffix("s")].add(key)
        doc[section] = [x for i, x in enumerate(doc[section]) if i not in gone]
        rows[section] = [n for i, n in enumerate(rows[section]) if i not in gone]


def _in_sheet_order(problems: list[Problem]) -> list[Problem]:
    def order(p: Problem) -> tuple:
        sheet = SHEETS.index(p.sheet) if p.sheet in SHEETS else -1
        columns = [c.header for c in COLUMNS[p.sheet]] if p.sheet in SHEETS else []
        return sheet, p.row or 0, columns.index(p.column) if p.column in columns else -1

    return sorted(problems, key=order)
