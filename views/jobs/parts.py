"""A print's parts handed to the queue, so that workers on every machine print them
(roadmap/printing/away.py): the part task every worker runs, and the courier a print hands parts to.

Handing parts out pays only where several machines print: by default it is on when the queue is Redis
(which workers on other machines reach) and the printed files are in the database or an S3 bucket
(which they all read); ``PRINT_PARTS_ON_QUEUE`` (``COP_ROADMAP_PRINT_PARTS_ON_QUEUE``) true or false says otherwise.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from flask import Flask
from huey import Huey

from roadmap.printing.part_job import print_part_job
from views.files.printing import part_store, render_limits
from views.jobs.queue import registered

LOG = logging.getLogger(__name__)


def parts_task(app: Flask):
    """The part task on the app's queue, registered the first time it is wanted."""

    def register(queue: Huey):
        @queue.task(name="print_part")
        def print_part(job: str) -> None:
            with app.app_context():
                limits = render_limits()
                store = part_store().files
                outcome = print_part_job(store, job, timeout=limits["timeout"], memory_mb=limits["memory_mb"])
                LOG.info("part job %s: %s (process %s)", job[:12], outcome, os.getpid())

        return print_part

    return registered(app, "part_task", register)


def parts_on_queue(app: Flask) -> bool:
    """Whether prints hand their parts to the queue (see the module)."""
    setting = app.config.get("PRINT_PARTS_ON_QUEUE")
    if setting is not None and setting != "auto":
        if not isinstance(setting, bool):
            raise ValueError(f"COP_ROADMAP_PRINT_PARTS_ON_QUEUE must be true, false or auto, not {setting!r}")
        return setting
    queue_url = str(app.config.get("QUEUE_URL") or "")
    on_redis = queue_url.startswith(("redis://", "rediss://", "unix://"))
    return on_redis and app.config.get("PDF_STORE") in ("database", "s3")


def parts_courier(app: Flask) -> Callable[[str], None] | None:
    """What hands a print's parts to the queue, or None where they print beside the print."""
    if not parts_on_queue(app):
        return None
    task = parts_task(app)
    return lambda job: task(job)
