"""The MNR self-assessment page: readers see the ratings and what to build next; editors rate."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from models.operations import Actor, OperationError, add_deliverable
from models.operations.lessons import accepted_templates
from models.operations.mnr.ratings import set_capability_ratings
from roadmap import plan as p
from roadmap.catalog import load_catalog, templates_by_key, translated
from roadmap.mnr import GC25_SECTIONS, GROUPS, PHASES, in_group, phase
from roadmap.mnr.suggestions import suggestions
from roadmap.vocabulary import DeliverableStatus
from views.access import roadmap_for
from views.capabilities.forms import CapabilitiesForm, InPlaceForm, evidence_field, phase_field
from views.messages import explained
from views.workspace.roadmaps import page_context, plan_and_schedule

bp = Blueprint("capabilities", __name__, url_prefix="/roadmaps/<int:roadmap_id>")


@bp.get("/capabilities")
@login_required
def show(roadmap_id: int):
    roadmap, plan, schedule = plan_and_schedule(roadmap_id)
    form = CapabilitiesForm(formdata=None)
    form.fill(plan.capabilities)
    return _page(roadmap, plan, schedule, form)


@bp.post("/capabilities")
@login_required
def save(roadmap_id: int):
    roadmap, plan, schedule = plan_and_schedule(roadmap_id)
    context = page_context(roadmap, plan, schedule)
    if not context["editable"]:
        return _page(roadmap, plan, schedule, CapabilitiesForm(formdata=None), status=403)
    form = CapabilitiesForm()
    if form.validate_on_submit():
        rated, unrated = form.ratings()
        try:
            set_capability_ratings(Actor.of(current_user), roadmap.id, rated, unrate=unrated)
        except OperationError as exc:
            form.form_errors.append(explained(exc))
        else:
            flash(_("MNR self-assessment saved."), "info")
            return redirect(url_for("capabilities.show", roadmap_id=roadmap.id, _anchor="next"))
    return _page(roadmap, plan, schedule, form, status=400)


@bp.post("/capabilities/in-place")
@login_required
def in_place(roadmap_id: int):
    """Record a suggested template as work that already exists, so it is neither planned nor suggested."""
    roadmap = roadmap_for(roadmap_id, edit=True)
    form = InPlaceForm()
    template = templates_by_key(accepted_templates()).get(form.template.data or "")
    back = redirect(url_for("capabilities.show", roadmap_id=roadmap.id, _anchor="next"))
    if not form.validate_on_submit() or template is None:
        flash(_("That suggestion is no longer in the catalog: reload the page and choose again."), "error")
        return back
    # What the team records becomes the roadmap's own text, so it comes in the roadmap's language.
    with force_locale(roadmap.language.value):
        t = translated(template, _)
    existing = p.Deliverable(
        key="",
        pillar=t.pillar,
        title=t.title,
        description=t.description,
        duration_weeks=t.duration_weeks,
        status=DeliverableStatus.IN_PLACE,
        threats=t.threats,
        template=t.key,
    )
    try:
        add_deliverable(Actor.of(current_user), roadmap.id, existing)
    except OperationError as exc:
        flash(explained(exc), "error")
    else:
        flash(
            _(
                "Recorded as already in place: %(title)s. It is not planned or suggested again.",
                title=_(template.title),
            ),
            "info",
        )
    return back


def _page(roadmap, plan, schedule, form: CapabilitiesForm, status: int = 200):
    context = page_context(roadmap, plan, schedule)
    taken = [d.template for d in plan.deliverables]
    # Suggestions follow what is saved, not what is being typed: they are the plan's, for every reader.
    found = suggestions(plan.capabilities, taken, (*load_catalog(), *accepted_templates()))
    return render_template(
        "capabilities/index.html",
        form=form,
        groups=[(g, in_group(g)) for g in GROUPS],
        phases=PHASES,
        phase_name=lambda n: _(phase(n).name),
        phase_field=phase_field,
        evidence_field=evidence_field,
        rated={r.number: r for r in plan.capabilities},
        suggestions=[(s, [translated(t, _) for t in s.templates]) for s in found],
        gc25=GC25_SECTIONS,
        **context,
    ), status
