"""Reading a stored roadmap into a :class:`roadmap.plan.Plan`.

One column query per table, whatever the roadmap's size: no ORM objects are built and
nothing is lazy-loaded row by row. The large queries (deliverables and links) select table columns
rather than mapped attributes and unpack their rows as tuples: on 20,000 deliverables the ORM's
result handling and the rows' attribute lookups were half the time of reading the plan.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from models.base import db
from models.country import Country
from models.deliverable import Deliverable, DeliverableThreat, Indicator, deliverable_partners
from models.dependency import Dependency
from models.roadmap import CapabilityRating, PillarAssessment, Roadmap
from models.stakeholder import Stakeholder
from models.tracking import Measurement
from models.treaty_mark import ProvisionMark
from roadmap import plan as p
from roadmap.collector import collector_paused
from roadmap.threats import Threat
from roadmap.treaties import GapStatus, TreatyMark

_THREAT_ORDER = {t: i for i, t in enumerate(Threat)}


@collector_paused()
def load_plan(roadmap_id: int) -> p.Plan | None:
    """The stored roadmap as a Plan, or None if there is no such roadmap."""
    head = db.session.execute(
        select(Country.code, Roadmap.title, Roadmap.start_date, Roadmap.language, Roadmap.status)
        .join(Roadmap.country)
        .where(Roadmap.id == roadmap_id)
    ).one_or_none()
    if head is None:
        return None

    assessments = tuple(
        p.Assessment(pillar, maturity, notes)
        for pillar, maturity, notes in db.session.execute(
            select(PillarAssessment.pillar, PillarAssessment.maturity, PillarAssessment.notes).where(
                PillarAssessment.roadmap_id == roadmap_id
            )
        )
    )
    assessments = tuple(sorted(assessments, key=lambda a: a.pillar.order))

    capabilities = tuple(
        p.CapabilityRating(number, phase, evidence)
        for number, phase, evidence in db.session.execute(
            select(CapabilityRating.number, CapabilityRating.phase, CapabilityRating.evidence)
            .where(CapabilityRating.roadmap_id == roadmap_id)
            .order_by(CapabilityRating.number)
        )
    )

    marks = ProvisionMark.__table__.c
    treaty_marks = tuple(
        TreatyMark(provision, GapStatus(status), note, key)
        for provision, status, note, key in db.session.execute(
            select(marks.provision, marks.status, marks.note, Deliverable.key)
            .outerjoin(Deliverable, Deliverable.id == marks.deliverable_id)
            .where(marks.roadmap_id == roadmap_id)
            .order_by(marks.provision)
        )
    )

    stakeholder_rows = db.session.execute(
        select(Stakeholder.id, Stakeholder.key, Stakeholder.name, Stakeholder.kind)
        .where(Stakeholder.roadmap_id == roadmap_id)
        .order_by(Stakeholder.id)
    ).all()
    stakeholders = tuple(p.Stakeholder(key, name, kind) for _, key, name, kind in stakeholder_rows)
    deliverables = _deliverables(roadmap_id, {sid: key for sid, key, _, _ in stakeholder_rows})

    links = Dependency.__table__
    pred, succ = Deliverable.__table__.alias("pred"), Deliverable.__table__.alias("succ")
    dependencies = tuple(
        p.Dependency(a, b, kind, lag)
        for a, b, kind, lag in db.session.execute(
            select(pred.c.key, succ.c.key, links.c.kind, links.c.lag_weeks)
            .join_from(links, pred, pred.c.id == links.c.predecessor_id)
            .join(succ, succ.c.id == links.c.successor_id)
            .where(links.c.roadmap_id == roadmap_id)
            .order_by(links.c.id)
        )
    )
    return p.Plan(
        country=head.code,
        title=head.title,
        start_date=head.start_date,
        language=head.language,
        status=head.status,
        assessments=assessments,
        stakeholders=stakeholders,
        deliverables=deliverables,
        dependencies=dependencies,
        treaty_marks=treaty_marks,
        capabilities=capabilities,
    )


@collector_paused()
def load_deliverables(
    roadmap_id: int, *, offset: int = 0, limit: int | None = None, only: int | None = None
) -> tuple[p.Deliverable, ...]:
    """Some of a roadmap's deliverables in their stored order, whole (indicators and readings included):
    a window of them, or ``only`` the one with that id.

    For a page of an API list or one deliverable: only those asked for are read, six queries
    whatever the roadmap's size.
    """
    stakeholder_key = dict(
        db.session.execute(select(Stakeholder.id, Stakeholder.key).where(Stakeholder.roadmap_id == roadmap_id)).all()
    )
    return _deliverables(roadmap_id, stakeholder_key, offset=offset, limit=limit, only=only)


def _deliverables(
    roadmap_id: int,
    stakeholder_key: dict[int, str],
    *,
    offset: int = 0,
    limit: int | None = None,
    only: int | None = None,
) -> tuple[p.Deliverable, ...]:
    D = Deliverable.__table__.c
    rows = (
        select(
            D.id,
            D.key,
            D.pillar,
            D.title,
            D.duration_weeks,
            D.description,
            D.lead_id,
            D.objective,
            D.not_before,
            D.due_by,
            D.priority,
            D.status,
            D.percent_complete,
            D.actual_start,
            D.actual_finish,
            D.progress_note,
            D.cost_amount,
            D.cost_currency,
            D.funding_source,
            D.template_key,
        )
        .where(D.roadmap_id == roadmap_id)
        .order_by(D.id)
        .offset(offset)
        .limit(limit)
    )
    deliverable_rows = db.session.execute(rows if only is None else rows.where(D.id == only)).all()
    if limit is None and not offset and only is None:
        # The whole roadmap: its rows are picked by a subquery, never by a list of thousands of ids.
        chosen = select(Deliverable.id).where(Deliverable.roadmap_id == roadmap_id).scalar_subquery()
    elif deliverable_rows:
        chosen = [r[0] for r in deliverable_rows]
    else:
        return ()
    partners: dict[int, list[str]] = defaultdict(list)
    dp = deliverable_partners.c
    partner_rows = select(dp.deliverable_id, dp.stakeholder_id).where(dp.roadmap_id == roadmap_id)
    if isinstance(chosen, list):
        partner_rows = partner_rows.where(dp.deliverable_id.in_(chosen))
    for deliverable_id, stakeholder_id in db.session.execute(
        partner_rows.order_by(dp.deliverable_id, dp.stakeholder_id)
    ):
        partners[deliverable_id].append(stakeholder_key[stakeholder_id])

    threats: dict[int, list[Threat]] = defaultdict(list)
    for deliverable_id, threat in db.session.execute(
        select(DeliverableThreat.deliverable_id, DeliverableThreat.threat).where(
            DeliverableThreat.deliverable_id.in_(chosen)
        )
    ):
        threats[deliverable_id].append(threat)

    readings: dict[int, list[p.Measurement]] = defaultdict(list)
    for indicator_id, on, value, note in db.session.execute(
        select(Measurement.indicator_id, Measurement.measured_on, Measurement.value, Measurement.note)
        .join(Indicator, Indicator.id == Measurement.indicator_id)
        .where(Indicator.deliverable_id.in_(chosen))
        .order_by(Measurement.indicator_id, Measurement.measured_on, Measurement.id)
    ):
        readings[indicator_id].append(p.Measurement(on, value, note))

    indicators: dict[int, list[p.Indicator]] = defaultdict(list)
    for indicator_id, deliverable_id, name, unit, baseline, target, actual, source in db.session.execute(
        select(
            Indicator.id,
            Indicator.deliverable_id,
            Indicator.name,
            Indicator.unit,
            Indicator.baseline,
            Indicator.target,
            Indicator.actual,
            Indicator.source,
        )
        .where(Indicator.deliverable_id.in_(chosen))
        .order_by(Indicator.deliverable_id, Indicator.position, Indicator.id)
    ):
        indicators[deliverable_id].append(
            p.Indicator(name, unit, baseline, target, actual, tuple(readings.get(indicator_id, ())), source)
        )

    return tuple(
        p.Deliverable(
            key=key,
            pillar=pillar,
            title=title,
            duration_weeks=duration,
            description=description,
            lead=stakeholder_key.get(lead_id),
            partners=tuple(partners[did]),
            objective=objective,
            not_before=not_before,
            due_by=due_by,
            priority=priority,
            status=status,
            percent_complete=percent,
            actual_start=actual_start,
            actual_finish=actual_finish,
            progress_note=note,
            cost=p.Cost(amount, currency, funding) if (amount, currency, funding) != (None, None, None) else None,
            threats=tuple(sorted(threats[did], key=_THREAT_ORDER.__getitem__)),
            template=template,
            indicators=tuple(indicators[did]),
        )
        for (
            did,
            key,
            pillar,
            title,
            duration,
            description,
            lead_id,
            objective,
            not_before,
            due_by,
            priority,
            status,
            percent,
            actual_start,
            actual_finish,
            note,
            amount,
            currency,
            funding,
            template,
        ) in deliverable_rows
    )
