"""Countries whose roadmaps the product holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import db

if TYPE_CHECKING:
    from models.roadmap import Roadmap
    from models.user import Membership


class Country(db.Model):
    __tablename__ = "countries"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(3), unique=True)  # ISO 3166-1 alpha-3
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str | None] = mapped_column(String(60))  # UN M49 region, e.g. "Africa"
    subregion: Mapped[str | None] = mapped_column(String(60))

    roadmaps: Mapped[list[Roadmap]] = relationship(back_populates="country")
    memberships: Mapped[list[Membership]] = relationship(back_populates="country", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<Country {self.code}>"
