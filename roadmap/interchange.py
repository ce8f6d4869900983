"""The cop-roadmap/1 interchange format: read a document into a Plan, write a Plan out.

Reading validates everything before anything is returned, so a caller that writes the
plan to the database writes either all of it or none. Every problem is reported as one
line that names the problem and where it is.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema
import pycountry
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from roadmap.graph import DependencyLoopError, check_acyclic
from roadmap.plan import Assessment, Cost, Deliverable, Dependency, Indicator, Plan, Stakeholder
from roadmap.threats import Threat
from roadmap.vocabulary import (
    DeliverableStatus,
    DependencyType,
    Language,
    Pillar,
    Priority,
    RoadmapStatus,
    StakeholderKind,
)

FORMAT_TAG = "cop-roadmap/1"
MAX_BYTES = 20 * 1024 * 1024
SCHEMA_PATH = Path(__file__).with_name("schema") / "cop-roadmap-1.schema.json"


class FormatError(ValueError):
    """A cop-roadmap/1 document that cannot be read; the message is one line for the user."""


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


# ---------------------------------------------------------------- reading


def read_file(path: str | Path) -> Plan:
    """Read and validate a cop-roadmap/1 file; FormatError names the first problem."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise FormatError(f"the file is {size / 1024 / 1024:.1f} MB; at most 20 MB is accepted")
        data = path.read_bytes()
    except FileNotFoundError:
        raise FormatError("no such file") from None
    except IsADirectoryError:
        raise FormatError("is a directory, not a file") from None
    except PermissionError:
        raise FormatError("permission denied") from None
    return read_bytes(data)


def read_bytes(data: bytes) -> Plan:
    """Validate a cop-roadmap/1 document given as bytes and return its Plan."""
    if len(data) > MAX_BYTES:
        raise FormatError(f"the document is {len(data) / 1024 / 1024:.1f} MB; at most 20 MB is accepted")
    if not data.strip():
        raise FormatError("the file is empty; expected a cop-roadmap/1 JSON document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(f"the file is not UTF-8 text (bad byte at offset {exc.start})") from None
    try:
        doc = json.loads(
            text,
            parse_float=Decimal,
            parse_constant=_refuse_constant,
            object_pairs_hook=_object_without_duplicates,
        )
    except json.JSONDecodeError as exc:
        raise FormatError(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    return read_document(doc)


def read_document(doc: Any) -> Plan:
    """Validate an already-parsed cop-roadmap/1 document and return its Plan."""
    if not isinstance(doc, dict):
        raise FormatError("expected a JSON object at the top level of a cop-roadmap/1 document")
    if "format" in doc and doc["format"] != FORMAT_TAG:
        raise FormatError(f'format: expected "{FORMAT_TAG}", got {_show(doc["format"])}')
    try:
        _fast_check()(doc)
    except fastjsonschema.JsonSchemaValueException:
        errors = sorted(_validator().iter_errors(doc), key=_error_order)
        if errors:
            raise FormatError(_describe(errors[0], doc)) from None
        # Otherwise the two validators disagree; jsonschema is the reference and found nothing.
    _check_text(doc, "")
    return _build_plan(doc)


def _refuse_constant(name: str) -> Any:
    raise FormatError(f"not valid JSON: {name} is not a number JSON allows")


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads silently keeps the last of two equal keys; a doubled field is almost
    # always a mistake the user should hear about.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise FormatError(f'field "{key}" appears twice in the same object')
        result[key] = value
    return result


def _check_text(value: Any, where: str) -> None:
    # PostgreSQL cannot store NUL and no encoding can store a lone surrogate; refuse them
    # here rather than fail half-way through writing.
    if isinstance(value, str):
        if "\x00" in value:
            raise FormatError(f"{where or 'document'}: text contains a NUL character")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise FormatError(f"{where or 'document'}: text contains an unpaired surrogate") from None
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_text(k, where)
            _check_text(v, f"{where}.{k}" if where else k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_text(v, f"{where}[{i}]")


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
        return f"{where}: unknown value {_show(value)} (expected one of: {options})"
    if kind == "const":
        return f"{where}: expected {_show(error.validator_value)}, got {_show(value)}"
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
        return f"{where}: expected {' or '.join(names.get(w, w) for w in wanted)}, got {_show(value)}"
    if kind == "minimum":
        return f"{where}: {_show(value)} is below the minimum of {error.validator_value}"
    if kind == "maximum":
        return f"{where}: {_show(value)} is above the maximum of {error.validator_value}"
    if kind == "maxLength":
        return f"{where}: {len(value)} characters is too long (at most {error.validator_value})"
    if kind == "minLength":
        return f"{where}: must not be empty"
    if kind == "uniqueItems":
        return f"{where}: an entry is listed twice"
    if kind == "pattern":
        return f"{where}: {_show(value)} is not {_pattern_meaning(error.validator_value)}"
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


def _show(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value if len(value) <= 60 else value[:57] + "...", ensure_ascii=False)
    if isinstance(value, (dict, list)):
        return "an object" if isinstance(value, dict) else "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _date(value: str | None, where: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FormatError(f"{where}: {_show(value)} is not a valid date") from None


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _build_plan(doc: dict[str, Any]) -> Plan:
    country = doc["country"]
    if pycountry.countries.get(alpha_3=country) is None:
        raise FormatError(f'country: unknown ISO 3166-1 alpha-3 code "{country}"')

    assessments = []
    seen_pillars: set[str] = set()
    for i, a in enumerate(doc.get("assessments") or []):
        if a["pillar"] in seen_pillars:
            raise FormatError(f'assessments[{i}]: pillar "{a["pillar"]}" is assessed twice')
        seen_pillars.add(a["pillar"])
        assessments.append(Assessment(Pillar(a["pillar"]), a["maturity"], a.get("notes")))

    stakeholders = [Stakeholder(s["key"], s["name"], StakeholderKind(s["kind"])) for s in doc.get("stakeholders") or []]
    _refuse_duplicate_keys([s.key for s in stakeholders], "stakeholders", "stakeholder")
    known = {s.key for s in stakeholders}

    raw_deliverables = doc["deliverables"]
    _refuse_duplicate_keys([d["key"] for d in raw_deliverables], "deliverables", "deliverable")
    deliverables = [_build_deliverable(d, i, known) for i, d in enumerate(raw_deliverables)]

    dependencies = _build_dependencies(doc.get("dependencies") or [], {d.key for d in deliverables})
    try:
        check_acyclic([d.key for d in deliverables], [(x.predecessor, x.successor) for x in dependencies])
    except DependencyLoopError as exc:
        raise FormatError(str(exc)) from None

    return Plan(
        country=country,
        title=doc["title"],
        start_date=_date(doc["start_date"], "start_date"),
        language=Language(doc.get("language") or Language.EN),
        status=RoadmapStatus(doc.get("status") or RoadmapStatus.DRAFT),
        assessments=tuple(assessments),
        stakeholders=tuple(stakeholders),
        deliverables=tuple(deliverables),
        dependencies=tuple(dependencies),
    )


def _refuse_duplicate_keys(keys: list[str], section: str, noun: str) -> None:
    counts = Counter(keys)
    for key in keys:
        if counts[key] > 1:
            first = keys.index(key)
            raise FormatError(
                f'{section}[{keys.index(key, first + 1)}]: duplicate {noun} key "{key}" '
                f"(first used at {section}[{first}])"
            )


def _build_deliverable(d: dict[str, Any], i: int, stakeholders: set[str]) -> Deliverable:
    where = f'deliverables[{i}] (key "{d["key"]}")'
    lead = d.get("lead")
    if lead is not None and lead not in stakeholders:
        raise FormatError(f'{where}.lead: no stakeholder has the key "{lead}"')
    partners = tuple(d.get("partners") or ())
    for j, p in enumerate(partners):
        if p not in stakeholders:
            raise FormatError(f'{where}.partners[{j}]: no stakeholder has the key "{p}"')
    actual_start = _date(d.get("actual_start"), f"{where}.actual_start")
    actual_finish = _date(d.get("actual_finish"), f"{where}.actual_finish")
    if actual_start and actual_finish and actual_finish < actual_start:
        raise FormatError(f"{where}.actual_finish: {actual_finish} is before actual_start {actual_start}")
    return Deliverable(
        key=d["key"],
        pillar=Pillar(d["pillar"]),
        title=d["title"],
        duration_weeks=d["duration_weeks"],
        description=d.get("description"),
        lead=lead,
        partners=partners,
        objective=d.get("objective"),
        not_before=_date(d.get("not_before"), f"{where}.not_before"),
        due_by=_date(d.get("due_by"), f"{where}.due_by"),
        priority=Priority(d.get("priority") or Priority.MEDIUM),
        status=DeliverableStatus(d.get("status") or DeliverableStatus.NOT_STARTED),
        percent_complete=d.get("percent_complete") or 0,
        actual_start=actual_start,
        actual_finish=actual_finish,
        cost=_build_cost(d.get("cost"), f"{where}.cost"),
        threats=tuple(Threat(t) for t in d.get("threats") or ()),
        template=d.get("template"),
        indicators=tuple(
            Indicator(
                x["name"], x.get("unit"), _number(x.get("baseline")), _number(x.get("target")), _number(x.get("actual"))
            )
            for x in d.get("indicators") or ()
        ),
    )


def _build_cost(c: dict[str, Any] | None, where: str) -> Cost | None:
    if c is None:
        return None
    amount, currency, source = c.get("amount"), c.get("currency"), c.get("source")
    if amount is not None:
        # A float from an already-parsed document goes through its shortest repr, so 0.1
        # means one tenth and not the binary fraction nearest to it.
        amount = Decimal(str(amount)) if isinstance(amount, float) else Decimal(amount)
        if amount != amount.quantize(Decimal("0.01")):
            raise FormatError(f"{where}.amount: {amount} has more than two decimal places")
        if currency is None:
            raise FormatError(f"{where}: an amount needs a currency")
    if currency is not None and pycountry.currencies.get(alpha_3=currency) is None:
        raise FormatError(f'{where}.currency: unknown ISO 4217 currency code "{currency}"')
    if amount is None and currency is None and source is None:
        return None
    return Cost(amount, currency, source)


def _build_dependencies(raw: list[dict[str, Any]], keys: set[str]) -> list[Dependency]:
    result = []
    seen: dict[tuple[str, str], int] = {}
    for i, x in enumerate(raw):
        pred, succ = x["from"], x["to"]
        where = f"dependencies[{i}] ({pred} → {succ})"
        for end, key in (("from", pred), ("to", succ)):
            if key not in keys:
                raise FormatError(f'{where}.{end}: no deliverable has the key "{key}"')
        if pred == succ:
            raise FormatError(f'{where}: a deliverable cannot depend on itself ("{pred}")')
        if (pred, succ) in seen:
            raise FormatError(f"{where}: duplicate dependency (already given at dependencies[{seen[pred, succ]}])")
        seen[pred, succ] = i
        lag = x.get("lag_weeks")
        result.append(
            Dependency(
                pred, succ, DependencyType(x.get("type") or DependencyType.FINISH_TO_START), 0 if lag is None else lag
            )
        )
    return result


# ---------------------------------------------------------------- writing


def to_document(plan: Plan) -> dict[str, Any]:
    """The cop-roadmap/1 document of a plan, every field present (null where unknown)."""
    return {
        "format": FORMAT_TAG,
        "country": plan.country,
        "title": plan.title,
        "start_date": plan.start_date.isoformat(),
        "language": str(plan.language),
        "status": str(plan.status),
        "assessments": [{"pillar": str(a.pillar), "maturity": a.maturity, "notes": a.notes} for a in plan.assessments],
        "stakeholders": [{"key": s.key, "name": s.name, "kind": str(s.kind)} for s in plan.stakeholders],
        "deliverables": [_deliverable_document(d) for d in plan.deliverables],
        "dependencies": [
            {"from": x.predecessor, "to": x.successor, "type": str(x.type), "lag_weeks": x.lag_weeks}
            for x in plan.dependencies
        ],
    }


def dumps(plan: Plan) -> str:
    """The plan as cop-roadmap/1 JSON text: UTF-8 friendly, indented, ending in a newline."""
    return dumps_document(to_document(plan))


def dumps_document(document: dict[str, Any]) -> str:
    """A cop-roadmap/1 document as JSON text, written the one way every export writes it."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _deliverable_document(d: Deliverable) -> dict[str, Any]:
    return {
        "key": d.key,
        "pillar": str(d.pillar),
        "title": d.title,
        "description": d.description,
        "lead": d.lead,
        "partners": list(d.partners),
        "duration_weeks": d.duration_weeks,
        "objective": d.objective,
        "not_before": _iso(d.not_before),
        "due_by": _iso(d.due_by),
        "priority": str(d.priority),
        "status": str(d.status),
        "percent_complete": d.percent_complete,
        "actual_start": _iso(d.actual_start),
        "actual_finish": _iso(d.actual_finish),
        "cost": None
        if d.cost is None
        else {
            "amount": _plain_number(d.cost.amount),
            "currency": d.cost.currency,
            "source": d.cost.source,
        },
        "threats": [str(t) for t in d.threats],
        "template": d.template,
        "indicators": [
            {
                "name": x.name,
                "unit": x.unit,
                "baseline": _plain_number(x.baseline),
                "target": _plain_number(x.target),
                "actual": _plain_number(x.actual),
            }
            for x in d.indicators
        ],
    }


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _plain_number(value: Decimal | float | None) -> int | float | None:
    # Whole numbers print without a trailing ".0" so documents read the way people wrote them.
    if value is None:
        return None
    if value == int(value):
        return int(value)
    return float(value)
