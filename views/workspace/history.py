"""The roadmap's history of changes in the reader's words.

The journal keeps what happened as the operations wrote it (models/operations: an English action, a
field's code, values as text: "finish_to_start", "2027-03-01", "legal.maturity"). That stays as it
is: it is what an export or an audit reads. Here each entry is worded when it is shown, so an entry
written years ago reads as well as one written today: the action and the field as the forms name
them, codes as words, days and numbers as the reader's locale writes them, amounts with their currency,
a lead or partner by its name (the journal keeps its key).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext, ngettext
from sqlalchemy import select

from models import Deliverable, JournalEntry, db
from roadmap import mnr
from roadmap.catalog import load_catalog
from roadmap.changes import FIELD_LABELS
from roadmap.i18n import N_
from roadmap.plan import Stakeholder
from roadmap.spelling import Speller, stakeholder_names
from roadmap.threats import Threat
from roadmap.treaties.gaps import GapStatus
from roadmap.treaties.provisions import provision_by_id
from roadmap.vocabulary import Pillar, StakeholderKind
from views.labels import baseline_label, format_date, number

ACTIONS = {
    "roadmap created": N_("Roadmap created"),
    "roadmap updated": N_("Roadmap settings changed"),
    "roadmap replaced": N_("Roadmap replaced by an imported file"),
    "imported": N_("Imported from a file"),
    "adapted from the library": N_("Adapted from the library"),
    "assessment updated": N_("Self-assessment changed"),
    "deliverable added": N_("Deliverable added"),
    "deliverable updated": N_("Deliverable changed"),
    "deliverable deleted": N_("Deliverable deleted"),
    "dependency added": N_("Link added"),
    "dependency updated": N_("Link changed"),
    "dependency removed": N_("Link removed"),
    "progress recorded": N_("Progress recorded"),
    "indicator measured": N_("Indicator measured"),
    "measurement corrected": N_("Measurement corrected"),
    "measurement removed": N_("Measurement removed"),
    "stakeholder added": N_("Stakeholder added"),
    "stakeholder updated": N_("Stakeholder changed"),
    "stakeholder deleted": N_("Stakeholder deleted"),
    "stakeholders merged": N_("Stakeholders merged"),
    "status changed": N_("Review status changed"),
    "baseline frozen": N_("Baseline frozen"),
    "archived": N_("Roadmap archived"),
    "restored": N_("Roadmap restored"),
    "comment added": N_("Comment added"),
    "thread resolved": N_("Discussion resolved"),
    "thread reopened": N_("Discussion reopened"),
    "calendar link made": N_("Calendar link made"),
    "calendar link revoked": N_("Calendar link revoked"),
    "capability rated": N_("MNR capability rated"),
    "capability rating removed": N_("MNR capability rating removed"),
    "treaty mark updated": N_("Treaty checklist changed"),
    "treaty gap planned": N_("Treaty gap planned"),
    "lesson learned written": N_("Lesson learned written"),
    "proposed as a catalog template": N_("Proposed as a catalog template"),
    "catalog template accepted": N_("Catalog template accepted"),
    "catalog template declined": N_("Catalog template declined"),
    "proposed for the library": N_("Proposed for the library"),
    "published in the library": N_("Published in the library"),
    "sent back from the library": N_("Sent back from the library"),
}

# Fields the journal names that the deliverable and roadmap forms call otherwise, or that no form has.
_FIELDS = {
    "cost_amount": N_("Cost"),
    "cost_currency": N_("Currency"),
    "funding_source": N_("Funded by"),
    "key": N_("Key"),
    "logo": N_("Logo"),
    "stakeholder": N_("Stakeholder"),
    "dependency": N_("Link"),
    "provisions": N_("Treaty provisions"),
    "name": N_("Name"),
    "kind": N_("Kind"),
    "maturity": N_("Maturity"),
    "notes": N_("Notes on the assessment"),
    "phase": N_("Phase"),
    "evidence": N_("Evidence"),
    "status": N_("Status"),
    "note": N_("Note"),
}
_MEASURED = frozenset({"indicator measured", "measurement corrected", "measurement removed"})

# The texts the operations journal (models/operations: linking.link_text, progress._as_journalled,
# stakeholders, importing), read back to be worded.
_LINK = re.compile(r"(?P<link>.+ → .+) \((?P<type>[a-z_]+), lag (?P<lag>[+-]?\d+) weeks?\)")
_COUNTS = re.compile(r"(?:(?P<title>.*): )?(?P<items>\d+) deliverables?, (?P<links>\d+) dependenc(?:y|ies)")
_STAKEHOLDER = re.compile(r"(?P<who>[^:]+: .*?)(?: \((?P<kind>[a-z_]+)\))?")
_READING = re.compile(r"(?P<value>\S+) on (?P<day>\d{4}-\d{2}-\d{2})(?: \((?P<note>.*)\))?", re.S)
_INDICATOR = re.compile(
    r"(?P<name>.*?)(?: \[(?P<unit>[^\]]*)\])?"
    r"(?:: (?P<numbers>(?:baseline|target|actual) \S+(?:, (?:baseline|target|actual) \S+)*))?"
)


@dataclass(frozen=True, slots=True)
class Row:
    """One change as the history page shows it."""

    at: datetime
    actor: str
    action: str
    deliverable_key: str | None
    field: str
    before: str
    after: str


def rows(roadmap_id: int, entries: Sequence[JournalEntry], stakeholders: Iterable[Stakeholder]) -> list[Row]:
    """The entries in words; one more query when an amount of money needs its currency. ``stakeholders``
    are the roadmap's now (the plan the page loaded): a lead or partner is named by them."""
    names = stakeholder_names((s.key, s.name) for s in stakeholders)
    spell = Speller(gettext, ngettext, format_date, number).with_stakeholders(names)
    currencies = _currencies(roadmap_id, entries)
    result = []
    for e in entries:
        shown = _Entry(spell, e, currencies.get(e.id, (None, None)))
        result.append(
            Row(
                e.at,
                e.actor,
                gettext(ACTIONS[e.action]) if e.action in ACTIONS else e.action,
                e.deliverable_key,
                shown.field(),
                shown.value(e.old_value, 0),
                shown.value(e.new_value, 1),
            )
        )
    return result


@dataclass(frozen=True)
class _Entry:
    spell: Speller
    entry: JournalEntry
    currency: tuple[str | None, str | None]  # before and after, for an amount

    def field(self) -> str:
        e, code = self.entry, self.entry.field
        if not code:
            return ""
        if e.action in _MEASURED:
            return code  # the indicator's name, as the team wrote it
        owner, _, part = code.rpartition(".")
        if owner:
            return self._owned(e.action, owner, part) or code
        label = FIELD_LABELS.get(code) or _FIELDS.get(code)
        return gettext(label) if label else code

    def _owned(self, action: str, owner: str, part: str) -> str | None:
        # "legal.maturity", "mnr.4.phase", "child_under_18.status", "MICT.kind": whose field, then which.
        what = gettext(_FIELDS[part]) if part in _FIELDS else part
        if action == "assessment updated" and owner in set(Pillar):
            whose = gettext(Pillar(owner).label)
        elif action.startswith("capability rat") and owner.startswith("mnr."):
            try:
                whose = gettext(mnr.capability(int(owner[4:])).name)
            except (KeyError, ValueError):
                return None
        elif action == "treaty mark updated" and (provision := provision_by_id(owner)):
            whose = gettext(provision.text)
        elif action == "stakeholder updated":
            whose = self.spell.stakeholder(owner)
        else:
            return None
        return gettext("%(whose)s: %(what)s", whose=whose, what=what)

    def value(self, text: str | None, side: int) -> str:
        e, spell = self.entry, self.spell
        if text is None or text == "":
            return spell.nothing() if e.field else ""
        action, field = e.action, e.field or ""
        part = field.rpartition(".")[2]
        if action.startswith("dependency") and (m := _LINK.fullmatch(text)):
            return f"{m['link']} ({spell.link(m['type'], int(m['lag']))})"
        if action in ("imported", "roadmap replaced", "adapted from the library") and (m := _COUNTS.fullmatch(text)):
            counts = gettext(
                "%(deliverables)s, %(links)s",
                deliverables=ngettext("%(num)d deliverable", "%(num)d deliverables", int(m["items"])),
                links=ngettext("%(num)d link", "%(num)d links", int(m["links"])),
            )
            return f"{m['title']}: {counts}" if m["title"] else counts
        if field == "stakeholder" and (m := _STAKEHOLDER.fullmatch(text)):
            return f"{m['who']} ({spell.code(StakeholderKind, m['kind'])})" if m["kind"] else m["who"]
        if action in _MEASURED and (m := _READING.fullmatch(text)):
            read = gettext("%(value)s on %(date)s", value=spell.number(m["value"]), date=spell.day(m["day"]))
            return f"{read} ({m['note']})" if m["note"] else read
        if action == "baseline frozen":
            return baseline_label(text)
        if action == "status changed":
            return spell.value("status", text)
        if action == "assessment updated" and part == "maturity":
            return spell.maturity(text)
        if action.startswith("capability rat") and part == "phase":
            return _phase(text)
        if action == "treaty mark updated" and part == "status":
            return spell.code(GapStatus, text)
        if action == "stakeholder updated" and part == "kind":
            return spell.code(StakeholderKind, text)
        if field == "provisions":
            return "; ".join(gettext(p.text) if (p := provision_by_id(x)) else x for x in text.split(", "))
        if action in ("deliverable updated", "progress recorded", "roadmap updated"):
            return self._field_value(field, text, side)
        return text

    def _field_value(self, field: str, text: str, side: int) -> str:
        spell = self.spell
        if field == "threats":
            return "; ".join(spell.code(Threat, t) for t in text.split(", "))
        if field == "cost_amount":
            return spell.amount(text, self.currency[side])
        if field == "indicators":
            return "; ".join(_indicator(spell, piece) for piece in text.split("; "))
        if field == "template":
            return _template_title(text)
        if field == "logo":
            return gettext("an image")
        if field in (
            "status",
            "priority",
            "pillar",
            "language",
            "duration_weeks",
            "percent_complete",
            "lead",
            "partners",
        ):
            return spell.value(field, text)
        if field in ("start_date", "not_before", "due_by", "actual_start", "actual_finish"):
            return spell.day(text)
        return text


def _phase(text: str) -> str:
    try:
        return f"{text} — {gettext(mnr.phase(int(text)).name)}"
    except (KeyError, ValueError):
        return text


def _indicator(spell: Speller, text: str) -> str:
    m = _INDICATOR.fullmatch(text)
    if m is None:
        return text
    numbers = dict(pair.split(" ", 1) for pair in m["numbers"].split(", ")) if m["numbers"] else {}
    return spell.indicator({"name": m["name"], "unit": m["unit"], **numbers})


def _template_title(key: str) -> str:
    titles = {t.key: t.title for t in load_catalog()}
    return gettext(titles[key]) if key in titles else key


def _currencies(roadmap_id: int, entries: Sequence[JournalEntry]) -> dict[int, tuple[str | None, str | None]]:
    """For each entry changing an amount, the currency before and after it: from the change of currency
    made in the same save if there was one, else the currency it had until it next changed, else today's."""
    amounts = [e for e in entries if e.field == "cost_amount" and e.deliverable_id is not None]
    if not amounts:
        return {}
    j, d = JournalEntry, Deliverable
    changes = db.session.execute(
        select(j.id, j.deliverable_id, j.actor, j.at, j.old_value, j.new_value)
        .where(j.roadmap_id == roadmap_id, j.field == "cost_currency")
        .order_by(j.id)
    ).all()
    today = dict(
        db.session.execute(select(d.id, d.cost_currency).where(d.id.in_({e.deliverable_id for e in amounts}))).all()
    )
    found = {}
    for e in amounts:
        later = next((c for c in changes if c.deliverable_id == e.deliverable_id and c.id > e.id), None)
        if later is None:
            found[e.id] = (today.get(e.deliverable_id),) * 2
        elif later.actor == e.actor and abs(later.at - e.at) < timedelta(seconds=2):
            found[e.id] = (later.old_value, later.new_value)  # the same save changed both
        else:
            found[e.id] = (later.old_value,) * 2
    return found
