"""The one-time tokens of create forms: a form sent again (Back, then Save) finds its token spent and
shows what it saved the first time instead of saving a copy.

Kept in the database, not in a worker's memory or the session, so the second send finds the first
whichever server process answers it. A token belongs to the user whose page carried it; spent tokens
are forgotten after ``KEPT``, when no page that carried one can still be sent (its CSRF token and the
session it belongs to have long expired).
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, String, delete, select, update
from sqlalchemy.orm import Mapped, mapped_column

from models.base import UTCDateTime, db, utcnow

KEPT = timedelta(days=2)
TOKEN_MAX = 43
# What new_token() makes; anything else posted is not a token of ours and guards nothing.
_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,43}")
TARGET_MAX = 500


class FormToken(db.Model):
    __tablename__ = "form_tokens"

    token: Mapped[str] = mapped_column(String(TOKEN_MAX), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # Where what the form saved is shown; empty until the change has committed.
    target: Mapped[str | None] = mapped_column(String(TARGET_MAX))
    spent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    def __repr__(self) -> str:
        return f"<FormToken of user {self.user_id}>"


def new_token() -> str:
    """A fresh token for a create form's page."""
    return secrets.token_urlsafe(24)


def well_formed(token: str | None) -> bool:
    """Whether a posted value looks like a token this site gave out."""
    return bool(token) and _SHAPE.fullmatch(token) is not None


def spent(token: str | None, user_id: int) -> str | None:
    """Where the change a spent token saved is shown ("" while it is being saved), or None if unspent."""
    if not well_formed(token):
        return None
    row = db.session.execute(
        select(FormToken.target).where(
            FormToken.token == token, FormToken.user_id == user_id, FormToken.spent_at > utcnow() - KEPT
        )
    ).one_or_none()
    return None if row is None else row.target or ""


def spend(token: str | None, user_id: int) -> bool:
    """Put the token's row in the session, so the next transaction commits it together with the change
    it guards, or drops it with a refused change (the form can then be corrected and sent again).
    Two sends at the same moment cannot both commit: the second clashes on the token. False, and
    nothing added, for a value that is not a token."""
    if not well_formed(token):
        return False
    db.session.add(FormToken(token=token, user_id=user_id))
    return True


def settle(token: str | None, user_id: int, target: str) -> None:
    """Record where the saved change is shown, and forget tokens spent too long ago."""
    if not well_formed(token):
        return
    t = FormToken.__table__.c
    db.session.execute(
        update(FormToken.__table__).where(t.token == token, t.user_id == user_id).values(target=target[:TARGET_MAX])
    )
    db.session.execute(delete(FormToken.__table__).where(t.spent_at < utcnow() - KEPT))
    db.session.commit()
