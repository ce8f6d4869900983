"""The review of a roadmap: its status and the steps open to the user, its baselines and what changed
since each, and the comment threads on the roadmap and its deliverables."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from models.operations import Actor, OperationError, add_thread, move_roadmap, reply, set_resolved
from models.operations.comments import thread_deliverable, threads
from models.operations.workflow import Step, allowed_moves, baseline_documents, baselines
from roadmap.changes import compare
from roadmap.exchange.interchange_write import to_document
from roadmap.sequencing import schedule_document
from views.access import can_comment, can_edit, can_review, roadmap_for
from views.forms import already_saved, settle_once, spending
from views.messages import explain
from views.tracking.forms import CommentForm, MoveForm, ReplyForm, ResolveForm
from views.tracking.progress import deliverable_page
from views.workspace.roadmaps import page_context, plan_and_schedule

bp = Blueprint("review_flow", __name__, url_prefix="/roadmaps/<int:roadmap_id>")

MOVE_LABELS = {
    Step.SUBMIT: _l("Submit for review"),
    Step.APPROVE: _l("Approve and freeze a baseline"),
    Step.RETURN: _l("Return to draft"),
    Step.REVISE: _l("Reopen for revision"),
}


def _roles(roadmap) -> dict[str, bool]:
    return {"editor": can_edit(current_user, roadmap.country_id), "reviewer": can_review(current_user)}


def _page(roadmap_id: int, status: int = 200, *, move_form: MoveForm | None = None, move_error=None, comment_form=None):
    roadmap, plan, schedule = plan_and_schedule(roadmap_id)
    roles = _roles(roadmap)
    # An archived roadmap is neither moved nor discussed until it is restored (models/operations/core.py).
    archived = roadmap.archived_at is not None
    commenting = can_comment(current_user, roadmap.country_id) and not archived
    moves = [] if archived else allowed_moves(roadmap.status, **roles)
    return render_template(
        "tracking/review.html",
        moves=moves,
        move_labels={m: str(MOVE_LABELS[m]) for m in moves},
        move_form=move_form or MoveForm(formdata=None),
        move_error=move_error,
        baselines=baselines(roadmap.id),
        threads=threads(roadmap.id),
        comment_form=comment_form or (CommentForm(formdata=None) if commenting else None),
        reply_form=ReplyForm(formdata=None) if commenting else None,
        commenting=commenting,
        **page_context(roadmap, plan, schedule),
    ), status


@bp.route("/review")
@login_required
def review(roadmap_id: int):
    return _page(roadmap_id)


@bp.route("/status", methods=["POST"])
@login_required
def move(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id)
    roles = _roles(roadmap)
    if not (roles["editor"] or roles["reviewer"]):
        abort(403)
    form = MoveForm()
    if form.validate_on_submit():
        try:
            move_roadmap(
                Actor.of(current_user),
                roadmap.id,
                form.move.data,
                comment=form.comment.data,
                label=form.label.data,
                **roles,
            )
        except OperationError as exc:
            return _page(roadmap.id, 400, move_form=form, move_error=explain(exc))
        else:
            flash(_("%(step)s: done.", step=str(MOVE_LABELS[form.move.data])), "info")
            return redirect(url_for("review_flow.review", roadmap_id=roadmap.id))
    return _page(roadmap.id, 400, move_form=form, move_error=" ".join(map(str, form.move.errors)) or None)


@bp.route("/baselines/<int:baseline_id>")
@login_required
def changes(roadmap_id: int, baseline_id: int):
    roadmap, plan, schedule = plan_and_schedule(roadmap_id)
    found = baseline_documents(roadmap.id, baseline_id)
    if found is None:
        abort(404)
    summary, document, frozen = found
    return render_template(
        "tracking/changes.html",
        baseline=summary,
        changes=compare(document, frozen, to_document(plan), schedule_document(schedule, roadmap.id)),
        **page_context(roadmap, plan, schedule),
    )


def _commenter(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id)
    if not can_comment(current_user, roadmap.country_id):
        abort(403)
    return roadmap


@bp.route("/comments", methods=["POST"])
@login_required
def add_comment(roadmap_id: int):
    roadmap = _commenter(roadmap_id)
    form = CommentForm()
    posted = url_for("review_flow.review", roadmap_id=roadmap.id, _anchor="comments")
    if again := already_saved(form, posted):
        return again
    if form.validate_on_submit():
        try:
            with spending(form):
                add_thread(Actor.of(current_user), roadmap.id, None, form.body.data)
        except OperationError as exc:
            if again := already_saved(form, posted):
                return again
            form.body.errors.append(explain(exc))
        else:
            settle_once(form, posted)
            flash(_("Comment posted."), "info")
            return redirect(posted)
    return _page(roadmap.id, 400, comment_form=form)


@bp.route("/deliverables/<int:deliverable_id>/comments", methods=["POST"])
@login_required
def add_deliverable_comment(roadmap_id: int, deliverable_id: int):
    roadmap = _commenter(roadmap_id)
    form = CommentForm()
    posted = url_for("tracking.deliverable", roadmap_id=roadmap.id, deliverable_id=deliverable_id, _anchor="comments")
    if again := already_saved(form, posted):
        return again
    if form.validate_on_submit():
        try:
            with spending(form):
                add_thread(Actor.of(current_user), roadmap.id, deliverable_id, form.body.data)
        except OperationError:
            if again := already_saved(form, posted):
                return again  # the same page sent twice at once: the other send posted it
            abort(404)  # a deliverable of another roadmap: not disclosed
        settle_once(form, posted)
        flash(_("Comment posted."), "info")
        return _to_deliverable(roadmap.id, deliverable_id)
    return deliverable_page(roadmap.id, deliverable_id, 400, comment_form=form)


@bp.route("/comments/<int:thread_id>/reply", methods=["POST"])
@login_required
def reply_to(roadmap_id: int, thread_id: int):
    roadmap = _commenter(roadmap_id)
    form = ReplyForm()
    posted = url_for("review_flow.review", roadmap_id=roadmap.id, _anchor=f"thread-{thread_id}")
    if again := already_saved(form, posted):
        return again
    if not form.validate_on_submit():
        flash(_("The reply was empty or too long: %(problem)s", problem=" ".join(map(str, form.body.errors))), "error")
        return redirect(url_for("review_flow.review", roadmap_id=roadmap.id, _anchor=f"thread-{thread_id}"))
    try:
        with spending(form):
            reply(Actor.of(current_user), roadmap.id, thread_id, form.body.data)
    except OperationError:
        if again := already_saved(form, posted):
            return again  # the same page sent twice at once: the other send posted it
        abort(404)
    back = _back_to_thread(roadmap.id, thread_id)
    settle_once(form, back.location)
    flash(_("Reply posted."), "info")
    return back


@bp.route("/comments/<int:thread_id>/resolve", methods=["POST"])
@login_required
def resolve(roadmap_id: int, thread_id: int):
    roadmap = _commenter(roadmap_id)
    form = ResolveForm()
    if not form.validate_on_submit():
        abort(400)
    reopen = form.reopen.data == "1"
    try:
        set_resolved(Actor.of(current_user), roadmap.id, thread_id, not reopen)
    except OperationError:
        abort(404)
    flash(_("Thread reopened.") if reopen else _("Thread resolved."), "info")
    return _back_to_thread(roadmap.id, thread_id)


def _back_to_thread(roadmap_id: int, thread_id: int):
    deliverable_id = thread_deliverable(roadmap_id, thread_id)
    if deliverable_id is not None:
        return _to_deliverable(roadmap_id, deliverable_id, f"thread-{thread_id}")
    return redirect(url_for("review_flow.review", roadmap_id=roadmap_id, _anchor=f"thread-{thread_id}"))


def _to_deliverable(roadmap_id: int, deliverable_id: int, anchor: str = "comments"):
    return redirect(
        url_for("tracking.deliverable", roadmap_id=roadmap_id, deliverable_id=deliverable_id, _anchor=anchor)
    )
