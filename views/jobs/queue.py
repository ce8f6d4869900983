"""The app's job queue: Huey on a SQLite file in the instance folder (the embedded default, which needs
no server), or on Redis when ``QUEUE_URL`` (``COP_ROADMAP_QUEUE_URL``) names one, so that workers can
run on other machines. Both keep queued jobs on a restart of the worker.
"""

from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask
from huey import Huey, RedisHuey, SqliteHuey

_LOCK = threading.Lock()


def queue_for(app: Flask) -> Huey:
    """The app's queue (made once per app); the modules that queue work register their tasks on it."""
    with _LOCK:
        queue = app.extensions.get("cop_roadmap_queue")
        if queue is None:
            queue = app.extensions["cop_roadmap_queue"] = _make(app)
    return queue


def _make(app: Flask) -> Huey:
    config = app.config
    url = str(config.get("QUEUE_URL") or "")
    name = str(config.get("QUEUE_NAME") or "cop-roadmap")
    if url.startswith(("redis://", "rediss://", "unix://")):
        queue: Huey = RedisHuey(name, url=url)
    elif url:
        raise ValueError(f"COP_ROADMAP_QUEUE_URL must be a redis:// address, not {url!r}")
    else:
        queue = SqliteHuey(name, filename=str(Path(app.instance_path) / "queue.sqlite3"))
    return queue
