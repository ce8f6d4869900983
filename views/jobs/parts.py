"""A print's parts handed to the queue, so that workers on every machine print them
(roadmap/printing/away.py): the part task every worker runs, and the courier a print hands parts to.

Off unless ``PRINT_PARTS_ON_QUEUE`` (``COP_ROADMAP_PRINT_PARTS_ON_QUEUE``) is true, and then only where
workers on other machines can take them: a Redis queue and the printed files in the database or a
bucket. A part's place in the whole waits on the parts before it, so parts handed out still print one
after another: handing them out spreads the work over the machines, it does not make one print sooner.
On one machine with two workers on Redis and a bucket, the demo's print took 22 s so against 13.5 s.
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
    """Whether prints hand their parts to the queue (see the module); ValueError for a setting that
    is not true or false, or that asks for it where no other machine could take them."""
    setting = app.config.get("PRINT_PARTS_ON_QUEUE", False)
    if not isinstance(setting, bool):
        raise ValueError(f"COP_ROADMAP_PRINT_PARTS_ON_QUEUE must be true or false, not {setting!r}")
    if not setting:
        return False
    on_redis = str(app.config.get("QUEUE_URL") or "").startswith(("redis://", "rediss://", "unix://"))
    if not (on_redis and app.config.get("PDF_STORE") in ("database", "s3")):
        raise ValueError(
            "COP_ROADMAP_PRINT_PARTS_ON_QUEUE needs a Redis queue (COP_ROADMAP_QUEUE_URL) and printed files "
            'every machine reaches (COP_ROADMAP_PDF_STORE "database" or "s3")'
        )
    return True


def parts_courier(app: Flask) -> Callable[[str], None] | None:
    """What hands a print's parts to the queue, or None where they print beside the print."""
    if not parts_on_queue(app):
        return None
    task = parts_task(app)
    return lambda job: task(job)
