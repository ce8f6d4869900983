"""The home page and a roadmap's pages: its sequence, its pillars, and what-if."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required
from sqlalchemy import func, select

from models import Country, Deliverable, GlobalRole, Membership, MembershipRole, Roadmap, db
from models.base import utcnow
from models.queries.inbox import return_comments
from models.queries.loading import load_plan
from roadmap.graph import DependencyLoopError
from roadmap.plan import Plan
from roadmap.sequencing import Schedule, ScheduleError, sequence
from roadmap.vocabulary import Pillar, RoadmapStatus
from roadmap.whatif import slip
from views import paging
from views.access import can_edit, roadmap_for, visible_roadmaps
from views.messages import explain, explained
from views.workspace.forms import WhatIfForm

bp = Blueprint("roadmaps", __name__)

SHOWN_AT_MOST = 20  # items in a warning list before "and N more"


@bp.route("/")
@login_required
def home():
    # Counted per visible roadmap (index on roadmap_id), not over every deliverable in the database.
    deliverables = (
        select(func.count(Deliverable.id))
        .where(Deliverable.roadmap_id == Roadmap.id)
        .correlate(Roadmap)
        .scalar_subquery()
    )
    rows = db.session.execute(
        visible_roadmaps(current_user)
        .add_columns(Country, deliverables)
        .join(Roadmap.country)
        .order_by(Country.name, Roadmap.title)
    ).all()
    # Archived roadmaps are kept apart, below, so the list is the work in hand and they can still be found.
    archived = [row for row in rows if row[0].archived_at is not None]
    rows = [row for row in rows if row[0].archived_at is None]
    can_create = (
        current_user.role == GlobalRole.ADMIN
        or db.session.scalar(
            select(Membership.id)
            .where(Membership.user_id == current_user.id, Membership.role == MembershipRole.EDITOR)
            .limit(1)
        )
        is not None
    )
    # A roadmap sent back to its team says why, until it is submitted again.
    returned = return_comments([row[0].id for row in rows if row[0].status == RoadmapStatus.DRAFT])
    return render_template("roadmaps/home.html", rows=rows, archived=archived, can_create=can_create, returned=returned)


def plan_and_schedule(roadmap_id: int) -> tuple[Roadmap, Plan, Schedule]:
    roadmap = roadmap_for(roadmap_id)
    plan = load_plan(roadmap.id)
    if plan is None:
        abort(404)
    try:
        schedule = sequence(plan)
    except (DependencyLoopError, ScheduleError) as exc:
        # Imports and edits refuse both; should one slip in, say what is wrong instead of failing.
        abort(409, description=explain(exc))
    return roadmap, plan, schedule


def page_context(roadmap: Roadmap, plan: Plan, schedule: Schedule) -> dict:
    editor = can_edit(current_user, roadmap.country_id)
    return {
        "roadmap": roadmap,
        "plan": plan,
        "schedule": schedule,
        "stakeholder_names": {s.key: s.name for s in plan.stakeholders},
        # An archived roadmap offers no change until it is restored, which its editors still may do.
        "editable": editor and roadmap.archived_at is None,
        "can_archive": editor,
        "pillar_names": {p: gettext(p.label) for p in Pillar},
        "shown_at_most": SHOWN_AT_MOST,
    }


@bp.route("/roadmaps/<int:roadmap_id>")
@login_required
def show(roadmap_id: int):
    roadmap, plan, schedule = plan_and_schedule(roadmap_id)
    form = WhatIfForm(plan, [d.key for d in schedule.deliverables], formdata=None)
    leads = {d.key: d.lead for d in plan.deliverables}
    pages = paging.by_phase(schedule)
    paged = None
    phases = list(enumerate(schedule.phases, start=1))
    if pages:
        paged = paging.chosen(
            pages,
            paging.phase_label,
            lambda n: url_for("roadmaps.show", roadmap_id=roadmap.id, page=n, _anchor="sequence"),
            near=request.args.get("near", ""),
        )
        page = paged.page
        phases = [(n, [k for k in schedule.phases[n - 1] if page.holds(k)]) for n in range(page.first, page.last + 1)]
    return render_template(
        "roadmaps/sequence.html",
        form=form,
        leads=leads,
        phases=phases,
        paged=paged,
        **page_context(roadmap, plan, schedule),
    )


@bp.route("/roadmaps/<int:roadmap_id>/pillars")
@login_required
def pillars(roadmap_id: int):
    roadmap, plan, schedule = plan_and_schedule(roadmap_id)
    by_pillar = {pillar: [d for d in plan.deliverables if d.pillar == pillar] for pillar in Pillar}
    pages = paging.by_pillar(plan.deliverables)
    paged = None
    if pages:
        paged = paging.chosen(
            pages, paging.pillar_label, lambda n: url_for("roadmaps.pillars", roadmap_id=roadmap.id, page=n)
        )
        pillar = list(Pillar)[paged.page.first - 1]
        by_pillar = {pillar: [d for d in by_pillar[pillar] if paged.page.holds(d.key)]}
    editing = can_edit(current_user, roadmap.country_id) and roadmap.archived_at is None
    ids = deliverable_ids(roadmap.id) if editing else {}
    return render_template(
        "roadmaps/pillars.html", by_pillar=by_pillar, paged=paged, ids=ids, **page_context(roadmap, plan, schedule)
    )


def deliverable_ids(roadmap_id: int) -> dict[str, int]:
    """Each deliverable's id by key, in one query: the plan's dataclasses carry keys, links need ids."""
    rows = db.session.execute(select(Deliverable.key, Deliverable.id).where(Deliverable.roadmap_id == roadmap_id))
    return {key: id_ for key, id_ in rows}


@bp.route("/roadmaps/<int:roadmap_id>/what-if")
@login_required
def what_if(roadmap_id: int):
    roadmap, plan, schedule = plan_and_schedule(roadmap_id)
    form = WhatIfForm(plan, [d.key for d in schedule.deliverables], formdata=request.args)
    result = None
    if form.validate():
        try:
            # From the forecast as of today: what is done stays done, what is under way finishes later.
            result = slip(plan, form.key.data, form.weeks.data, as_of=utcnow().date())
        except ScheduleError as exc:
            form.weeks.errors.append(explain(exc))
        except ValueError as exc:  # work done or cancelled: it cannot slip any more
            form.key.errors.append(explained(exc))
    status = 200 if result or not request.args else 400
    return render_template(
        "roadmaps/what_if.html", form=form, result=result, **page_context(roadmap, plan, schedule)
    ), status
