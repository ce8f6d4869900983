"""What every use case shares: the error it raises, who acts, the transaction, the roadmap's write
lock and the journal.

Every module of ``models.operations`` imports this one; it imports none of them, so the use cases
form no import cycle.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from models.base import db, utcnow
from models.deliverable import Deliverable
from models.journal import JournalEntry
from models.roadmap import Roadmap
from models.user import User
from roadmap.i18n import N_, Explained
from roadmap.vocabulary import RoadmapStatus


class OperationError(Explained):
    """A change that cannot be made, in one line for the user: ``message`` is the English text marked with
    N_ and ``values`` what fills it, so a page says it in the reader's language (views/messages.py);
    ``str()`` is the English sentence.

    ``field`` names the operation's argument the refusal is about ("key", "name"), so a form shows it
    beside the field that gave that argument; None when it is about the change as a whole (the roadmap's
    state, a clash with another save). The operation says it with ``about``, not the text.
    """

    field: str | None = None


@contextmanager
def about(field: str) -> Iterator[None]:
    """An OperationError raised in the block is about the operation's argument ``field`` (unless it
    already names one)."""
    try:
        yield
    except OperationError as exc:
        if exc.field is None:
            exc.field = field
        raise


@dataclass(frozen=True, slots=True)
class Actor:
    """Who makes a change: a signed-in user, or a named command."""

    name: str
    user_id: int | None = None

    @classmethod
    def of(cls, user: User) -> Actor:
        return cls(name=user.name or user.email, user_id=user.id)


def journal(
    actor: Actor,
    roadmap_id: int,
    action: str,
    *,
    deliverable: Deliverable | None = None,
    field: str | None = None,
    old: object = None,
    new: object = None,
) -> None:
    db.session.add(
        JournalEntry(
            user_id=actor.user_id,
            actor=actor.name,
            roadmap_id=roadmap_id,
            deliverable_id=deliverable.id if deliverable else None,
            deliverable_key=deliverable.key if deliverable else None,
            action=action,
            field=field,
            old_value=None if old is None else str(old),
            new_value=None if new is None else str(new),
        )
    )


class StateConflict(OperationError):
    """A change the roadmap's state does not allow now (it is in review or approved, say): the same
    request may succeed once the state changes, so the API answers 409, not 422."""


class VersionConflict(OperationError):
    """A stale save: someone saved since the form was opened. ``current`` is what is saved now, field -> text;
    ``version`` is its version number when the saver may merge and save again at it (None: compare only)."""

    def __init__(
        self,
        current: dict[str, str],
        message: str = N_("someone else saved this since you opened it"),
        *,
        version: int | None = None,
    ):
        super().__init__(message)
        self.current = current
        self.version = version


@contextmanager
def transaction() -> Iterator[None]:
    """Commit what the block changed, or roll all of it back; a database refusal becomes an OperationError."""
    try:
        yield
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        # The operations check everything first, so this is a concurrent change that got in between.
        raise OperationError(N_("the change clashes with one saved at the same moment; reload and try again")) from None
    except BaseException:
        db.session.rollback()
        raise


def lock_roadmap(roadmap_id: int, *, plan_change: bool = False, while_archived: bool = False) -> RoadmapStatus:
    """Take the roadmap's write lock as the transaction's first statement and return its status, or
    refuse an unknown roadmap.

    Every change to a roadmap goes through here, so changes to one roadmap happen one after the
    other (a row lock on PostgreSQL, the write lock on SQLite): two links that would close a loop
    together, or two deliverables given the same next key, cannot both be saved.

    A ``plan_change`` (deliverables, links, stakeholders, assessments, the roadmap's own fields) is
    made in draft only: what is in review or approved is what the reviewer saw and signed, and a
    printed plan marked "Approved" must be that plan. Progress is recorded whatever the status.

    An archived roadmap is kept as it was: nothing changes it (plan, progress, comments, review) until
    it is restored. Only what must work on it anyway says ``while_archived`` (restoring or deleting it,
    revoking its calendar link).
    """
    table = Roadmap.__table__
    row = db.session.execute(
        update(table)
        .where(table.c.id == roadmap_id)
        .values(updated_at=utcnow())
        .returning(table.c.status, table.c.archived_at)
    ).one_or_none()
    if row is None:
        raise OperationError(N_("no such roadmap"))
    status, archived_at = row
    if archived_at is not None and not while_archived:
        raise StateConflict(N_("the roadmap is archived: an editor restores it before anything in it can change"))
    if plan_change and status == RoadmapStatus.APPROVED:
        raise StateConflict(
            N_("the roadmap is approved: reopen it for revision (Review and comments) before changing its plan")
        )
    if plan_change and status == RoadmapStatus.IN_REVIEW:
        raise StateConflict(
            N_("the roadmap is in review: it can be changed again once the reviewer returns it to draft")
        )
    return RoadmapStatus(status)
