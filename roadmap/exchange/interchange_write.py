"""Writing a Plan as a cop-roadmap/1 document."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from decimal import Decimal
from typing import Any

from roadmap.plan import Deliverable, Indicator, Plan

FORMAT_TAG = "cop-roadmap/1"


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
        "capabilities": [{"number": c.number, "phase": c.phase, "evidence": c.evidence} for c in plan.capabilities],
        **_treaty_marks(plan),
        "stakeholders": [{"key": s.key, "name": s.name, "kind": str(s.kind)} for s in plan.stakeholders],
        "deliverables": [_deliverable_document(d) for d in plan.deliverables],
        "dependencies": [
            {"from": x.predecessor, "to": x.successor, "type": str(x.type), "lag_weeks": x.lag_weeks}
            for x in plan.dependencies
        ],
    }


def fingerprint(plan: Plan) -> str:
    """A digest of the plan's whole content: it changes whenever anything in the document does."""
    return hashlib.sha256(dumps(plan).encode()).hexdigest()


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
        "progress_note": d.progress_note,
        "cost": None
        if d.cost is None
        else {
            "amount": _plain_number(d.cost.amount),
            "currency": d.cost.currency,
            "source": d.cost.source,
        },
        "threats": [str(t) for t in d.threats],
        "template": d.template,
        "indicators": [_indicator(x) for x in d.indicators],
    }


def _indicator(x: Indicator) -> dict:
    written = {
        "name": x.name,
        "unit": x.unit,
        "baseline": _plain_number(x.baseline),
        "target": _plain_number(x.target),
        "actual": _plain_number(x.actual),
        "measurements": [
            {"date": m.on.isoformat(), "value": _plain_number(m.value), "note": m.note} for m in x.measurements
        ],
    }
    # Optional in cop-roadmap/1: written only when known, so files from before it read the same.
    if x.source:
        written["source"] = x.source
    return written


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _plain_number(value: Decimal | float | None) -> int | float | None:
    # Whole numbers print without a trailing ".0" so documents read the way people wrote them.
    if value is None:
        return None
    if value == int(value):
        return int(value)
    return float(value)


def _treaty_marks(plan: Plan) -> dict[str, Any]:
    # Optional in cop-roadmap/1 and written only when the team marked the checklist, so the files (and
    # fingerprints) of roadmaps without marks read as they did before the field.
    if not plan.treaty_marks:
        return {}
    return {
        "treaty_marks": [
            {"provision": m.provision, "status": str(m.status), "note": m.note, "deliverable": m.deliverable}
            for m in plan.treaty_marks
        ]
    }
