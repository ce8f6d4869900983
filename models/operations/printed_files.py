"""The PDF store in the database (models/printed_file.py): the same two calls as the folder of
roadmap/printing/cache.py, so the web and the workers use either without knowing which."""

from __future__ import annotations

from sqlalchemy import delete, func, select, update

from models.base import db, utcnow
from models.operations.core import OperationError, transaction
from models.printed_file import PrintedFile


class DatabaseFileStore:
    """Printed PDFs in the ``printed_files`` table, the least recently used dropped beyond ``max_bytes``."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes

    def get(self, key: str) -> bytes | None:
        """The PDF kept for this key, or None; marks it used."""
        data = db.session.scalar(select(PrintedFile.data).where(PrintedFile.key == key))
        if data is None:
            db.session.rollback()
            return None
        with transaction():
            db.session.execute(update(PrintedFile).where(PrintedFile.key == key).values(used_at=utcnow()))
        return bytes(data)

    def put(self, key: str, data: bytes) -> None:
        """Keep a PDF; a second writer of the same key (the same content) changes nothing."""
        try:
            with transaction():
                if db.session.get(PrintedFile, key) is None:
                    db.session.add(PrintedFile(key=key, data=data, size=len(data)))
        except OperationError:
            pass  # another worker stored the very same content at the same moment
        self._trim(keep=key)

    def _trim(self, keep: str) -> None:
        total = db.session.scalar(select(func.coalesce(func.sum(PrintedFile.size), 0))) or 0
        if total <= self.max_bytes:
            db.session.rollback()
            return
        oldest = db.session.execute(
            select(PrintedFile.key, PrintedFile.size).where(PrintedFile.key != keep).order_by(PrintedFile.used_at)
        ).all()
        going = []
        for key, size in oldest:
            if total <= self.max_bytes:
                break
            going.append(key)
            total -= size
        with transaction():
            db.session.execute(delete(PrintedFile).where(PrintedFile.key.in_(going)))
