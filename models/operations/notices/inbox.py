"""What a person does with their own notices: read them, and choose how they hear of them by e-mail.

These touch no roadmap, so they take no roadmap lock and are not journalled; each is idempotent, so a
link followed twice or a form sent twice does no harm.
"""

from __future__ import annotations

import json

from sqlalchemy import update

from models.base import db, utcnow
from models.notification import Notification
from models.operations.core import OperationError, transaction
from models.user import MailChoice, User
from roadmap.i18n import N_


def mark_read(user_id: int, notice_id: int) -> tuple[int, int | None]:
    """Mark one of the user's notices read (kept as read if it was); returns where it leads, its
    roadmap and thread ids. OperationError when it is not theirs."""
    with transaction():
        notice = db.session.get(Notification, notice_id)
        if notice is None or notice.recipient_id != user_id:
            raise OperationError(N_("no such notice in your inbox"))
        target = (notice.roadmap_id, notice.thread_id)
        if notice.read_at is None:
            notice.read_at = utcnow()
    return target


def mark_all_read(user_id: int) -> int:
    """Mark every unread notice of the user read; returns how many there were."""
    n = Notification.__table__.c
    with transaction():
        result = db.session.execute(
            update(Notification.__table__)
            .where(n.recipient_id == user_id, n.read_at.is_(None))
            .values(read_at=utcnow())
        )
    return result.rowcount


def set_mail_choice(user_id: int, choice: str) -> MailChoice:
    """Set how the user hears of their notices by e-mail: each one, a daily digest, or none."""
    try:
        wanted = MailChoice(choice)
    except ValueError:
        raise OperationError(N_("%(choice)s is not a choice of e-mail"), choice=json.dumps(str(choice))) from None
    with transaction():
        db.session.execute(update(User.__table__).where(User.__table__.c.id == user_id).values(mail_notices=wanted))
    return wanted


def set_language(user_id: int, language: str) -> None:
    """Remember the interface language the user chose, for the e-mails written to them."""
    with transaction():
        db.session.execute(update(User.__table__).where(User.__table__.c.id == user_id).values(language=language))
