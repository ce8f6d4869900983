"""Reading the inbox: a person's notices, how many are unread, and what a returned roadmap was told."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import aliased

from models.base import db
from models.journal import JournalEntry
from models.notification import NoticeKind, Notification
from models.roadmap import Roadmap
from models.tracking import CommentThread
from models.user import User

SHOWN = 100  # the inbox lists the newest notices; older ones stay, read, out of the way


@dataclass(frozen=True, slots=True)
class Notice:
    """A notice as the inbox and the e-mails show it."""

    id: int
    kind: NoticeKind
    actor: str
    excerpt: str | None
    created_at: datetime
    read_at: datetime | None
    roadmap_id: int
    roadmap_title: str
    thread_id: int | None
    deliverable_id: int | None

    @property
    def unread(self) -> bool:
        return self.read_at is None


@dataclass(frozen=True, slots=True)
class Recipient:
    """Whom a mail goes to."""

    id: int
    name: str
    email: str
    language: str | None = None  # the interface language they chose; None: the site's default


def _notices():
    n, t = Notification.__table__.c, CommentThread.__table__.c
    return (
        select(
            n.id,
            n.kind,
            n.actor,
            n.excerpt,
            n.created_at,
            n.read_at,
            n.roadmap_id,
            Roadmap.__table__.c.title,
            n.thread_id,
            t.deliverable_id,
        )
        .join(Roadmap.__table__, Roadmap.__table__.c.id == n.roadmap_id)
        .outerjoin(CommentThread.__table__, t.id == n.thread_id)
    )


def inbox(user_id: int, limit: int = SHOWN) -> list[Notice]:
    """The user's newest notices, newest first; one query."""
    n = Notification.__table__.c
    query = _notices().where(n.recipient_id == user_id).order_by(n.created_at.desc(), n.id.desc()).limit(limit)
    return [Notice(*row) for row in db.session.execute(query)]


def notices(ids: list[int]) -> list[Notice]:
    """These notices, oldest first (what a mail lists)."""
    n = Notification.__table__.c
    return [Notice(*row) for row in db.session.execute(_notices().where(n.id.in_(ids)).order_by(n.id))]


def recipients(notice_ids: list[int]) -> dict[int, Recipient]:
    """Whom each of these notices is for, by notice id; one query."""
    n = Notification.__table__.c
    rows = db.session.execute(
        select(n.id, User.id, User.name, User.email, User.language)
        .join(Notification.__table__, n.recipient_id == User.id)
        .where(n.id.in_(notice_ids))
    )
    return {row[0]: Recipient(*row[1:]) for row in rows}


def unread_count(user_id: int) -> int:
    """How many of the user's notices are unread: one COUNT on the (recipient, read) index."""
    n = Notification.__table__.c
    return db.session.scalar(
        select(func.count()).select_from(Notification.__table__).where(n.recipient_id == user_id, n.read_at.is_(None))
    )


def return_comments(roadmap_ids: list[int]) -> dict[int, str]:
    """For each of these roadmaps whose last review step was a return to draft, the comment it was
    returned with (as the journal keeps it, shortened); one query.

    A return writes "status changed" (in review → draft) and then its comment, in one transaction under
    the roadmap's lock, so the return's comment is the first comment journalled after it. Once the
    roadmap is submitted again, its last step is no longer a return.
    """
    if not roadmap_ids:
        return {}
    j, c = JournalEntry, aliased(JournalEntry)
    last_step = (
        select(j.roadmap_id, func.max(j.id).label("id"))
        .where(j.roadmap_id.in_(roadmap_ids), j.action == "status changed")
        .group_by(j.roadmap_id)
        .subquery()
    )
    comment = (
        select(c.new_value)
        .where(c.roadmap_id == j.roadmap_id, c.action == "comment added", c.id > j.id)
        .order_by(c.id)
        .limit(1)
        .correlate(j)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(j.roadmap_id, comment)
        .join(last_step, and_(last_step.c.id == j.id))
        .where(j.old_value == "in_review", j.new_value == "draft")
    )
    return {roadmap_id: text for roadmap_id, text in rows if text}
