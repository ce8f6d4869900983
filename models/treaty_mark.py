"""A roadmap's marks on the treaty gap checklist: how far the country's law covers each provision."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import UTCDateTime, db, enum_column, utcnow
from roadmap.treaties.gaps import PROVISION_ID_MAX, GapStatus


class ProvisionMark(db.Model):
    """One provision of the checklist (roadmap/treaties) marked in law, partly or missing, with a note
    (which act and section, what is lacking) and the deliverable added to close the gap. The provision
    is its checklist id, not a foreign key: the checklist is data in the code. A provision not assessed
    has no row. The rows go with their roadmap (ON DELETE CASCADE)."""

    __tablename__ = "provision_marks"
    __table_args__ = (UniqueConstraint("roadmap_id", "provision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    roadmap_id: Mapped[int] = mapped_column(ForeignKey("roadmaps.id", ondelete="CASCADE"))
    provision: Mapped[str] = mapped_column(String(PROVISION_ID_MAX))
    status: Mapped[GapStatus] = mapped_column(enum_column(GapStatus, "gap_status"))
    note: Mapped[str | None] = mapped_column(Text)
    # The deliverable the team added for this gap from the checklist; the mark stays if it is deleted.
    deliverable_id: Mapped[int | None] = mapped_column(ForeignKey("deliverables.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    def __repr__(self) -> str:
        return f"<ProvisionMark {self.provision} {self.status}>"
