"""The app's job queue: Huey on a SQLite file in the instance folder (the embedded default, which needs
no server), or on Redis when ``QUEUE_URL`` (``COP_ROADMAP_QUEUE_URL``) names one, so that workers can
run on other machines. Both keep queued jobs on a restart of the worker.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from flask import Flask
from huey import Huey, RedisHuey, SqliteHuey

_LOCK = threading.Lock()
_REGISTERING = threading.Lock()
T = TypeVar("T")


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


def registered(app: Flask, name: str, register: Callable[[Huey], T]) -> T:
    """The tasks ``register`` puts on the app's queue, put there the first time they are wanted (by the
    web to queue them, by a worker to run them) and kept in the app as ``name``."""
    with _REGISTERING:
        key = f"cop_roadmap_{name}"
        tasks = app.extensions.get(key)
        if tasks is None:
            tasks = app.extensions[key] = register(queue_for(app))
    return tasks
