"""Printing in the background: one row per render the job queue runs (views/jobs/), of a roadmap or
of a published library entry's snapshot.

The row is what the web pages read to show progress, and what makes a print happen once: the key is
the printed content's digest (roadmap/printing/cache.py), unique, so people asking for the same PDF
at once share one job, and a print that failed is remembered until the content changes.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import UTCDateTime, db, enum_column, utcnow


class PrintStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class PrintJob(db.Model):
    __tablename__ = "print_jobs"
    __table_args__ = (CheckConstraint("(roadmap_id IS NULL) <> (entry_id IS NULL)", name="one_source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    # What is printed: a roadmap, or a library entry's snapshot (exactly one of the two).
    roadmap_id: Mapped[int | None] = mapped_column(ForeignKey("roadmaps.id", ondelete="CASCADE"), index=True)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("library_entries.id", ondelete="CASCADE"), index=True)
    pdfa: Mapped[bool] = mapped_column(Boolean, default=False)
    # The sheet of the chart pages: "a4", or "a3" (roadmap/printing/charts.py PAPERS).
    paper: Mapped[str] = mapped_column(String(2), default="a4", server_default="a4")
    status: Mapped[PrintStatus] = mapped_column(enum_column(PrintStatus, "print_status"), default=PrintStatus.QUEUED)
    # Who asked first: the per-user limit counts the prints a person has waiting or running.
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    parts_done: Mapped[int] = mapped_column(Integer, default=0)
    parts_total: Mapped[int] = mapped_column(Integer, default=0)
    pages: Mapped[int] = mapped_column(Integer, default=0)
    # A worker that dies mid-print leaves the row running: it is printed again once, then reported.
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def __repr__(self) -> str:
        source = f"roadmap {self.roadmap_id}" if self.roadmap_id else f"library entry {self.entry_id}"
        return f"<PrintJob {self.id} {source} {self.status}>"
