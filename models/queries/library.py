"""Reading the library: finding published roadmaps, and the lessons other countries chose to share."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import Select, func, or_, select

from models.base import db
from models.country import Country
from models.deliverable import Deliverable
from models.library import EntryStatus, Lesson, LibraryEntry, LibraryEntryPillar, LibraryEntryThreat
from roadmap.library import DURATIONS, SIZES, scrubber
from roadmap.threats import Threat
from roadmap.vocabulary import Pillar

PAGE = 50


@dataclass(frozen=True, slots=True)
class Filters:
    """What a reader narrows the library by; every part is optional."""

    text: str = ""
    region: str = ""
    pillar: Pillar | None = None
    threat: Threat | None = None
    maturity: int | None = None
    size: str = ""
    duration: str = ""


def _range(column, buckets, code: str):
    for name, low, high in buckets:
        if name == code:
            return column.between(low, high) if high is not None else column >= low
    return None


def find_entries(filters: Filters, limit: int = PAGE) -> tuple[list[LibraryEntry], int]:
    """Published entries matching the filters, newest first (at most ``limit``), and how many match."""
    e = LibraryEntry
    query: Select = select(e).where(e.status == EntryStatus.PUBLISHED)
    if filters.text:
        like = "%" + filters.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(or_(e.title.ilike(like, escape="\\"), e.summary.ilike(like, escape="\\")))
    if filters.region:
        query = query.where(e.region == filters.region)
    if filters.pillar is not None:
        has = select(LibraryEntryPillar.entry_id).where(LibraryEntryPillar.pillar == filters.pillar)
        query = query.where(e.id.in_(has))
    if filters.threat is not None:
        has = select(LibraryEntryThreat.entry_id).where(LibraryEntryThreat.threat == filters.threat)
        query = query.where(e.id.in_(has))
    if filters.maturity is not None:
        query = query.where(e.maturity == filters.maturity)
    for column, buckets, code in (
        (e.deliverable_count, SIZES, filters.size),
        (e.duration_weeks, DURATIONS, filters.duration),
    ):
        if code and (condition := _range(column, buckets, code)) is not None:
            query = query.where(condition)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.session.scalars(query.order_by(e.published_at.desc(), e.id.desc()).limit(limit)).all()
    return list(rows), total


def regions() -> list[str]:
    """The UN regions that published roadmaps come from, for the filter."""
    e = LibraryEntry
    query = select(e.region).where(e.status == EntryStatus.PUBLISHED, e.region.is_not(None)).distinct()
    return sorted(db.session.scalars(query))


def entries_waiting() -> list[LibraryEntry]:
    """Proposals waiting for a reviewer, oldest first."""
    e = LibraryEntry
    return list(db.session.scalars(select(e).where(e.status == EntryStatus.PROPOSED).order_by(e.proposed_at, e.id)))


def entries_of_countries(country_ids: Iterable[int] | None) -> list[LibraryEntry]:
    """Entries proposed by these countries (every country for None), newest first: a team follows its own."""
    e = LibraryEntry
    query = select(e).order_by(e.proposed_at.desc(), e.id.desc()).limit(PAGE)
    if country_ids is not None:
        query = query.where(e.country_id.in_(list(country_ids)))
    return list(db.session.scalars(query))


@dataclass(frozen=True, slots=True)
class SharedLesson:
    """A lesson as the library shows it: under its published roadmap, in that snapshot's words."""

    entry_id: int
    entry_title: str
    key: str
    title: str
    pillar: Pillar
    template: str | None
    helped: str | None
    blocked: str | None
    cost: str | None


@lru_cache(maxsize=64)
def _snapshot_titles(entry_id: int, document: str) -> dict[str, tuple[str, str]]:
    # A deliverable's title as published (redacted), keyed by deliverable key; documents never change.
    return {d["key"]: (d["title"], d["pillar"]) for d in json.loads(document)["deliverables"]}


def shared_lessons(
    *, entry_id: int | None = None, templates: Iterable[str] | None = None, pillar: Pillar | None = None
) -> list[SharedLesson]:
    """Lessons of roadmaps published in the library, for deliverables the snapshot holds.

    A lesson is shown under the roadmap's latest published entry and obeys its redaction: no author
    ever, no cost when details were withheld, no country name when the country was withheld.
    """
    e = LibraryEntry
    latest = (
        select(e.source_roadmap_id, func.max(e.id).label("entry_id"))
        .where(e.status == EntryStatus.PUBLISHED, e.source_roadmap_id.is_not(None))
        .group_by(e.source_roadmap_id)
        .subquery()
    )
    query = (
        select(Lesson, Deliverable.key, Deliverable.template_key, e, Country.name, Country.code)
        .join(Deliverable, Deliverable.id == Lesson.deliverable_id)
        .join(latest, latest.c.source_roadmap_id == Lesson.roadmap_id)
        .join(e, e.id == latest.c.entry_id)
        .join(Country, Country.id == e.country_id)
        .order_by(Lesson.updated_at.desc(), Lesson.id.desc())
        .limit(200)
    )
    if entry_id is not None:
        query = query.where(e.id == entry_id)
    if templates is not None:
        query = query.where(Deliverable.template_key.in_(list(templates)))
    found = []
    for lesson, key, template, entry, country_name, country_code in db.session.execute(query):
        published = _snapshot_titles(entry.id, entry.document).get(key)
        if published is None or (pillar is not None and published[1] != pillar.value):
            continue  # added after the snapshot: not part of what was shared
        keep = scrubber(country_name, country_code) if entry.country_withheld else (lambda text: text)
        found.append(
            SharedLesson(
                entry_id=entry.id,
                entry_title=entry.title,
                key=key,
                title=published[0],
                pillar=Pillar(published[1]),
                template=template,
                helped=keep(lesson.helped),
                blocked=keep(lesson.blocked),
                cost=None if entry.details_withheld else keep(lesson.cost),
            )
        )
    return found


def lessons_by_template(keys: Iterable[str]) -> dict[str, list[SharedLesson]]:
    """Shared lessons grouped by the catalog template their deliverable came from, for the wizard's suggestions."""
    wanted = list(dict.fromkeys(keys))
    grouped: dict[str, list[SharedLesson]] = {}
    if not wanted:
        return grouped
    for lesson in shared_lessons(templates=wanted):
        grouped.setdefault(lesson.template or "", []).append(lesson)
    return grouped
