"""Downloads of a roadmap: the printed PDF and the cop-roadmap/1 file."""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from models import PrintJob, PrintStatus, db
from models.operations.printing import PrintRefused, may_retry
from models.queries.loading import load_plan
from roadmap.exchange import interchange
from views.access import roadmap_for
from views.files.project_file import MSPDI_TYPE, export_mspdi, mspdi_filename
from views.jobs.printing import PRINTS_PER_USER, ask_for_print, check_on, print_state, progress_message, retry

bp = Blueprint("exports", __name__)


@bp.route("/roadmaps/<int:roadmap_id>/roadmap.pdf")
@login_required
def pdf(roadmap_id: int):
    """The printed roadmap: the file when a current one is kept, otherwise a page that follows its printing.

    Without JavaScript the page reloads itself every two seconds, and this same link then gives the file.
    """
    roadmap = roadmap_for(roadmap_id)
    try:
        printed = ask_for_print(roadmap, user_id=current_user.id)
    except PrintRefused as exc:
        return _refused(roadmap, exc)
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
        return render_template("files/print_failed.html", roadmap=roadmap, job=job, may_retry=may_retry(job)), 500
    page = render_template("files/print_progress.html", roadmap=roadmap, job=job, progress_message=progress_message)
    return page, 202


def _refused(roadmap, exc: PrintRefused):
    if exc.status == 429:
        limit = int(current_app.config.get("PRINTS_PER_USER", PRINTS_PER_USER))
        reason = _("you already have %(count)s prints waiting; download those first", count=limit)
    else:
        reason = _("the printer is busy with other roadmaps")
    page = render_template("files/print_refused.html", roadmap=roadmap, reason=reason)
    return page, exc.status, {"Retry-After": str(exc.retry_after)}


def _job(roadmap_id: int, job_id: int) -> PrintJob:
    roadmap_for(roadmap_id)
    job = db.session.get(PrintJob, job_id)
    if job is None or job.roadmap_id != roadmap_id:
        abort(404)
    return job


@bp.route("/roadmaps/<int:roadmap_id>/prints/<int:job_id>")
@login_required
def print_status(roadmap_id: int, job_id: int):
    """How far a print is, for the progress page's script (and the API)."""
    _job(roadmap_id, job_id)
    check_on(job_id)
    return jsonify(print_state(db.session.get(PrintJob, job_id)))


@bp.route("/roadmaps/<int:roadmap_id>/prints/<int:job_id>/retry", methods=["POST"])
@login_required
def print_retry(roadmap_id: int, job_id: int):
    """Print a failed roadmap again ("Try again")."""
    job = _job(roadmap_id, job_id)
    if not retry(job.id):
        flash(_("This roadmap failed to print a moment ago. Change it, or try again in a few minutes."), "error")
    return redirect(url_for("exports.pdf", roadmap_id=roadmap_id))


@bp.route("/roadmaps/<int:roadmap_id>/roadmap.json")
@login_required
def json_file(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id)
    data = interchange.dumps(load_plan(roadmap.id)).encode("utf-8")
    name = f"{roadmap.country.code.lower()}-roadmap-{roadmap.id}.cop-roadmap.json"
    return send_file(BytesIO(data), mimetype="application/json", as_attachment=True, download_name=name, max_age=0)


@bp.route("/roadmaps/<int:roadmap_id>/roadmap.mspdi.xml")
@login_required
def mspdi(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id)
    data = BytesIO(export_mspdi(roadmap))
    return send_file(data, mimetype=MSPDI_TYPE, as_attachment=True, download_name=mspdi_filename(roadmap), max_age=0)
