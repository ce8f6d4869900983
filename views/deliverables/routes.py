"""Adding, editing and deleting a deliverable, and the links between deliverables."""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from models import Deliverable, Dependency, Stakeholder, db
from models.operations import (
    Actor,
    OperationError,
    StateConflict,
    VersionConflict,
    add_deliverable,
    add_dependency,
    delete_deliverable,
    dependents,
    remove_dependency,
    suggested_links,
    update_deliverable,
    update_dependency,
)
from models.operations.deliverable_rows import stored_deliverable
from models.operations.lessons import accepted_templates
from models.operations.linking import links_of
from roadmap.catalog import templates_by_key, translated
from roadmap.vocabulary import DependencyType, Pillar
from views import paging
from views.access import roadmap_for
from views.conflict import conflict_page, form_version, formdata
from views.deliverables.data import deliverable_from_form, fill_form, fill_from_template
from views.forms import already_saved, once_guard, settle_once, spending
from views.messages import explain, explained
from views.wizard.forms import DeliverableForm, LinkChangeForm, LinkForm, NewDeliverableForm
from views.wizard.steps import STEPS, step_label
from views.workspace.roadmaps import SHOWN_AT_MOST

bp = Blueprint("deliverables", __name__, url_prefix="/roadmaps/<int:roadmap_id>")


# What the conflict page compares: everything the drafting form edits.
CONFLICT_FIELDS = [
    *("key", "pillar", "title", "description", "objective", "lead", "partners", "duration_weeks"),
    *("not_before", "due_by", "priority", "threats", "cost_amount", "cost_currency", "funding_source"),
]


def _stakeholders(roadmap_id: int) -> list[tuple[str, str]]:
    rows = db.session.execute(
        select(Stakeholder.key, Stakeholder.name).where(Stakeholder.roadmap_id == roadmap_id).order_by(Stakeholder.name)
    )
    return [(key, name) for key, name in rows]


def _back(roadmap_id: int, pillar: str):
    target = request.args.get("back")
    if target == "dependencies":
        return redirect(url_for("wizard.step", roadmap_id=roadmap_id, step="dependencies"))
    return redirect(url_for("wizard.step", roadmap_id=roadmap_id, step=pillar))


def _owned(roadmap_id: int, deliverable_id: int) -> Deliverable:
    deliverable = db.session.get(Deliverable, deliverable_id)
    if deliverable is None or deliverable.roadmap_id != roadmap_id:
        abort(404)
    return deliverable


def _form_page(form: DeliverableForm, roadmap, deliverable: Deliverable | None, step: str):
    return render_template(
        "deliverables/form.html",
        form=form,
        roadmap=roadmap,
        deliverable=deliverable,
        steps=STEPS,
        step=step,
        step_label=step_label,
    ), 400 if form.errors else 200


@bp.route("/deliverables/new", methods=["GET", "POST"])
@login_required
def new(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    form = NewDeliverableForm(_stakeholders(roadmap.id))
    if again := once_guard(form, url_for("wizard.resume", roadmap_id=roadmap.id)):
        return again
    if request.method == "GET":
        pillar = request.args.get("pillar", "legal")
        form.pillar.data = pillar if pillar in {p.value for p in Pillar} else "legal"
        template = templates_by_key(accepted_templates()).get(request.args.get("template", ""))
        if template:
            # What the team adds becomes the roadmap's own text, so it comes in the roadmap's language.
            with force_locale(roadmap.language.value):
                template = translated(template, _)
            fill_from_template(form, template, roadmap.id)
    if form.validate_on_submit():
        try:
            with spending(form):
                new_id = add_deliverable(Actor.of(current_user), roadmap.id, deliverable_from_form(form))
        except OperationError as exc:
            if again := already_saved(form, url_for("wizard.resume", roadmap_id=roadmap.id)):
                return again  # the same page sent twice at once: the other send saved it
            form.title.errors.append(explain(exc))
        else:
            settle_once(form, url_for("deliverables.edit", roadmap_id=roadmap.id, deliverable_id=new_id))
            flash(_("Deliverable added."), "info")
            return _back(roadmap.id, form.pillar.data)
    return _form_page(form, roadmap, None, form.pillar.data)


@bp.route("/deliverables/<int:deliverable_id>/edit", methods=["GET", "POST"])
@login_required
def edit(roadmap_id: int, deliverable_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    deliverable = _owned(roadmap.id, deliverable_id)
    form = DeliverableForm(_stakeholders(roadmap.id), formdata=formdata())
    # One deliverable's rows, not the whole plan: this page must not grow with the roadmap.
    stored, version = stored_deliverable(roadmap.id, deliverable.id)
    if request.method == "GET":
        fill_form(form, stored, version)
    if form.validate_on_submit():
        # The drafting form does not carry progress; keep what progress tracking recorded.
        edited = replace(
            deliverable_from_form(form),
            status=stored.status,
            percent_complete=stored.percent_complete,
            actual_start=stored.actual_start,
            actual_finish=stored.actual_finish,
        )
        try:
            update_deliverable(Actor.of(current_user), roadmap.id, deliverable.id, form_version(form), edited)
        except VersionConflict as exc:
            return conflict_page(
                form,
                CONFLICT_FIELDS,
                exc.current,
                heading=_("Someone else saved this deliverable while you were editing it"),
                reopen_url=url_for("deliverables.edit", roadmap_id=roadmap.id, deliverable_id=deliverable.id),
                version=exc.version,
            )
        except OperationError as exc:
            form.title.errors.append(explain(exc))
        else:
            flash(_("Deliverable saved."), "info")
            return _back(roadmap.id, form.pillar.data)
    return _form_page(form, roadmap, deliverable, deliverable.pillar.value)


@bp.route("/deliverables/<int:deliverable_id>/delete", methods=["GET", "POST"])
@login_required
def delete(roadmap_id: int, deliverable_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    deliverable = _owned(roadmap.id, deliverable_id)
    linked = dependents(roadmap.id, deliverable.id)
    if request.method == "POST":
        pillar = deliverable.pillar.value
        try:
            delete_deliverable(
                Actor.of(current_user),
                roadmap.id,
                deliverable.id,
                remove_links=request.form.get("remove_links") == "yes",
            )
        except OperationError as exc:
            flash(explained(exc), "error")
        else:
            flash(_("Deliverable deleted."), "info")
            return _back(roadmap.id, pillar)
    return render_template("deliverables/delete.html", roadmap=roadmap, deliverable=deliverable, linked=linked)


ALL_FORMS_UP_TO = 12


def dependencies_page(roadmap, failed: dict | None = None, status: int = 200, changing: dict | None = None):
    """The dependencies step; ``failed`` keeps a refused link form, with its error, where it was typed, and
    ``changing`` a refused change of a link's type and lag ({"id", "key" of its successor, "form", "error"})."""
    # Keys, titles and pillars are all this step shows of the deliverables: one column query, not the plan.
    rows = db.session.execute(
        select(Deliverable.id, Deliverable.key, Deliverable.title, Deliverable.pillar)
        .where(Deliverable.roadmap_id == roadmap.id)
        .order_by(Deliverable.id)
    ).all()
    ids = {d.key: d.id for d in rows}
    waits_for: dict[str, list] = {}
    for link in links_of(roadmap.id):
        waits_for.setdefault(link.successor, []).append(link)
    candidates = [(d.key, f"{d.key} — {d.title}") for d in rows]
    # A large roadmap's step is shown one pillar at a time (see views.paging).
    shown = list(rows)
    paged = None
    pages = paging.by_pillar(rows)
    if pages:
        held = failed or changing  # a refused form is on the page that holds its deliverable
        near = held["key"] if held else request.args.get("add") or request.args.get("near", "")
        paged = paging.chosen(
            pages,
            paging.pillar_label,
            lambda n: url_for("wizard.step", roadmap_id=roadmap.id, step="dependencies", page=n),
            near=near,
        )
        shown = [d for d in shown if paged.page.holds(d.key)]
    # A small roadmap gets a link form under every deliverable; a large one only under the one asked
    # for, since every form lists every other deliverable and the page would grow with the square.
    wanted = {d.key for d in rows} if len(rows) <= ALL_FORMS_UP_TO else {request.args.get("add", "")}
    forms = {}
    for d in shown:
        if failed and failed["key"] == d.key:
            forms[d.key] = failed["form"]
        elif d.key in wanted:
            forms[d.key] = LinkForm([c for c in candidates if c[0] != d.key], prefix=f"link-{d.key}", formdata=None)
    return render_template(
        "wizard/dependencies.html",
        roadmap=roadmap,
        shown=shown,
        paged=paged,
        ids=ids,
        titles={d.key: d.title for d in rows},
        waits_for=waits_for,
        forms=forms,
        changing=changing,
        suggestions=suggested_links(roadmap.id),
        shown_at_most=SHOWN_AT_MOST,
        pillar_names={p: _(p.label) for p in Pillar},
        link_kinds=[(c.value, str(c.label)) for c in LinkChangeForm.kind.kwargs["choices"]],
        steps=STEPS,
        step="dependencies",
        step_label=step_label,
    ), status


@bp.route("/deliverables/<int:deliverable_id>/links", methods=["GET", "POST"])
@login_required
def add_link(roadmap_id: int, deliverable_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    deliverable = _owned(roadmap.id, deliverable_id)
    if request.method == "GET":
        # A refused link is shown at this address; reopened (a reload, a bookmark), it is the links' page.
        return redirect(
            url_for(
                "wizard.step",
                roadmap_id=roadmap.id,
                step="dependencies",
                near=deliverable.key,
                _anchor=f"d-{deliverable.key}",
            )
        )
    keys = db.session.execute(
        select(Deliverable.key, Deliverable.title).where(
            Deliverable.roadmap_id == roadmap.id, Deliverable.id != deliverable.id
        )
    ).all()
    form = LinkForm([(k, f"{k} — {t}") for k, t in keys], prefix=f"link-{deliverable.key}")
    near = url_for(
        "wizard.step", roadmap_id=roadmap.id, step="dependencies", near=deliverable.key, _anchor=f"d-{deliverable.key}"
    )
    if again := already_saved(form, near):
        return again
    if form.validate_on_submit():
        try:
            with spending(form):
                add_dependency(
                    Actor.of(current_user),
                    roadmap.id,
                    form.predecessor.data,
                    deliverable.key,
                    DependencyType(form.kind.data),
                    form.lag_weeks.data,
                )
        except OperationError as exc:
            if again := already_saved(form, near):
                return again  # the same page sent twice at once: the other send added it
            form.predecessor.errors.append(explain(exc))
        else:
            settle_once(form, near)
            flash(_("Link added: %(a)s → %(b)s.", a=form.predecessor.data, b=deliverable.key), "info")
            return redirect(near)
    return dependencies_page(roadmap, {"key": deliverable.key, "form": form}, 400)


@bp.route("/links/<int:dependency_id>", methods=["GET", "POST"])
@login_required
def change_link(roadmap_id: int, dependency_id: int):
    """A link's type and lag changed where it is listed: back there, saying what changed; refused, the page
    again at this address with what was typed kept in the link's form and the reason beside it."""
    roadmap = roadmap_for(roadmap_id, edit=True)
    found = links_of(roadmap.id, link_id=dependency_id)
    if not found:
        abort(404)
    link = found[0]
    back = url_for("wizard.step", roadmap_id=roadmap.id, step="dependencies", near=link.successor)
    if request.method == "GET":
        # A refused change is shown at this address; reopened (a reload, a bookmark), it is the links' page.
        return redirect(f"{back}#l-{link.id}")
    form = LinkChangeForm(prefix=f"e{link.id}")
    arrow = f"{link.predecessor} → {link.successor}"

    def refused(reason: str):
        error = _("The link %(link)s was not changed: %(reason)s", link=arrow, reason=reason)
        return dependencies_page(
            roadmap, status=400, changing={"id": link.id, "key": link.successor, "form": form, "error": error}
        )

    if not form.validate_on_submit():
        # One reason a field: a lag that is not a number is not also out of range.
        return refused(" ".join(f"{form[name].label.text}: {errors[0]}" for name, errors in form.errors.items()))
    was_kind, _space, was_lag = (form.was.data or "").partition(" ")
    expected = None
    if was_kind in {k.value for k in DependencyType} and was_lag.lstrip("-").isdigit():
        expected = (DependencyType(was_kind), int(was_lag))
    try:
        update_dependency(
            Actor.of(current_user),
            roadmap.id,
            link.id,
            DependencyType(form.kind.data),
            form.lag_weeks.data,
            expected=expected,
        )
    except VersionConflict:
        flash(
            _(
                "The link %(link)s was not changed: someone changed it since you opened the page. Here it is now.",
                link=arrow,
            ),
            "error",
        )
    except OperationError as exc:
        return refused(explained(exc))
    else:
        flash(_("Link changed: %(link)s.", link=arrow), "info")
    return redirect(f"{back}#l-{link.id}")


@bp.route("/links/<int:dependency_id>/delete", methods=["POST"])
@login_required
def remove_link(roadmap_id: int, dependency_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    # Back to the page (of a large roadmap) where the link was listed, under the deliverable that waited.
    successor = db.session.scalar(
        select(Deliverable.key)
        .join(Dependency, Dependency.successor_id == Deliverable.id)
        .where(Dependency.id == dependency_id, Dependency.roadmap_id == roadmap.id)
    )
    if successor is None:
        abort(404)
    # A roadmap in review or approved refuses with its reason, on the page the link was removed from.
    try:
        remove_dependency(Actor.of(current_user), roadmap.id, dependency_id)
    except StateConflict as exc:
        flash(explained(exc), "error")
    else:
        flash(_("Link removed."), "info")
    return redirect(
        url_for("wizard.step", roadmap_id=roadmap.id, step="dependencies", near=successor, _anchor=f"d-{successor}")
    )
