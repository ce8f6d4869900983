"""The secret link of a roadmap's calendar feed: made, revoked, and looked up by its token.

Calendar programs cannot sign in, so the feed is read with a long random token in its URL. Only the
token's SHA-256 digest is stored; the link is shown once when made, and making a new one revokes the old.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select, update

from models.base import db
from models.operations.checks import note
from models.operations.core import Actor, lock_roadmap, transaction
from models.roadmap import Roadmap


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_feed_token(actor: Actor, roadmap_id: int) -> str:
    """Make the feed's secret token, revoking any earlier one; returns the token (shown only now)."""
    token = secrets.token_urlsafe(32)
    with transaction():
        lock_roadmap(roadmap_id)
        r = Roadmap.__table__.c
        made = {"feed_token_hash": _digest(token), "feed_token_by_id": actor.user_id}
        db.session.execute(update(Roadmap.__table__).where(r.id == roadmap_id).values(**made))
        note(actor, roadmap_id, "calendar link made")
    return token


def revoke_feed_token(actor: Actor, roadmap_id: int) -> None:
    """Revoke the feed's link: calendars that subscribed to it stop updating."""
    with transaction():
        lock_roadmap(roadmap_id, while_archived=True)  # closing a link stays possible on an archived roadmap
        r = Roadmap.__table__.c
        db.session.execute(
            update(Roadmap.__table__).where(r.id == roadmap_id).values(feed_token_hash=None, feed_token_by_id=None)
        )
        note(actor, roadmap_id, "calendar link revoked")


def has_feed(roadmap_id: int) -> bool:
    r = Roadmap.__table__.c
    return db.session.scalar(select(r.feed_token_hash).where(r.id == roadmap_id)) is not None


def roadmap_by_feed_token(token: str) -> tuple[int, int | None] | None:
    """The roadmap whose feed this token opens and the id of the link's maker, or None (also for
    malformed tokens). The caller checks the maker may still read the roadmap."""
    if not token or len(token) > 100:
        return None
    r = Roadmap.__table__.c
    row = db.session.execute(select(r.id, r.feed_token_by_id).where(r.feed_token_hash == _digest(token))).first()
    return None if row is None else (row.id, row.feed_token_by_id)


# Last, because models.operations imports this module to re-export it.
