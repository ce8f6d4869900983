"""Browser sessions kept on the server (Flask-Session): the cookie carries a random id and nothing else.

With the signed-cookie sessions Flask has by default, a copied cookie stays valid until it expires,
whatever its owner does. Kept on the server, a session ends for good when its owner signs out: the
row is emptied, and the copy opens nothing. An account stopped by an administrator, or given a new
password, ends all its sessions through the user's ``session_epoch`` (views/extensions.py).

By default the sessions live in the app's own database (the ``web_sessions`` table, made by the
migrations); ``SESSION_URL = "redis://…"`` keeps them in Redis instead.
"""

from __future__ import annotations

from flask import Flask
from flask_session.base import ServerSideSessionInterface
from flask_session.redis import RedisSessionInterface
from flask_session.sqlalchemy import SqlAlchemySessionInterface

from models import WebSession, db

KEY_PREFIX = "cop-roadmap-session:"
SID_LENGTH = 32
# Expired rows are deleted on about one request in this many: no scheduled job to run
# (SESSION_CLEANUP_N_REQUESTS sets another; 0, never).
CLEANUP_EVERY = 500


class DatabaseSessions(SqlAlchemySessionInterface):
    """Flask-Session's SQLAlchemy store on the app's own model. Its own model class would be defined
    anew each time an app is made in one process (a known regression of Flask-Session 0.8), and its
    table made outside the migrations."""

    def __init__(self, app: Flask) -> None:
        self.client = db
        self.sql_session_model = WebSession
        ServerSideSessionInterface.__init__(
            self,
            app,
            key_prefix=KEY_PREFIX,
            permanent=False,
            sid_length=SID_LENGTH,
            serialization_format="msgpack",
            cleanup_n_requests=app.config.get("SESSION_CLEANUP_N_REQUESTS", CLEANUP_EVERY),
        )


def init_sessions(app: Flask) -> None:
    """Keep the app's sessions on the server: in its database, or in Redis with ``SESSION_URL``."""
    url = str(app.config.get("SESSION_URL") or "")
    if url.startswith(("redis://", "rediss://", "unix://")):
        from redis import Redis

        app.session_interface = RedisSessionInterface(
            app, client=Redis.from_url(url), key_prefix=KEY_PREFIX, permanent=False, sid_length=SID_LENGTH
        )
    elif url:
        raise ValueError(f'COP_ROADMAP_SESSION_URL must be a redis:// URL or unset, not "{url}"')
    else:
        app.session_interface = DatabaseSessions(app)
