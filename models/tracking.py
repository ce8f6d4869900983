"""Tracking once a roadmap is under way: indicator measurements, approved baselines, comment threads."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import UTCDateTime, db, utcnow
from roadmap.vocabulary import NAME_MAX, NOTES_MAX, TITLE_MAX

COMMENT_MAX = NOTES_MAX


class Measurement(db.Model):
    """One reading of an indicator on a date. A wrong one is corrected or removed only by the operations
    that journal it (models.operations.progress), so the history of what was read stays in the journal."""

    __tablename__ = "measurements"
    __table_args__ = (Index("ix_measurements_indicator_on", "indicator_id", "measured_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"))
    measured_on: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(String(NAME_MAX))
    recorded_by: Mapped[str] = mapped_column(String(NAME_MAX))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<Measurement {self.indicator_id} {self.measured_on} {self.value}>"


class Baseline(db.Model):
    """The plan as approved: its cop-roadmap/1 document and its schedule, frozen, labelled and dated."""

    __tablename__ = "baselines"

    id: Mapped[int] = mapped_column(primary_key=True)
    roadmap_id: Mapped[int] = mapped_column(ForeignKey("roadmaps.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(TITLE_MAX))
    approved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    approved_by: Mapped[str] = mapped_column(String(NAME_MAX))
    # Stored as JSON text: a baseline is read whole and never queried inside.
    document: Mapped[str] = mapped_column(Text)
    schedule: Mapped[str] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"<Baseline {self.id} of {self.roadmap_id} {self.label[:30]!r}>"


class ForecastFigures(db.Model):
    """A roadmap's dashboard figures as worked out on one day, kept until the roadmap changes.

    The forecast moves with the date and with every change, so a row holds only while its as-of
    day, its roadmap's ``updated_at`` and its baseline are the ones it was worked out from
    (models.queries.dashboard_schedules compares all three). Kept in the database, every worker and every
    adviser shares one working out per roadmap and day instead of forecasting at each request.
    """

    __tablename__ = "forecast_figures"

    roadmap_id: Mapped[int] = mapped_column(ForeignKey("roadmaps.id", ondelete="CASCADE"), primary_key=True)
    as_of: Mapped[date] = mapped_column(Date)
    roadmap_updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # None: worked out against the roadmap's own plan, having no baseline.
    baseline_id: Mapped[int | None] = mapped_column(ForeignKey("baselines.id", ondelete="CASCADE"), index=True)
    forecast_finish: Mapped[date | None] = mapped_column(Date)
    slip_days: Mapped[int | None] = mapped_column(Integer)
    # {pillar: deliverables past the due date or the baseline's finish}, as JSON text; read whole.
    overdue: Mapped[str] = mapped_column(Text)
    planned_percent: Mapped[float | None] = mapped_column(Float)
    critical_blocked: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    def __repr__(self) -> str:
        return f"<ForecastFigures {self.roadmap_id} as of {self.as_of}>"


class CommentThread(db.Model):
    """A conversation on a roadmap, or on one of its deliverables; resolved threads fold away."""

    __tablename__ = "comment_threads"
    __table_args__ = (Index("ix_comment_threads_roadmap_resolved", "roadmap_id", "resolved"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    roadmap_id: Mapped[int] = mapped_column(ForeignKey("roadmaps.id", ondelete="CASCADE"))
    deliverable_id: Mapped[int | None] = mapped_column(ForeignKey("deliverables.id", ondelete="CASCADE"), index=True)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    resolved_by: Mapped[str | None] = mapped_column(String(NAME_MAX))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    comments: Mapped[list[Comment]] = relationship(
        back_populates="thread", cascade="all, delete-orphan", passive_deletes=True, order_by="Comment.id"
    )

    def __repr__(self) -> str:
        return f"<CommentThread {self.id} on {self.roadmap_id}>"


class Comment(db.Model):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("comment_threads.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The author's name is copied, as in the journal, so the comment still says who wrote it.
    author: Mapped[str] = mapped_column(String(NAME_MAX))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    thread: Mapped[CommentThread] = relationship(back_populates="comments")

    def __repr__(self) -> str:
        return f"<Comment {self.id} in {self.thread_id}>"
