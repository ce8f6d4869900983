"""Building a Plan from a schema-valid cop-roadmap/1 document, with the checks a schema cannot make."""

from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

import pycountry

from roadmap.exchange.interchange_messages import FormatError, show
from roadmap.graph import DependencyLoopError, check_acyclic
from roadmap.plan import (
    Assessment,
    CapabilityRating,
    Cost,
    Deliverable,
    Dependency,
    Indicator,
    Measurement,
    Plan,
    Stakeholder,
)
from roadmap.threats import Threat
from roadmap.treaties import GapStatus, TreatyMark, provision_by_id
from roadmap.vocabulary import (
    EARLIEST_DATE,
    KEY_PATTERN,
    LATEST_DATE,
    DeliverableStatus,
    DependencyType,
    Language,
    Pillar,
    Priority,
    RoadmapStatus,
    StakeholderKind,
)


def _date(value: str | None, where: str) -> date | None:
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise FormatError(f"{where}: {show(value)} is not a valid date") from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise FormatError(f"{where}: {value} is outside the years {EARLIEST_DATE.year}–{LATEST_DATE.year}")
    return day


def _number(value: Any, where: str) -> float | None:
    if value is None:
        return None
    number = float(value)
    if not math.isfinite(number):
        raise FormatError(f"{where}: the number is too large")
    return number


# Python's "$" also matches before a final line break, so the schema's patterns let "O1\n" through;
# these fields are checked again against the whole string.
_FULL = {
    "key": re.compile(KEY_PATTERN.removeprefix("^").removesuffix("$")),
    "code": re.compile(r"[A-Z]{3}"),
    "date": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
}


def _check_codes(doc: dict[str, Any]) -> None:
    def need(kind: str, value: Any, where: str) -> None:
        if isinstance(value, str) and not _FULL[kind].fullmatch(value):
            raise FormatError(f"{where}: {show(value)} must not contain a line break")

    need("code", doc.get("country"), "country")
    need("date", doc.get("start_date"), "start_date")
    for i, s in enumerate(doc.get("stakeholders") or []):
        need("key", s.get("key"), f"stakeholders[{i}].key")
    for i, d in enumerate(doc.get("deliverables") or []):
        need("key", d.get("key"), f"deliverables[{i}].key")
        need("key", d.get("lead"), f"deliverables[{i}].lead")
        for j, p in enumerate(d.get("partners") or []):
            need("key", p, f"deliverables[{i}].partners[{j}]")
        for field in ("not_before", "due_by", "actual_start", "actual_finish"):
            need("date", d.get(field), f"deliverables[{i}].{field}")
        for j, x in enumerate(d.get("indicators") or []):
            for k, m in enumerate(x.get("measurements") or []):
                need("date", m.get("date"), f"deliverables[{i}].indicators[{j}].measurements[{k}].date")
        need("code", (d.get("cost") or {}).get("currency"), f"deliverables[{i}].cost.currency")
    for i, x in enumerate(doc.get("dependencies") or []):
        need("key", x.get("from"), f"dependencies[{i}].from")
        need("key", x.get("to"), f"dependencies[{i}].to")


def build_plan(doc: dict[str, Any]) -> Plan:
    """The Plan of a document that passed the schema; FormatError for what only code can check."""
    _check_codes(doc)
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

    capabilities = []
    for i, c in enumerate(doc.get("capabilities") or []):
        if c["number"] in {r.number for r in capabilities}:
            raise FormatError(f"capabilities[{i}]: MNR capability {c['number']} is rated twice")
        capabilities.append(CapabilityRating(c["number"], c["phase"], c.get("evidence")))

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

    treaty_marks = _build_treaty_marks(doc.get("treaty_marks") or [], {d.key for d in deliverables})

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
        capabilities=tuple(sorted(capabilities, key=lambda r: r.number)),
        treaty_marks=treaty_marks,
    )


def _build_treaty_marks(raw: list[dict[str, Any]], keys: set[str]) -> tuple[TreatyMark, ...]:
    marks: dict[str, TreatyMark] = {}
    for i, m in enumerate(raw):
        provision = m["provision"]
        if provision_by_id(provision) is None:
            raise FormatError(f'treaty_marks[{i}]: the treaty checklist has no provision "{provision}"')
        if provision in marks:
            raise FormatError(f'treaty_marks[{i}]: provision "{provision}" is marked twice')
        deliverable = m.get("deliverable")
        if deliverable is not None and deliverable not in keys:
            raise FormatError(f'treaty_marks[{i}]: no deliverable "{deliverable}" in this roadmap')
        marks[provision] = TreatyMark(provision, GapStatus(m["status"]), m.get("note"), deliverable)
    return tuple(marks[p] for p in sorted(marks))


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
        progress_note=d.get("progress_note"),
        cost=_build_cost(d.get("cost"), f"{where}.cost"),
        threats=tuple(Threat(t) for t in d.get("threats") or ()),
        template=d.get("template"),
        indicators=tuple(
            Indicator(
                x["name"],
                x.get("unit"),
                _number(x.get("baseline"), f"{where}.indicators[{j}].baseline"),
                _number(x.get("target"), f"{where}.indicators[{j}].target"),
                _number(x.get("actual"), f"{where}.indicators[{j}].actual"),
                tuple(
                    Measurement(
                        _date(m["date"], f"{where}.indicators[{j}].measurements[{k}].date"),
                        _number(m["value"], f"{where}.indicators[{j}].measurements[{k}].value"),
                        m.get("note"),
                    )
                    for k, m in enumerate(x.get("measurements") or ())
                ),
                x.get("source"),
            )
            for j, x in enumerate(d.get("indicators") or ())
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
