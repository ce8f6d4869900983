"""Claiming notices for an e-mail, so that each is mailed once.

A claim sets ``mailed_at`` in one conditional UPDATE, committed before the mail is sent: a second run
of the same job, or a second worker, finds nothing left to claim. A mail that could not be sent gives
its claim back (``release``), so the job's retry sends it.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, update

from models.base import db, utcnow
from models.notification import Notification
from models.operations.core import transaction
from models.user import MailChoice, User


def claim_each(notice_ids: Iterable[int]) -> list[int]:
    """Claim the notices, among these, that are to be mailed one by one: unread, not mailed yet, their
    recipient active and asking for a mail for each notice. Returns the ids claimed."""
    wanted = select(User.id).where(User.active, User.mail_notices == MailChoice.EACH)
    return _claim(Notification.id.in_(list(notice_ids)), Notification.recipient_id.in_(wanted))


def claim_digest(user_id: int) -> list[int]:
    """Claim every unread, unmailed notice of a user who asks for a daily digest; returns the ids."""
    wanted = select(User.id).where(User.id == user_id, User.active, User.mail_notices == MailChoice.DAILY)
    return _claim(Notification.recipient_id.in_(wanted))


def release(notice_ids: Iterable[int]) -> None:
    """Give back the claim on notices whose mail could not be sent."""
    with transaction():
        db.session.execute(
            update(Notification.__table__)
            .where(Notification.__table__.c.id.in_(list(notice_ids)))
            .values(mailed_at=None)
        )


def digest_recipients() -> list[int]:
    """The users who ask for a daily digest and have unread notices not mailed yet."""
    waiting = select(Notification.recipient_id).where(Notification.mailed_at.is_(None), Notification.read_at.is_(None))
    query = select(User.id).where(User.id.in_(waiting), User.active, User.mail_notices == MailChoice.DAILY)
    return list(db.session.scalars(query.order_by(User.id)))


def _claim(*conditions) -> list[int]:
    n = Notification.__table__.c
    with transaction():
        claimed = db.session.scalars(
            update(Notification.__table__)
            .where(n.mailed_at.is_(None), n.read_at.is_(None), *conditions)
            .values(mailed_at=utcnow())
            .returning(n.id)
        ).all()
    return sorted(claimed)
