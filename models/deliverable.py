"""A deliverable with its partners, threats and indicators."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import db, enum_column
from models.stakeholder import Stakeholder
from roadmap.threats import Threat
from roadmap.vocabulary import (
    DURATION_MAX_WEEKS,
    KEY_MAX,
    NAME_MAX,
    OBJECTIVE_MAX,
    SOURCE_MAX,
    TITLE_MAX,
    UNIT_MAX,
    DeliverableStatus,
    Pillar,
    Priority,
)

if TYPE_CHECKING:
    from models.roadmap import Roadmap

# Partners carry the roadmap id so the database itself refuses a partner from another roadmap.
deliverable_partners = Table(
    "deliverable_partners",
    db.metadata,
    Column("roadmap_id", Integer, nullable=False),
    Column("deliverable_id", Integer, primary_key=True),
    Column("stakeholder_id", Integer, primary_key=True),
    ForeignKeyConstraint(
        ["roadmap_id", "deliverable_id"], ["deliverables.roadmap_id", "deliverables.id"], ondelete="CASCADE"
    ),
    ForeignKeyConstraint(
        ["roadmap_id", "stakeholder_id"], ["stakeholders.roadmap_id", "stakeholders.id"], ondelete="CASCADE"
    ),
)


class DeliverableThreat(db.Model):
    __tablename__ = "deliverable_threats"

    deliverable_id: Mapped[int] = mapped_column(ForeignKey("deliverables.id", ondelete="CASCADE"), primary_key=True)
    threat: Mapped[Threat] = mapped_column(enum_column(Threat, "threat"), primary_key=True)

    def __repr__(self) -> str:
        return f"<DeliverableThreat {self.deliverable_id} {self.threat}>"


class Deliverable(db.Model):
    __tablename__ = "deliverables"
    __table_args__ = (
        UniqueConstraint("roadmap_id", "key"),
        UniqueConstraint("roadmap_id", "id"),  # target of composite keys from links and partners
        ForeignKeyConstraint(["roadmap_id", "lead_id"], ["stakeholders.roadmap_id", "stakeholders.id"]),
        CheckConstraint(f"duration_weeks BETWEEN 0 AND {DURATION_MAX_WEEKS}", name="duration_range"),
        CheckConstraint("percent_complete BETWEEN 0 AND 100", name="percent_range"),
        CheckConstraint("cost_amount IS NULL OR cost_amount >= 0", name="cost_not_negative"),
        CheckConstraint("cost_amount IS NULL OR cost_currency IS NOT NULL", name="cost_has_currency"),
        CheckConstraint(
            "actual_start IS NULL OR actual_finish IS NULL OR actual_finish >= actual_start", name="actual_order"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    roadmap_id: Mapped[int] = mapped_column(ForeignKey("roadmaps.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(KEY_MAX))
    pillar: Mapped[Pillar] = mapped_column(enum_column(Pillar, "pillar"))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    description: Mapped[str | None] = mapped_column(Text)
    lead_id: Mapped[int | None] = mapped_column(Integer)
    duration_weeks: Mapped[int] = mapped_column(Integer)
    objective: Mapped[str | None] = mapped_column(String(OBJECTIVE_MAX))
    not_before: Mapped[date | None] = mapped_column(Date)
    due_by: Mapped[date | None] = mapped_column(Date)
    priority: Mapped[Priority] = mapped_column(enum_column(Priority, "priority"), default=Priority.MEDIUM)
    status: Mapped[DeliverableStatus] = mapped_column(
        enum_column(DeliverableStatus, "status"), default=DeliverableStatus.NOT_STARTED
    )
    percent_complete: Mapped[int] = mapped_column(Integer, default=0)
    actual_start: Mapped[date | None] = mapped_column(Date)
    actual_finish: Mapped[date | None] = mapped_column(Date)
    cost_amount: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    cost_currency: Mapped[str | None] = mapped_column(String(3))  # ISO 4217
    funding_source: Mapped[str | None] = mapped_column(String(SOURCE_MAX))
    template_key: Mapped[str | None] = mapped_column(String(KEY_MAX))
    progress_note: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)

    roadmap: Mapped[Roadmap] = relationship(back_populates="deliverables")
    lead: Mapped[Stakeholder | None] = relationship(
        foreign_keys=[lead_id], primaryjoin="Deliverable.lead_id == Stakeholder.id", viewonly=True
    )
    partners: Mapped[list[Stakeholder]] = relationship(
        secondary=deliverable_partners,
        primaryjoin="Deliverable.id == deliverable_partners.c.deliverable_id",
        secondaryjoin="Stakeholder.id == deliverable_partners.c.stakeholder_id",
        order_by="Stakeholder.id",
        viewonly=True,
    )
    threats: Mapped[list[DeliverableThreat]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    indicators: Mapped[list[Indicator]] = relationship(
        back_populates="deliverable", cascade="all, delete-orphan", passive_deletes=True, order_by="Indicator.position"
    )

    __mapper_args__: ClassVar[dict] = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Deliverable {self.key}>"


class Indicator(db.Model):
    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    deliverable_id: Mapped[int] = mapped_column(ForeignKey("deliverables.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    unit: Mapped[str | None] = mapped_column(String(UNIT_MAX))
    baseline: Mapped[float | None] = mapped_column(Float)
    target: Mapped[float | None] = mapped_column(Float)
    actual: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str | None] = mapped_column(String(SOURCE_MAX))

    deliverable: Mapped[Deliverable] = relationship(back_populates="indicators")

    def __repr__(self) -> str:
        return f"<Indicator {self.name[:30]!r}>"
