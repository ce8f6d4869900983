"""Printing a roadmap through the job queue: the web asks, a worker prints, the web shows how far it is.

A download never renders in the web request: ``ask_for_print`` returns the file when a current one is
kept, or the job (queued once for everyone asking) whose progress the page shows.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from flask import Flask, current_app, url_for
from flask_babel import gettext as _
from huey import Huey

from models import LibraryEntry, PrintJob, PrintStatus, Roadmap, db
from models.base import utcnow
from models.operations.printing import (
    beat,
    fail_job,
    finish_job,
    record_progress,
    request_print,
    retry_print,
    revive_if_stale,
    start_job,
)
from roadmap.i18n import N_
from roadmap.printing.progress import Progress
from roadmap.printing.render import HEARTBEAT_S, RenderError
from views.files.printing import export_pdf, pdf_store, pdf_wanted
from views.jobs.parts import parts_courier
from views.jobs.queue import registered
from views.library.files import print_snapshot, snapshot_wanted
from views.messages import kept_reason

LOG = logging.getLogger(__name__)
PRINTS_PER_USER = 3
PRINT_QUEUE_MAX = 20
# A print still queued after this has most likely no worker to run it: say so rather than wait in silence.
NO_PRINTER_AFTER = timedelta(minutes=2)


def print_task(app: Flask):
    """The print task on the app's queue, registered the first time it is wanted; it runs in the app's context."""

    def register(queue: Huey):
        @queue.task(name="print_roadmap")
        def print_roadmap(job_id: int) -> None:
            with app.app_context():
                run_print_job(job_id)

        return print_roadmap

    return registered(app, "print_task", register)


@dataclass(frozen=True)
class Printed:
    """What the PDF link gives: the kept file, or the job printing it."""

    filename: str
    data: bytes | None = None
    job_id: int | None = None


def ask_for_print(roadmap: Roadmap, *, user_id: int | None, pdfa: bool = False, paper: str = "a4") -> Printed:
    """The roadmap's current PDF if kept, or the job that prints it (queued if new); PrintRefused over
    the limits."""
    wanted = pdf_wanted(roadmap, pdfa=pdfa, paper=paper)
    return _ask(wanted.key, wanted.filename, user_id=user_id, roadmap_id=roadmap.id, pdfa=pdfa, paper=paper)


def ask_for_snapshot(entry: LibraryEntry, *, user_id: int | None) -> Printed:
    """A library entry's PDF, as ``ask_for_print``."""
    wanted = snapshot_wanted(entry)
    return _ask(wanted.key, wanted.filename, user_id=user_id, entry_id=entry.id)


def _ask(
    key: str,
    filename: str,
    *,
    user_id: int | None,
    roadmap_id: int | None = None,
    entry_id: int | None = None,
    pdfa: bool = False,
    paper: str = "a4",
) -> Printed:
    # Read whole, not streamed from the folder: a file evicted meanwhile cannot cut a download short.
    if (data := pdf_store().get(key)) is not None:
        return Printed(filename, data=data)
    config = current_app.config
    asked = request_print(
        key,
        roadmap_id,
        entry_id=entry_id,
        pdfa=pdfa,
        paper=paper,
        user_id=user_id,
        per_user=int(config.get("PRINTS_PER_USER", PRINTS_PER_USER)),
        queue_max=int(config.get("PRINT_QUEUE_MAX", PRINT_QUEUE_MAX)),
    )
    if asked.enqueue:
        _enqueue(asked.job_id)
    return Printed(filename, job_id=asked.job_id)


def check_on(job_id: int) -> None:
    """Queue again a job whose worker died (the status pages call this as they look)."""
    if revive_if_stale(job_id):
        LOG.warning("print job %s: its worker stopped; printing it again", job_id)
        _enqueue(job_id)


def retry(job_id: int) -> bool:
    """Print a failed job again, if its cool-down is over."""
    if retry_print(job_id):
        _enqueue(job_id)
        return True
    return False


def _enqueue(job_id: int) -> None:
    try:
        print_task(current_app._get_current_object())(job_id)
    except Exception:  # Redis down, a full disk: the person asking sees it, and may try again at once
        LOG.exception("print job %s could not be queued", job_id)
        fail_job(job_id, N_("the print queue could not be reached"), retry_now=True)


def run_print_job(job_id: int) -> None:
    """Print the job's roadmap or library entry into the PDF store (the worker's task). Safe to run
    twice: a job that another worker has claimed, finished or that was deleted with what it prints is
    left alone."""
    job = start_job(job_id)
    if job is None:
        return
    roadmap_id, entry_id, pdfa, key, attempt = job.roadmap_id, job.entry_id, job.pdfa, job.key, job.attempts
    paper = job.paper
    what = f"roadmap {roadmap_id}" if roadmap_id else f"library entry {entry_id}"

    def report(progress: Progress) -> None:
        record_progress(job_id, progress.parts_done, progress.parts_total, progress.pages, attempt=attempt)

    courier = parts_courier(current_app._get_current_object())
    LOG.info("print job %s: printing %s%s", job_id, what, ", its parts on the queue" if courier else "")

    with _heartbeat(job_id, attempt):
        try:
            if entry_id is not None:
                entry = db.session.get(LibraryEntry, entry_id)
                if entry is None:
                    return
                pages = print_snapshot(entry, progress=report, also_key=key, courier=courier)
            else:
                roadmap = db.session.get(Roadmap, roadmap_id)
                if roadmap is None:
                    return
                pages = export_pdf(
                    roadmap, pdfa=pdfa, progress=report, also_key=key, paper=paper, courier=courier
                ).pages
        except RenderError as exc:
            LOG.error("printing %s failed (job %s): %s", what, job_id, exc)
            fail_job(job_id, str(exc), attempt=attempt)
            return
        except Exception:
            LOG.exception("printing %s failed (job %s)", what, job_id)
            fail_job(job_id, N_("an unexpected error stopped the printer"), attempt=attempt)
            return
    finish_job(job_id, pages, attempt=attempt)


@contextmanager
def _heartbeat(job_id: int, attempt: int) -> Iterator[None]:
    """Beat for the job while the block runs, before and after the render as well as during it: a
    slow preparation on a busy machine must not read as a dead worker."""
    app = current_app._get_current_object()
    stop = threading.Event()

    def beating() -> None:
        while not stop.wait(HEARTBEAT_S):
            with app.app_context():
                try:
                    beat(job_id, attempt)
                except Exception:  # a missed beat is retried at the next; the print goes on
                    LOG.warning("print job %s: a heartbeat could not be recorded", job_id, exc_info=True)

    thread = threading.Thread(target=beating, name=f"heartbeat-{job_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(HEARTBEAT_S + 5)


def print_state(job: PrintJob) -> dict:
    """A print's state as the progress page's script and the API read it."""
    state = {
        "id": job.id,
        "status": str(job.status),
        "parts_done": job.parts_done,
        "parts_total": job.parts_total,
        "pages": job.pages,
        "message": progress_message(job),
        "file_url": None,
        "error": job.error,
    }
    if job.status == PrintStatus.DONE:
        state["file_url"] = file_url(job)
    return state


def file_url(job: PrintJob) -> str:
    """The link that gives the job's file once printed."""
    if job.entry_id is not None:
        return url_for("library.pdf", entry_id=job.entry_id)
    return url_for("exports.pdf", roadmap_id=job.roadmap_id, **paper_arg(job.paper))


def paper_arg(paper: str) -> dict[str, str]:
    """The query argument that asks for a paper, none for the default: A4 links stay as they were."""
    return {} if paper == "a4" else {"paper": paper}


def progress_message(job: PrintJob) -> str:
    """One line saying where a print is, in the reader's language."""
    if job.status == PrintStatus.DONE:
        return _("Ready: your download starts now.")
    if job.status == PrintStatus.FAILED:
        return _("The roadmap could not be printed: %(reason)s.", reason=kept_reason(job.error))
    if job.status == PrintStatus.RUNNING and job.parts_total:
        return _(
            "%(done)s of %(total)s parts printed, %(pages)s pages so far.",
            done=job.parts_done,
            total=job.parts_total,
            pages=job.pages,
        )
    if job.status == PrintStatus.RUNNING:
        return _("Preparing the pages…")
    waiting_since = job.heartbeat_at or job.created_at  # queued then, or put back in the queue then
    if job.status == PrintStatus.QUEUED and waiting_since and utcnow() - waiting_since > NO_PRINTER_AFTER:
        return _(
            "Still waiting for the printer. If this lasts, tell your administrator: "
            "the print worker may not be running."
        )
    return _("Waiting for the printer…")
