"""Comment threads on a roadmap or on one of its deliverables: advisers comment, country teams reply.

Threads are resolved when their question is settled; resolved threads fold away but are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from models.base import db
from models.deliverable import Deliverable
from models.operations.checks import Ref, clean_text, note
from models.operations.core import Actor, OperationError, lock_roadmap, transaction
from models.operations.notices.record import notice_reply, notice_thread
from models.tracking import COMMENT_MAX, Comment, CommentThread
from roadmap.i18n import N_

__all__ = ["COMMENT_MAX", "ThreadView", "add_thread", "reply", "set_resolved", "threads"]


@dataclass(frozen=True, slots=True)
class CommentView:
    author: str
    body: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ThreadView:
    """A thread as a page shows it."""

    id: int
    deliverable_id: int | None
    deliverable_key: str | None
    resolved: bool
    resolved_by: str | None
    comments: tuple[CommentView, ...]


def add_thread(
    actor: Actor, roadmap_id: int, deliverable_id: int | None, body: str, *, within_transaction: bool = False
) -> int:
    """Start a thread with its first comment; on the roadmap when ``deliverable_id`` is None.

    The country's editors and the advisers following it are told in their inbox. A caller that starts
    a thread ``within_transaction`` of its own tells people itself (a return to draft says so, with
    its comment), so they are not told twice.
    """
    if within_transaction:
        return _add_thread(actor, roadmap_id, deliverable_id, body)
    with transaction():
        lock_roadmap(roadmap_id)
        thread_id = _add_thread(actor, roadmap_id, deliverable_id, body)
        notice_thread(actor, roadmap_id, thread_id, body)
        return thread_id


def _add_thread(actor: Actor, roadmap_id: int, deliverable_id: int | None, body: str) -> int:
    text = clean_text(body, N_("comment"), COMMENT_MAX, required=True)
    key = None
    if deliverable_id is not None:
        d = Deliverable.__table__.c
        key = db.session.scalar(select(d.key).where(d.id == deliverable_id, d.roadmap_id == roadmap_id))
        if key is None:
            raise OperationError(N_("no such deliverable in this roadmap"))
    thread = CommentThread(roadmap_id=roadmap_id, deliverable_id=deliverable_id, resolved=False)
    thread.comments.append(Comment(user_id=actor.user_id, author=actor.name, body=text))
    db.session.add(thread)
    db.session.flush()
    note(actor, roadmap_id, "comment added", Ref(deliverable_id, key) if key else None, new=_excerpt(text))
    return thread.id


def reply(actor: Actor, roadmap_id: int, thread_id: int, body: str) -> None:
    """Add a comment to a thread of this roadmap; replying reopens a resolved thread. The thread's other
    participants are told in their inbox."""
    with transaction():
        lock_roadmap(roadmap_id)
        text = clean_text(body, N_("reply"), COMMENT_MAX, required=True)
        _thread_of(roadmap_id, thread_id)
        db.session.add(Comment(thread_id=thread_id, user_id=actor.user_id, author=actor.name, body=text))
        t = CommentThread.__table__.c
        db.session.execute(
            update(CommentThread.__table__).where(t.id == thread_id).values(resolved=False, resolved_by=None)
        )
        note(actor, roadmap_id, "comment added", new=_excerpt(text))
        notice_reply(actor, roadmap_id, thread_id, text)


def set_resolved(actor: Actor, roadmap_id: int, thread_id: int, resolved: bool) -> None:
    """Mark a thread resolved (it folds away) or open again."""
    with transaction():
        lock_roadmap(roadmap_id)
        _thread_of(roadmap_id, thread_id)
        t = CommentThread.__table__.c
        db.session.execute(
            update(CommentThread.__table__)
            .where(t.id == thread_id)
            .values(resolved=resolved, resolved_by=actor.name if resolved else None)
        )
        note(actor, roadmap_id, "thread resolved" if resolved else "thread reopened")


def threads(roadmap_id: int, *, deliverable_id: int | None = None, roadmap_only: bool = False) -> list[ThreadView]:
    """The roadmap's threads (or one deliverable's), open ones first, then newest first; two queries."""
    t, d = CommentThread.__table__.c, Deliverable.__table__.c
    query = (
        select(t.id, t.deliverable_id, d.key, t.resolved, t.resolved_by)
        .outerjoin(Deliverable.__table__, d.id == t.deliverable_id)
        .where(t.roadmap_id == roadmap_id)
        .order_by(t.resolved, t.id.desc())
    )
    if deliverable_id is not None:
        query = query.where(t.deliverable_id == deliverable_id)
    elif roadmap_only:
        query = query.where(t.deliverable_id.is_(None))
    heads = db.session.execute(query).all()
    c = Comment.__table__.c
    bodies: dict[int, list[CommentView]] = {}
    if heads:
        for row in db.session.execute(
            select(c.thread_id, c.author, c.body, c.created_at)
            .where(c.thread_id.in_([h.id for h in heads]))
            .order_by(c.id)
        ):
            bodies.setdefault(row.thread_id, []).append(CommentView(row.author, row.body, row.created_at))
    return [
        ThreadView(h.id, h.deliverable_id, h.key, h.resolved, h.resolved_by, tuple(bodies.get(h.id, ()))) for h in heads
    ]


def thread_deliverable(roadmap_id: int, thread_id: int) -> int | None:
    """The deliverable a thread of this roadmap is about; None for a thread on the roadmap itself."""
    t = CommentThread.__table__.c
    return db.session.scalar(select(t.deliverable_id).where(t.id == thread_id, t.roadmap_id == roadmap_id))


def _thread_of(roadmap_id: int, thread_id: int) -> None:
    t = CommentThread.__table__.c
    if db.session.scalar(select(t.id).where(t.id == thread_id, t.roadmap_id == roadmap_id)) is None:
        raise OperationError(N_("no such comment thread in this roadmap"))


def _excerpt(text: str) -> str:
    return text if len(text) <= 120 else text[:119] + "…"


# Last, because models.operations imports this module to re-export it.
