"""What the editing operations share: checking what a caller gives them, and journalling values as text.

The operations never trust their caller (a view's form may be bypassed): every value is checked
here again, with a one-line OperationError for the user when it is refused.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import select

from models.base import db
from models.operations.core import Actor, OperationError, journal
from models.stakeholder import Stakeholder
from roadmap import plan as p
from roadmap.storable import unstorable
from roadmap.threats import Threat
from roadmap.vocabulary import (
    COST_AMOUNT_MAX,
    DESCRIPTION_MAX,
    DURATION_MAX_WEEKS,
    EARLIEST_DATE,
    KEY_MAX,
    KEY_PATTERN,
    LATEST_DATE,
    NAME_MAX,
    OBJECTIVE_MAX,
    SOURCE_MAX,
    TITLE_MAX,
    UNIT_MAX,
    DeliverableStatus,
    Pillar,
    Priority,
)

E = TypeVar("E", bound=StrEnum)

_KEY = re.compile(KEY_PATTERN.removeprefix("^").removesuffix("$"))  # used with fullmatch: "$" lets "L1\n" through
_CURRENCY = re.compile(r"[A-Z]{3}")
_NUMBER_MAX = 1e15  # indicator values, as the interchange schema bounds them
THREAT_ORDER = {t: i for i, t in enumerate(Threat)}


@dataclass(frozen=True, slots=True)
class Ref:
    """What the journal needs of a deliverable: its id and key."""

    id: int | None
    key: str


def note(actor: Actor, roadmap_id: int, action: str, ref: Ref | None = None, *, field=None, old=None, new=None) -> None:
    """Journal a change, its values as text (None for nothing)."""
    journal(actor, roadmap_id, action, deliverable=ref, field=field, old=as_text(old) or None, new=as_text(new) or None)


def as_text(value: object) -> str:
    """A value as the journal and the conflict page show it; "" for nothing."""
    if value is None:
        return ""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, p.Indicator):
        numbers = (("baseline", value.baseline), ("target", value.target), ("actual", value.actual))
        measured = ", ".join(f"{label} {as_text(x)}" for label, x in numbers if x is not None)
        return f"{value.name}{f' [{value.unit}]' if value.unit else ''}{f': {measured}' if measured else ''}"
    if isinstance(value, tuple):
        separator = "; " if value and isinstance(value[0], p.Indicator) else ", "
        return separator.join(as_text(x) for x in value)
    return str(value)


def show(value: object) -> str:
    """A value the user gave, quoted on one line for a message."""
    text = value if isinstance(value, str) else repr(value)
    return json.dumps(text if len(text) <= 60 else text[:57] + "...")


def clean_text(value: object, what: str, limit: int, *, required: bool = False) -> str | None:
    """Trimmed text, None when blank; refuses what no database can store and what is too long."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise OperationError(f"the {what} must be text")
    value = value.strip()
    if problem := unstorable(value):
        raise OperationError(f"the {what} {problem}")
    if not value:
        if required:
            raise OperationError(f"the {what} must not be empty")
        return None
    if len(value) > limit:
        raise OperationError(f"the {what} has {len(value)} characters; at most {limit} are allowed")
    return value


def clean_key(value: object, what: str) -> str:
    if not isinstance(value, str) or not _KEY.fullmatch(value):
        raise OperationError(
            f"{what} {show(value)} is not valid: use up to {KEY_MAX} letters, digits, dots, dashes or underscores"
        )
    return value


def clean_whole(value: object, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise OperationError(f"the {what} must be a whole number")
    if not low <= value <= high:
        raise OperationError(f"the {what} must be between {low} and {high}")
    return value


def clean_date(value: object, what: str, *, required: bool = False) -> date | None:
    if value is None and not required:
        return None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise OperationError(f"the {what} must be a date")
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise OperationError(f"the {what} {value} is outside the years {EARLIEST_DATE.year}–{LATEST_DATE.year}")
    return value


def clean_choice(cls: type[E], value: object, what: str) -> E:
    try:
        return cls(value)
    except (ValueError, TypeError):
        raise OperationError(f"unknown {what} {show(value)}") from None


def clean_number(value: object, what: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise OperationError(f"the {what} must be a number")
    number = float(value)
    if not math.isfinite(number) or abs(number) > _NUMBER_MAX:
        raise OperationError(f"the {what} must be between -{_NUMBER_MAX:.0e} and {_NUMBER_MAX:.0e}")
    return number


def stakeholder_ids(roadmap_id: int) -> dict[str, int]:
    """The roadmap's stakeholders, key -> id."""
    rows = db.session.execute(select(Stakeholder.key, Stakeholder.id).where(Stakeholder.roadmap_id == roadmap_id))
    return {key: sid for key, sid in rows}


def clean_deliverable(d: p.Deliverable, stakeholders: dict[str, int]) -> p.Deliverable:
    """``d`` checked and normalised: blank text None, partners and threats in stored order; its key is not checked."""
    if not isinstance(d, p.Deliverable):
        raise OperationError("not a deliverable")
    lead, given = d.lead or None, tuple(d.partners or ())
    for k in (lead, *given) if lead else given:
        if k not in stakeholders:
            raise OperationError(f"no stakeholder has the key {show(k)} in this roadmap")
    # The lead takes part anyway; listing it as a partner too would show it twice.
    partners = sorted({k for k in given if k != lead}, key=stakeholders.__getitem__)
    threats = sorted({clean_choice(Threat, t, "threat") for t in d.threats or ()}, key=THREAT_ORDER.__getitem__)
    start, finish = clean_date(d.actual_start, "actual start"), clean_date(d.actual_finish, "actual finish")
    if start and finish and finish < start:
        raise OperationError(f"the actual finish {finish} is before the actual start {start}")
    return p.Deliverable(
        key=d.key,
        pillar=clean_choice(Pillar, d.pillar, "pillar"),
        title=clean_text(d.title, "title", TITLE_MAX, required=True),
        duration_weeks=clean_whole(d.duration_weeks, "duration in weeks", 0, DURATION_MAX_WEEKS),
        description=clean_text(d.description, "description", DESCRIPTION_MAX),
        lead=lead,
        partners=tuple(partners),
        objective=clean_text(d.objective, "objective", OBJECTIVE_MAX),
        not_before=clean_date(d.not_before, "not-before date"),
        due_by=clean_date(d.due_by, "due date"),
        priority=clean_choice(Priority, d.priority, "priority"),
        status=clean_choice(DeliverableStatus, d.status, "status"),
        percent_complete=clean_whole(d.percent_complete, "percent complete", 0, 100),
        actual_start=start,
        actual_finish=finish,
        cost=clean_cost(d.cost),
        threats=tuple(threats),
        template=clean_text(d.template, "template key", KEY_MAX),
        indicators=tuple(
            p.Indicator(
                clean_text(x.name, "indicator name", NAME_MAX, required=True),
                clean_text(x.unit, "indicator unit", UNIT_MAX),
                clean_number(x.baseline, "indicator baseline"),
                clean_number(x.target, "indicator target"),
                clean_number(x.actual, "indicator actual value"),
                source=clean_text(x.source, "indicator data source", SOURCE_MAX),
            )
            for x in d.indicators or ()
        ),
    )


def clean_cost(cost: p.Cost | None) -> p.Cost | None:
    """The cost checked (amount 0.. with at most two decimals and a currency), None when it says nothing."""
    if cost is None:
        return None
    amount = cost.amount
    if amount is not None:
        if isinstance(amount, bool) or not isinstance(amount, int | float | Decimal):
            raise OperationError("the cost must be a number")
        # A float goes through its shortest repr, so 0.1 means one tenth.
        amount = Decimal(str(amount)) if isinstance(amount, float) else Decimal(amount)
        if not amount.is_finite() or not 0 <= amount <= COST_AMOUNT_MAX:
            raise OperationError(f"the cost must be between 0 and {COST_AMOUNT_MAX}")
        if amount != amount.quantize(Decimal("0.01")):
            raise OperationError(f"the cost {amount} has more than two decimal places")
    currency = cost.currency or None
    if currency is not None and not (isinstance(currency, str) and _CURRENCY.fullmatch(currency)):
        raise OperationError(f"the currency {show(currency)} is not a three-letter ISO 4217 code")
    if amount is not None and currency is None:
        raise OperationError("an amount needs a currency")
    source = clean_text(cost.source, "funding source", SOURCE_MAX)
    return None if (amount, currency, source) == (None, None, None) else p.Cost(amount, currency, source)


# Last, because models.operations imports the editing modules, which import this one, to re-export
# them: the functions above only look these names up when they run.
