"""Sharing through the library: a team proposes its approved roadmap, a reviewer publishes it or sends
it back, and any country team starts a new roadmap from a published one."""

from __future__ import annotations

import json
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from models import Membership, db
from models.library import EntryStatus
from models.operations import Actor, OperationError
from models.operations.lessons import templates_waiting
from models.operations.library import adapt_entry, propose_entry, redaction_preview, review_entry
from models.queries.library import entries_of_countries, entries_waiting
from roadmap.library import Redaction, snapshot_plan
from roadmap.vocabulary import Language, Pillar, RoadmapStatus
from views.access import can_review, editable_countries, roadmap_for, sees_every_country
from views.forms import already_saved, once_guard, settle_once, spending
from views.library.browse import entry_context, entry_for, snapshot
from views.library.forms import AdaptForm, ProposeForm, ReturnForm
from views.messages import explain, explained

bp = Blueprint("library_flow", __name__)


@bp.route("/roadmaps/<int:roadmap_id>/library/propose", methods=["GET", "POST"])
@login_required
def propose(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    form = ProposeForm()
    if again := once_guard(form, url_for("library_flow.mine")):
        return again
    if not form.is_submitted():
        form.title.data = roadmap.title
    approved = roadmap.status == RoadmapStatus.APPROVED
    withheld = None
    if approved and form.validate_on_submit():
        redaction = Redaction(
            details=form.share.data == "redacted",
            names=bool(form.withhold_names.data),
            country=bool(form.withhold_country.data),
        )
        if request.form.get("action") == "check":
            # What the copy would withhold, shown before anything is proposed; the form keeps its input.
            withheld = redaction_preview(roadmap.id, redaction, kind_name=lambda kind: _(kind.label))
            page = render_template(
                "library/propose.html", form=form, roadmap=roadmap, approved=approved, withheld=withheld
            )
            return page
        try:
            with spending(form):
                entry_id = propose_entry(
                    Actor.of(current_user),
                    roadmap.id,
                    title=form.title.data,
                    summary=form.summary.data,
                    redaction=redaction,
                    editor=True,
                    kind_name=lambda kind: _(kind.label),
                )
        except OperationError as exc:
            if again := already_saved(form, url_for("library_flow.mine")):
                return again  # the same page sent twice at once: the other send proposed it
            form.title.errors.append(explain(exc))
        else:
            settle_once(form, url_for("library.show", entry_id=entry_id))
            flash(
                _("Proposed for the library. An adviser will review the copy below before anyone else sees it."), "info"
            )
            return redirect(url_for("library.show", entry_id=entry_id))
    status = 409 if not approved else 400 if form.errors else 200
    return (
        render_template("library/propose.html", form=form, roadmap=roadmap, approved=approved, withheld=withheld),
        status,
    )


@bp.route("/library/review")
@login_required
def review():
    if not can_review(current_user):
        abort(403)
    return render_template("library/review.html", entries=entries_waiting(), templates=templates_waiting())


@bp.route("/library/mine")
@login_required
def mine():
    """The proposals of the user's countries, whatever their state: a team follows its own."""
    if sees_every_country(current_user):
        entries = entries_of_countries(None)
    else:
        member_of = db.session.scalars(select(Membership.country_id).where(Membership.user_id == current_user.id))
        entries = entries_of_countries(list(member_of))
    return render_template("library/mine.html", entries=entries)


@bp.route("/library/<int:entry_id>/publish", methods=["POST"])
@login_required
def publish(entry_id: int):
    entry = entry_for(entry_id)
    if not can_review(current_user):
        abort(403)
    try:
        review_entry(Actor.of(current_user), entry.id, publish=True, reviewer=True)
    except OperationError as exc:
        flash(explained(exc), "error")
        return redirect(url_for("library.show", entry_id=entry.id))
    flash(_("Published: every country can now find it in the library."), "info")
    return redirect(url_for("library.show", entry_id=entry.id))


@bp.route("/library/<int:entry_id>/send-back", methods=["POST"])
@login_required
def send_back(entry_id: int):
    entry = entry_for(entry_id)
    if not can_review(current_user):
        abort(403)
    form = ReturnForm()
    if form.validate_on_submit():
        try:
            review_entry(Actor.of(current_user), entry.id, publish=False, reviewer=True, comment=form.comment.data)
        except OperationError as exc:
            form.comment.errors.append(explain(exc))
        else:
            flash(_("Sent back to the team with your comment."), "info")
            return redirect(url_for("library_flow.review"))
    plan, schedule = snapshot(entry)
    return render_template("library/send_back.html", form=form, **entry_context(entry, plan, schedule)), 400


@bp.route("/library/<int:entry_id>/adapt", methods=["GET", "POST"])
@login_required
def adapt(entry_id: int):
    entry = entry_for(entry_id)
    countries = editable_countries()
    if not countries:
        abort(403)
    if entry.status != EntryStatus.PUBLISHED:
        abort(404)
    plan = snapshot_plan(json.loads(entry.document))
    held = [x for x in Pillar if any(d.pillar == x for d in plan.deliverables)]
    form = AdaptForm(countries, [(x.value, _(x.label)) for x in held])
    if again := once_guard(form, url_for("roadmaps.home")):
        return again
    if not form.is_submitted():
        form.pillars.data = [x.value for x in held]
        form.start_date.data = date.today()
        form.language.data = plan.language.value
        form.title.data = entry.title
    if form.validate_on_submit():
        try:
            with spending(form):
                roadmap_id = adapt_entry(
                    Actor.of(current_user),
                    entry.id,
                    country_code=form.country.data,
                    title=form.title.data,
                    start_date=form.start_date.data,
                    language=Language(form.language.data),
                    pillars=form.pillars.data,
                )
        except OperationError as exc:
            if again := already_saved(form, url_for("roadmaps.home")):
                return again  # the same page sent twice at once: the other send started it
            form.title.errors.append(explain(exc))
        else:
            settle_once(form, url_for("roadmaps.show", roadmap_id=roadmap_id))
            flash(_("Your new draft roadmap is ready. Adapt each deliverable to your country."), "info")
            return redirect(url_for("roadmaps.show", roadmap_id=roadmap_id))
    counts = {x: sum(d.pillar == x for d in plan.deliverables) for x in held}
    return render_template(
        "library/adapt.html", form=form, entry=entry, plan=plan, counts=counts
    ), 400 if form.errors else 200
