"""Archiving, restoring and deleting a roadmap: one page that asks first, and the three changes.

Only the country's editors (and admins) reach these; a roadmap the user may not read answers 404.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from models import Roadmap
from models.operations import Actor, OperationError, StateConflict
from models.operations.workflow import archive_roadmap, delete_roadmap, has_baseline, restore_roadmap
from roadmap.printing.cache import PdfCache
from roadmap.vocabulary import RoadmapStatus
from views.access import roadmap_for
from views.files.printing import pdf_store
from views.labels import status_label
from views.messages import explained
from views.workspace.forms import ArchiveForm, DeleteForm

bp = Blueprint("lifecycle", __name__, url_prefix="/roadmaps/<int:roadmap_id>")


def _page(roadmap: Roadmap, status: int = 200, *, delete_form: DeleteForm | None = None, problem: str | None = None):
    return render_template(
        "workspace/archive.html",
        roadmap=roadmap,
        baselined=has_baseline(roadmap.id),
        archive_form=ArchiveForm(formdata=None),
        delete_form=delete_form or DeleteForm(roadmap.title, formdata=None),
        problem=problem,
    ), status


@bp.get("/archive")
@login_required
def manage(roadmap_id: int):
    return _page(roadmap_for(roadmap_id, edit=True))


@bp.post("/archive")
@login_required
def archive(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    if not ArchiveForm().validate_on_submit():
        return _page(roadmap, 400, problem=_("The form could not be read; nothing was archived. Please try again."))
    if roadmap.archived_at is not None:
        flash(_("This roadmap is already archived."), "info")
        return redirect(url_for("roadmaps.show", roadmap_id=roadmap.id))
    archive_roadmap(Actor.of(current_user), roadmap.id, editor=True)  # a refusal is answered by views/errors.py
    flash(_("Roadmap archived. It stays readable here, and an editor can restore it."), "info")
    return redirect(url_for("roadmaps.show", roadmap_id=roadmap.id))


@bp.post("/restore")
@login_required
def restore(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    if not ArchiveForm().validate_on_submit():
        return _page(roadmap, 400, problem=_("The form could not be read; nothing was restored. Please try again."))
    if roadmap.archived_at is None:
        flash(_("This roadmap is not archived."), "info")
        return redirect(url_for("roadmaps.show", roadmap_id=roadmap.id))
    restore_roadmap(Actor.of(current_user), roadmap.id, editor=True)
    flash(_("Roadmap restored: it is back in the lists and can be changed again."), "info")
    return redirect(url_for("roadmaps.show", roadmap_id=roadmap.id))


@bp.post("/delete")
@login_required
def delete(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    if has_baseline(roadmap.id):
        return _page(
            roadmap,
            409,
            problem=_(
                "This roadmap was approved, and its baseline is the record of what was approved: it can be "
                "archived, but not deleted. Nothing was deleted."
            ),
        )
    if roadmap.status != RoadmapStatus.DRAFT:
        return _page(
            roadmap,
            409,
            problem=_(
                "Only a draft can be deleted, and this roadmap is %(status)s. Nothing was deleted.",
                status=status_label(roadmap.status).lower(),
            ),
        )
    form = DeleteForm(roadmap.title)
    if not form.validate_on_submit():
        return _page(roadmap, 400, delete_form=form)
    title = roadmap.title
    try:
        keys = delete_roadmap(Actor.of(current_user), roadmap.id, editor=True, typed_title=form.typed_title.data)
    except OperationError as exc:  # changed by someone else since the page was read
        return _page(
            roadmap_for(roadmap_id, edit=True),
            409 if isinstance(exc, StateConflict) else 400,
            delete_form=form,
            problem=explained(exc),
        )
    _drop_printed(keys)
    flash(_("The roadmap “%(title)s” was deleted, with everything in it.", title=title), "info")
    return redirect(url_for("roadmaps.home"))


def _drop_printed(keys: list[str]) -> None:
    # PDFs kept in the database went with the roadmap's rows; those kept in the instance folder go here.
    store = pdf_store()
    if isinstance(store, PdfCache):
        for key in keys:
            store.path(key).unlink(missing_ok=True)
