"""Folders of printed files keyed by what they were made from: whole PDFs, so an unchanged roadmap
downloads at once, and printed parts (roadmap/printing/parts.py), so an edit prints again only the
parts it changes.

Each folder is bounded in size: past the cap the files used longest ago go first (a read touches a
file's time of change, so a PDF people keep downloading stays).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roadmap.printing.document import TEMPLATE_VERSION, TEMPLATES_DIR

if TYPE_CHECKING:
    from roadmap.printing.join import Part

DEFAULT_CACHE_MB = 500


@cache
def templates_digest(root: Path = TEMPLATES_DIR) -> str:
    """A digest of every template file, the building code's version and WeasyPrint's: changes when the
    layout can."""
    digest = hashlib.sha256(f"{version('weasyprint')} {TEMPLATE_VERSION}".encode())
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(document: dict[str, Any], **facts: object) -> str:
    """A key for one rendering: the roadmap's cop-roadmap/1 document plus everything else printed."""
    payload = json.dumps(
        {"document": document, "facts": facts, "templates": templates_digest(), "fonts": fonts_stamp()},
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@cache
def fonts_stamp() -> str:
    """A digest of the installed fonts' names, sizes and times: a printed part depends on them too."""
    digest = hashlib.sha256()
    for root in ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".local/share/fonts")):
        for path in sorted(Path(root).rglob("*")) if Path(root).is_dir() else ():
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


class PdfCache:
    """Printed files in a folder, one per key, the least recently used dropped beyond ``max_bytes``."""

    def __init__(self, directory: Path, max_bytes: int = DEFAULT_CACHE_MB * 1024 * 1024, suffix: str = ".pdf"):
        self.directory = Path(directory)
        self.max_bytes = max_bytes
        self.suffix = suffix

    def path(self, key: str) -> Path:
        """Where the file for this key is (or would be) kept."""
        return self.directory / f"{key}{self.suffix}"

    def get(self, key: str) -> bytes | None:
        """The file kept for this key, or None."""
        path = self.path(key)
        try:
            data = path.read_bytes()
            os.utime(path)
        except FileNotFoundError:
            return None
        return data

    def put(self, key: str, data: bytes) -> None:
        """Keep a file; a reader never sees half a file, even with two writers at once."""
        self.directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, self.path(key))
        self._trim(keep=key)

    def claim(self, key: str) -> bool:
        """Keep an empty file under ``key`` unless one is there: True for the one caller that made it."""
        self.directory.mkdir(parents=True, exist_ok=True)
        try:
            os.close(os.open(self.path(key), os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            return False
        return True

    def age(self, key: str) -> float | None:
        """Seconds since the file was last kept or read, or None when there is none."""
        try:
            return max(0.0, time.time() - self.path(key).stat().st_mtime)
        except FileNotFoundError:
            return None

    def touch(self, key: str) -> None:
        """Mark the file used now."""
        with contextlib.suppress(FileNotFoundError):
            os.utime(self.path(key))

    def delete(self, *keys: str) -> None:
        """Let these files go (those already gone are no matter)."""
        for key in keys:
            self.path(key).unlink(missing_ok=True)

    def _trim(self, keep: str) -> None:
        files = []
        for path in self.directory.glob(f"*{self.suffix}"):
            try:
                stat = path.stat()
            except FileNotFoundError:  # another writer trimmed it meanwhile
                continue
            files.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _, size, _ in files)
        for _, size, path in sorted(files):
            if total <= self.max_bytes:
                break
            if path.stem != keep:  # the file just made is what someone is waiting for
                path.unlink(missing_ok=True)
                total -= size


@dataclass(frozen=True)
class PartCache:
    """Printed parts, keyed by their HTML (which holds their first page number and every number they
    show) with ``salt``: the templates, WeasyPrint and the fonts, worked out once by whoever makes it."""

    files: PdfCache  # or any store with the same get and put
    salt: str

    @classmethod
    def in_folder(cls, directory: Path, max_bytes: int) -> PartCache:
        return cls.in_store(PdfCache(directory, max_bytes, suffix=".part"))

    @classmethod
    def in_store(cls, files) -> PartCache:
        """Parts kept in any store with ``get(key)`` and ``put(key, data)``: a folder, or the database
        (models/stores/database.py), which the render's child process reaches on its own."""
        return cls(files, templates_digest() + fonts_stamp())

    def key(self, *pieces: str) -> str:
        digest = hashlib.sha256(self.salt.encode())
        for piece in pieces:
            digest.update(b"\0" + piece.encode("utf-8"))
        return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Layout:
    """A laid-out part: its length, and where the anchors it owns fall."""

    pages: int
    anchors: dict[str, int]  # the absolute page (from 1) of each anchor the part owns


def layout_record(layout: Layout) -> bytes:
    """A layout as kept: a line of JSON."""
    return json.dumps({"pages": layout.pages, "anchors": layout.anchors}).encode()


def layout_of(data: bytes) -> Layout | None:
    """A kept layout, or None when the record is not one."""
    try:
        fields = json.loads(data)
        return Layout(int(fields["pages"]), {str(k): int(v) for k, v in fields["anchors"].items()})
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def pack(part: Part, layout: Layout) -> bytes:
    """A printed part as one file: a line of JSON (its layout, outline and page shapes), then its PDF."""
    head = {
        "pages": layout.pages,
        "anchors": layout.anchors,
        "bookmarks": part.bookmarks,
        "landscape": part.landscape,
    }
    return json.dumps(head, ensure_ascii=True).encode() + b"\n" + part.pdf


def unpack(data: bytes) -> tuple[Part, Layout] | None:
    """The kept part, or None when the file is not one (damaged, or from another version): printed anew."""
    from roadmap.printing.join import Part  # here: pikepdf loads only where parts are joined

    head, _, pdf = data.partition(b"\n")
    try:
        fields = json.loads(head)
        layout = Layout(int(fields["pages"]), dict(fields["anchors"]))
        part = Part(pdf=pdf, bookmarks=list(fields["bookmarks"]), landscape=tuple(fields["landscape"]))
    except (ValueError, KeyError, TypeError):
        return None
    if not pdf.startswith(b"%PDF-") or len(part.landscape) != layout.pages:
        return None
    return part, layout
