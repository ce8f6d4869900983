"""A roadmap's stakeholders: add, rename, merge duplicates, delete unused ones."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select

from models import Deliverable, Stakeholder, db, deliverable_partners
from models.operations import (
    Actor,
    OperationError,
    add_stakeholder,
    delete_stakeholder,
    merge_stakeholders,
    update_stakeholder,
)
from roadmap.vocabulary import StakeholderKind
from views.access import roadmap_for
from views.wizard.forms import MergeForm, StakeholderForm

bp = Blueprint("stakeholders", __name__, url_prefix="/roadmaps/<int:roadmap_id>/stakeholders")


def _rows(roadmap_id: int):
    leads = (
        select(Deliverable.lead_id, func.count(Deliverable.id).label("n"))
        .where(Deliverable.roadmap_id == roadmap_id)
        .group_by(Deliverable.lead_id)
        .subquery()
    )
    partners = (
        select(deliverable_partners.c.stakeholder_id, func.count().label("n"))
        .where(deliverable_partners.c.roadmap_id == roadmap_id)
        .group_by(deliverable_partners.c.stakeholder_id)
        .subquery()
    )
    return db.session.execute(
        select(Stakeholder, func.coalesce(leads.c.n, 0), func.coalesce(partners.c.n, 0))
        .outerjoin(leads, leads.c.lead_id == Stakeholder.id)
        .outerjoin(partners, partners.c.stakeholder_id == Stakeholder.id)
        .where(Stakeholder.roadmap_id == roadmap_id)
        .order_by(Stakeholder.name)
    ).all()


def _page(roadmap, add_form, merge_form, edit_id=None, edit_form=None, status=200):
    rows = _rows(roadmap.id)
    choices = [(str(s.id), f"{s.name} ({s.key})") for s, _, _ in rows]
    merge_form.set_choices(choices)
    return render_template(
        "stakeholders/index.html",
        roadmap=roadmap,
        rows=rows,
        add_form=add_form,
        merge_form=merge_form,
        edit_id=edit_id,
        edit_form=edit_form,
        back=request.args.get("back", ""),
    ), status


@bp.route("/", methods=["GET", "POST"])
@login_required
def index(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    add_form = StakeholderForm(prefix="add")
    if request.method == "POST" and add_form.validate_on_submit():
        try:
            add_stakeholder(
                Actor.of(current_user), roadmap.id, add_form.name.data.strip(), StakeholderKind(add_form.kind.data)
            )
        except OperationError as exc:
            add_form.name.errors.append(str(exc))
        else:
            flash(_("Stakeholder added: %(name)s.", name=add_form.name.data.strip()), "info")
            return redirect(url_for("stakeholders.index", roadmap_id=roadmap.id, back=request.args.get("back", "")))
    return _page(roadmap, add_form, MergeForm(prefix="merge", formdata=None), status=400 if add_form.errors else 200)


@bp.route("/<int:stakeholder_id>", methods=["POST"])
@login_required
def edit(roadmap_id: int, stakeholder_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    form = StakeholderForm(prefix=f"s{stakeholder_id}")
    if form.validate_on_submit():
        try:
            update_stakeholder(
                Actor.of(current_user),
                roadmap.id,
                stakeholder_id,
                form.name.data.strip(),
                StakeholderKind(form.kind.data),
            )
        except OperationError as exc:
            form.name.errors.append(str(exc))
        else:
            flash(_("Stakeholder saved."), "info")
            return redirect(url_for("stakeholders.index", roadmap_id=roadmap.id))
    return _page(
        roadmap,
        StakeholderForm(prefix="add", formdata=None),
        MergeForm(prefix="merge", formdata=None),
        stakeholder_id,
        form,
        400,
    )


@bp.route("/merge", methods=["POST"])
@login_required
def merge(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    form = MergeForm(prefix="merge")
    form.set_choices([(str(s.id), s.name) for s, _, _ in _rows(roadmap.id)])
    if form.validate_on_submit():
        try:
            merge_stakeholders(Actor.of(current_user), roadmap.id, int(form.keep.data), int(form.merge.data))
        except OperationError as exc:
            form.merge.errors.append(str(exc))
        else:
            flash(_("Stakeholders merged."), "info")
            return redirect(url_for("stakeholders.index", roadmap_id=roadmap.id))
    return _page(roadmap, StakeholderForm(prefix="add", formdata=None), form, status=400)


@bp.route("/<int:stakeholder_id>/delete", methods=["POST"])
@login_required
def delete(roadmap_id: int, stakeholder_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    try:
        delete_stakeholder(Actor.of(current_user), roadmap.id, stakeholder_id)
    except OperationError as exc:
        flash(str(exc), "error")
    else:
        flash(_("Stakeholder deleted."), "info")
    return redirect(url_for("stakeholders.index", roadmap_id=roadmap.id))
