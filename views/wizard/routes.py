"""The guided flow: basics, one step per pillar, dependencies, review. Each step can be left and
resumed; Back and Next both save what was typed, and an error keeps it on the page.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from models import Deliverable, PillarAssessment, Roadmap, db
from models.form_token import new_token
from models.operations import (
    Actor,
    OperationError,
    VersionConflict,
    add_suggested_links,
    create_roadmap,
    set_assessment,
    update_roadmap,
)
from models.operations.lessons import accepted_templates
from models.queries.library import lessons_by_template
from roadmap.catalog import translated
from roadmap.guidance import GUIDANCE, MATURITY_LEVELS, suggested_templates
from roadmap.vocabulary import Language, Pillar
from views.access import editable_countries, roadmap_for
from views.conflict import conflict_page, form_version, formdata
from views.forms import already_saved, once_guard, once_url, settle_once, spending
from views.messages import explain, explained
from views.wizard.forms import AssessmentForm, NewRoadmapForm, RoadmapBasicsForm
from views.wizard.review import review_context
from views.wizard.steps import STEPS, moves_open, plan_locked, step_label

bp = Blueprint("wizard", __name__, url_prefix="/roadmaps")
bp.add_app_template_global(moves_open)
bp.add_app_template_global(plan_locked)
bp.add_app_template_global(once_url)
bp.add_app_template_global(new_token, "one_time_token")


def _go(roadmap_id: int, step: str, direction: str | None):
    index = STEPS.index(step)
    if direction == "back" and index > 0:
        step = STEPS[index - 1]
    elif direction == "next" and index < len(STEPS) - 1:
        step = STEPS[index + 1]
    return redirect(url_for("wizard.step", roadmap_id=roadmap_id, step=step))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    countries = editable_countries()
    if not countries:
        abort(403)
    form = NewRoadmapForm(countries)
    if again := once_guard(form, url_for("roadmaps.home")):
        return again
    if request.method == "GET":
        form.start_date.data = date.today()
        form.language.data = Language.EN.value
    if form.validate_on_submit():
        try:
            with spending(form):
                roadmap_id = create_roadmap(
                    Actor.of(current_user),
                    form.country.data,
                    form.title.data.strip(),
                    form.start_date.data,
                    Language(form.language.data),
                    issuing_authority=form.issuing_authority.data,
                )
        except OperationError as exc:
            if again := already_saved(form, url_for("roadmaps.home")):
                return again  # the same page sent twice at once: the other send created it
            form.title.errors.append(explain(exc))
        else:
            settle_once(form, url_for("wizard.step", roadmap_id=roadmap_id, step="basics"))
            flash(_("Roadmap created. Now assess each pillar and add its deliverables."), "info")
            return redirect(url_for("wizard.step", roadmap_id=roadmap_id, step=STEPS[1]))
    return render_template(
        "wizard/basics.html", form=form, roadmap=None, steps=STEPS, step="basics", step_label=step_label
    ), 400 if form.errors else 200


@bp.route("/<int:roadmap_id>/wizard")
@login_required
def resume(roadmap_id: int):
    """Where the team left off: the first pillar not yet assessed, then links, then the review."""
    roadmap = roadmap_for(roadmap_id, edit=True)
    assessed = set(db.session.scalars(select(PillarAssessment.pillar).where(PillarAssessment.roadmap_id == roadmap.id)))
    for pillar in Pillar:
        if pillar not in assessed:
            return redirect(url_for("wizard.step", roadmap_id=roadmap.id, step=pillar.value))
    return redirect(url_for("wizard.step", roadmap_id=roadmap.id, step="dependencies"))


@bp.route("/<int:roadmap_id>/wizard/<step>", methods=["GET", "POST"])
@login_required
def step(roadmap_id: int, step: str):
    if step not in STEPS:
        abort(404)
    roadmap = roadmap_for(roadmap_id, edit=True)
    if step == "basics":
        return _basics(roadmap)
    if step == "dependencies":
        return _dependencies(roadmap)
    if step == "review":
        return render_template(
            "wizard/review.html",
            roadmap=roadmap,
            steps=STEPS,
            step=step,
            step_label=step_label,
            **review_context(roadmap),
        )
    return _pillar(roadmap, Pillar(step))


def _basics(roadmap: Roadmap):
    countries = [(roadmap.country.code, roadmap.country.name)]  # a roadmap stays with its country
    # Sent from the conflict page, the form reads the fields as merged there (views/conflict.py).
    form = RoadmapBasicsForm(countries, formdata=formdata(), obj=None if request.method == "POST" else roadmap)
    if request.method == "GET":
        form.country.data = roadmap.country.code
        form.language.data = roadmap.language.value
        form.version.data = str(roadmap.version)
    if form.validate_on_submit():
        try:
            update_roadmap(
                Actor.of(current_user),
                roadmap.id,
                form_version(form),
                title=form.title.data.strip(),
                start_date=form.start_date.data,
                language=Language(form.language.data),
                issuing_authority=form.issuing_authority.data,
                logo=form.logo_change(),
            )
        except VersionConflict as exc:
            return conflict_page(
                form,
                ["title", "start_date", "language", "issuing_authority"],
                exc.current,
                heading=_("Someone else saved this roadmap's basics while you were editing them"),
                reopen_url=url_for("wizard.step", roadmap_id=roadmap.id, step="basics"),
                version=exc.version,
                # A file cannot travel through the page: saved from it, the logo stays as it is.
                note=_(
                    "The logo you chose is not carried over: saved from here, the logo stays as it is. "
                    "Choose it again afterwards."
                )
                if form.new_logo is not None
                else None,
            )
        except OperationError as exc:
            form.title.errors.append(explain(exc))
        else:
            return _go(roadmap.id, "basics", request.form.get("direction", "next"))
    return render_template(
        "wizard/basics.html", form=form, roadmap=roadmap, steps=STEPS, step="basics", step_label=step_label
    ), 400 if form.errors else 200


# A logo is only ever shown as an image: never sniffed as another type, and an SVG opened on its own
# runs nothing and loads nothing (it holds no script or reference anyway: roadmap/printing/logo.py).
LOGO_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


@bp.route("/<int:roadmap_id>/logo")
@login_required
def logo(roadmap_id: int):
    """The logo on the roadmap's printed cover, for its readers."""
    kept = roadmap_for(roadmap_id).logo
    if kept is None:
        abort(404)
    response = make_response(kept.data)
    response.headers.update(
        {
            "Content-Type": kept.media_type,
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": LOGO_POLICY,
            "Cache-Control": "private, no-cache",
        }
    )
    response.set_etag(kept.digest)
    return response.make_conditional(request)


def _pillar(roadmap: Roadmap, pillar: Pillar):
    assessment = db.session.scalar(
        select(PillarAssessment).where(PillarAssessment.roadmap_id == roadmap.id, PillarAssessment.pillar == pillar)
    )
    form = AssessmentForm()
    if request.method == "GET" and assessment is not None:
        form.maturity.data = str(assessment.maturity)
        form.notes.data = assessment.notes
    direction = request.form.get("direction", "next")
    leaving_for = None if direction in ("back", "next") else direction
    if request.method == "POST" and leaving_for and not form.maturity.data and not (form.notes.data or "").strip():
        return _leave_pillar(roadmap.id, pillar, leaving_for)  # nothing typed yet: nothing to save
    if form.validate_on_submit():
        try:
            set_assessment(Actor.of(current_user), roadmap.id, pillar, int(form.maturity.data), form.notes.data or None)
        except OperationError as exc:
            form.notes.errors.append(explain(exc))
        else:
            if leaving_for:
                return _leave_pillar(roadmap.id, pillar, leaving_for)
            return _go(roadmap.id, pillar.value, direction)
    deliverables = db.session.execute(
        select(Deliverable.id, Deliverable.key, Deliverable.title, Deliverable.duration_weeks, Deliverable.template_key)
        .where(Deliverable.roadmap_id == roadmap.id, Deliverable.pillar == pillar)
        .order_by(Deliverable.key)
    ).all()
    taken = set(db.session.scalars(select(Deliverable.template_key).where(Deliverable.roadmap_id == roadmap.id)))
    maturity = int(form.maturity.data) if (form.maturity.data or "").isdigit() else None
    # Templates accepted from the library live in the database; the pure catalog is handed them.
    templates = [translated(t, _) for t in suggested_templates(pillar, maturity, taken, accepted_templates())]
    return render_template(
        "wizard/pillar.html",
        roadmap=roadmap,
        pillar=pillar,
        form=form,
        guidance=GUIDANCE[pillar],
        levels=MATURITY_LEVELS,
        deliverables=deliverables,
        # Suggestions are read by the person at the screen, so they are in the page's language.
        templates=templates,
        lessons=lessons_by_template(t.key for t in templates),
        steps=STEPS,
        step=pillar.value,
        step_label=step_label,
    ), 400 if form.errors else 200


def _leave_pillar(roadmap_id: int, pillar: Pillar, where: str):
    """After saving a pillar step: to a template's pre-filled form, a blank one, or the stakeholders."""
    if where.startswith("template:"):
        return redirect(
            once_url(
                "deliverables.new", roadmap_id=roadmap_id, pillar=pillar.value, template=where.removeprefix("template:")
            )
        )
    if where == "stakeholders":
        return redirect(once_url("stakeholders.index", roadmap_id=roadmap_id, back=pillar.value))
    return redirect(once_url("deliverables.new", roadmap_id=roadmap_id, pillar=pillar.value))


def _dependencies(roadmap: Roadmap):
    from views.deliverables.routes import dependencies_page

    if request.method == "POST":
        if request.form.get("action") == "suggested":
            try:
                count = add_suggested_links(Actor.of(current_user), roadmap.id)
            except OperationError as exc:
                flash(explained(exc), "error")
            else:
                flash(_("%(num)d suggested links added.", num=count), "info")
            return redirect(url_for("wizard.step", roadmap_id=roadmap.id, step="dependencies"))
        return _go(roadmap.id, "dependencies", request.form.get("direction", "next"))
    return dependencies_page(roadmap)
