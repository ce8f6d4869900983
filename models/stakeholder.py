"""Organisations that lead or support a roadmap's deliverables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import db, enum_column
from roadmap.vocabulary import KEY_MAX, NAME_MAX, StakeholderKind

if TYPE_CHECKING:
    from models.roadmap import Roadmap


class Stakeholder(db.Model):
    __tablename__ = "stakeholders"
    __table_args__ = (
        UniqueConstraint("roadmap_id", "key"),
        # The target of the composite keys that keep a deliverable's lead and partners
        # inside the deliverable's own roadmap.
        UniqueConstraint("roadmap_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    roadmap_id: Mapped[int] = mapped_column(ForeignKey("roadmaps.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(KEY_MAX))
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    kind: Mapped[StakeholderKind] = mapped_column(enum_column(StakeholderKind, "kind"))

    roadmap: Mapped[Roadmap] = relationship(back_populates="stakeholders")

    def __repr__(self) -> str:
        return f"<Stakeholder {self.key}>"
