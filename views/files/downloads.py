"""Downloads of a roadmap: the printed PDF and the cop-roadmap/1 file."""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, abort, send_file
from flask_login import login_required

from models.queries.loading import load_plan
from roadmap.exchange import interchange
from roadmap.printing.render import RenderError, RenderTimeout
from views.access import roadmap_for
from views.files.printing import export_pdf
from views.files.project_file import MSPDI_TYPE, export_mspdi, mspdi_filename

bp = Blueprint("exports", __name__)


@bp.route("/roadmaps/<int:roadmap_id>/roadmap.pdf")
@login_required
def pdf(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id)
    try:
        printed = export_pdf(roadmap)
    except RenderTimeout:
        abort(503, description="timeout")
    except RenderError:
        abort(500)
    return send_file(
        BytesIO(printed.data), mimetype="application/pdf", as_attachment=True, download_name=printed.filename, max_age=0
    )


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
