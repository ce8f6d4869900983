"""Links between deliverables of one roadmap."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, ForeignKeyConstraint, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import db, enum_column
from models.deliverable import Deliverable
from roadmap.vocabulary import LAG_MAX_WEEKS, DependencyType

if TYPE_CHECKING:
    from models.roadmap import Roadmap


class Dependency(db.Model):
    __tablename__ = "dependencies"
    __table_args__ = (
        UniqueConstraint("predecessor_id", "successor_id"),
        CheckConstraint("predecessor_id <> successor_id", name="no_self_link"),
        CheckConstraint(f"lag_weeks BETWEEN -{LAG_MAX_WEEKS} AND {LAG_MAX_WEEKS}", name="lag_range"),
        # Both ends must belong to the link's own roadmap: the database refuses a
        # link between two countries' plans whatever the code above it does.
        ForeignKeyConstraint(
            ["roadmap_id", "predecessor_id"], ["deliverables.roadmap_id", "deliverables.id"], ondelete="CASCADE"
        ),
        ForeignKeyConstraint(
            ["roadmap_id", "successor_id"], ["deliverables.roadmap_id", "deliverables.id"], ondelete="CASCADE"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    roadmap_id: Mapped[int] = mapped_column(ForeignKey("roadmaps.id", ondelete="CASCADE"), index=True)
    predecessor_id: Mapped[int] = mapped_column(Integer)
    successor_id: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[DependencyType] = mapped_column(
        enum_column(DependencyType, "kind"), default=DependencyType.FINISH_TO_START
    )
    lag_weeks: Mapped[int] = mapped_column(Integer, default=0)

    roadmap: Mapped[Roadmap] = relationship(back_populates="dependencies")
    predecessor: Mapped[Deliverable] = relationship(
        foreign_keys=[predecessor_id], primaryjoin="Dependency.predecessor_id == Deliverable.id", viewonly=True
    )
    successor: Mapped[Deliverable] = relationship(
        foreign_keys=[successor_id], primaryjoin="Dependency.successor_id == Deliverable.id", viewonly=True
    )

    def __repr__(self) -> str:
        return f"<Dependency {self.predecessor_id}→{self.successor_id} {self.kind} {self.lag_weeks:+d}>"
