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
from roadmap.i18n import N_, Phrase
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
_UNSTORABLE = {
    "contains a NUL character": N_("the %(what)s contains a NUL character"),
    "contains an unpaired surrogate": N_("the %(what)s contains an unpaired surrogate"),
}

# What a caller names the value it checks: a field's name marked with N_ ("title"), or a Phrase when
# the name has a value of its own ("note on %(provision)s"); a page shows it in the reader's words.
What = str | Phrase


def _named(what: What) -> Phrase:
    return what if isinstance(what, Phrase) else Phrase(what)


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


def clean_text(value: object, what: What, limit: int, *, required: bool = False) -> str | None:
    """Trimmed text, None when blank; refuses what no database can store and what is too long."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise OperationError(N_("the %(what)s must be text"), what=_named(what))
    value = value.strip()
    if problem := unstorable(value):
        raise OperationError(_UNSTORABLE[problem], what=_named(what))
    if not value:
        if required:
            raise OperationError(N_("the %(what)s must not be empty"), what=_named(what))
        return None
    if len(value) > limit:
        raise OperationError(
            N_("the %(what)s has %(count)d characters; at most %(most)d are allowed"),
            what=_named(what),
            count=len(value),
            most=limit,
        )
    return value


def clean_key(value: object, what: What) -> str:
    if not isinstance(value, str) or not _KEY.fullmatch(value):
        raise OperationError(
            N_("the %(what)s %(value)s is not valid: use up to %(most)d letters, digits, dots, dashes or underscores"),
            what=_named(what),
            value=show(value),
            most=KEY_MAX,
        )
    return value


def clean_whole(value: object, what: What, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise OperationError(N_("the %(what)s must be a whole number"), what=_named(what))
    if not low <= value <= high:
        raise OperationError(
            N_("the %(what)s must be between %(low)d and %(high)d"), what=_named(what), low=low, high=high
        )
    return value


def clean_date(value: object, what: What, *, required: bool = False) -> date | None:
    if value is None and not required:
        return None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise OperationError(N_("the %(what)s must be a date"), what=_named(what))
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise OperationError(
            N_("the %(what)s %(day)s is outside the years %(first)d–%(last)d"),
            what=_named(what),
            day=value,
            first=EARLIEST_DATE.year,
            last=LATEST_DATE.year,
        )
    return value


def clean_choice(cls: type[E], value: object, what: What) -> E:
    try:
        return cls(value)
    except (ValueError, TypeError):
        raise OperationError(N_("unknown %(what)s %(value)s"), what=_named(what), value=show(value)) from None


def clean_number(value: object, what: What) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise OperationError(N_("the %(what)s must be a number"), what=_named(what))
    number = float(value)
    if not math.isfinite(number) or abs(number) > _NUMBER_MAX:
        raise OperationError(
            N_("the %(what)s must be between %(low)s and %(high)s"),
            what=_named(what),
            low=f"-{_NUMBER_MAX:.0e}",
            high=f"{_NUMBER_MAX:.0e}",
        )
    return number


def stakeholder_ids(roadmap_id: int) -> dict[str, int]:
    """The roadmap's stakeholders, key -> id."""
    rows = db.session.execute(select(Stakeholder.key, Stakeholder.id).where(Stakeholder.roadmap_id == roadmap_id))
    return {key: sid for key, sid in rows}


def clean_deliverable(d: p.Deliverable, stakeholders: dict[str, int]) -> p.Deliverable:
    """``d`` checked and normalised: blank text None, partners and threats in stored order; its key is not checked."""
    if not isinstance(d, p.Deliverable):
        raise OperationError(N_("not a deliverable"))
    lead, given = d.lead or None, tuple(d.partners or ())
    for k in (lead, *given) if lead else given:
        if k not in stakeholders:
            raise OperationError(N_("no stakeholder has the key %(key)s in this roadmap"), key=show(k))
    # The lead takes part anyway; listing it as a partner too would show it twice.
    partners = sorted({k for k in given if k != lead}, key=stakeholders.__getitem__)
    threats = sorted({clean_choice(Threat, t, N_("threat")) for t in d.threats or ()}, key=THREAT_ORDER.__getitem__)
    start, finish = clean_date(d.actual_start, N_("actual start")), clean_date(d.actual_finish, N_("actual finish"))
    if start and finish and finish < start:
        raise OperationError(
            N_("the actual finish %(finish)s is before the actual start %(start)s"), finish=finish, start=start
        )
    return p.Deliverable(
        key=d.key,
        pillar=clean_choice(Pillar, d.pillar, N_("pillar")),
        title=clean_text(d.title, N_("title"), TITLE_MAX, required=True),
        duration_weeks=clean_whole(d.duration_weeks, N_("duration in weeks"), 0, DURATION_MAX_WEEKS),
        description=clean_text(d.description, N_("description"), DESCRIPTION_MAX),
        lead=lead,
        partners=tuple(partners),
        objective=clean_text(d.objective, N_("objective"), OBJECTIVE_MAX),
        not_before=clean_date(d.not_before, N_("not-before date")),
        due_by=clean_date(d.due_by, N_("due date")),
        priority=clean_choice(Priority, d.priority, N_("priority")),
        status=clean_choice(DeliverableStatus, d.status, N_("status")),
        percent_complete=clean_whole(d.percent_complete, N_("percent complete"), 0, 100),
        actual_start=start,
        actual_finish=finish,
        cost=clean_cost(d.cost),
        threats=tuple(threats),
        template=clean_text(d.template, N_("template key"), KEY_MAX),
        indicators=tuple(
            p.Indicator(
                clean_text(x.name, N_("indicator name"), NAME_MAX, required=True),
                clean_text(x.unit, N_("indicator unit"), UNIT_MAX),
                clean_number(x.baseline, N_("indicator baseline")),
                clean_number(x.target, N_("indicator target")),
                clean_number(x.actual, N_("indicator actual value")),
                source=clean_text(x.source, N_("indicator data source"), SOURCE_MAX),
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
            raise OperationError(N_("the cost must be a number"))
        # A float goes through its shortest repr, so 0.1 means one tenth.
        amount = Decimal(str(amount)) if isinstance(amount, float) else Decimal(amount)
        if not amount.is_finite() or not 0 <= amount <= COST_AMOUNT_MAX:
            raise OperationError(N_("the cost must be between 0 and %(most)s"), most=COST_AMOUNT_MAX)
        if amount != amount.quantize(Decimal("0.01")):
            raise OperationError(N_("the cost %(amount)s has more than two decimal places"), amount=amount)
    currency = cost.currency or None
    if currency is not None and not (isinstance(currency, str) and _CURRENCY.fullmatch(currency)):
        raise OperationError(
            N_("the currency %(currency)s is not a three-letter ISO 4217 code"), currency=show(currency)
        )
    if amount is not None and currency is None:
        raise OperationError(N_("an amount needs a currency"))
    source = clean_text(cost.source, N_("funding source"), SOURCE_MAX)
    return None if (amount, currency, source) == (None, None, None) else p.Cost(amount, currency, source)


# Last, because models.operations imports the editing modules, which import this one, to re-export
# them: the functions above only look these names up when they run.
