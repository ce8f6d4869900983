"""A country team's page for a roadmap under way: what is due next, what is late or stuck, what changed."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, render_template
from flask_login import login_required
from sqlalchemy import select

from models import JournalEntry, db
from models.operations.comments import threads
from roadmap.followup import CLOSED, is_due_soon, is_overdue
from roadmap.vocabulary import DeliverableStatus
from views.tracking import progress as tracking
from views.workspace import history
from views.workspace.roadmaps import page_context, plan_and_schedule

bp = Blueprint("team", __name__, url_prefix="/roadmaps/<int:roadmap_id>")

HORIZON_DAYS = 42  # "the coming weeks": six weeks, about the time between two coordination meetings
RECENT_CHANGES = 10


@bp.route("/next")
@login_required
def overview(roadmap_id: int):
    roadmap, plan, schedule = plan_and_schedule(roadmap_id)
    today = tracking.today()
    ahead = tracking.forecast_context(roadmap, plan, today)
    expected, planned = ahead["forecast"], ahead["planned"]
    due_soon, overdue, blocked = [], [], []
    for d in plan.deliverables:
        finish = expected.get(d.key).finish
        was = planned.get(d.key)
        item = {"d": d, "finish": finish, "planned": was.finish if was else None}
        if is_overdue(d.status, d.due_by, item["planned"], today):
            overdue.append(item)
        elif is_due_soon(d.status, finish, today, HORIZON_DAYS):
            due_soon.append(item)
        if d.status is DeliverableStatus.BLOCKED:
            blocked.append(item)
    j = JournalEntry
    changes = history.rows(
        roadmap.id,
        db.session.scalars(
            select(j).where(j.roadmap_id == roadmap.id).order_by(j.at.desc(), j.id.desc()).limit(RECENT_CHANGES)
        ).all(),
        plan.stakeholders,
    )
    open_threads = [t for t in threads(roadmap.id) if not t.resolved]
    return render_template(
        "team/overview.html",
        today=today,
        horizon=today + timedelta(days=HORIZON_DAYS),
        due_soon=sorted(due_soon, key=lambda i: (i["finish"], i["d"].key)),
        overdue=sorted(overdue, key=lambda i: (min(x for x in (i["d"].due_by, i["planned"]) if x), i["d"].key)),
        blocked=blocked,
        open_work=sum(d.status not in CLOSED for d in plan.deliverables),
        changes=changes,
        open_threads=open_threads,
        baseline=ahead["baseline"],
        **page_context(roadmap, plan, schedule),
    )
