"""Downloads of a roadmap: the printed PDF and the cop-roadmap/1 file."""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, abort, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from models.operations.printing import PrintRefused
from models.queries.loading import load_plan
from roadmap.exchange import interchange
from roadmap.graph import DependencyLoopError
from roadmap.sequencing import ScheduleError
from views.access import roadmap_for
from views.files.printing import paper_named
from views.files.project_file import MSPDI_TYPE, export_mspdi, mspdi_filename
from views.jobs.pages import PrintPages, job_of, print_answer, refused_answer, retry_answer, status_answer
from views.jobs.printing import ask_for_print, paper_arg
from views.messages import explain

bp = Blueprint("exports", __name__)


def _pages(roadmap, paper: str = "a4") -> PrintPages:
    return PrintPages(
        title=roadmap.title,
        file_url=url_for("exports.pdf", roadmap_id=roadmap.id, **paper_arg(paper)),
        back_url=url_for("roadmaps.show", roadmap_id=roadmap.id),
        status_endpoint="exports.print_status",
        retry_endpoint="exports.print_retry",
        ids={"roadmap_id": roadmap.id},
    )


@bp.route("/roadmaps/<int:roadmap_id>/roadmap.pdf")
@login_required
def pdf(roadmap_id: int):
    """The printed roadmap: the file when a current one is kept, otherwise a page that follows its printing.

    Without JavaScript the page reloads itself every two seconds, and this same link then gives the file.
    ``?paper=a3`` prints the chart pages on A3.
    """
    roadmap = roadmap_for(roadmap_id)
    try:
        paper = paper_named(request.args.get("paper"))
    except ValueError:
        abort(400, description=_("The PDF can be printed with its charts on A4 or A3 paper only (paper=a4 or a3)."))
    try:
        printed = ask_for_print(roadmap, user_id=current_user.id, paper=paper)
    except PrintRefused as exc:
        return refused_answer(exc, _pages(roadmap, paper))
    return print_answer(printed, _pages(roadmap, paper))


@bp.route("/roadmaps/<int:roadmap_id>/prints/<int:job_id>")
@login_required
def print_status(roadmap_id: int, job_id: int):
    """How far a print is, for the progress page's script."""
    roadmap_for(roadmap_id)
    return status_answer(job_of(job_id, roadmap_id=roadmap_id))


@bp.route("/roadmaps/<int:roadmap_id>/prints/<int:job_id>/retry", methods=["POST"])
@login_required
def print_retry(roadmap_id: int, job_id: int):
    """Print a failed roadmap again ("Try again")."""
    roadmap = roadmap_for(roadmap_id)
    job = job_of(job_id, roadmap_id=roadmap_id)
    return retry_answer(job, _pages(roadmap, job.paper))


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
    try:
        data = BytesIO(export_mspdi(roadmap))
    except (DependencyLoopError, ScheduleError) as exc:
        abort(409, description=explain(exc))
    return send_file(data, mimetype=MSPDI_TYPE, as_attachment=True, download_name=mspdi_filename(roadmap), max_age=0)
