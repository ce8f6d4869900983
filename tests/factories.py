"""Small plans and users for tests, built in code so each test shows what it relies on."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from models import GlobalRole, MembershipRole
from models.operations import Actor, create_user, import_plan
from roadmap.exchange.interchange import read_document

PASSWORD = "correct horse battery"


def small_document(**changes: Any) -> dict[str, Any]:
    """A valid cop-roadmap/1 document with every kind of field, as a user would write it."""
    doc = {
        "format": "cop-roadmap/1",
        "country": "KEN",
        "title": "Kenya COP roadmap",
        "start_date": "2027-01-04",
        "language": "en",
        "status": "draft",
        "assessments": [{"pillar": "legal", "maturity": 2, "notes": "Laws predate smartphones."}],
        "stakeholders": [
            {"key": "MOICT", "name": "Ministry of ICT", "kind": "government"},
            {"key": "POLICE", "name": "National Police", "kind": "law_enforcement"},
            {"key": "NGO", "name": "Child Rights Network", "kind": "civil_society"},
        ],
        "deliverables": [
            {
                "key": "O1",
                "pillar": "organizational",
                "title": "Designate a lead agency",
                "duration_weeks": 8,
                "lead": "MOICT",
                "partners": ["NGO"],
                "priority": "high",
                "cost": {"amount": 12000.5, "currency": "USD", "source": "State budget"},
                "indicators": [{"name": "Lead agency designated", "unit": "yes/no", "baseline": 0, "target": 1}],
            },
            {
                "key": "L1",
                "pillar": "legal",
                "title": "Legal gap analysis",
                "duration_weeks": 16,
                "lead": "MOICT",
                "threats": ["csam", "grooming"],
                "due_by": "2027-12-31",
            },
            {
                "key": "T1",
                "pillar": "technical",
                "title": "National reporting portal",
                "duration_weeks": 20,
                "lead": "POLICE",
                "partners": ["MOICT", "NGO"],
                "not_before": "2027-03-01",
                "status": "in_progress",
                "percent_complete": 25,
                "actual_start": "2027-03-01",
            },
            {"key": "M1", "pillar": "capacity", "title": "Portal launch", "duration_weeks": 0},
        ],
        "dependencies": [
            {"from": "O1", "to": "L1"},
            {"from": "L1", "to": "T1", "type": "start_to_start", "lag_weeks": 4},
            {"from": "T1", "to": "M1", "type": "finish_to_finish", "lag_weeks": -1},
        ],
    }
    doc = copy.deepcopy(doc)
    doc.update(changes)
    return doc


def import_small(actor: str = "test", **changes: Any) -> int:
    """Import the small document; returns the roadmap id."""
    return import_plan(read_document(small_document(**changes)), Actor(actor))


def make_user(email: str, role: GlobalRole = GlobalRole.MEMBER, **countries: MembershipRole):
    """A user with memberships given as COUNTRY=role keyword arguments."""
    return create_user(email, email.split("@")[0].title(), PASSWORD, role, list(countries.items()))


START = date(2027, 1, 4)
