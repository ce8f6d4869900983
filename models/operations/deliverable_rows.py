"""One deliverable between the plan dataclass the operations take and its rows, and its fields as text."""

from __future__ import annotations

from sqlalchemy import and_, delete, insert, select, update
from sqlalchemy.orm import aliased

from models.base import db
from models.deliverable import Deliverable, DeliverableThreat, Indicator, deliverable_partners
from models.operations.checks import THREAT_ORDER, as_text
from models.operations.core import OperationError
from models.stakeholder import Stakeholder
from roadmap import plan as p
from roadmap.i18n import N_
from roadmap.threats import Threat
from roadmap.vocabulary import DeliverableStatus, Pillar, Priority

# A deliverable's fields as VersionConflict.current and the journal name them.
DELIVERABLE_FIELDS = (
    *("key", "pillar", "title", "description", "lead", "partners", "duration_weeks", "objective"),
    *("not_before", "due_by", "priority", "status", "percent_complete", "actual_start", "actual_finish"),
    *("cost_amount", "cost_currency", "funding_source", "threats", "template", "indicators"),
)


def fields(d: p.Deliverable) -> dict[str, object]:
    cost = d.cost or p.Cost()
    values = {
        f: getattr(d, f) for f in DELIVERABLE_FIELDS if f not in ("cost_amount", "cost_currency", "funding_source")
    }
    return {**values, "cost_amount": cost.amount, "cost_currency": cost.currency, "funding_source": cost.source}


def texts(d: p.Deliverable) -> dict[str, str]:
    return {field: as_text(value) for field, value in fields(d).items()}


def columns(d: p.Deliverable, stakeholders: dict[str, int]) -> dict[str, object]:
    cost = d.cost or p.Cost()
    plain = ("key", "pillar", "title", "description", "duration_weeks", "objective", "not_before", "due_by")
    progress = ("priority", "status", "percent_complete", "actual_start", "actual_finish")
    return {
        **{f: getattr(d, f) for f in (*plain, *progress)},
        "lead_id": stakeholders[d.lead] if d.lead else None,
        "cost_amount": cost.amount,
        "cost_currency": cost.currency,
        "funding_source": cost.source,
        "template_key": d.template,
    }


def stored_deliverable(roadmap_id: int, deliverable_id: int) -> tuple[p.Deliverable, int]:
    """The deliverable as saved now (read from the database, never from the session's cache), and its version."""
    t, lead = Deliverable.__table__.c, aliased(Stakeholder)
    row = db.session.execute(
        select(Deliverable.__table__, lead.key.label("lead_key"))
        .outerjoin(lead, lead.id == t.lead_id)
        .where(t.id == deliverable_id, t.roadmap_id == roadmap_id)
    ).one_or_none()
    if row is None:
        raise OperationError(N_("no such deliverable in this roadmap"))
    partners = db.session.scalars(
        select(Stakeholder.key)
        .join(deliverable_partners, deliverable_partners.c.stakeholder_id == Stakeholder.id)
        .where(deliverable_partners.c.deliverable_id == deliverable_id)
        .order_by(Stakeholder.id)
    )
    threats = db.session.scalars(
        select(DeliverableThreat.threat).where(DeliverableThreat.deliverable_id == deliverable_id)
    )
    indicators = db.session.execute(
        select(Indicator.name, Indicator.unit, Indicator.baseline, Indicator.target, Indicator.actual, Indicator.source)
        .where(Indicator.deliverable_id == deliverable_id)
        .order_by(Indicator.position, Indicator.id)
    )
    has_cost = (row.cost_amount, row.cost_currency, row.funding_source) != (None, None, None)
    stored = p.Deliverable(
        key=row.key,
        pillar=Pillar(row.pillar),
        title=row.title,
        duration_weeks=row.duration_weeks,
        description=row.description,
        lead=row.lead_key,
        partners=tuple(partners),
        objective=row.objective,
        not_before=row.not_before,
        due_by=row.due_by,
        priority=Priority(row.priority),
        status=DeliverableStatus(row.status),
        percent_complete=row.percent_complete,
        actual_start=row.actual_start,
        actual_finish=row.actual_finish,
        cost=p.Cost(row.cost_amount, row.cost_currency, row.funding_source) if has_cost else None,
        threats=tuple(sorted(threats, key=THREAT_ORDER.__getitem__)),
        template=row.template_key,
        indicators=tuple(p.Indicator(*x[:5], source=x.source) for x in indicators),
    )
    return stored, row.version


def write_partners(roadmap_id: int, deliverable_id: int, keys: tuple[str, ...], ids: dict[str, int]) -> None:
    t = deliverable_partners
    db.session.execute(delete(t).where(and_(t.c.deliverable_id == deliverable_id, t.c.roadmap_id == roadmap_id)))
    if keys:
        rows = [{"roadmap_id": roadmap_id, "deliverable_id": deliverable_id, "stakeholder_id": ids[k]} for k in keys]
        db.session.execute(insert(t), rows)


def write_threats(deliverable_id: int, threats: tuple[Threat, ...]) -> None:
    t = DeliverableThreat.__table__
    db.session.execute(delete(t).where(t.c.deliverable_id == deliverable_id))
    if threats:
        db.session.execute(insert(t), [{"deliverable_id": deliverable_id, "threat": x} for x in threats])


def write_indicators(deliverable_id: int, indicators: tuple[p.Indicator, ...]) -> None:
    # Rows are kept where an indicator is kept, so its measurement history stays with it: a new
    # indicator takes the row of the old one with the same name, else of the one at the same place
    # (a rename); rows left over are deleted with their measurements.
    t = Indicator.__table__
    old = db.session.execute(
        select(t.c.id, t.c.name).where(t.c.deliverable_id == deliverable_id).order_by(t.c.position, t.c.id)
    ).all()
    free = {row.id: row for row in old}
    chosen: list[int | None] = []
    for x in indicators:
        same = next((row.id for row in old if row.id in free and row.name == x.name), None)
        if same is not None:
            del free[same]
        chosen.append(same)
    for i, row_id in enumerate(chosen):
        if row_id is None and i < len(old) and old[i].id in free:
            chosen[i] = old[i].id
            del free[old[i].id]
    if free:
        db.session.execute(delete(t).where(t.c.id.in_(list(free))))
    for i, (x, row_id) in enumerate(zip(indicators, chosen, strict=True)):
        values = {"position": i, "name": x.name, "unit": x.unit, "baseline": x.baseline, "target": x.target}
        values["source"] = x.source
        values["actual"] = x.actual
        if row_id is None:
            db.session.execute(insert(t).values(deliverable_id=deliverable_id, **values))
        else:
            db.session.execute(update(t).where(t.c.id == row_id).values(**values))


# Last, because models.operations imports the editing modules, which import this one, to re-export
# them: the functions above only look these names up when they run.
