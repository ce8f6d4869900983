"""The treaty gap analysis page: readers see the checklist as marked; editors mark it while the roadmap
is a draft and add the suggested legal deliverables for the gaps in one step."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from models import Stakeholder, db
from models.operations import Actor, OperationError
from models.operations.lessons import accepted_templates
from models.operations.treaties import add_gap_deliverable, set_provision_marks
from roadmap import plan as p
from roadmap.catalog import Template, templates_by_key, translated
from roadmap.treaties import PROVISIONS, Group, Provision, Treaty, gap_suggestions, provision_by_id
from roadmap.vocabulary import TITLE_MAX, Pillar
from views.messages import explained
from views.treaties.forms import GapDeliverableForm, TreatiesForm, note_field, status_field
from views.workspace.roadmaps import page_context, plan_and_schedule

bp = Blueprint("treaties", __name__, url_prefix="/roadmaps/<int:roadmap_id>")

# A gap with no catalog template becomes a deliverable of this length: drafting the amendment and
# taking it through Cabinet to tabling; the catalog's legislative pipeline holds the rest.
OWN_GAP_WEEKS = 26


@bp.get("/treaties")
@login_required
def show(roadmap_id: int):
    roadmap, plan, schedule = plan_and_schedule(roadmap_id)
    form = TreatiesForm(formdata=None)
    form.fill(plan.treaty_marks)
    return _page(roadmap, plan, schedule, form)


@bp.post("/treaties")
@login_required
def save(roadmap_id: int):
    roadmap, plan, schedule = plan_and_schedule(roadmap_id)
    if not page_context(roadmap, plan, schedule)["editable"]:
        return _page(roadmap, plan, schedule, TreatiesForm(formdata=None), status=403)
    form = TreatiesForm()
    if form.validate_on_submit():
        try:
            set_provision_marks(Actor.of(current_user), roadmap.id, form.marks())
        except OperationError as exc:
            form.form_errors.append(explained(exc))
        else:
            flash(_("Treaty gap analysis saved."), "info")
            return redirect(url_for("treaties.show", roadmap_id=roadmap.id, _anchor="gaps"))
    return _page(roadmap, plan, schedule, form, status=400)


@bp.post("/treaties/deliverable")
@login_required
def add(roadmap_id: int):
    roadmap, plan, schedule = plan_and_schedule(roadmap_id)
    if not page_context(roadmap, plan, schedule)["editable"]:
        return _page(roadmap, plan, schedule, TreatiesForm(formdata=None), status=403)
    form = GapDeliverableForm()
    provisions = [provision_by_id(x) for x in (form.provisions.data or "").split(",")]
    template = templates_by_key(accepted_templates()).get(form.template.data or "")
    if not form.validate_on_submit() or None in provisions or (form.template.data and template is None):
        flash(_("This suggestion is out of date: the page now shows the current ones."), "error")
        return redirect(url_for("treaties.show", roadmap_id=roadmap.id, _anchor="gaps"))
    marks = {m.provision: m for m in plan.treaty_marks}
    deliverable = _gap_deliverable(roadmap.id, provisions, template, marks)
    try:
        add_gap_deliverable(Actor.of(current_user), roadmap.id, deliverable, [x.id for x in provisions])
    except OperationError as exc:
        flash(explained(exc), "error")
    else:
        flash(_("%(title)s added to the legal pillar.", title=deliverable.title), "info")
    return redirect(url_for("treaties.show", roadmap_id=roadmap.id, _anchor="gaps"))


def _gap_deliverable(roadmap_id: int, provisions: list[Provision], template: Template | None, marks) -> p.Deliverable:
    """The deliverable that closes these gaps, in the page's language as a template's pre-filled form is:
    the template's own when there is one, else one named after the provision; its description names
    every provision with its articles and the team's note."""
    lines = []
    for x in provisions:
        mark = marks.get(x.id)
        line = f"- {_(x.text)} ({x.cite(_)})"
        if mark is not None:
            line += f": {_(mark.status.label)}" + (f" — {mark.note}" if mark.note else "")
        lines.append(line)
    gaps = _("Treaty provisions this deliverable brings into law:") + "\n" + "\n".join(lines)
    if template is None:
        title = _(provisions[0].text)
        return p.Deliverable(
            "",
            Pillar.LEGAL,
            title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1] + "…",
            OWN_GAP_WEEKS,
            description=gaps,
        )
    t = translated(template, _)
    lead = db.session.scalar(
        select(Stakeholder.key)
        .where(Stakeholder.roadmap_id == roadmap_id, Stakeholder.kind == t.lead_kind)
        .order_by(Stakeholder.id)
        .limit(1)
    )
    return p.Deliverable(
        "",
        Pillar.LEGAL,
        t.title,
        t.duration_weeks,
        description=f"{t.description}\n\n{gaps}",
        lead=lead,
        threats=t.threats,
        template=t.key,
        indicators=tuple(p.Indicator(i.name, i.unit, i.baseline, i.target) for i in t.indicators),
    )


def _page(roadmap, plan, schedule, form: TreatiesForm, status: int = 200):
    context = page_context(roadmap, plan, schedule)
    catalog = templates_by_key(accepted_templates())
    planned_by = {d.template: d.key for d in plan.deliverables if d.template}
    # Suggestions follow what is saved, not what is being typed: they are the plan's, for every reader.
    found = gap_suggestions(plan.treaty_marks, planned_by, catalog)
    return render_template(
        "treaties/index.html",
        form=form,
        groups=[(g, [x for x in PROVISIONS if x.group is g]) for g in Group],
        treaties=list(Treaty),
        marks={m.provision: m for m in plan.treaty_marks},
        status_field=status_field,
        note_field=note_field,
        found=found,
        templates={key: translated(catalog[key], _) for key in {g.template for g in found.templates}},
        titles={d.key: d.title for d in plan.deliverables},
        cite=lambda x: x.cite(_),
        add_form=GapDeliverableForm(formdata=None),
        **context,
    ), status
