"""Stored values spelled out for a reader: codes as words, dates and numbers as the reader's locale writes
them, amounts with their currency, stakeholders by their names, nothing as "(none)".

The data keeps its codes ("finish_to_finish", "in_progress", "2027-03-01"); the history of changes, the
"what changed" page and the printed annex turn them into words here, when they are shown, so a value
saved long ago reads as well as one saved today. ``Speller`` takes the translation and formatting
functions of whoever shows the value (Flask-Babel's for a page, the print context's for the PDF).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from roadmap.guidance import MATURITY_LEVELS
from roadmap.i18n import N_
from roadmap.threats import Threat
from roadmap.treaties.gaps import GapStatus
from roadmap.vocabulary import (
    DeliverableStatus,
    DependencyType,
    Language,
    Pillar,
    Priority,
    RoadmapStatus,
    StakeholderKind,
)

# The same English as the pages' status words, so one translation serves both.
STATUS_WORDS = {
    RoadmapStatus.DRAFT: N_("Draft"),
    RoadmapStatus.IN_REVIEW: N_("In review"),
    RoadmapStatus.APPROVED: N_("Approved"),
    RoadmapStatus.ARCHIVED: N_("Archived"),
    DeliverableStatus.NOT_STARTED: N_("Not started"),
    DeliverableStatus.IN_PROGRESS: N_("In progress"),
    DeliverableStatus.DONE: N_("Done"),
    DeliverableStatus.BLOCKED: N_("Blocked"),
    DeliverableStatus.CANCELLED: N_("Cancelled"),
    DeliverableStatus.IN_PLACE: N_("Already in place"),
}
PRIORITY_WORDS = {Priority.LOW: N_("Low"), Priority.MEDIUM: N_("Medium"), Priority.HIGH: N_("High")}
# Each language by its own name, as the language menus show them (never translated).
LANGUAGE_NAMES = {"ar": "العربية", "zh": "中文", "en": "English", "fr": "Français", "ru": "Русский", "es": "Español"}

# Fields whose values are days, whole weeks, percentages or amounts of money.
DAY_FIELDS = frozenset({"start_date", "not_before", "due_by", "actual_start", "actual_finish", "measured_on"})
NONE = N_("(none)")


def _same(text: str) -> str:
    return text


def stakeholder_names(stakeholders: Iterable[tuple[str, str]]) -> dict[str, str]:
    """How a reader is shown each stakeholder (key, name), key -> words: by its name, followed by its key
    when another stakeholder has the same name, so the two can be told apart."""
    pairs = list(stakeholders)
    seen = Counter(" ".join(name.casefold().split()) for _, name in pairs)
    return {key: name if seen[" ".join(name.casefold().split())] == 1 else f"{name} ({key})" for key, name in pairs}


@dataclass(frozen=True)
class Speller:
    """Words for stored values, in one reader's language."""

    gettext: Callable[[str], str] = _same
    ngettext: Callable[[str, str, int], str] = lambda s, p, n: s if n == 1 else p
    format_date: Callable[[date], str] = lambda d: d.isoformat()
    format_number: Callable[[Decimal | float | int], str] = str
    # The roadmap's stakeholders, key -> the words stakeholder_names gives; a key not in it is shown as it is.
    stakeholders: Mapping[str, str] = field(default_factory=dict)

    def with_stakeholders(self, names: Mapping[str, str]) -> Speller:
        """The same speller, naming these stakeholders (key -> words, from stakeholder_names)."""
        return replace(self, stakeholders=names)

    def stakeholder(self, key: str) -> str:
        """A stakeholder by its name; by its key when it is no longer in the roadmap (deleted, merged, renamed)."""
        return self.stakeholders.get(key, key)

    def _(self, text: str, **values: object) -> str:
        out = self.gettext(text)
        return out % values if values else out

    def weeks(self, num: int) -> str:
        """A number of weeks, e.g. "16 weeks"."""
        out = self.ngettext("%(num)d week", "%(num)d weeks", num)
        return out % {"num": num} if "%(" in out else out

    def lag(self, weeks: int) -> str:
        """A link's lag in words: none, or a number of weeks later or earlier."""
        if weeks == 0:
            return self._("no lag")
        if weeks > 0:
            return self._("%(weeks)s later", weeks=self.weeks(weeks))
        return self._("%(weeks)s earlier", weeks=self.weeks(-weeks))

    def link(self, kind: str, lag_weeks: int) -> str:
        """A link's type and lag, e.g. "finish to finish, 2 weeks later" (the printed roadmap's words)."""
        return self._("%(type)s, %(lag)s", type=self.code(DependencyType, kind), lag=self.lag(lag_weeks))

    def code(self, vocabulary: type, value: str) -> str:
        """The words for a code of one of the closed vocabularies; an unknown code as it is."""
        try:
            member = vocabulary(value)
        except ValueError:
            return value
        if vocabulary in (RoadmapStatus, DeliverableStatus):
            return self._(STATUS_WORDS[member])
        if vocabulary is Priority:
            return self._(PRIORITY_WORDS[member])
        if vocabulary is Language:
            return LANGUAGE_NAMES[member.value]
        return self._(member.label)

    def day(self, value: object) -> str:
        """A day ("2027-03-01" as stored) as the reader's locale writes it."""
        if isinstance(value, date):
            return self.format_date(value)
        try:
            return self.format_date(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)

    def number(self, value: object) -> str:
        """A number as stored ("12.50", 3, 1e6) as the reader's locale writes it."""
        try:
            d = Decimal(str(value))
        except InvalidOperation:
            return str(value)
        if not d.is_finite():
            return str(value)
        # 12.50 reads 12.5 and 25000.00 reads 25,000 (never 2.5E+4), as the printed roadmap writes them.
        return self.format_number(d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize())

    def amount(self, value: object, currency: str | None) -> str:
        """An amount with its currency as the printed roadmap shows it: "25,000 USD"."""
        return f"{self.number(value)} {currency}" if currency else self.number(value)

    def maturity(self, value: object) -> str:
        """A pillar's self-assessed level, e.g. "3 — Established"."""
        try:
            name = MATURITY_LEVELS[int(str(value))][0]
        except (KeyError, ValueError):
            return str(value)
        return f"{value} — {self._(name)}"

    def threats(self, codes: list[str]) -> str:
        return "; ".join(self.code(Threat, c) for c in codes)

    def nothing(self) -> str:
        return self._(NONE)

    def value(self, field: str, value: Any) -> str:
        """A field's value as the cop-roadmap/1 document holds it, in words."""
        if value is None or value == "" or value == []:
            return self.nothing()
        if field in DAY_FIELDS:
            return self.day(value)
        if field in ("status", "priority", "pillar", "language", "kind"):
            vocabulary = {
                "status": DeliverableStatus if value in set(DeliverableStatus) else RoadmapStatus,
                "priority": Priority,
                "pillar": Pillar,
                "language": Language,
                "kind": StakeholderKind,
            }[field]
            return self.code(vocabulary, str(value))
        if field == "lead":
            return self.stakeholder(str(value))
        if field == "partners":  # a list in the document, "A, B" as the journal keeps it
            keys = value if isinstance(value, list | tuple) else str(value).split(", ")
            return ", ".join(self.stakeholder(str(k)) for k in keys)
        if field == "treaty_status":
            return self.code(GapStatus, str(value))
        if field == "duration_weeks":
            return self.weeks(int(value)) if str(value).lstrip("-").isdigit() else str(value)
        if field == "percent_complete":
            return self._("%(percent)s%%", percent=self.number(value))
        if field == "maturity":
            return self.maturity(value)
        if field == "threats":
            return self.threats(value if isinstance(value, list) else [value])
        if field == "cost" and isinstance(value, dict):
            parts = [self.amount(value["amount"], value.get("currency"))] if value.get("amount") is not None else []
            if value.get("source"):
                parts.append(self._("funded by %(source)s", source=value["source"]))
            return ", ".join(parts) or self.nothing()
        if field == "indicators" and isinstance(value, list):
            return "; ".join(self.indicator(x) for x in value)
        if isinstance(value, bool):
            return self._("Yes") if value else self._("No")
        if isinstance(value, int | float | Decimal):
            return self.number(value)
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return str(value)

    def indicator(self, x: dict[str, Any]) -> str:
        """An indicator of the document: its name, unit, and the numbers it has."""
        numbers = [
            self._(label, value=self.number(x[key]))
            for key, label in (
                ("baseline", N_("baseline %(value)s")),
                ("target", N_("target %(value)s")),
                ("actual", N_("latest %(value)s")),
            )
            if x.get(key) is not None
        ]
        name = f"{x.get('name', '')} ({x['unit']})" if x.get("unit") else str(x.get("name", ""))
        return f"{name}: {', '.join(numbers)}" if numbers else name
