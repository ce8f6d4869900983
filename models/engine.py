"""Connection settings every engine needs before its first query."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Engine

SQLITE_BUSY_TIMEOUT_MS = 5000


def configure_engine(engine: Engine) -> None:
    """Turn on SQLite's foreign keys, WAL and busy timeout on every new connection."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        # SQLite ignores foreign keys unless asked, per connection; WAL lets readers and a
        # writer work at once; the timeout makes a writer wait instead of failing at once.
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()
