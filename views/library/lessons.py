"""Lessons learned and catalog templates: a team writes what a finished deliverable taught it and offers
deliverables to the catalog; advisers accept templates; everyone reads the lessons shared in the library."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from models import CatalogTemplate, Deliverable, LibraryEntry, db
from models.library import Lesson
from models.operations import Actor, OperationError
from models.operations.lessons import lesson_of, propose_template, review_template, write_lesson
from models.operations.library import origin_of
from models.queries.library import shared_lessons
from roadmap.vocabulary import DeliverableStatus, Pillar, RoadmapStatus
from views.access import can_review, roadmap_for
from views.library.forms import LessonForm
from views.messages import explain, explained

bp = Blueprint("lessons", __name__)


def _owned(roadmap_id: int, deliverable_id: int) -> Deliverable:
    deliverable = db.session.get(Deliverable, deliverable_id)
    if deliverable is None or deliverable.roadmap_id != roadmap_id:
        abort(404)
    return deliverable


@bp.route("/roadmaps/<int:roadmap_id>/sharing")
@login_required
def sharing(roadmap_id: int):
    """What the team shares: its library proposals, lessons of finished work, templates offered."""
    roadmap = roadmap_for(roadmap_id, edit=True)
    done = db.session.execute(
        select(Deliverable.id, Deliverable.key, Deliverable.title, Lesson.id.label("lesson"))
        .outerjoin(Lesson, Lesson.deliverable_id == Deliverable.id)
        .where(Deliverable.roadmap_id == roadmap.id, Deliverable.status == DeliverableStatus.DONE)
        .order_by(Deliverable.key)
    ).all()
    offered = {
        row.source_key: row.status
        for row in db.session.scalars(select(CatalogTemplate).where(CatalogTemplate.source_roadmap_id == roadmap.id))
    }
    entries = db.session.scalars(
        select(LibraryEntry).where(LibraryEntry.source_roadmap_id == roadmap.id).order_by(LibraryEntry.id.desc())
    ).all()
    return render_template(
        "library/sharing.html",
        roadmap=roadmap,
        approved=roadmap.status == RoadmapStatus.APPROVED,
        done=done,
        offered=offered,
        entries=entries,
        origin=origin_of(roadmap.id),
    )


@bp.route("/roadmaps/<int:roadmap_id>/deliverables/<int:deliverable_id>/lesson", methods=["GET", "POST"])
@login_required
def lesson(roadmap_id: int, deliverable_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    deliverable = _owned(roadmap.id, deliverable_id)
    done = deliverable.status == DeliverableStatus.DONE
    form = LessonForm(obj=None if request.method == "POST" else lesson_of(deliverable.id))
    if done and form.validate_on_submit():
        try:
            write_lesson(
                Actor.of(current_user),
                roadmap.id,
                deliverable.id,
                helped=form.helped.data,
                blocked=form.blocked.data,
                cost=form.cost.data,
            )
        except OperationError as exc:
            form.helped.errors.append(explain(exc))
        else:
            flash(_("Lesson saved. It is shared once the roadmap is published in the library."), "info")
            return redirect(url_for("lessons.sharing", roadmap_id=roadmap.id))
    status = 409 if not done else 400 if form.errors else 200
    return render_template(
        "library/lesson.html", form=form, roadmap=roadmap, deliverable=deliverable, done=done
    ), status


@bp.route("/roadmaps/<int:roadmap_id>/deliverables/<int:deliverable_id>/propose-template", methods=["POST"])
@login_required
def propose_as_template(roadmap_id: int, deliverable_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    deliverable = _owned(roadmap.id, deliverable_id)
    try:
        propose_template(Actor.of(current_user), roadmap.id, deliverable.id)
    except OperationError as exc:
        flash(explained(exc), "error")
    else:
        flash(_("Offered to the catalog. An adviser will review it."), "info")
    return redirect(url_for("lessons.sharing", roadmap_id=roadmap.id))


@bp.route("/library/lessons")
@login_required
def shared():
    template = request.args.get("template", "")[:40]
    pillar_code = request.args.get("pillar", "")
    pillar = Pillar(pillar_code) if pillar_code in {p.value for p in Pillar} else None
    found = shared_lessons(templates=[template] if template else None, pillar=pillar)
    return render_template(
        "library/lessons.html",
        lessons=found,
        template=template,
        pillar=pillar,
        pillars=list(Pillar),
        pillar_names={p: _(p.label) for p in Pillar},
    )


def _review_template(template_id: int, accept: bool):
    if not can_review(current_user):
        abort(403)
    row = db.session.get(CatalogTemplate, template_id)
    if row is None:
        abort(404)
    try:
        review_template(Actor.of(current_user), row.id, accept=accept, reviewer=True)
    except OperationError as exc:
        flash(explained(exc), "error")
    else:
        if accept:
            flash(_("“%(title)s” is now in the catalog: the guided flow suggests it.", title=row.title), "info")
        else:
            flash(_("“%(title)s” was declined.", title=row.title), "info")
    return redirect(url_for("library_flow.review"))


@bp.route("/library/templates/<int:template_id>/accept", methods=["POST"])
@login_required
def accept_template(template_id: int):
    return _review_template(template_id, True)


@bp.route("/library/templates/<int:template_id>/decline", methods=["POST"])
@login_required
def decline_template(template_id: int):
    return _review_template(template_id, False)
