"""The library of published roadmaps: browse and search it, open a roadmap read-only, download it.

Everything shown of an entry comes from its frozen snapshot, never from the live roadmap, so what
its team withheld is never on these pages, in the PDF or in the file.
"""

from __future__ import annotations

import json
from io import BytesIO

from flask import Blueprint, abort, render_template, request, send_file, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from models import LibraryEntry, db
from models.library import EntryStatus
from models.operations.library import origin_of, reuse_counts
from models.operations.printing import PrintRefused
from models.queries.library import Filters, find_entries, regions, shared_lessons
from roadmap.exchange import interchange
from roadmap.graph import DependencyLoopError
from roadmap.library import snapshot_plan
from roadmap.plan import Plan
from roadmap.sequencing import Schedule, ScheduleError, sequence
from roadmap.threats import Threat
from roadmap.vocabulary import Pillar
from views import charts, paging
from views.access import can_read, can_review
from views.jobs.pages import PrintPages, job_of, print_answer, refused_answer, retry_answer, status_answer
from views.jobs.printing import ask_for_snapshot
from views.library.forms import DURATION_LABELS, MATURITY_LABELS, SIZE_LABELS, ReturnForm, SearchForm
from views.messages import explain

bp = Blueprint("library", __name__, url_prefix="/library")


def entry_for(entry_id: int) -> LibraryEntry:
    """A published entry for anyone signed in; a proposal only for reviewers and its own country (else 404)."""
    entry = db.session.get(LibraryEntry, entry_id)
    if entry is None:
        abort(404)
    if entry.status != EntryStatus.PUBLISHED and not (
        can_review(current_user) or can_read(current_user, entry.country_id)
    ):
        abort(404)
    return entry


def snapshot(entry: LibraryEntry) -> tuple[Plan, Schedule]:
    plan = snapshot_plan(json.loads(entry.document))
    try:
        return plan, sequence(plan)
    except (DependencyLoopError, ScheduleError) as exc:
        abort(409, description=explain(exc))


def country_label(entry: LibraryEntry) -> str:
    return gettext("Withheld") if entry.country_withheld else entry.country.name


def entry_context(entry: LibraryEntry, plan: Plan, schedule: Schedule) -> dict:
    return {
        "entry": entry,
        "plan": plan,
        "schedule": schedule,
        "country": country_label(entry),
        "reused": reuse_counts([entry.id]).get(entry.id, 0),
        "maturity_labels": MATURITY_LABELS,
        "pillar_names": {p: gettext(p.label) for p in Pillar},
        "stakeholder_names": {s.key: s.name for s in plan.stakeholders},
        "reviewer": can_review(current_user),
    }


@bp.route("/")
@login_required
def index():
    form = SearchForm(regions(), formdata=request.args)
    valid = form.validate()
    filters = Filters()
    if valid:
        filters = Filters(
            text=(form.q.data or "").strip(),
            region=form.region.data or "",
            pillar=Pillar(form.pillar.data) if form.pillar.data else None,
            threat=Threat(form.threat.data) if form.threat.data else None,
            maturity=int(form.maturity.data) if form.maturity.data else None,
            size=form.size.data or "",
            duration=form.duration.data or "",
        )
    entries, total = find_entries(filters)
    return render_template(
        "library/index.html",
        form=form,
        entries=entries,
        total=total,
        filtered=filters != Filters(),
        reused=reuse_counts(e.id for e in entries),
        pillars={e.id: [x.pillar for x in e.pillars] for e in entries},
        size_labels=SIZE_LABELS,
        duration_labels=DURATION_LABELS,
        maturity_labels=MATURITY_LABELS,
        country_label=country_label,
        reviewer=can_review(current_user),
    ), 200 if valid else 400


def _paged(parts, endpoint: str, entry_id: int, label=lambda part: part.title) -> paging.Paged | None:
    # ?near=KEY opens the part that shows that deliverable, as on a roadmap's own pages.
    if not parts:
        return None
    return paging.chosen(
        parts,
        label,
        lambda n: url_for(endpoint, entry_id=entry_id, page=n),
        near=request.args.get("near", ""),
    )


@bp.route("/<int:entry_id>")
@login_required
def show(entry_id: int):
    entry = entry_for(entry_id)
    plan, schedule = snapshot(entry)
    phases = list(enumerate(schedule.phases, start=1))
    paged = _paged(paging.by_phase(schedule), "library.show", entry.id, paging.phase_label)
    if paged:
        page = paged.page
        phases = [(n, [k for k in schedule.phases[n - 1] if page.holds(k)]) for n in range(page.first, page.last + 1)]
    return render_template(
        "library/show.html",
        phases=phases,
        paged=paged,
        leads={d.key: d.lead for d in plan.deliverables},
        lessons=shared_lessons(entry_id=entry.id),
        return_form=ReturnForm(),
        **entry_context(entry, plan, schedule),
    )


@bp.route("/<int:entry_id>/timeline")
@login_required
def timeline(entry_id: int):
    entry = entry_for(entry_id)
    plan, schedule = snapshot(entry)
    paged = _paged(charts.timeline_parts(schedule), "library.timeline", entry.id)
    part = paged.page if paged else None
    return render_template(
        "library/timeline.html",
        paged=paged,
        **charts.timeline_page(
            plan, schedule, part, lambda key: url_for("library.show", entry_id=entry.id, near=key, _anchor=f"d-{key}")
        ),
        **entry_context(entry, plan, schedule),
    )


@bp.route("/<int:entry_id>/graph")
@login_required
def graph(entry_id: int):
    entry = entry_for(entry_id)
    plan, schedule = snapshot(entry)
    paged = _paged(charts.graph_parts(schedule), "library.graph", entry.id)
    part = paged.page if paged else None
    return render_template(
        "library/graph.html",
        paged=paged,
        **charts.graph_page(
            plan,
            schedule,
            part,
            lambda key: url_for("library.graph", entry_id=entry.id, near=key, _anchor=f"g-{key}"),
        ),
        **entry_context(entry, plan, schedule),
    )


def _print_pages(entry: LibraryEntry) -> PrintPages:
    return PrintPages(
        title=entry.title,
        file_url=url_for("library.pdf", entry_id=entry.id),
        back_url=url_for("library.show", entry_id=entry.id),
        status_endpoint="library.print_status",
        retry_endpoint="library.print_retry",
        ids={"entry_id": entry.id},
    )


@bp.route("/<int:entry_id>/roadmap.pdf")
@login_required
def pdf(entry_id: int):
    """The printed snapshot, through the job queue as a roadmap's own PDF (views/files/downloads.py)."""
    entry = entry_for(entry_id)
    try:
        printed = ask_for_snapshot(entry, user_id=current_user.id)
    except PrintRefused as exc:
        return refused_answer(exc, _print_pages(entry))
    return print_answer(printed, _print_pages(entry))


@bp.route("/<int:entry_id>/prints/<int:job_id>")
@login_required
def print_status(entry_id: int, job_id: int):
    entry_for(entry_id)
    return status_answer(job_of(job_id, entry_id=entry_id))


@bp.route("/<int:entry_id>/prints/<int:job_id>/retry", methods=["POST"])
@login_required
def print_retry(entry_id: int, job_id: int):
    entry = entry_for(entry_id)
    return retry_answer(job_of(job_id, entry_id=entry_id), _print_pages(entry))


@bp.route("/<int:entry_id>/roadmap.json")
@login_required
def json_file(entry_id: int):
    entry = entry_for(entry_id)
    data = interchange.dumps_document(json.loads(entry.document)).encode("utf-8")
    name = f"library-{entry.id}.cop-roadmap.json"
    return send_file(BytesIO(data), mimetype="application/json", as_attachment=True, download_name=name, max_age=0)


@bp.app_template_global()
def roadmap_origin(roadmap_id: int):
    """What a roadmap was adapted from, for its page: one query, only where the page asks."""
    return origin_of(roadmap_id)
