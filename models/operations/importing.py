"""Storing a whole validated plan as a new roadmap, in bulk: the import command, the API and the library."""

from __future__ import annotations

from sqlalchemy import func, insert, select

from models.base import db
from models.deliverable import Deliverable, DeliverableThreat, Indicator, deliverable_partners
from models.dependency import Dependency
from models.operations.accounts import ensure_country
from models.operations.core import Actor, OperationError, journal
from models.operations.mnr.ratings import replace_capability_ratings
from models.operations.workflow import IMPORTED_LABEL, freeze_baseline
from models.roadmap import PillarAssessment, Roadmap
from models.stakeholder import Stakeholder
from models.tracking import Measurement
from models.treaty_mark import ProvisionMark
from roadmap.i18n import N_
from roadmap.plan import Plan
from roadmap.sequencing import ScheduleError
from roadmap.vocabulary import RoadmapStatus


def import_plan(plan: Plan, actor: Actor) -> int:
    """Store a validated plan as a new roadmap in one transaction; returns the roadmap's id.

    Rows are inserted in bulk (one statement per table) so a plan of tens of thousands of
    deliverables imports in seconds. A plan that says it is approved comes with its baseline, frozen
    as approving freezes one, so its progress is tracked against the plan as it arrived.
    """
    try:
        roadmap_id = insert_plan(plan, actor)
        journal(
            actor,
            roadmap_id,
            "imported",
            new=f"{len(plan.deliverables)} deliverables, {len(plan.dependencies)} dependencies",
        )
        if plan.status == RoadmapStatus.APPROVED:
            try:
                freeze_baseline(actor, roadmap_id, IMPORTED_LABEL)
            except ScheduleError as exc:
                raise OperationError(
                    N_("an approved roadmap is stored with its baseline, which needs its schedule: %(reason)s"),
                    reason=exc,
                ) from None
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return roadmap_id


def insert_plan(plan: Plan, actor: Actor) -> int:
    country = ensure_country(plan.country)
    roadmap = Roadmap(
        country=country, title=plan.title, start_date=plan.start_date, language=plan.language, status=plan.status
    )
    db.session.add(roadmap)
    db.session.flush()
    insert_contents(roadmap.id, plan, actor)
    return roadmap.id


def insert_contents(rid: int, plan: Plan, actor: Actor) -> None:
    """Insert a plan's assessments, stakeholders, deliverables and links into an existing roadmap, in bulk."""
    if plan.assessments:
        db.session.execute(
            insert(PillarAssessment),
            [
                {"roadmap_id": rid, "pillar": a.pillar, "maturity": a.maturity, "notes": a.notes}
                for a in plan.assessments
            ],
        )
    if plan.capabilities:
        replace_capability_ratings(rid, plan.capabilities)
    stakeholder_ids = _insert_returning_ids(
        Stakeholder, [{"roadmap_id": rid, "key": s.key, "name": s.name, "kind": s.kind} for s in plan.stakeholders]
    )
    sid = dict(zip([s.key for s in plan.stakeholders], stakeholder_ids, strict=True))
    deliverable_ids = _insert_returning_ids(
        Deliverable,
        [
            {
                "roadmap_id": rid,
                "key": d.key,
                "pillar": d.pillar,
                "title": d.title,
                "description": d.description,
                "lead_id": sid[d.lead] if d.lead else None,
                "duration_weeks": d.duration_weeks,
                "objective": d.objective,
                "not_before": d.not_before,
                "due_by": d.due_by,
                "priority": d.priority,
                "status": d.status,
                "percent_complete": d.percent_complete,
                "actual_start": d.actual_start,
                "actual_finish": d.actual_finish,
                "progress_note": d.progress_note,
                "cost_amount": d.cost.amount if d.cost else None,
                "cost_currency": d.cost.currency if d.cost else None,
                "funding_source": d.cost.source if d.cost else None,
                "template_key": d.template,
                "version": 1,
            }
            for d in plan.deliverables
        ],
    )
    did = dict(zip([d.key for d in plan.deliverables], deliverable_ids, strict=True))
    if plan.treaty_marks:
        db.session.execute(
            insert(ProvisionMark),
            [
                {
                    "roadmap_id": rid,
                    "provision": m.provision,
                    "status": m.status,
                    "note": m.note,
                    "deliverable_id": did[m.deliverable] if m.deliverable else None,
                }
                for m in plan.treaty_marks
            ],
        )

    partners = [
        {"roadmap_id": rid, "deliverable_id": did[d.key], "stakeholder_id": sid[p]}
        for d in plan.deliverables
        for p in d.partners
    ]
    if partners:
        db.session.execute(insert(deliverable_partners), partners)
    threats = [{"deliverable_id": did[d.key], "threat": t} for d in plan.deliverables for t in d.threats]
    if threats:
        db.session.execute(insert(DeliverableThreat), threats)
    indicators = [
        {
            "deliverable_id": did[d.key],
            "position": i,
            "name": x.name,
            "unit": x.unit,
            "baseline": x.baseline,
            "target": x.target,
            "actual": x.actual,
            "source": x.source,
        }
        for d in plan.deliverables
        for i, x in enumerate(d.indicators)
    ]
    if indicators:
        indicator_ids = _insert_returning_ids(Indicator, indicators)
        readings = [
            {"indicator_id": i, "measured_on": m.on, "value": m.value, "note": m.note, "recorded_by": actor.name}
            for i, x in zip(indicator_ids, (x for d in plan.deliverables for x in d.indicators), strict=True)
            for m in x.measurements
        ]
        if readings:
            db.session.execute(insert(Measurement), readings)
    links = [
        {
            "roadmap_id": rid,
            "predecessor_id": did[x.predecessor],
            "successor_id": did[x.successor],
            "kind": x.type,
            "lag_weeks": x.lag_weeks,
        }
        for x in plan.dependencies
    ]
    if links:
        db.session.execute(insert(Dependency), links)


def _insert_returning_ids(model: type, rows: list[dict]) -> list[int]:
    if not rows:
        return []
    stmt = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(db.session.scalars(stmt, rows))


def roadmap_count() -> int:
    """How many roadmaps are stored."""
    return db.session.scalar(select(func.count(Roadmap.id))) or 0
