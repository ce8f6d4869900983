"""The library of published roadmaps: redacted snapshots, the facts they are found by, and adapted copies.

A published roadmap is a frozen cop-roadmap/1 document made at proposal time, never a live view, so
what a team chose to withhold stays withheld whatever happens to the roadmap afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from roadmap import plan as p
from roadmap.catalog import Template, TemplateIndicator
from roadmap.exchange.interchange import read_document
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

    details: bool = False  # costs, funding sources, progress, assessment and measurement notes
    names: bool = False  # stakeholder names (their kinds stay)
    country: bool = False  # the country, and its name wherever the texts say it


@dataclass(frozen=True, slots=True)
class Facts:
    """What a published roadmap is found by in the library."""

    pillars: tuple[Pillar, ...]
    threats: tuple[Threat, ...]
    maturity: int | None
    deliverable_count: int
    duration_weeks: int


def scrubber(country_name: str, country_code: str) -> Callable[[str | None], str | None]:
    """A function that replaces the country's name (and words starting with it, e.g. "Kenyan") and code in a text."""
    pattern = re.compile(rf"\b{re.escape(country_name)}\w*|\b{re.escape(country_code)}\b", re.IGNORECASE)

    def scrub(text: str | None) -> str | None:
        return None if text is None else pattern.sub(COUNTRY_PLACEHOLDER, text)

    return scrub


def redact(
    plan: p.Plan,
    redaction: Redaction,
    *,
    title: str,
    country_name: str,
    kind_name: Callable[[StakeholderKind], str] = lambda k: k.label,
) -> p.Plan:
    """The plan as the library will show it: retitled, with what the team withholds taken out."""
    keep: Callable[[str | None], str | None] = (
        scrubber(country_name, plan.country) if redaction.country else (lambda text: text)
    )
    stakeholders = plan.stakeholders
    if redaction.names:
        counts: dict[StakeholderKind, int] = {}
        renamed = []
        for s in stakeholders:
            counts[s.kind] = counts.get(s.kind, 0) + 1
            renamed.append(replace(s, name=f"{kind_name(s.kind)} {counts[s.kind]}"))
        stakeholders = tuple(renamed)
    else:
        stakeholders = tuple(replace(s, name=keep(s.name) or s.name) for s in stakeholders)
    assessments = tuple(replace(a, notes=None if redaction.details else keep(a.notes)) for a in plan.assessments)
    deliverables = tuple(_deliverable(d, redaction, keep) for d in plan.deliverables)
    return replace(
        plan,
        country=WITHHELD_COUNTRY if redaction.country else plan.country,
        title=title,
        assessments=assessments,
        stakeholders=stakeholders,
        deliverables=deliverables,
    )


def _deliverable(d: p.Deliverable, redaction: Redaction, keep: Callable[[str | None], str | None]) -> p.Deliverable:
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
    )
    if redaction.details:
        d = replace(d, cost=None, progress_note=None)
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
            TemplateIndicator(x.name, x.unit or "", x.baseline or 0.0, x.target)
            for x in d.indicators
            if x.target is not None
        ),
        threats=d.threats,
    )
