"""The library: published roadmap snapshots, what a new roadmap was adapted from, lessons learned and
templates proposed for the catalog."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import UTCDateTime, db, enum_column, utcnow
from models.country import Country
from roadmap.threats import Threat
from roadmap.vocabulary import DURATION_MAX_WEEKS, KEY_MAX, NAME_MAX, TITLE_MAX, Pillar, StakeholderKind


class EntryStatus(StrEnum):
    """Where a proposal for the library stands: a reviewer publishes it or sends it back."""

    PROPOSED = "proposed"
    PUBLISHED = "published"
    RETURNED = "returned"


class LibraryEntry(db.Model):
    """A roadmap proposed for the library: a frozen, possibly redacted cop-roadmap/1 document and its facts."""

    __tablename__ = "library_entries"
    __table_args__ = (
        CheckConstraint("maturity IS NULL OR maturity BETWEEN 1 AND 5", name="maturity_range"),
        Index("ix_library_entries_status_published", "status", "published_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The team's country decides who sees a proposal before it is published, even when it is withheld
    # from the published page; the roadmap may later be deleted without taking the snapshot with it.
    country_id: Mapped[int] = mapped_column(ForeignKey("countries.id", ondelete="RESTRICT"), index=True)
    source_roadmap_id: Mapped[int | None] = mapped_column(ForeignKey("roadmaps.id", ondelete="SET NULL"), index=True)
    status: Mapped[EntryStatus] = mapped_column(enum_column(EntryStatus, "status"), default=EntryStatus.PROPOSED)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    summary: Mapped[str] = mapped_column(Text)
    document: Mapped[str] = mapped_column(Text)
    region: Mapped[str | None] = mapped_column(String(60))
    maturity: Mapped[int | None] = mapped_column(Integer)
    deliverable_count: Mapped[int] = mapped_column(Integer)
    duration_weeks: Mapped[int] = mapped_column(Integer)
    details_withheld: Mapped[bool] = mapped_column(Boolean)
    names_withheld: Mapped[bool] = mapped_column(Boolean)
    country_withheld: Mapped[bool] = mapped_column(Boolean)
    proposed_by: Mapped[str] = mapped_column(String(NAME_MAX))
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reviewed_by: Mapped[str | None] = mapped_column(String(NAME_MAX))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    review_comment: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    country: Mapped[Country] = relationship()
    pillars: Mapped[list[LibraryEntryPillar]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    threats: Mapped[list[LibraryEntryThreat]] = relationship(cascade="all, delete-orphan", passive_deletes=True)

    def __repr__(self) -> str:
        return f"<LibraryEntry {self.id} {self.status} {self.title[:30]!r}>"


class LibraryEntryPillar(db.Model):
    """A pillar a published roadmap has work in: a filter of the library."""

    __tablename__ = "library_entry_pillars"

    entry_id: Mapped[int] = mapped_column(ForeignKey("library_entries.id", ondelete="CASCADE"), primary_key=True)
    pillar: Mapped[Pillar] = mapped_column(enum_column(Pillar, "pillar"), primary_key=True)

    def __repr__(self) -> str:
        return f"<LibraryEntryPillar {self.entry_id} {self.pillar}>"


class LibraryEntryThreat(db.Model):
    """A threat a published roadmap addresses: a filter of the library."""

    __tablename__ = "library_entry_threats"

    entry_id: Mapped[int] = mapped_column(ForeignKey("library_entries.id", ondelete="CASCADE"), primary_key=True)
    threat: Mapped[Threat] = mapped_column(enum_column(Threat, "threat"), primary_key=True)

    def __repr__(self) -> str:
        return f"<LibraryEntryThreat {self.entry_id} {self.threat}>"


class RoadmapOrigin(db.Model):
    """The library entry a roadmap was adapted from; its title is copied so the attribution outlives it."""

    __tablename__ = "roadmap_origins"

    roadmap_id: Mapped[int] = mapped_column(ForeignKey("roadmaps.id", ondelete="CASCADE"), primary_key=True)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("library_entries.id", ondelete="SET NULL"), index=True)
    entry_title: Mapped[str] = mapped_column(String(TITLE_MAX))
    pillars: Mapped[str] = mapped_column(String(100))  # the pillars taken, space-separated codes
    adapted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<RoadmapOrigin {self.roadmap_id} from {self.entry_id}>"


class Lesson(db.Model):
    """What a team learned from a deliverable it finished: what helped, what blocked, what it cost."""

    __tablename__ = "lessons"

    id: Mapped[int] = mapped_column(primary_key=True)
    deliverable_id: Mapped[int] = mapped_column(ForeignKey("deliverables.id", ondelete="CASCADE"), unique=True)
    roadmap_id: Mapped[int] = mapped_column(ForeignKey("roadmaps.id", ondelete="CASCADE"), index=True)
    helped: Mapped[str | None] = mapped_column(Text)
    blocked: Mapped[str | None] = mapped_column(Text)
    cost: Mapped[str | None] = mapped_column(Text)
    written_by: Mapped[str] = mapped_column(String(NAME_MAX))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    def __repr__(self) -> str:
        return f"<Lesson {self.id} on {self.deliverable_id}>"


class TemplateStatus(StrEnum):
    """A deliverable proposed as a catalog template: accepted by an adviser, or declined."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class CatalogTemplate(db.Model):
    """A catalog template kept in the database, beside the built-in ones of roadmap/catalog.json."""

    __tablename__ = "catalog_templates"
    __table_args__ = (CheckConstraint(f"duration_weeks BETWEEN 0 AND {DURATION_MAX_WEEKS}", name="duration_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(KEY_MAX), unique=True)
    status: Mapped[TemplateStatus] = mapped_column(
        enum_column(TemplateStatus, "status"), default=TemplateStatus.PROPOSED
    )
    pillar: Mapped[Pillar] = mapped_column(enum_column(Pillar, "pillar"))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    description: Mapped[str] = mapped_column(Text)
    lead_kind: Mapped[StakeholderKind] = mapped_column(enum_column(StakeholderKind, "lead_kind"))
    duration_weeks: Mapped[int] = mapped_column(Integer)
    indicators: Mapped[str] = mapped_column(Text)  # JSON: [{name, unit, baseline, target}]
    threats: Mapped[str] = mapped_column(Text)  # space-separated threat codes
    source_roadmap_id: Mapped[int | None] = mapped_column(ForeignKey("roadmaps.id", ondelete="SET NULL"), index=True)
    source_key: Mapped[str] = mapped_column(String(KEY_MAX))
    proposed_by: Mapped[str] = mapped_column(String(NAME_MAX))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reviewed_by: Mapped[str | None] = mapped_column(String(NAME_MAX))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def __repr__(self) -> str:
        return f"<CatalogTemplate {self.key} {self.status}>"
