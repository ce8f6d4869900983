"""The three sheets of the spreadsheet template: their columns, what each holds, and the coded values.

Headers are the contract between the template and the upload, so they stay in English in the file
whatever language the page is in; they are marked for translation all the same, so that a page
naming a column (a problem found in an upload) names it in the reader's words. The notes explaining
them are marked for translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from roadmap.i18n import N_
from roadmap.threats import Threat
from roadmap.vocabulary import DeliverableStatus, DependencyType, Pillar, Priority, StakeholderKind

DELIVERABLES, DEPENDENCIES, STAKEHOLDERS = N_("Deliverables"), N_("Dependencies"), N_("Stakeholders")
VALID_VALUES = "Valid values"
SHEETS = (DELIVERABLES, DEPENDENCIES, STAKEHOLDERS)
SECTION = {DELIVERABLES: "deliverables", DEPENDENCIES: "dependencies", STAKEHOLDERS: "stakeholders"}


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its header, the cop-roadmap/1 field it fills, how its cells are read, a note."""

    header: str
    field: str  # a dotted path inside the item, e.g. "cost.amount"
    kind: str  # text | whole | number | date | code | list | codes
    note: str
    required: bool = False
    codes: type[StrEnum] | None = None
    width: int = 14


COLUMNS: dict[str, tuple[Column, ...]] = {
    DELIVERABLES: (
        Column(N_("Key"), "key", "text", N_("A short unique code, e.g. L1. Letters, digits, '.', '_' or '-'."), True),
        Column(N_("Pillar"), "pillar", "code", N_("One of the five pillars; pick from the list."), True, Pillar, 16),
        Column(N_("Title"), "title", "text", N_("What will be delivered, in a few words."), True, width=40),
        Column(N_("Duration (weeks)"), "duration_weeks", "whole", N_("Whole weeks; 0 makes a milestone."), True),
        Column(N_("Lead"), "lead", "text", N_("Key of the lead organisation, from the Stakeholders sheet.")),
        Column(N_("Partners"), "partners", "list", N_("Keys of partner organisations, separated by commas."), width=18),
        Column(N_("Description"), "description", "text", N_("Optional: more detail."), width=40),
        Column(N_("Objective"), "objective", "text", N_("Optional: the national objective it serves."), width=30),
        Column(N_("Not before"), "not_before", "date", N_("Optional date (YYYY-MM-DD): cannot start earlier.")),
        Column(N_("Due by"), "due_by", "date", N_("Optional date (YYYY-MM-DD): must be finished by then.")),
        Column(N_("Priority"), "priority", "code", N_("low, medium or high (medium if empty)."), codes=Priority),
        Column(
            N_("Status"), "status", "code", N_("Where the work stands (not_started if empty)."), codes=DeliverableStatus
        ),
        Column(N_("Percent complete"), "percent_complete", "whole", N_("Optional whole number from 0 to 100.")),
        Column(
            N_("Threats"),
            "threats",
            "codes",
            N_("Threats it addresses: pick one, or type several codes separated by commas."),
            codes=Threat,
            width=24,
        ),
        Column(N_("Cost amount"), "cost.amount", "number", N_("Optional amount, at most two decimals.")),
        Column(N_("Currency"), "cost.currency", "text", N_("ISO 4217 code such as USD; needed with an amount.")),
        Column(N_("Funding source"), "cost.source", "text", N_("Optional: who funds it."), width=20),
        Column(N_("Actual start"), "actual_start", "date", N_("Optional date (YYYY-MM-DD) work really started.")),
        Column(N_("Actual finish"), "actual_finish", "date", N_("Optional date (YYYY-MM-DD) work really finished.")),
        Column(N_("Progress note"), "progress_note", "text", N_("Optional: the latest progress in words."), width=30),
    ),
    DEPENDENCIES: (
        Column(N_("Predecessor"), "from", "text", N_("Key of the deliverable that comes first."), True),
        Column(N_("Successor"), "to", "text", N_("Key of the deliverable that waits on it."), True),
        Column(
            N_("Type"),
            "type",
            "code",
            N_("How they are tied (finish_to_start if empty)."),
            codes=DependencyType,
            width=18,
        ),
        Column(N_("Lag (weeks)"), "lag_weeks", "whole", N_("Whole weeks to wait; negative overlaps. 0 if empty.")),
    ),
    STAKEHOLDERS: (
        Column(N_("Key"), "key", "text", N_("A short unique code, e.g. MOICT, used in Lead and Partners."), True),
        Column(N_("Name"), "name", "text", N_("The organisation's full name."), True, width=40),
        Column(
            N_("Kind"), "kind", "code", N_("What kind of organisation; pick from the list."), True, StakeholderKind, 18
        ),
    ),
}

# Worked examples written under each header; two deliverables and two stakeholders, so the
# example link and the example partner point at rows that exist.
EXAMPLES: dict[str, tuple[tuple[object, ...], ...]] = {
    DELIVERABLES: (
        (
            "L1",
            "legal",
            "Legal gap analysis",
            16,
            "MOICT",
            "POLICE",
            "Review the laws against the COP guidelines.",
            "Laws protect children online",
            None,
            None,
            "high",
            "not_started",
            0,
            "csam, grooming",
            12000,
            "USD",
            "State budget",
            None,
            None,
            None,
        ),
        ("L2", "legal", "Draft the amendments", 12, "MOICT"),
    ),
    DEPENDENCIES: (("L1", "L2", "finish_to_start", 0),),
    STAKEHOLDERS: (("MOICT", "Ministry of ICT", "government"), ("POLICE", "National Police", "law_enforcement")),
}


def _squash(text: str) -> str:
    return re.sub(r"[\s_-]+", " ", text).strip().casefold()


def header_key(text: str) -> str:
    """A header as it is compared: case, spacing and a trailing "(weeks)" do not matter."""
    return _squash(re.sub(r"\(.*?\)", "", text))


def column_for(sheet: str, header: str) -> Column | None:
    """The column a header names on a sheet, or None if it names none."""
    wanted = header_key(header)
    return next((c for c in COLUMNS[sheet] if header_key(c.header) == wanted), None)


def column_of_field(sheet: str, field: str) -> Column | None:
    """The column that fills a document field (its first part for "cost.amount")."""
    return next((c for c in COLUMNS[sheet] if c.field == field or c.field.split(".")[0] == field), None)


def coded(value: str, codes: type[StrEnum]) -> str:
    """The code a cell means: the code itself or its English name, in any case and spacing."""
    wanted = _squash(value)
    for member in codes:
        names = {_squash(member.value), _squash(getattr(member, "label", member.value))}
        if wanted in names:
            return member.value
    return value.strip()
