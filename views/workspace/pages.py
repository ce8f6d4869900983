"""Workspace pages of a roadmap beyond its sequence: timeline, dependency graph, threat coverage, history."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from models import JournalEntry, db
from roadmap.threats import RiskCategory, RiskNature, Threat, in_grid_order
from roadmap.vocabulary import Pillar
from views import charts, paging
from views.access import can_edit
from views.workspace import history
from views.workspace.roadmaps import page_context, plan_and_schedule

bp = Blueprint("workspace", __name__, url_prefix="/roadmaps/<int:roadmap_id>")

HISTORY_PAGE = 100


def _part(parts: list[charts.ChartPart] | None, endpoint: str, roadmap_id: int) -> paging.Paged | None:
    # ?near=KEY opens the part that shows that deliverable: links from the other pages use it.
    if not parts:
        return None
    return paging.chosen(
        parts,
        lambda p: p.title,
        lambda n: url_for(endpoint, roadmap_id=roadmap_id, page=n),
        near=request.args.get("near", ""),
    )


@bp.route("/timeline")
@login_required
def timeline(roadmap_id: int):
    roadmap, plan, schedule = plan_and_schedule(roadmap_id)
    paged = _part(charts.timeline_parts(schedule), "workspace.timeline", roadmap.id)
    part = paged.page if paged else None
    return render_template(
        "workspace/timeline.html",
        paged=paged,
        **charts.timeline_page(
            plan,
            schedule,
            part,
            lambda key: url_for("roadmaps.show", roadmap_id=roadmap.id, near=key, _anchor=f"d-{key}"),
        ),
        **page_context(roadmap, plan, schedule),
    )


@bp.route("/graph")
@login_required
def graph(roadmap_id: int):
    roadmap, plan, schedule = plan_and_schedule(roadmap_id)
    paged = _part(charts.graph_parts(schedule), "workspace.graph", roadmap.id)
    part = paged.page if paged else None
    return render_template(
        "workspace/graph.html",
        paged=paged,
        **charts.graph_page(
            plan,
            schedule,
            part,
            lambda key: url_for("workspace.graph", roadmap_id=roadmap.id, near=key, _anchor=f"g-{key}"),
        ),
        **page_context(roadmap, plan, schedule),
    )


@bp.route("/threats")
@login_required
def threats(roadmap_id: int):
    roadmap, plan, schedule = plan_and_schedule(roadmap_id)
    counts = {(t, p): 0 for t in Threat for p in Pillar}
    for d in plan.deliverables:
        for t in d.threats:
            counts[t, d.pillar] += 1
    totals = {t: sum(counts[t, p] for p in Pillar) for t in Threat}
    by_category = {c: [t for t in in_grid_order() if t.category == c] for c in RiskCategory}
    return render_template(
        "workspace/threats.html",
        roadmap=roadmap,
        plan=plan,
        schedule=schedule,
        counts=counts,
        totals=totals,
        by_category=by_category,
        categories=list(RiskCategory),
        natures=list(RiskNature),
        uncovered=[t for t in Threat if not totals[t]],
        pillars=list(Pillar),
        editable=can_edit(current_user, roadmap.country_id),
    )


@bp.route("/history", endpoint="history")
@login_required
def history_page(roadmap_id: int):
    roadmap, plan, schedule = plan_and_schedule(roadmap_id)
    query = select(JournalEntry).where(JournalEntry.roadmap_id == roadmap.id)
    before = request.args.get("before", "")
    if before.isascii() and before.isdigit():
        query = query.where(JournalEntry.id < int(before))
    entries = db.session.scalars(query.order_by(JournalEntry.id.desc()).limit(HISTORY_PAGE + 1)).all()
    return render_template(
        "workspace/history.html",
        roadmap=roadmap,
        plan=plan,
        schedule=schedule,
        entries=history.rows(roadmap.id, entries[:HISTORY_PAGE], plan.stakeholders),
        older=entries[HISTORY_PAGE - 1].id if len(entries) > HISTORY_PAGE else None,
        editable=can_edit(current_user, roadmap.country_id),
    )
