"""The home page and a roadmap's page."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_login import current_user, login_required
from sqlalchemy import func, select

from models import Country, Deliverable, Roadmap, db
from models.loading import load_plan
from roadmap.vocabulary import Pillar
from views.access import can_edit, roadmap_for, visible_roadmaps

bp = Blueprint("roadmaps", __name__)


@bp.route("/")
@login_required
def home():
    visible = visible_roadmaps(current_user).subquery()
    counts = (
        select(Deliverable.roadmap_id, func.count(Deliverable.id).label("n"))
        .group_by(Deliverable.roadmap_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Roadmap, Country, func.coalesce(counts.c.n, 0))
        .join(visible, visible.c.id == Roadmap.id)
        .join(Roadmap.country)
        .outerjoin(counts, counts.c.roadmap_id == Roadmap.id)
        .order_by(Country.name, Roadmap.title)
    ).all()
    return render_template("roadmaps/home.html", rows=rows)


@bp.route("/roadmaps/<int:roadmap_id>")
@login_required
def show(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id)
    plan = load_plan(roadmap.id)
    if plan is None:
        abort(404)
    by_pillar = {pillar: [d for d in plan.deliverables if d.pillar == pillar] for pillar in Pillar}
    names = {s.key: s.name for s in plan.stakeholders}
    return render_template(
        "roadmaps/show.html",
        roadmap=roadmap,
        plan=plan,
        by_pillar=by_pillar,
        stakeholder_names=names,
        editable=can_edit(current_user, roadmap.country_id),
    )
