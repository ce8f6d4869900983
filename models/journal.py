"""The journal: who changed what in a roadmap, when, from what to what."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import UTCDateTime, db, utcnow
from roadmap.vocabulary import KEY_MAX, NAME_MAX


class JournalEntry(db.Model):
    __tablename__ = "journal_entries"
    __table_args__ = (Index("ix_journal_entries_roadmap_at", "roadmap_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The actor's name is copied so the entry still says who acted after the account is gone;
    # changes made from the command line name the command.
    actor: Mapped[str] = mapped_column(String(NAME_MAX))
    roadmap_id: Mapped[int] = mapped_column(ForeignKey("roadmaps.id", ondelete="CASCADE"))
    deliverable_id: Mapped[int | None] = mapped_column(ForeignKey("deliverables.id", ondelete="SET NULL"))
    deliverable_key: Mapped[str | None] = mapped_column(String(KEY_MAX))
    action: Mapped[str] = mapped_column(String(40))
    field: Mapped[str | None] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"<JournalEntry {self.action} {self.field} on {self.roadmap_id}>"
