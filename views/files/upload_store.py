"""Uploaded plans waiting for their owner to confirm them, kept on the server, never in the browser.

Between the preview and the confirmation the checked cop-roadmap/1 document is stored in the
instance folder under a random token. The token is also kept in the signed session cookie and
the file records the user it belongs to, so only the person who uploaded it, in the same
session, can confirm it; a stored upload expires after an hour and is swept on the next upload.
Each person has at most one waiting (a new upload replaces the last), and a preview past
``MAX_STORED_BYTES`` is refused rather than kept.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from flask import current_app, session

from roadmap.i18n import N_, Explained

EXPIRES_AFTER_S = 3600
MAX_STORED_BYTES = 8 * 1024 * 1024
_SESSION_KEY = "pending_upload"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")


class UploadTooLarge(Explained):
    """A checked plan too large to keep for its confirmation."""


def _folder() -> Path:
    folder = Path(current_app.instance_path) / "pending-uploads"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _number(value: Decimal) -> int | float | str:
    # Amounts are written as text so that 12000.10 comes back exactly, not as a binary fraction.
    return str(value)


def keep(document: dict[str, Any], user_id: int) -> str:
    """Store a checked document for this user and session, in place of any they had waiting; returns
    its token. UploadTooLarge past MAX_STORED_BYTES."""
    _sweep()
    record = json.dumps(
        {"user_id": user_id, "created": time.time(), "document": document}, default=_number, ensure_ascii=False
    ).encode("utf-8")
    if len(record) > MAX_STORED_BYTES:
        raise UploadTooLarge(
            N_("the plan read from the file is %(size)s MB of text; at most %(most)s MB can wait for confirmation"),
            size=round(len(record) / 1024 / 1024, 1),
            most=MAX_STORED_BYTES // 1024 // 1024,
        )
    for earlier in _folder().glob(f"{user_id}-*.json"):
        earlier.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    fd = os.open(_folder() / f"{user_id}-{token}.json", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(record)
    session[_SESSION_KEY] = token
    return token


def take(token: str, user_id: int) -> dict[str, Any] | None:
    """The document stored under this token, if it is this session's and this user's and not expired."""
    if not _TOKEN.fullmatch(token or "") or session.get(_SESSION_KEY) != token:
        return None
    path = _folder() / f"{user_id}-{token}.json"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("user_id") != user_id or time.time() - record.get("created", 0) > EXPIRES_AFTER_S:
        return None
    return _amounts(record["document"])


def discard(token: str, user_id: int) -> None:
    """Forget a stored upload once it is saved or abandoned."""
    if _TOKEN.fullmatch(token or ""):
        (_folder() / f"{user_id}-{token}.json").unlink(missing_ok=True)
    session.pop(_SESSION_KEY, None)


def _amounts(document: dict[str, Any]) -> dict[str, Any]:
    for item in document.get("deliverables") or []:
        cost = item.get("cost")
        if cost and isinstance(cost.get("amount"), str):
            cost["amount"] = Decimal(cost["amount"])
    return document


def _sweep() -> None:
    cutoff = time.time() - EXPIRES_AFTER_S
    for path in _folder().glob("*.json"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            pass  # another worker swept it first
