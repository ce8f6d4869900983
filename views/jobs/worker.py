"""``cop-roadmap worker``: runs the jobs the web queues (printing, e-mail), on this machine, beside the web
server, and the nightly working out of the dashboard's figures.

Each job waits on a render in a child process (roadmap/printing/render.py), so threads are enough to
keep every core busy. The worker lowers its CPU priority first: the renders it starts inherit it, so
pages stay fast while PDFs are made.
"""

from __future__ import annotations

import logging
import os

import click
from flask import current_app

from roadmap.printing.overlap import AT_ONCE
from roadmap.printing.render import DEFAULT_MEMORY_MB


def default_processes(memory_mb: int) -> int:
    """One print per core, and no more than memory holds at the render limit each."""
    cores = os.cpu_count() or 1
    try:
        memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // (1024 * 1024)
    except (ValueError, OSError):
        return cores
    return max(1, min(cores, memory // max(memory_mb, 1)))


def parts_at_once(prints: int) -> int:
    """Parts each print overlaps: two when a print has cores to spare, else one. Measured with four
    roadmaps printing on two cores (python -m bench load), parallel prints finish sooner in all than
    overlapped parts, which pay for their forks and the extra copy of each part."""
    return AT_ONCE if (os.cpu_count() or 1) >= prints * AT_ONCE else 1


@click.command("worker")
@click.option(
    "--processes",
    type=click.IntRange(min=1, max=64),
    default=None,
    help="Prints run at once (default: one per core, as many as memory holds at PDF_MEMORY_MB each).",
)
def worker_command(processes: int | None) -> None:
    """Run the background jobs (PDF printing, e-mail, the dashboard's nightly figures) until stopped."""
    # Imported here, so that other commands start without the queue.
    from views.files.printing import pdf_store
    from views.jobs.figures import figures_task
    from views.jobs.mail import mail_tasks
    from views.jobs.parts import parts_on_queue, parts_task
    from views.jobs.printing import print_task
    from views.jobs.queue import queue_for

    workers = processes or default_processes(int(current_app.config.get("PDF_MEMORY_MB", DEFAULT_MEMORY_MB)))
    os.nice(10)
    current_app.config.setdefault("PDF_PARTS_AT_ONCE", parts_at_once(workers))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # The S3 client says at INFO where it found its credentials, on every start: not news to the log.
    logging.getLogger("botocore").setLevel(logging.WARNING)
    app = current_app._get_current_object()
    try:
        print_task(app)  # the tasks this worker runs
        parts_task(app)
        mail_tasks(app)
        figures_task(app)
        queue = queue_for(app)
        queue.pending_count()  # reach the queue now: a wrong address is said once, not logged forever
    except Exception as exc:
        raise click.ClickException(f"cannot reach the job queue: {exc}") from None
    try:
        parts_on_queue(app)  # a setting that cannot work is said now, not at the first print
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        store = pdf_store()
        if check := getattr(store, "check", None):  # a bucket: reach it now, not at the first print
            check()
    except Exception as exc:
        raise click.ClickException(f"cannot reach the PDF store: {exc}") from None
    where = getattr(queue.storage, "filename", None) or "Redis"
    click.echo(f"Printing up to {workers} roadmaps at once from the queue in {where}. Stop with Ctrl+C.", err=True)
    # Periodic: the dashboard's figures are worked out every night (views/jobs/figures.py).
    consumer = queue.create_consumer(workers=workers, worker_type="thread", periodic=True)
    consumer.run()
