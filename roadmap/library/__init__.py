"""The library of published roadmaps: redacted snapshots, the facts they are found by, and adapted copies.

A published roadmap is a frozen cop-roadmap/1 document made at proposal time, never a live view, so
what a team chose to withhold stays withheld whatever happens to the roadmap afterwards.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from roadmap import plan as p
from roadmap.catalog import Template, TemplateIndicator
from roadmap.exchange.interchange import read_document
from roadmap.library.mentions import Mentions, country_names, mentions
from roadmap.threats import Threat
from roadmap.vocabulary import (
    EARLIEST_DATE,
    LATEST_DATE,
    DeliverableStatus,
    Language,
    Pillar,
    RoadmapStatus,
    StakeholderKind,
)

# ISO 3166-1 leaves XXX unassigned and ICAO uses it for "unspecified": a withheld country reads as it,
# so a downloaded file has to be given the importing team's own country before it is imported.
WITHHELD_COUNTRY = "XXX"
COUNTRY_PLACEHOLDER = "[country]"

# Size by number of deliverables and duration by weeks: (code, lowest, highest), highest None for open-ended.
SIZES: tuple[tuple[str, int, int | None], ...] = (("small", 0, 10), ("medium", 11, 30), ("large", 31, None))
DURATIONS: tuple[tuple[str, int, int | None], ...] = (
    ("up_to_1_year", 0, 52),
    ("1_to_2_years", 53, 104),
    ("2_to_3_years", 105, 156),
    ("over_3_years", 157, None),
)


@dataclass(frozen=True, slots=True)
class Redaction:
    """What a team withholds when it shares its roadmap."""

    details: bool = False  # costs, funding sources, all progress, assessment and measurement notes
    names: bool = False  # stakeholder names and keys, wherever the texts say them (their kinds stay)
    country: bool = False  # the country, and its names, codes, capital and people wherever the texts say them


@dataclass(frozen=True, slots=True)
class Facts:
    """What a published roadmap is found by in the library."""

    pillars: tuple[Pillar, ...]
    threats: tuple[Threat, ...]
    maturity: int | None
    deliverable_count: int
    duration_weeks: int


def scrubber(country_name: str, country_code: str) -> Callable[[str | None], str | None]:
    """A function that replaces every mention of the country in a text (roadmap/library/mentions.py)."""
    found = _country(country_name, country_code)

    def scrub(text: str | None) -> str | None:
        return found.replace(text, COUNTRY_PLACEHOLDER)

    return scrub


def _country(country_name: str, country_code: str) -> Mentions:
    names, codes = country_names(country_code)
    return mentions((*names, country_name), codes)


# Keys for withheld stakeholders, by kind: "GOV-1", "INTL-2", the same in every lead and partner list.
KIND_KEYS: dict[StakeholderKind, str] = {
    StakeholderKind.GOVERNMENT: "GOV",
    StakeholderKind.REGULATOR: "REG",
    StakeholderKind.LAW_ENFORCEMENT: "LAW",
    StakeholderKind.JUDICIARY: "JUD",
    StakeholderKind.INDUSTRY: "IND",
    StakeholderKind.CIVIL_SOCIETY: "CSO",
    StakeholderKind.ACADEMIA: "ACAD",
    StakeholderKind.INTERNATIONAL: "INTL",
    StakeholderKind.CHILDREN_YOUTH: "YOUTH",
    StakeholderKind.PARLIAMENT: "PARL",
    StakeholderKind.HUMAN_RIGHTS_INSTITUTION: "NHRI",
    StakeholderKind.STATISTICS_OFFICE: "STAT",
    StakeholderKind.HEALTH: "HEALTH",
    StakeholderKind.LOCAL_GOVERNMENT: "LOCAL",
    StakeholderKind.FAITH_TRADITIONAL_LEADERS: "FAITH",
    StakeholderKind.PRISONS_PROBATION: "PRISON",
}


@dataclass(frozen=True, slots=True)
class Withheld:
    """What a redaction found and replaced: each mention as written with how often it was met, and the
    stakeholders renamed (old key, old name, new key, new name). The propose page shows it before anything
    is published."""

    mentions: tuple[tuple[str, int], ...]
    renamed: tuple[tuple[str, str, str, str], ...]


class _Scrub:
    """Replaces the mentions of the country and of withheld stakeholders in texts, counting them."""

    def __init__(self, country: Mentions | None, stakeholders: list[tuple[Mentions, str]]):
        self.country, self.stakeholders = country, stakeholders
        self.counts: Counter[str] = Counter()

    def __call__(self, text: str | None) -> str | None:
        if not text:
            return text
        if self.country is not None:
            self.counts.update(self.country.found(text))
            text = self.country.replace(text, COUNTRY_PLACEHOLDER)
        for found, name in self.stakeholders:
            self.counts.update(found.found(text))
            text = found.replace(text, name)
        return text


def redact(
    plan: p.Plan,
    redaction: Redaction,
    *,
    title: str,
    country_name: str,
    kind_name: Callable[[StakeholderKind], str] = lambda k: k.label,
) -> p.Plan:
    """The plan as the library will show it: retitled, with what the team withholds taken out."""
    return redaction_of(plan, redaction, title=title, country_name=country_name, kind_name=kind_name)[0]


def redaction_of(
    plan: p.Plan,
    redaction: Redaction,
    *,
    title: str,
    country_name: str,
    kind_name: Callable[[StakeholderKind], str] = lambda k: k.label,
) -> tuple[p.Plan, Withheld]:
    """``redact``, and what it found and replaced."""
    renamed: list[tuple[str, str, str, str]] = []
    if redaction.names:
        counts: dict[StakeholderKind, int] = {}
        for s in plan.stakeholders:
            counts[s.kind] = counts.get(s.kind, 0) + 1
            n = counts[s.kind]
            renamed.append((s.key, s.name, f"{KIND_KEYS[s.kind]}-{n}", f"{kind_name(s.kind)} {n}"))
    # Longest names first, so "Ministry of ICT and Innovation" goes before "Ministry of ICT"; a name is
    # matched whole (no endings), its key as a word in capitals as written.
    withheld = sorted(renamed, key=lambda r: len(r[1]), reverse=True)
    scrub = _Scrub(
        _country(country_name, plan.country) if redaction.country else None,
        [(mentions([name], [key], endings=False), new_name) for key, name, _new_key, new_name in withheld],
    )
    new_key = {old: key for old, _name, key, _new_name in renamed}
    stakeholders = tuple(
        replace(s, key=new_key[s.key], name=renamed[i][3])
        if redaction.names
        else replace(s, name=scrub(s.name) or s.name)
        for i, s in enumerate(plan.stakeholders)
    )
    assessments = tuple(replace(a, notes=None if redaction.details else scrub(a.notes)) for a in plan.assessments)
    # The MNR evidence and the treaty notes are the team's own words too: they name agencies and the country.
    capabilities = tuple(
        replace(c, evidence=None if redaction.details else scrub(c.evidence)) for c in plan.capabilities
    )
    treaty_marks = tuple(replace(m, note=None if redaction.details else scrub(m.note)) for m in plan.treaty_marks)
    deliverables = tuple(_deliverable(d, redaction, scrub, new_key) for d in plan.deliverables)
    shared = replace(
        plan,
        country=WITHHELD_COUNTRY if redaction.country else plan.country,
        title=title,
        assessments=assessments,
        stakeholders=stakeholders,
        deliverables=deliverables,
        capabilities=capabilities,
        treaty_marks=treaty_marks,
    )
    found = tuple(sorted(scrub.counts.items(), key=lambda item: (-item[1], item[0])))
    return shared, Withheld(found, tuple(renamed))


def _deliverable(
    d: p.Deliverable, redaction: Redaction, keep: Callable[[str | None], str | None], new_key: dict[str, str]
) -> p.Deliverable:
    indicators = tuple(
        replace(
            x,
            name=keep(x.name) or x.name,
            measurements=tuple(replace(m, note=None if redaction.details else keep(m.note)) for m in x.measurements),
        )
        for x in d.indicators
    )
    d = replace(
        d,
        title=keep(d.title) or d.title,
        description=keep(d.description),
        objective=keep(d.objective),
        progress_note=keep(d.progress_note),
        cost=replace(d.cost, source=keep(d.cost.source)) if d.cost else None,
        indicators=indicators,
        lead=new_key.get(d.lead, d.lead) if d.lead else d.lead,
        partners=tuple(new_key.get(k, k) for k in d.partners),
    )
    if redaction.details:
        # Without progress means none at all: not started, no percent, no actual dates, no readings.
        d = replace(
            d,
            cost=None,
            progress_note=None,
            status=DeliverableStatus.NOT_STARTED,
            percent_complete=0,
            actual_start=None,
            actual_finish=None,
            indicators=tuple(replace(x, actual=None, measurements=()) for x in d.indicators),
        )
    return d


def snapshot_plan(document: dict[str, Any]) -> p.Plan:
    """The plan of a stored snapshot, whose country may be withheld (the format itself wants a real code)."""
    if document.get("country") != WITHHELD_COUNTRY:
        return read_document(document)
    # Any real code lets the rest be checked as usual; the plan then says the country is withheld again.
    return replace(read_document({**document, "country": "CHE"}), country=WITHHELD_COUNTRY)


def facts(plan: p.Plan, duration_weeks: int) -> Facts:
    """The facts a published plan is filed under."""
    used = {d.pillar for d in plan.deliverables}
    covered = {t for d in plan.deliverables for t in d.threats}
    maturity = round(sum(a.maturity for a in plan.assessments) / len(plan.assessments)) if plan.assessments else None
    return Facts(
        pillars=tuple(x for x in Pillar if x in used),
        threats=tuple(t for t in Threat if t in covered),
        maturity=maturity,
        deliverable_count=len(plan.deliverables),
        duration_weeks=duration_weeks,
    )


def bucket(buckets: tuple[tuple[str, int, int | None], ...], value: int) -> str:
    """The code of the bucket (size or duration) a number falls in."""
    for code, low, high in buckets:
        if value >= low and (high is None or value <= high):
            return code
    return buckets[-1][0]


def adapt(
    plan: p.Plan, pillars: Iterable[Pillar], *, country: str, title: str, start_date: date, language: Language
) -> p.Plan:
    """A new draft from a published plan: the chosen pillars' work, its stakeholders and the links among it.

    Progress, costs, notes and readings belong to the other country's work and are left behind; dates
    move with the new start so the plan keeps its shape.
    """
    wanted = set(pillars)
    chosen = [d for d in plan.deliverables if d.pillar in wanted]
    keys = {d.key for d in chosen}
    used = {d.lead for d in chosen if d.lead} | {x for d in chosen for x in d.partners}
    shift = start_date - plan.start_date
    deliverables = tuple(
        replace(
            d,
            status=DeliverableStatus.NOT_STARTED,
            percent_complete=0,
            actual_start=None,
            actual_finish=None,
            progress_note=None,
            cost=None,
            not_before=_moved(d.not_before, shift),
            due_by=_moved(d.due_by, shift),
            indicators=tuple(replace(x, actual=None, measurements=()) for x in d.indicators),
        )
        for d in chosen
    )
    return p.Plan(
        country=country,
        title=title,
        start_date=start_date,
        language=language,
        status=RoadmapStatus.DRAFT,
        stakeholders=tuple(s for s in plan.stakeholders if s.key in used),
        deliverables=deliverables,
        dependencies=tuple(x for x in plan.dependencies if x.predecessor in keys and x.successor in keys),
    )


def _moved(day: date | None, shift: timedelta) -> date | None:
    if day is None:
        return None
    try:
        moved = day + shift
    except OverflowError:
        return None
    return moved if EARLIEST_DATE <= moved <= LATEST_DATE else None


def template_from(d: p.Deliverable, *, key: str, lead_kind: StakeholderKind) -> Template:
    """A catalog template made from a deliverable that worked: its shape without its country's particulars."""
    return Template(
        key=key,
        pillar=d.pillar,
        title=d.title,
        description=d.description or d.objective or d.title,
        lead_kind=lead_kind,
        duration_weeks=d.duration_weeks,
        depends_on=(),
        indicators=tuple(
            TemplateIndicator(x.name, x.unit or "", x.baseline, x.target, x.source or "")
            for x in d.indicators
            if x.target is not None
        ),
        threats=d.threats,
    )
