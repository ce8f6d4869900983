"""Consistent copies of an SQLite database, taken while the app keeps writing, and their restore."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; the message is one line for the user."""


def _check(path: Path) -> None:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{path.name} is not an SQLite database ({exc})") from None
    if result != "ok":
        raise BackupError(f"{path.name} fails its integrity check: {result}")
    if not {"roadmaps", "alembic_version"} <= tables:
        raise BackupError(f"{path.name} is not a COP Roadmap database")


def backup_sqlite(database: Path, target: Path) -> None:
    """Copy the live database with SQLite's online backup, check the copy, then move it into place."""
    if not database.exists():
        raise BackupError(f"no database at {database}")
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        # The backup API copies a consistent snapshot page by page, waiting out writers as needed.
        with sqlite3.connect(database, timeout=30) as source, sqlite3.connect(tmp) as copy:
            source.backup(copy)
        _check(Path(tmp))
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)


def restore_sqlite(source: Path, database: Path) -> None:
    """Replace the database's content with a checked backup, in one step for any reader."""
    if not source.is_file():
        raise BackupError(f"no backup file at {source}")
    _check(source)
    with sqlite3.connect(source) as backup, sqlite3.connect(database, timeout=30) as live:
        backup.backup(live)
