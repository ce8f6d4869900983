"""The file store in the database (models/printed_file.py): the same two calls as the folder of
roadmap/printing/cache.py, so the web and the workers use either without knowing which.

It reaches the database through an engine of its own, made once per process from the URL it was
given: a store travels to the render's child process (roadmap/printing/render.py), which has no app
and must not share its parent's connections, and keeps printed parts there as they are printed.
"""

from __future__ import annotations

import logging
import os
import threading

from sqlalchemy import create_engine, delete, func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from models.base import utcnow
from models.engine import configure_engine
from models.printed_file import PrintedFile

LOG = logging.getLogger(__name__)
_TABLE = PrintedFile.__table__
_ENGINES: dict[tuple[int, str], Engine] = {}
_ENGINES_LOCK = threading.Lock()


def _engine(url: str) -> Engine:
    # Keyed by process too: a forked child makes its own connections instead of using its parent's.
    key = (os.getpid(), url)
    with _ENGINES_LOCK:
        engine = _ENGINES.get(key)
        if engine is None:
            engine = _ENGINES[key] = create_engine(url, pool_size=2, max_overflow=2, pool_pre_ping=True)
            configure_engine(engine)
        return engine


class DatabaseFileStore:
    """Printed files of one ``kind`` ("pdf" or "part") in the ``printed_files`` table, the least
    recently used of that kind dropped beyond ``max_bytes``."""

    def __init__(self, url: str, max_bytes: int, kind: str = "pdf"):
        self.url, self.max_bytes, self.kind = url, max_bytes, kind

    def get(self, key: str) -> bytes | None:
        """The file kept for this key, or None; marks it used. A part the database cannot give is a
        part printed anew: the print goes on (a whole PDF's failure is the print's)."""
        try:
            return self._get(key)
        except SQLAlchemyError:
            if self.kind != "part":
                raise
            LOG.warning("a printed part could not be read from the database; printing it anew", exc_info=True)
            return None

    def _get(self, key: str) -> bytes | None:
        with _engine(self.url).begin() as connection:
            data = connection.scalar(select(_TABLE.c.data).where(_TABLE.c.key == key))
            if data is not None:
                connection.execute(update(_TABLE).where(_TABLE.c.key == key).values(used_at=utcnow()))
        return None if data is None else bytes(data)

    def put(self, key: str, data: bytes) -> None:
        """Keep a file; a second writer of the same key (the same content) changes nothing. A part the
        database cannot take is only not kept."""
        try:
            self._put(key, data)
        except SQLAlchemyError:
            if self.kind != "part":
                raise
            LOG.warning("a printed part could not be kept in the database", exc_info=True)

    def _put(self, key: str, data: bytes) -> None:
        engine = _engine(self.url)
        try:
            with engine.begin() as connection:
                connection.execute(
                    insert(_TABLE).values(key=key, kind=self.kind, data=data, size=len(data), used_at=utcnow())
                )
        except IntegrityError:
            pass  # another worker stored the very same content at the same moment
        with engine.begin() as connection:
            self._trim(connection, keep=key)

    def claim(self, key: str) -> bool:
        """Keep an empty record under ``key`` unless one is there: True for the one caller, on any
        machine, whose record it is."""
        try:
            with _engine(self.url).begin() as connection:
                connection.execute(insert(_TABLE).values(key=key, kind=self.kind, data=b"", size=0, used_at=utcnow()))
        except IntegrityError:
            return False
        return True

    def age(self, key: str) -> float | None:
        """Seconds since the record was last kept or read, or None when there is none."""
        with _engine(self.url).connect() as connection:
            used = connection.scalar(select(_TABLE.c.used_at).where(_TABLE.c.key == key))
        return None if used is None else max(0.0, (utcnow() - used).total_seconds())

    def touch(self, key: str) -> None:
        """Mark the record used now."""
        with _engine(self.url).begin() as connection:
            connection.execute(update(_TABLE).where(_TABLE.c.key == key).values(used_at=utcnow()))

    def delete(self, *keys: str) -> None:
        """Let these records go (those already gone are no matter)."""
        if keys:
            with _engine(self.url).begin() as connection:
                connection.execute(delete(_TABLE).where(_TABLE.c.key.in_(keys)))

    def _trim(self, connection, keep: str) -> None:
        mine = _TABLE.c.kind == self.kind
        total = connection.scalar(select(func.coalesce(func.sum(_TABLE.c.size), 0)).where(mine)) or 0
        if total <= self.max_bytes:
            return
        oldest = connection.execute(
            select(_TABLE.c.key, _TABLE.c.size).where(mine, _TABLE.c.key != keep).order_by(_TABLE.c.used_at)
        ).all()
        going = []
        for key, size in oldest:
            if total <= self.max_bytes:
                break
            going.append(key)
            total -= size
        if going:
            connection.execute(delete(_TABLE).where(_TABLE.c.key.in_(going)))
