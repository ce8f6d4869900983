"""A person's inbox: one row per thing that happened to a roadmap they are concerned with.

Rows are written in the same transaction as the change they tell of (models/operations/notices/),
so a submission that rolls back leaves no notice behind. The actor's name and a short excerpt are
copied, as in the journal, so a notice still reads right after the account or the comment is gone.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import UTCDateTime, db, enum_column, utcnow
from roadmap.vocabulary import NAME_MAX

EXCERPT_MAX = 200


class NoticeKind(StrEnum):
    """What happened: a review step, or a word in a comment thread."""

    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"
    REOPENED = "reopened"
    THREAD = "thread"
    REPLY = "reply"


class Notification(db.Model):
    __tablename__ = "notifications"
    # The header counts a person's unread notices on every page; the inbox lists them newest first.
    __table_args__ = (
        Index("ix_notifications_recipient_read", "recipient_id", "read_at"),
        Index("ix_notifications_recipient_created", "recipient_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    roadmap_id: Mapped[int] = mapped_column(ForeignKey("roadmaps.id", ondelete="CASCADE"), index=True)
    # Where the notice leads: the thread (on the roadmap or one of its deliverables), or, without one,
    # the roadmap's review page. A thread removed with its deliverable leaves the notice on the roadmap.
    thread_id: Mapped[int | None] = mapped_column(ForeignKey("comment_threads.id", ondelete="SET NULL"), index=True)
    kind: Mapped[NoticeKind] = mapped_column(enum_column(NoticeKind, "notice_kind"))
    actor: Mapped[str] = mapped_column(String(NAME_MAX))
    excerpt: Mapped[str | None] = mapped_column(String(EXCERPT_MAX))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when the notice is claimed for an e-mail (alone or in a digest): a job run twice mails it once.
    mailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def __repr__(self) -> str:
        return f"<Notification {self.id} {self.kind} for {self.recipient_id}>"
