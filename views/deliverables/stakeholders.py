"""A roadmap's stakeholders: add, rename, merge duplicates, delete unused ones; and add one from the
deliverable form, as a step of its own (without JavaScript) or in a dialog (with it).

Each way of adding carries a one-time token (views/forms.py): sent again, it adds nothing and shows the
stakeholder the first send added. The step's token comes with the deliverable page that opened it, so that
page sent to the step again (Back, then resend) gives the step the same token.
"""

from __future__ import annotations

import re

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select

from models import Deliverable, Stakeholder, db, deliverable_partners
from models.form_token import spent, well_formed
from models.operations import (
    Actor,
    OperationError,
    add_stakeholder,
    delete_stakeholder,
    merge_stakeholders,
    update_stakeholder,
)
from models.operations.stakeholders import SimilarStakeholder
from roadmap.vocabulary import StakeholderKind
from views.access import roadmap_for
from views.deliverables.stakeholder_step import back_to_the_deliverable, carried_fields, deliverable_page
from views.forms import once_guard, once_url, refuse, settle_once, spending
from views.messages import explain, explained
from views.wizard.forms import MergeForm, NewStakeholderForm, StakeholderForm

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
        edit_shown=any(s.id == edit_id for s, _, _ in rows),
        back=request.args.get("back", ""),
    ), status


def _shown_at(roadmap_id: int, stakeholder_id: int) -> str:
    # Where a stakeholder added is shown: its row on the stakeholders page (a resend is taken there).
    return url_for("stakeholders.index", roadmap_id=roadmap_id, _anchor=f"s{stakeholder_id}-name")


def saved_by(roadmap_id: int, form: NewStakeholderForm) -> tuple[int, str, str] | None:
    """The stakeholder (id, key, name) this form's token already added, if it added one still there."""
    target = spent(form.sent_once, current_user.id)
    found = re.search(r"#s(\d+)-name$", target or "")
    if found is None:
        return None
    row = db.session.execute(
        select(Stakeholder.id, Stakeholder.key, Stakeholder.name).where(
            Stakeholder.id == int(found.group(1)), Stakeholder.roadmap_id == roadmap_id
        )
    ).one_or_none()
    return None if row is None else (row.id, row.key, row.name)


def _already_added(name: str) -> str:
    return _(
        "%(name)s was already added, so it was not added again. It is the lead of this deliverable now.", name=name
    )


def add_from_form(roadmap_id: int, form: NewStakeholderForm) -> tuple[int, str] | None:
    """Add the stakeholder a valid form names: its (id, key), or None with the form's error or question set.

    A name that looks like one already in the roadmap is not added at once: ``form.question`` asks, and
    the form then carries the name as answered, so "Add anyway" adds it (and only that name).
    """
    name = form.name.data.strip()
    form.question = None
    try:
        with spending(form):
            new_id = add_stakeholder(
                Actor.of(current_user),
                roadmap_id,
                name,
                StakeholderKind(form.kind.data),
                (form.key.data or "").strip() or None,
                similar_ok=form.similar_ok.data == name,
            )
    except SimilarStakeholder as exc:
        form.similar_ok.data = name
        form.question = _(
            "%(name)s looks like %(other)s (%(key)s) already in this roadmap: add anyway?",
            name=exc.name,
            other=exc.other,
            key=exc.key,
        )
        return None
    except OperationError as exc:
        if (saved := saved_by(roadmap_id, form)) is not None:
            return saved[:2]  # the same page sent twice at once: the other send added it
        refuse(form, exc)
        return None
    settle_once(form, _shown_at(roadmap_id, new_id))
    return new_id, db.session.scalar(select(Stakeholder.key).where(Stakeholder.id == new_id))


@bp.route("/", methods=["GET", "POST"])
@login_required
def index(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    add_form = NewStakeholderForm(prefix="add")
    if again := once_guard(add_form, url_for("stakeholders.index", roadmap_id=roadmap.id)):
        return again
    if request.method == "POST" and add_form.validate_on_submit() and add_from_form(roadmap.id, add_form):
        flash(_("Stakeholder added: %(name)s.", name=add_form.name.data.strip()), "info")
        return redirect(once_url("stakeholders.index", roadmap_id=roadmap.id, back=request.args.get("back", "")))
    status = 409 if getattr(add_form, "question", None) else 400 if add_form.errors else 200
    return _page(roadmap, add_form, MergeForm(prefix="merge", formdata=None), status=status)


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
                (form.key.data or "").strip() or None,
            )
        except OperationError as exc:
            refuse(form, exc)
        else:
            flash(_("Stakeholder saved."), "info")
            return redirect(once_url("stakeholders.index", roadmap_id=roadmap.id))
    return _page(
        roadmap,
        NewStakeholderForm(prefix="add", formdata=None),
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
            form.merge.errors.append(explain(exc))
        else:
            flash(_("Stakeholders merged."), "info")
            return redirect(once_url("stakeholders.index", roadmap_id=roadmap.id))
    return _page(roadmap, NewStakeholderForm(prefix="add", formdata=None), form, status=400)


@bp.route("/<int:stakeholder_id>/delete", methods=["POST"])
@login_required
def delete(roadmap_id: int, stakeholder_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    try:
        delete_stakeholder(Actor.of(current_user), roadmap.id, stakeholder_id)
    except OperationError as exc:
        flash(explained(exc), "error")
    else:
        flash(_("Stakeholder deleted."), "info")
    return redirect(once_url("stakeholders.index", roadmap_id=roadmap.id))


@bp.route("/for-deliverable", methods=["POST"])
@login_required
def for_deliverable(roadmap_id: int):
    """The step the deliverable form's "Add a stakeholder" button opens: everything typed in the deliverable
    form travels with it, and the team comes back to that form with the new stakeholder as its lead."""
    roadmap = roadmap_for(roadmap_id, edit=True)
    target = back_to_the_deliverable(roadmap.id, request.form.get("return_to", ""))
    if target is None:
        abort(400)
    carried = carried_fields(request.form)
    if "add_stakeholder" in request.form:  # just arrived from the deliverable form
        form, status = _arriving_form(), 200
    elif request.form.get("go") == "back":
        return deliverable_page(roadmap, target, carried, None)
    else:
        form = NewStakeholderForm(prefix="sh")
        if (saved := saved_by(roadmap.id, form)) is not None:
            flash(_already_added(saved[2]), "info")
            return deliverable_page(roadmap, target, carried, saved[1])
        if form.validate_on_submit() and (added := add_from_form(roadmap.id, form)):
            flash(
                _("Stakeholder added: %(name)s. It is the lead of this deliverable now.", name=form.name.data.strip()),
                "info",
            )
            return deliverable_page(roadmap, target, carried, added[1])
        status = 409 if getattr(form, "question", None) else 400
    return render_template("stakeholders/for_deliverable.html", roadmap=roadmap, form=form, carried=carried), status


def _arriving_form() -> NewStakeholderForm:
    # Empty, with the token the deliverable page gave its "Add a stakeholder" button.
    form = NewStakeholderForm(prefix="sh", formdata=None)
    if well_formed(given := request.form.get("sh-once")):
        form.once.data = given
    return form


@bp.route("/quick", methods=["GET", "POST"])
@login_required
def quick(roadmap_id: int):
    """The same in a dialog on the deliverable form: the form as a fragment, and on success the new
    stakeholder as JSON, which the page adds to its Lead and Partners lists."""
    roadmap = roadmap_for(roadmap_id, edit=True)
    form = NewStakeholderForm(prefix="dlg", formdata=None if request.method == "GET" else request.form)
    status = 200
    if request.method == "POST":
        if (saved := saved_by(roadmap.id, form)) is not None:
            return jsonify(key=saved[1], name=saved[2], message=_already_added(saved[2]))
        if form.validate_on_submit() and (added := add_from_form(roadmap.id, form)):
            name = form.name.data.strip()
            return jsonify(
                key=added[1],
                name=name,
                message=_("Stakeholder added: %(name)s. It is the lead of this deliverable now.", name=name),
            )
        status = 409 if getattr(form, "question", None) else 400
    return render_template("stakeholders/_quick.html", roadmap=roadmap, form=form), status
