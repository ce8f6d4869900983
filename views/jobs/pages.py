"""What a print link answers, for a roadmap's PDF and a library entry's alike: the file when it is kept,
else the page that follows its print (202), the failure with "Try again" (500), or the refusal over
the limits (429 or 503, with Retry-After)."""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO

from flask import abort, flash, jsonify, redirect, render_template, send_file, url_for
from flask_babel import gettext as _

from models import PrintJob, PrintStatus, db
from models.operations.printing import PrintRefused, may_retry
from views.jobs.printing import Printed, check_on, print_state, progress_message, retry
from views.messages import explain


@dataclass(frozen=True)
class PrintPages:
    """Where a print's pages point: the printed thing's title, the file link, the way back, and the
    status and retry routes with the ids they take besides ``job_id``."""

    title: str
    file_url: str
    back_url: str
    status_endpoint: str
    retry_endpoint: str
    ids: dict = field(default_factory=dict)

    def status_url(self, job: PrintJob) -> str:
        return url_for(self.status_endpoint, job_id=job.id, **self.ids)

    def retry_url(self, job: PrintJob) -> str:
        return url_for(self.retry_endpoint, job_id=job.id, **self.ids)


def print_answer(printed: Printed, where: PrintPages):
    """The file, or the page saying how its print is going."""
    if printed.data is not None:
        return send_file(
            BytesIO(printed.data),
            mimetype="application/pdf",
            as_attachment=True,
            download_name=printed.filename,
            max_age=0,
        )
    check_on(printed.job_id)
    job = db.session.get(PrintJob, printed.job_id)
    if job.status == PrintStatus.FAILED:
        # Not a server error: the content was too much to print (422), or the printer could not be
        # reached and it may be tried again at once (503).
        status = 503 if job.finished_at is None else 422
        return render_template("files/print_failed.html", where=where, job=job, may_retry=may_retry(job)), status
    return render_template("files/print_progress.html", where=where, job=job, progress_message=progress_message), 202


def refused_answer(exc: PrintRefused, where: PrintPages):
    """The page for a print the limits did not let in."""
    page = render_template("files/print_refused.html", where=where, reason=explain(exc))
    return page, exc.status, {"Retry-After": str(exc.retry_after)}


def followed(job: PrintJob) -> PrintJob:
    """The job as it stands once looked at: a print whose worker died is queued again on the way."""
    check_on(job.id)
    return db.session.get(PrintJob, job.id)


def status_answer(job: PrintJob):
    """How far a print is, for the progress page's script."""
    return jsonify(print_state(followed(job)))


def retry_answer(job: PrintJob, where: PrintPages):
    """Print a failed print again ("Try again"), if its cool-down is over, and go back to its link."""
    if not retry(job.id):
        flash(_("This roadmap failed to print a moment ago. Change it, or try again in a few minutes."), "error")
    return redirect(where.file_url)


def job_of(job_id: int, *, roadmap_id: int | None = None, entry_id: int | None = None) -> PrintJob:
    """The print job, only under the roadmap or entry it prints (else 404)."""
    job = db.session.get(PrintJob, job_id)
    if job is None or (job.roadmap_id, job.entry_id) != (roadmap_id, entry_id):
        abort(404)
    return job
