"""A country's roadmap, its pillar self-assessments and its Model National Response capability ratings."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import UTCDateTime, db, enum_column, utcnow
from models.country import Country
from roadmap.printing.logo import Logo
from roadmap.vocabulary import NAME_MAX, TITLE_MAX, Language, Pillar, RoadmapStatus

if TYPE_CHECKING:
    from models.deliverable import Deliverable
    from models.dependency import Dependency
    from models.stakeholder import Stakeholder
    from models.user import User


class Roadmap(db.Model):
    __tablename__ = "roadmaps"

    id: Mapped[int] = mapped_column(primary_key=True)
    country_id: Mapped[int] = mapped_column(ForeignKey("countries.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    start_date: Mapped[date] = mapped_column(Date)
    language: Mapped[Language] = mapped_column(enum_column(Language, "language"), default=Language.EN)
    status: Mapped[RoadmapStatus] = mapped_column(enum_column(RoadmapStatus, "status"), default=RoadmapStatus.DRAFT)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Who issues the plan, printed on its cover ("Ministry of Communications and Digitalisation").
    issuing_authority: Mapped[str | None] = mapped_column(String(NAME_MAX))
    # The logo printed on its cover, as roadmap/printing/logo.py wrote it anew from the upload, and its
    # media type (image/png or image/svg+xml). Deferred: loading a roadmap does not load a megabyte with it.
    logo_data: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    logo_media_type: Mapped[str | None] = mapped_column(String(20))
    # The calendar feed's secret is kept only as a SHA-256 digest: the link is shown once, and
    # making a new one revokes the old.
    feed_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Who made the calendar link: it answers only while they may still read the roadmap.
    feed_token_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # Archived: kept and readable, out of the lists people work from, and changed by nothing until an
    # editor restores it (models/operations/workflow.py). Who archived it stays in the journal even if
    # their account goes.
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    archived_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    country: Mapped[Country] = relationship(back_populates="roadmaps")
    # One way only: a user's page never lists what they archived.
    archived_by: Mapped[User | None] = relationship(foreign_keys=[archived_by_id], viewonly=True)
    assessments: Mapped[list[PillarAssessment]] = relationship(
        back_populates="roadmap", cascade="all, delete-orphan", passive_deletes=True
    )
    stakeholders: Mapped[list[Stakeholder]] = relationship(
        back_populates="roadmap", cascade="all, delete-orphan", passive_deletes=True, order_by="Stakeholder.id"
    )
    deliverables: Mapped[list[Deliverable]] = relationship(
        back_populates="roadmap", cascade="all, delete-orphan", passive_deletes=True, order_by="Deliverable.id"
    )
    dependencies: Mapped[list[Dependency]] = relationship(
        back_populates="roadmap", cascade="all, delete-orphan", passive_deletes=True
    )
    capability_ratings: Mapped[list[CapabilityRating]] = relationship(
        back_populates="roadmap", cascade="all, delete-orphan", passive_deletes=True
    )

    # Every UPDATE checks and bumps the version, so two people saving the same
    # roadmap cannot silently overwrite each other.
    __mapper_args__: ClassVar[dict] = {"version_id_col": version}

    @property
    def logo(self) -> Logo | None:
        """The cover's logo, None when it has none."""
        if self.logo_media_type is None or self.logo_data is None:
            return None
        return Logo(self.logo_data, self.logo_media_type)

    def __repr__(self) -> str:
        return f"<Roadmap {self.id} {self.title[:30]!r}>"


class PillarAssessment(db.Model):
    __tablename__ = "pillar_assessments"
    __table_args__ = (
        UniqueConstraint("roadmap_id", "pillar"),
        CheckConstraint("maturity BETWEEN 1 AND 5", name="maturity_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    roadmap_id: Mapped[int] = mapped_column(ForeignKey("roadmaps.id", ondelete="CASCADE"))
    pillar: Mapped[Pillar] = mapped_column(enum_column(Pillar, "pillar"))
    maturity: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)

    roadmap: Mapped[Roadmap] = relationship(back_populates="assessments")

    def __repr__(self) -> str:
        return f"<PillarAssessment {self.pillar} {self.maturity}>"


class CapabilityRating(db.Model):
    """One Model National Response capability (1-21) rated on the maturity model's phases (1-4), with
    the evidence the team rates it on. A capability not yet rated has no row."""

    __tablename__ = "capability_ratings"
    __table_args__ = (
        UniqueConstraint("roadmap_id", "number"),
        CheckConstraint("number BETWEEN 1 AND 21", name="capability_number"),
        CheckConstraint("phase BETWEEN 1 AND 4", name="capability_phase"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    roadmap_id: Mapped[int] = mapped_column(ForeignKey("roadmaps.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    phase: Mapped[int] = mapped_column(Integer)
    evidence: Mapped[str | None] = mapped_column(Text)

    roadmap: Mapped[Roadmap] = relationship(back_populates="capability_ratings")

    def __repr__(self) -> str:
        return f"<CapabilityRating {self.number} {self.phase}>"
