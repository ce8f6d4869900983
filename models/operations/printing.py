"""Prints run by the job queue: asking for one, the worker's reports, and what happens when a worker dies.

One job per printed content (its key): people who ask for the same PDF at once share one render, and a
render that failed is remembered for that content, so asking again shows the failure at once rather
than spending another render on it. A worker that dies mid-print stops beating its heart: the next
look at the job puts it back in the queue once, and reports it failed the second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import and_, delete, func, or_, select, update

from models.base import db, utcnow
from models.operations.core import OperationError, transaction
from models.print_job import PrintJob, PrintStatus
from roadmap.i18n import N_

# A running render reports at least every 5 s (roadmap/printing/render.py); four silent beats mean
# the process printing it is gone.
STALE_AFTER = timedelta(seconds=20)
MAX_ATTEMPTS = 2
# A failed content is not printed again before this, unless it changes: each failure cost a whole
# render's time and memory, and asking again at once would only fail the same way.
RETRY_AFTER_FAILURE = timedelta(minutes=10)
# A print queued this long ago was most likely lost with its queue (Redis restarted without keeping
# its data, say): asking for it again queues it again. Claiming a job is conditional, so a print
# queued twice is printed once.
REQUEUE_AFTER = timedelta(minutes=10)
# Finished and failed prints are kept this long, then deleted as new prints are asked for: a row is
# one printed content, and edits and days make new contents without end. Asked for again later, a
# content simply gets a new job.
KEEP_FINISHED = timedelta(days=30)


class PrintRefused(OperationError):
    """A print that cannot be queued now: ``status`` is the HTTP status to answer, ``retry_after`` seconds."""

    def __init__(self, message: str, *, status: int, retry_after: int, **values: object):
        super().__init__(message, **values)
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class PrintWanted:
    """The job that will make (or made, or failed to make) a PDF; ``enqueue`` when the caller must queue it."""

    job_id: int
    enqueue: bool


def request_print(
    key: str,
    roadmap_id: int | None,
    *,
    entry_id: int | None = None,
    pdfa: bool,
    paper: str = "a4",
    user_id: int | None,
    per_user: int,
    queue_max: int,
) -> PrintWanted:
    """The job for this content (a roadmap's, or a library entry's snapshot), made (and to be queued)
    unless one is already waiting, running or failed.

    A finished job whose file is no longer kept is queued again. PrintRefused past ``per_user`` prints
    waiting for this user, or ``queue_max`` waiting in all.
    """
    found = db.session.execute(select(PrintJob.id, PrintJob.status).where(PrintJob.key == key)).first()
    if found is not None:
        db.session.rollback()
        job_id, status = found
        if status == PrintStatus.DONE:
            return PrintWanted(job_id, _requeue(job_id, PrintStatus.DONE, attempts=0))
        if status == PrintStatus.RUNNING:
            return PrintWanted(job_id, revive_if_stale(job_id))
        if status == PrintStatus.QUEUED:
            return PrintWanted(job_id, _requeue_if_lost(job_id))
        return PrintWanted(job_id, False)
    waiting = select(func.count()).select_from(PrintJob).where(_live())
    if user_id is not None and db.session.scalar(waiting.where(PrintJob.requested_by_id == user_id)) >= per_user:
        db.session.rollback()
        raise PrintRefused(
            N_("you already have %(count)s prints waiting; download those first"),
            count=per_user,
            status=429,
            retry_after=30,
        )
    if db.session.scalar(waiting) >= queue_max:
        db.session.rollback()
        raise PrintRefused(N_("the printer is busy with other roadmaps"), status=503, retry_after=30)
    job = PrintJob(key=key, roadmap_id=roadmap_id, entry_id=entry_id, pdfa=pdfa, paper=paper, requested_by_id=user_id)
    try:
        with transaction():
            finished = PrintJob.status.in_((PrintStatus.DONE, PrintStatus.FAILED))
            db.session.execute(delete(PrintJob).where(finished, PrintJob.finished_at < utcnow() - KEEP_FINISHED))
            db.session.add(job)
    except OperationError:
        # Someone asked for the same content at the same moment: share their job.
        shared = db.session.scalar(select(PrintJob.id).where(PrintJob.key == key))
        db.session.rollback()
        if shared is None:
            raise
        return PrintWanted(shared, False)
    return PrintWanted(job.id, True)


def _live():
    """Prints that count against the limits: queued lately, or running with a live worker. One left
    behind by a dead worker or a lost queue must not lock its requester out for good."""
    now = utcnow()
    waiting_since = func.coalesce(PrintJob.heartbeat_at, PrintJob.created_at)
    return or_(
        and_(PrintJob.status == PrintStatus.QUEUED, waiting_since >= now - REQUEUE_AFTER),
        and_(PrintJob.status == PrintStatus.RUNNING, PrintJob.heartbeat_at >= now - STALE_AFTER),
    )


def _requeue_if_lost(job_id: int) -> bool:
    """Queue again a job queued so long ago that its queue entry was most likely lost."""
    cutoff = utcnow() - REQUEUE_AFTER
    waiting_since = func.coalesce(PrintJob.heartbeat_at, PrintJob.created_at)
    with transaction():
        moved = db.session.execute(
            update(PrintJob)
            .where(PrintJob.id == job_id, PrintJob.status == PrintStatus.QUEUED, waiting_since < cutoff)
            .values(heartbeat_at=utcnow())
        ).rowcount
    return moved == 1


def _requeue(job_id: int, status: PrintStatus, **also) -> bool:
    """Put a job back in the queue if it is still in ``status``: True for the one caller that did it."""
    with transaction():
        moved = db.session.execute(
            update(PrintJob)
            .where(PrintJob.id == job_id, PrintJob.status == status)
            .values(
                status=PrintStatus.QUEUED,
                parts_done=0,
                pages=0,
                error=None,
                finished_at=None,
                heartbeat_at=utcnow(),  # queued again now: how long it waits is counted from here
                **also,
            )
        ).rowcount
    return moved == 1


def revive_if_stale(job_id: int) -> bool:
    """For a running job whose worker went silent: True when it was put back in the queue (the caller
    queues it), or marked failed after its last attempt."""
    cutoff = utcnow() - STALE_AFTER
    job = db.session.get(PrintJob, job_id)
    stale = job is not None and job.status == PrintStatus.RUNNING and (job.heartbeat_at or job.created_at) < cutoff
    attempts = job.attempts if job else 0
    db.session.rollback()
    if not stale:
        return False
    if attempts < MAX_ATTEMPTS:
        with transaction():
            moved = db.session.execute(
                update(PrintJob)
                .where(PrintJob.id == job_id, PrintJob.status == PrintStatus.RUNNING, PrintJob.heartbeat_at < cutoff)
                .values(status=PrintStatus.QUEUED, parts_done=0, pages=0, heartbeat_at=utcnow())
            ).rowcount
        return moved == 1
    fail_job(job_id, N_("the printer stopped while printing it, twice"), only_if=PrintStatus.RUNNING)
    return False


def may_retry(job: PrintJob) -> bool:
    """Whether a failed job may be printed again now."""
    return job.status == PrintStatus.FAILED and (
        job.finished_at is None or utcnow() - job.finished_at >= RETRY_AFTER_FAILURE
    )


def retry_print(job_id: int) -> bool:
    """Put a failed job back in the queue, once its cool-down is over: True when the caller must queue it."""
    job = db.session.get(PrintJob, job_id)
    allowed = job is not None and may_retry(job)
    db.session.rollback()
    return allowed and _requeue(job_id, PrintStatus.FAILED, attempts=0)


def start_job(job_id: int) -> PrintJob | None:
    """Claim a queued job for this worker; None when it is gone or another worker has it (a job the
    queue hands out twice is printed once). The claimed job's ``attempts`` names this claim: the
    worker's reports count only while the job is still its own."""
    with transaction():
        claimed = db.session.execute(
            update(PrintJob)
            .where(PrintJob.id == job_id, PrintJob.status == PrintStatus.QUEUED)
            .values(status=PrintStatus.RUNNING, attempts=PrintJob.attempts + 1, heartbeat_at=utcnow())
        ).rowcount
    return db.session.get(PrintJob, job_id) if claimed == 1 else None


def _own(job_id: int, attempt: int | None):
    mine = [PrintJob.id == job_id, PrintJob.status == PrintStatus.RUNNING]
    return mine + ([PrintJob.attempts == attempt] if attempt is not None else [])


def record_progress(job_id: int, parts_done: int, parts_total: int, pages: int, *, attempt: int | None = None) -> None:
    """The worker's report: how far the render is, and that the worker is alive."""
    with transaction():
        db.session.execute(
            update(PrintJob)
            .where(*_own(job_id, attempt))
            .values(parts_done=parts_done, parts_total=parts_total, pages=pages, heartbeat_at=utcnow())
        )


def beat(job_id: int, attempt: int) -> None:
    """The worker is alive and still printing this job (between progress reports)."""
    with transaction():
        db.session.execute(update(PrintJob).where(*_own(job_id, attempt)).values(heartbeat_at=utcnow()))


def finish_job(job_id: int, pages: int, *, attempt: int | None = None) -> None:
    """The PDF is made and stored."""
    with transaction():
        db.session.execute(
            update(PrintJob)
            .where(*_own(job_id, attempt))
            .values(status=PrintStatus.DONE, parts_done=PrintJob.parts_total, pages=pages, finished_at=utcnow())
        )


def fail_job(
    job_id: int,
    reason: str,
    *,
    only_if: PrintStatus | None = None,
    attempt: int | None = None,
    retry_now: bool = False,
) -> None:
    """The PDF could not be made: the reason is kept for the person waiting. ``retry_now`` for a failure
    that was not the content's (the queue could not be reached): it may be tried again at once. With
    ``attempt``, only while the job is still that claim's (a worker late with its failure changes nothing)."""
    condition = [PrintJob.id == job_id] + ([PrintJob.status == only_if] if only_if else [])
    if attempt is not None:
        condition = _own(job_id, attempt)
    with transaction():
        db.session.execute(
            update(PrintJob)
            .where(*condition)
            .values(status=PrintStatus.FAILED, error=reason[:2000], finished_at=None if retry_now else utcnow())
        )
