"""The printed roadmap in the API: ask for a print (202 and a status URL), follow it, fetch the file.

The print runs on the job queue like a download from the pages (views/jobs/printing.py): the same
content asked for twice is one print, and the same per-person and queue limits apply.
"""

from __future__ import annotations

from io import BytesIO

from flask import request, send_file, url_for
from flask_login import current_user

from models import PrintJob, db
from models.operations.printing import PrintRefused
from views.access import roadmap_for
from views.api.blueprint import bp
from views.api.http import ApiProblem, as_json
from views.files.printing import paper_named, pdf_store, pdf_wanted
from views.jobs.pages import followed, job_of
from views.jobs.printing import ask_for_print, check_on, paper_arg, print_state


def _paper() -> str:
    try:
        return paper_named(request.args.get("paper"))
    except ValueError as exc:
        raise ApiProblem(400, "Bad query parameter", str(exc), "paper") from None


def _state(roadmap_id: int, job: PrintJob | None, paper: str) -> dict:
    file_url = url_for("api.get_pdf", roadmap_id=roadmap_id, **paper_arg(paper))
    if job is None:  # a current PDF is kept, printed before any job of this content
        return {"id": None, "status": "done", "status_url": None, "file_url": file_url}
    state = print_state(job)
    state["status_url"] = url_for("api.get_print", roadmap_id=roadmap_id, job_id=job.id)
    state["file_url"] = file_url if state["file_url"] else None
    return state


@bp.post("/roadmaps/<int:roadmap_id>/pdf")
def request_pdf(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id)
    paper = _paper()
    try:
        printed = ask_for_print(roadmap, user_id=current_user.id, paper=paper)
    except PrintRefused as exc:
        raise ApiProblem(
            exc.status, "Not printed now", str(exc), headers={"Retry-After": str(exc.retry_after)}
        ) from None
    if printed.job_id is None:
        return as_json(_state(roadmap.id, None, paper))
    check_on(printed.job_id)
    state = _state(roadmap.id, db.session.get(PrintJob, printed.job_id), paper)
    waiting = state["status"] in ("queued", "running")
    return as_json(state, 202 if waiting else 200, headers={"Location": state["status_url"]})


@bp.get("/roadmaps/<int:roadmap_id>/prints/<int:job_id>")
def get_print(roadmap_id: int, job_id: int):
    roadmap_for(roadmap_id)
    job = followed(job_of(job_id, roadmap_id=roadmap_id))
    return as_json(_state(roadmap_id, job, job.paper))


@bp.get("/roadmaps/<int:roadmap_id>/pdf")
def get_pdf(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id)
    wanted = pdf_wanted(roadmap, paper=_paper())
    data = pdf_store().get(wanted.key)
    if data is None:
        raise ApiProblem(404, "Not printed yet", "no current PDF of this roadmap is kept: POST to this URL to print it")
    return send_file(BytesIO(data), mimetype="application/pdf", as_attachment=True, download_name=wanted.filename)
