"""Lessons learned from finished deliverables, and deliverables proposed as catalog templates."""

from __future__ import annotations

import json

from sqlalchemy import select, update

from models.base import db, utcnow
from models.deliverable import Deliverable
from models.library import CatalogTemplate, Lesson, TemplateStatus
from models.operations.checks import Ref, clean_text, note
from models.operations.core import Actor, OperationError, lock_roadmap, transaction
from models.queries.loading import load_plan
from models.stakeholder import Stakeholder
from roadmap.catalog import Template, TemplateIndicator
from roadmap.i18n import N_
from roadmap.library import template_from
from roadmap.threats import Threat
from roadmap.vocabulary import NOTES_MAX, DeliverableStatus, StakeholderKind


def _deliverable(roadmap_id: int, deliverable_id: int) -> Deliverable:
    deliverable = db.session.get(Deliverable, deliverable_id)
    if deliverable is None or deliverable.roadmap_id != roadmap_id:
        raise OperationError(N_("no such deliverable in this roadmap"))
    return deliverable


def write_lesson(
    actor: Actor, roadmap_id: int, deliverable_id: int, *, helped: object, blocked: object, cost: object
) -> None:
    """Record (or rewrite) what a finished deliverable taught its team."""
    texts = {
        "helped": clean_text(helped, N_("what helped"), NOTES_MAX),
        "blocked": clean_text(blocked, N_("what blocked"), NOTES_MAX),
        "cost": clean_text(cost, N_("what it cost"), NOTES_MAX),
    }
    if not any(texts.values()):
        raise OperationError(N_("write at least one of what helped, what blocked or what it cost"))
    with transaction():
        lock_roadmap(roadmap_id)
        deliverable = _deliverable(roadmap_id, deliverable_id)
        if deliverable.status != DeliverableStatus.DONE:
            raise OperationError(N_("lessons are written once the deliverable is done"))
        lesson = db.session.scalar(select(Lesson).where(Lesson.deliverable_id == deliverable_id))
        if lesson is None:
            lesson = Lesson(deliverable_id=deliverable_id, roadmap_id=roadmap_id, written_by=actor.name)
            db.session.add(lesson)
        for name, value in texts.items():
            setattr(lesson, name, value)
        lesson.written_by = actor.name
        note(actor, roadmap_id, "lesson learned written", Ref(deliverable.id, deliverable.key))


def lesson_of(deliverable_id: int) -> Lesson | None:
    """The lesson written for a deliverable, if any."""
    return db.session.scalar(select(Lesson).where(Lesson.deliverable_id == deliverable_id))


def propose_template(actor: Actor, roadmap_id: int, deliverable_id: int) -> int:
    """Offer a deliverable to the catalog; an adviser accepts or declines it. Returns the proposal's id."""
    with transaction():
        lock_roadmap(roadmap_id)
        deliverable = _deliverable(roadmap_id, deliverable_id)
        key = f"shared-{roadmap_id}-{deliverable.key}"[:40]
        existing = db.session.scalar(select(CatalogTemplate).where(CatalogTemplate.key == key))
        if existing is not None and existing.status != TemplateStatus.DECLINED:
            raise OperationError(
                N_("this deliverable is already accepted as a catalog template")
                if existing.status == TemplateStatus.ACCEPTED
                else N_("this deliverable is already proposed as a catalog template")
            )
        lead_kind = db.session.scalar(select(Stakeholder.kind).where(Stakeholder.id == deliverable.lead_id))
        shape = template_from(
            load_plan(roadmap_id).deliverable(deliverable.key),
            key=key,
            lead_kind=lead_kind or StakeholderKind.GOVERNMENT,
        )
        row = existing or CatalogTemplate(key=key)
        row.status = TemplateStatus.PROPOSED
        row.pillar = shape.pillar
        row.title = shape.title
        row.description = shape.description
        row.lead_kind = shape.lead_kind
        row.duration_weeks = shape.duration_weeks
        row.indicators = json.dumps(
            [
                {"name": x.name, "unit": x.unit, "baseline": x.baseline, "target": x.target, "source": x.source}
                for x in shape.indicators
            ],
            ensure_ascii=False,
        )
        row.threats = " ".join(t.value for t in shape.threats)
        row.source_roadmap_id = roadmap_id
        row.source_key = deliverable.key
        row.proposed_by = actor.name
        row.proposed_at = utcnow()
        row.reviewed_by = row.reviewed_at = None
        db.session.add(row)
        db.session.flush()
        note(actor, roadmap_id, "proposed as a catalog template", Ref(deliverable.id, deliverable.key), new=key)
        template_id = row.id
    return template_id


def review_template(actor: Actor, template_id: int, *, accept: bool, reviewer: bool) -> None:
    """Accept a proposed template into the catalog, or decline it."""
    if not reviewer:
        raise OperationError(N_("only an adviser or an admin can change the catalog"))
    with transaction():
        t = CatalogTemplate.__table__.c
        moved = db.session.execute(
            update(CatalogTemplate.__table__)
            .where(t.id == template_id, t.status == TemplateStatus.PROPOSED)
            .values(
                status=TemplateStatus.ACCEPTED if accept else TemplateStatus.DECLINED,
                reviewed_by=actor.name,
                reviewed_at=utcnow(),
            )
        )
        if moved.rowcount != 1:
            raise OperationError(N_("this template is no longer waiting for review"))
        source, key = db.session.execute(select(t.source_roadmap_id, t.key).where(t.id == template_id)).one()
        if source is not None:
            note(actor, source, "catalog template accepted" if accept else "catalog template declined", new=key)


def as_template(row: CatalogTemplate) -> Template:
    """A stored template as the catalog's own kind."""
    return Template(
        key=row.key,
        pillar=row.pillar,
        title=row.title,
        description=row.description,
        lead_kind=row.lead_kind,
        duration_weeks=row.duration_weeks,
        depends_on=(),
        indicators=tuple(
            TemplateIndicator(
                x["name"],
                x["unit"],
                None if x["baseline"] is None else float(x["baseline"]),
                float(x["target"]),
                x.get("source") or "",
            )
            for x in json.loads(row.indicators)
        ),
        threats=tuple(Threat(code) for code in row.threats.split()),
    )


def accepted_templates() -> tuple[Template, ...]:
    """The templates accepted into the catalog, oldest first: the wizard offers them beside the built-in ones."""
    rows = db.session.scalars(
        select(CatalogTemplate).where(CatalogTemplate.status == TemplateStatus.ACCEPTED).order_by(CatalogTemplate.id)
    )
    return tuple(as_template(row) for row in rows)


def templates_waiting() -> list[CatalogTemplate]:
    """Proposed templates waiting for an adviser, oldest first."""
    return list(
        db.session.scalars(
            select(CatalogTemplate)
            .where(CatalogTemplate.status == TemplateStatus.PROPOSED)
            .order_by(CatalogTemplate.proposed_at, CatalogTemplate.id)
        )
    )
