"""Printed PDFs and their printed parts kept in the database, for installations whose web servers and
print workers run on different machines: what a worker printed, every web server can hand out and
every worker can reuse (views/files/printing.py chooses this store with ``PDF_STORE = "database"``;
the instance folder is the default)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import UTCDateTime, db, utcnow


class PrintedFile(db.Model):
    __tablename__ = "printed_files"

    # The content key (roadmap/printing/cache.py): a file is never changed, only replaced by another key.
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    # "pdf" (a whole roadmap) or "part" (roadmap/printing/parts.py): each kind has its own size cap.
    kind: Mapped[str] = mapped_column(String(8), default="pdf", server_default="pdf")
    data: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)
    # Read or written last: past the size cap the files used longest ago are dropped first.
    used_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    def __repr__(self) -> str:
        return f"<PrintedFile {self.kind} {self.key[:12]} {self.size} bytes>"
