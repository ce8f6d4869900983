"""Use cases that change data. Each runs in one transaction and writes the journal.

Views and commands call these; they never add or delete rows themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError

from models.base import db, utcnow
from models.country import Country
from models.deliverable import Deliverable, DeliverableThreat, Indicator, deliverable_partners
from models.dependency import Dependency
from models.journal import JournalEntry
from models.roadmap import PillarAssessment, Roadmap
from models.stakeholder import Stakeholder
from models.tracking import Measurement
from models.user import GlobalRole, Membership, MembershipRole, User
from roadmap.countries import country_facts
from roadmap.plan import Plan
from roadmap.vocabulary import NAME_MAX, RoadmapStatus

MIN_PASSWORD = 8


class OperationError(ValueError):
    """A change that cannot be made; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class Actor:
    """Who makes a change: a signed-in user, or a named command."""

    name: str
    user_id: int | None = None

    @classmethod
    def of(cls, user: User) -> Actor:
        return cls(name=user.name or user.email, user_id=user.id)


def _journal(
    actor: Actor,
    roadmap_id: int,
    action: str,
    *,
    deliverable: Deliverable | None = None,
    field: str | None = None,
    old: object = None,
    new: object = None,
) -> None:
    db.session.add(
        JournalEntry(
            user_id=actor.user_id,
            actor=actor.name,
            roadmap_id=roadmap_id,
            deliverable_id=deliverable.id if deliverable else None,
            deliverable_key=deliverable.key if deliverable else None,
            action=action,
            field=field,
            old_value=None if old is None else str(old),
            new_value=None if new is None else str(new),
        )
    )


# ---------------------------------------------------------------- countries and users


def ensure_country(code: str) -> Country:
    """The country with this ISO alpha-3 code, created from ISO 3166 data on first use (not committed)."""
    facts = country_facts(code)
    if facts is None:
        raise OperationError(f'unknown ISO 3166-1 alpha-3 country code "{code}"')
    country = db.session.scalar(select(Country).where(Country.code == facts.code))
    if country is None:
        country = Country(code=facts.code, name=facts.name, region=facts.region, subregion=facts.subregion)
        db.session.add(country)
        db.session.flush()
    return country


def create_user(
    email: str, name: str, password: str, role: GlobalRole, memberships: Iterable[tuple[str, MembershipRole]] = ()
) -> User:
    """Create an account with its country memberships, all or nothing."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise OperationError(f'"{email}" is not an e-mail address')
    if len(password) < MIN_PASSWORD:
        raise OperationError(f"the password must have at least {MIN_PASSWORD} characters")
    if len(name.strip()) > NAME_MAX:
        raise OperationError(f"the name has {len(name.strip())} characters; at most {NAME_MAX} are allowed")
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        raise OperationError(f"a user with the e-mail {email} already exists")
    try:
        user = User(email=email, name=name.strip() or email, role=role, active=True)
        user.set_password(password)
        db.session.add(user)
        seen = set()
        for code, member_role in memberships:
            country = ensure_country(code)
            if country.id in seen:
                raise OperationError(f"country {country.code} is given twice")
            seen.add(country.id)
            user.memberships.append(Membership(country=country, role=member_role))
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return user


# ---------------------------------------------------------------- roadmaps


def import_plan(plan: Plan, actor: Actor) -> int:
    """Store a validated plan as a new roadmap in one transaction; returns the roadmap's id.

    Rows are inserted in bulk (one statement per table) so a plan of tens of thousands of
    deliverables imports in seconds.
    """
    try:
        roadmap_id = _insert_plan(plan, actor)
        _journal(
            actor,
            roadmap_id,
            "imported",
            new=f"{len(plan.deliverables)} deliverables, {len(plan.dependencies)} dependencies",
        )
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return roadmap_id


def _insert_plan(plan: Plan, actor: Actor) -> int:
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


# ---------------------------------------------------------------- shared by the editing use cases


class VersionConflict(OperationError):
    """A stale save: someone saved since the form was opened. ``current`` is what is saved now, field -> text."""

    def __init__(self, current: dict[str, str], message: str = "someone else saved this since you opened it"):
        super().__init__(message)
        self.current = current


@contextmanager
def _transaction() -> Iterator[None]:
    """Commit what the block changed, or roll all of it back; a database refusal becomes an OperationError."""
    try:
        yield
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        # The operations check everything first, so this is a concurrent change that got in between.
        raise OperationError("the change clashes with one saved at the same moment; reload and try again") from None
    except BaseException:
        db.session.rollback()
        raise


def _lock_roadmap(roadmap_id: int, *, plan_change: bool = False) -> RoadmapStatus:
    """Take the roadmap's write lock as the transaction's first statement and return its status, or
    refuse an unknown roadmap.

    Every change to a roadmap goes through here, so changes to one roadmap happen one after the
    other (a row lock on PostgreSQL, the write lock on SQLite): two links that would close a loop
    together, or two deliverables given the same next key, cannot both be saved.

    A ``plan_change`` (deliverables, links, stakeholders, assessments, the roadmap's own fields) is
    made in draft only: what is in review or approved is what the reviewer saw and signed, and a
    printed plan marked "Approved" must be that plan. Progress is recorded whatever the status.
    """
    table = Roadmap.__table__
    status = db.session.execute(
        update(table).where(table.c.id == roadmap_id).values(updated_at=utcnow()).returning(table.c.status)
    ).scalar_one_or_none()
    if status is None:
        raise OperationError("no such roadmap")
    if plan_change and status == RoadmapStatus.APPROVED:
        raise OperationError(
            "the roadmap is approved: reopen it for revision (Review and comments) before changing its plan"
        )
    if plan_change and status == RoadmapStatus.IN_REVIEW:
        raise OperationError("the roadmap is in review: it can be changed again once the reviewer returns it to draft")
    return RoadmapStatus(status)


# The editing use cases live in their own modules and are re-exported here, so callers import every
# operation from one place. Those modules import this one back only at their end, after defining
# their functions, so either side can be imported first.
from models.comments import add_thread, reply, set_resolved  # noqa: E402
from models.deliverable_rows import DELIVERABLE_FIELDS  # noqa: E402
from models.editing import (  # noqa: E402
    add_deliverable,
    create_roadmap,
    delete_deliverable,
    dependents,
    next_key,
    set_assessment,
    update_deliverable,
    update_roadmap,
)
from models.feeds import new_feed_token, revoke_feed_token  # noqa: E402
from models.linking import (  # noqa: E402
    add_dependency,
    add_suggested_links,
    remove_dependency,
    suggested_links,
    update_dependency,
)
from models.progress import Progress, record_measurement, record_progress  # noqa: E402
from models.stakeholder_ops import (  # noqa: E402
    add_stakeholder,
    delete_stakeholder,
    merge_stakeholders,
    update_stakeholder,
)
from models.workflow import move_roadmap  # noqa: E402

__all__ = [
    "DELIVERABLE_FIELDS",
    "MIN_PASSWORD",
    "Actor",
    "OperationError",
    "Progress",
    "VersionConflict",
    "add_deliverable",
    "add_dependency",
    "add_stakeholder",
    "add_suggested_links",
    "add_thread",
    "create_roadmap",
    "create_user",
    "delete_deliverable",
    "delete_stakeholder",
    "dependents",
    "ensure_country",
    "import_plan",
    "merge_stakeholders",
    "move_roadmap",
    "new_feed_token",
    "next_key",
    "record_measurement",
    "record_progress",
    "remove_dependency",
    "reply",
    "revoke_feed_token",
    "roadmap_count",
    "set_assessment",
    "set_resolved",
    "suggested_links",
    "update_deliverable",
    "update_dependency",
    "update_roadmap",
    "update_stakeholder",
]
