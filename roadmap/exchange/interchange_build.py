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
from roadmap.i18n import N_
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

# Ids the spreadsheet upload recognises: a reference to a row that was already refused says nothing new.
NO_STAKEHOLDER = N_('no stakeholder has the key "%(key)s"')
NO_DELIVERABLE = N_('no deliverable has the key "%(key)s"')


def _date(value: str | None, where: str) -> date | None:
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise FormatError(N_("%(value)s is not a valid date"), at=where, value=show(value)) from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise FormatError(
            N_("%(value)s is outside the years %(first)d–%(last)d"),
            at=where,
            value=value,
            first=EARLIEST_DATE.year,
            last=LATEST_DATE.year,
        )
    return day


def _number(value: Any, where: str) -> float | None:
    if value is None:
        return None
    number = float(value)
    if not math.isfinite(number):
        raise FormatError(N_("the number is too large"), at=where)
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
            raise FormatError(N_("%(value)s must not contain a line break"), at=where, value=show(value))

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
        raise FormatError(N_('unknown ISO 3166-1 alpha-3 code "%(code)s"'), at="country", code=country)

    assessments = []
    seen_pillars: set[str] = set()
    for i, a in enumerate(doc.get("assessments") or []):
        if a["pillar"] in seen_pillars:
            raise FormatError(N_('pillar "%(pillar)s" is assessed twice'), at=f"assessments[{i}]", pillar=a["pillar"])
        seen_pillars.add(a["pillar"])
        assessments.append(Assessment(Pillar(a["pillar"]), a["maturity"], a.get("notes")))

    capabilities = []
    for i, c in enumerate(doc.get("capabilities") or []):
        if c["number"] in {r.number for r in capabilities}:
            raise FormatError(
                N_("MNR capability %(number)d is rated twice"), at=f"capabilities[{i}]", number=c["number"]
            )
        capabilities.append(CapabilityRating(c["number"], c["phase"], c.get("evidence")))

    stakeholders = [Stakeholder(s["key"], s["name"], StakeholderKind(s["kind"])) for s in doc.get("stakeholders") or []]
    _refuse_duplicate_keys([s.key for s in stakeholders], "stakeholders")
    known = {s.key for s in stakeholders}

    raw_deliverables = doc["deliverables"]
    _refuse_duplicate_keys([d["key"] for d in raw_deliverables], "deliverables")
    deliverables = [_build_deliverable(d, i, known) for i, d in enumerate(raw_deliverables)]

    dependencies = _build_dependencies(doc.get("dependencies") or [], {d.key for d in deliverables})
    try:
        check_acyclic([d.key for d in deliverables], [(x.predecessor, x.successor) for x in dependencies])
    except DependencyLoopError as exc:
        raise FormatError(exc.message, **exc.values) from None

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
            raise FormatError(
                N_('the treaty checklist has no provision "%(provision)s"'),
                at=f"treaty_marks[{i}]",
                provision=provision,
            )
        if provision in marks:
            raise FormatError(
                N_('provision "%(provision)s" is marked twice'), at=f"treaty_marks[{i}]", provision=provision
            )
        deliverable = m.get("deliverable")
        if deliverable is not None and deliverable not in keys:
            raise FormatError(N_('no deliverable "%(key)s" in this roadmap'), at=f"treaty_marks[{i}]", key=deliverable)
        marks[provision] = TreatyMark(provision, GapStatus(m["status"]), m.get("note"), deliverable)
    return tuple(marks[p] for p in sorted(marks))


_DUPLICATE_KEY = {
    "deliverables": N_('duplicate deliverable key "%(key)s" (first used at %(first)s)'),
    "stakeholders": N_('duplicate stakeholder key "%(key)s" (first used at %(first)s)'),
}


def _refuse_duplicate_keys(keys: list[str], section: str) -> None:
    counts = Counter(keys)
    for key in keys:
        if counts[key] > 1:
            first = keys.index(key)
            at = f"{section}[{keys.index(key, first + 1)}]"
            raise FormatError(_DUPLICATE_KEY[section], at=at, key=key, first=f"{section}[{first}]")


def _build_deliverable(d: dict[str, Any], i: int, stakeholders: set[str]) -> Deliverable:
    where = f'deliverables[{i}] (key "{d["key"]}")'
    lead = d.get("lead")
    if lead is not None and lead not in stakeholders:
        raise FormatError(NO_STAKEHOLDER, at=f"{where}.lead", key=lead)
    partners = tuple(d.get("partners") or ())
    for j, p in enumerate(partners):
        if p not in stakeholders:
            raise FormatError(NO_STAKEHOLDER, at=f"{where}.partners[{j}]", key=p)
    actual_start = _date(d.get("actual_start"), f"{where}.actual_start")
    actual_finish = _date(d.get("actual_finish"), f"{where}.actual_finish")
    if actual_start and actual_finish and actual_finish < actual_start:
        raise FormatError(
            N_("%(finish)s is before actual_start %(start)s"),
            at=f"{where}.actual_finish",
            finish=actual_finish,
            start=actual_start,
        )
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
            raise FormatError(
                N_("%(amount)s has more than two decimal places"), at=f"{where}.amount", amount=str(amount)
            )
        if currency is None:
            raise FormatError(N_("an amount needs a currency"), at=where)
    if currency is not None and pycountry.currencies.get(alpha_3=currency) is None:
        raise FormatError(N_('unknown ISO 4217 currency code "%(code)s"'), at=f"{where}.currency", code=currency)
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
                raise FormatError(NO_DELIVERABLE, at=f"{where}.{end}", key=key)
        if pred == succ:
            raise FormatError(N_('a deliverable cannot depend on itself ("%(key)s")'), at=where, key=pred)
        if (pred, succ) in seen:
            raise FormatError(
                N_("duplicate dependency (already given at %(first)s)"),
                at=where,
                first=f"dependencies[{seen[pred, succ]}]",
            )
        seen[pred, succ] = i
        lag = x.get("lag_weeks")
        result.append(
            Dependency(
                pred, succ, DependencyType(x.get("type") or DependencyType.FINISH_TO_START), 0 if lag is None else lag
            )
        )
    return result
