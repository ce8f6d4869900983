"""A folder of rendered PDFs keyed by what they were made from, so an unchanged roadmap downloads at once."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from roadmap.printing.document import TEMPLATES_DIR

MAX_FILES = 200


@cache
def templates_digest(root: Path = TEMPLATES_DIR) -> str:
    """A digest of every template file and the WeasyPrint version: changes when the layout can."""
    digest = hashlib.sha256(version("weasyprint").encode())
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(document: dict[str, Any], **facts: object) -> str:
    """A key for one rendering: the roadmap's cop-roadmap/1 document plus everything else printed."""
    payload = json.dumps(
        {"document": document, "facts": facts, "templates": templates_digest()},
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class PdfCache:
    """Rendered PDFs in a folder, one file per key, the oldest dropped beyond ``max_files``."""

    def __init__(self, directory: Path, max_files: int = MAX_FILES):
        self.directory = Path(directory)
        self.max_files = max_files

    def get(self, key: str) -> bytes | None:
        """The cached PDF for this key, or None."""
        path = self.directory / f"{key}.pdf"
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None

    def put(self, key: str, data: bytes) -> None:
        """Store a PDF; a reader never sees half a file, even with two writers at once."""
        self.directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, self.directory / f"{key}.pdf")
        self._trim()

    def _trim(self) -> None:
        files = sorted(self.directory.glob("*.pdf"), key=lambda p: p.stat().st_mtime)
        for old in files[: max(0, len(files) - self.max_files)]:
            old.unlink(missing_ok=True)
