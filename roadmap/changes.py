"""What changed between a baseline and the roadmap now: deliverables and links added, removed or
changed field by field, and the dates that moved.

Both sides are cop-roadmap/1 documents with their schedule documents, so a baseline frozen long ago
compares with today's plan whatever has happened to the database since.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from roadmap.i18n import N_
from roadmap.spelling import stakeholder_names

# Nested values are compared as one field each, written the way a reader can follow.
_SKIP = frozenset({"key"})

# The words the pages and the PDF show for a field of the document (the same words as the forms).
FIELD_LABELS = {
    "title": N_("Title"),
    "start_date": N_("Start date"),
    "language": N_("Language of the roadmap"),
    "issuing_authority": N_("Issuing authority"),
    "pillar": N_("Pillar"),
    "description": N_("Description"),
    "lead": N_("Lead"),
    "partners": N_("Partners"),
    "duration_weeks": N_("Duration in weeks"),
    "objective": N_("National objective it serves"),
    "not_before": N_("Cannot start before"),
    "due_by": N_("Must be finished by"),
    "priority": N_("Priority"),
    "status": N_("Status"),
    "percent_complete": N_("Percent complete"),
    "actual_start": N_("Actual start"),
    "actual_finish": N_("Actual finish"),
    "progress_note": N_("Progress note"),
    "cost": N_("Cost"),
    "threats": N_("Threats it addresses"),
    "indicators": N_("Indicators"),
    "template": N_("Catalog template"),
}


@dataclass(frozen=True, slots=True)
class FieldChange:
    """A field that differs, its values as the document holds them (None for none): roadmap/spelling.py
    words them for the reader."""

    field: str
    old: Any
    new: Any

    @property
    def label(self) -> str:
        """The field's name as the forms call it, in English, for gettext to translate."""
        return FIELD_LABELS.get(self.field, self.field)


@dataclass(frozen=True, slots=True)
class DeliverableChange:
    key: str
    title: str
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class Link:
    """How a link ties its two deliverables: its type (a DependencyType code) and lag in weeks."""

    type: str
    lag_weeks: int


@dataclass(frozen=True, slots=True)
class LinkChange:
    predecessor: str
    successor: str
    old: Link | None  # before; None when added
    new: Link | None  # after; None when removed


@dataclass(frozen=True, slots=True)
class DateShift:
    key: str
    title: str
    old_start: date
    new_start: date
    old_finish: date
    new_finish: date

    @property
    def finish_days(self) -> int:
        """Days the finish moved (later is positive)."""
        return (self.new_finish - self.old_finish).days


@dataclass(frozen=True, slots=True)
class SinceReview:
    """What the printed roadmap's annex reports: the changes since a named, dated baseline."""

    label: str
    approved_on: date
    changes: Changes


@dataclass(frozen=True, slots=True)
class Changes:
    """Everything that differs, each list in the order of the plan now (removed ones in the baseline's)."""

    roadmap: tuple[FieldChange, ...]
    added: tuple[tuple[str, str], ...]  # (key, title)
    removed: tuple[tuple[str, str], ...]
    changed: tuple[DeliverableChange, ...]
    links: tuple[LinkChange, ...]
    shifts: tuple[DateShift, ...]
    old_finish: date
    new_finish: date
    # Who a lead or partner key names, key -> words (roadmap.spelling.stakeholder_names): the plan's
    # stakeholders now, and those only the baseline had, so a before and an after both read as names.
    stakeholders: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def nothing(self) -> bool:
        """True when the plan is as the baseline left it."""
        return not (self.roadmap or self.added or self.removed or self.changed or self.links or self.shifts) and (
            self.old_finish == self.new_finish
        )


def compare(
    old_doc: dict[str, Any], old_schedule: dict[str, Any], new_doc: dict[str, Any], new_schedule: dict[str, Any]
) -> Changes:
    """The changes from the baseline (old) to the plan now (new)."""
    old_items = {d["key"]: d for d in old_doc["deliverables"]}
    new_items = {d["key"]: d for d in new_doc["deliverables"]}
    changed = []
    for key, now in new_items.items():
        was = old_items.get(key)
        if was is not None:
            fields = _field_changes(was, now)
            if fields:
                changed.append(DeliverableChange(key, now["title"], fields))
    return Changes(
        roadmap=tuple(
            FieldChange(f, _kept(old_doc.get(f)), _kept(new_doc.get(f)))
            for f in ("title", "start_date", "language")
            if _kept(old_doc.get(f)) != _kept(new_doc.get(f))
        ),
        added=tuple((k, d["title"]) for k, d in new_items.items() if k not in old_items),
        removed=tuple((k, d["title"]) for k, d in old_items.items() if k not in new_items),
        changed=tuple(changed),
        links=_link_changes(old_doc["dependencies"], new_doc["dependencies"]),
        shifts=_shifts(old_schedule, new_schedule),
        old_finish=date.fromisoformat(old_schedule["finish_date"]),
        new_finish=date.fromisoformat(new_schedule["finish_date"]),
        stakeholders=_stakeholders(old_doc, new_doc),
    )


def _stakeholders(old_doc: dict[str, Any], new_doc: dict[str, Any]) -> dict[str, str]:
    named = {s["key"]: s["name"] for s in old_doc.get("stakeholders", [])}
    named.update({s["key"]: s["name"] for s in new_doc.get("stakeholders", [])})
    return stakeholder_names(named.items())


def _field_changes(was: dict[str, Any], now: dict[str, Any]) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(field, _kept(was.get(field)), _kept(now.get(field)))
        for field in now
        if field not in _SKIP and _kept(was.get(field)) != _kept(now.get(field))
    )


def _link_changes(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> tuple[LinkChange, ...]:
    def spelled(link: dict[str, Any]) -> Link:
        return Link(link["type"], link["lag_weeks"])

    before = {(x["from"], x["to"]): spelled(x) for x in old}
    after = {(x["from"], x["to"]): spelled(x) for x in new}
    result = [
        LinkChange(p, s, before.get((p, s)), text) for (p, s), text in after.items() if before.get((p, s)) != text
    ]
    result += [LinkChange(p, s, text, None) for (p, s), text in before.items() if (p, s) not in after]
    return tuple(result)


def _shifts(old: dict[str, Any], new: dict[str, Any]) -> tuple[DateShift, ...]:
    before = {d["key"]: d for d in old["deliverables"]}
    result = []
    for d in new["deliverables"]:
        was = before.get(d["key"])
        if was is not None and (was["start"], was["finish"]) != (d["start"], d["finish"]):
            result.append(
                DateShift(
                    d["key"],
                    d["title"],
                    date.fromisoformat(was["start"]),
                    date.fromisoformat(d["start"]),
                    date.fromisoformat(was["finish"]),
                    date.fromisoformat(d["finish"]),
                )
            )
    return tuple(result)


def _kept(value: Any) -> Any:
    # An empty text or list is no value at all, as the page and the PDF say it.
    return None if value == [] or value == "" else value
