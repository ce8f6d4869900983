"""Issuing, listing, revoking and checking personal API tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update

from models.api_token import ApiToken
from models.base import db, utcnow
from models.operations.checks import clean_text
from models.operations.core import OperationError, transaction
from models.user import User
from roadmap.i18n import N_
from roadmap.vocabulary import NAME_MAX

TOKEN_PREFIX = "cop_"  # noqa: S105 -- a marker that tells a token apart, not a secret
# Writing "last used" on every request would make every API read a write; once a minute is enough to tell.
_TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class TokenSummary:
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user_id: int, name: str) -> str:
    """Make a token for the user; returns it (the only time it is shown)."""
    label = clean_text(name, N_("token name"), NAME_MAX, required=True)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction():
        db.session.add(ApiToken(user_id=user_id, name=label, token_hash=_digest(token), prefix=token[:12]))
    return token


def tokens_of(user_id: int) -> list[TokenSummary]:
    """The user's tokens, newest first, revoked ones included."""
    t = ApiToken.__table__.c
    rows = db.session.execute(
        select(t.id, t.name, t.prefix, t.created_at, t.last_used_at, t.revoked_at)
        .where(t.user_id == user_id)
        .order_by(t.id.desc())
    )
    return [TokenSummary(*row) for row in rows]


def revoke_token(user_id: int, token_id: int) -> None:
    """Revoke one of the user's own tokens; scripts using it are refused from now on."""
    with transaction():
        t = ApiToken.__table__.c
        done = db.session.execute(
            update(ApiToken.__table__)
            .where(t.id == token_id, t.user_id == user_id, t.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
        if done.rowcount != 1:
            raise OperationError(N_("no such active token"))


def user_for_token(token: str) -> User | None:
    """The active user a live token acts for, or None (unknown, revoked, malformed, or the user deactivated)."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    t = ApiToken.__table__.c
    row = db.session.execute(
        select(t.id, t.user_id, t.last_used_at).where(t.token_hash == _digest(token), t.revoked_at.is_(None))
    ).one_or_none()
    if row is None:
        return None
    user = db.session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    now = utcnow()
    if row.last_used_at is None or now - row.last_used_at > _TOUCH_EVERY:
        db.session.execute(update(ApiToken.__table__).where(t.id == row.id).values(last_used_at=now))
        db.session.commit()
    return user


# Last, because models.operations imports the modules it re-exports.
