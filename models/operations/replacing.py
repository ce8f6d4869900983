"""Replacing a roadmap's whole content with a cop-roadmap/1 plan, as the JSON API's PUT does."""

from __future__ import annotations

from sqlalchemy import delete, select, update

from models.base import db
from models.deliverable import Deliverable
from models.dependency import Dependency
from models.operations.checks import note
from models.operations.core import Actor, OperationError, VersionConflict, lock_roadmap, transaction
from models.operations.importing import insert_contents
from models.queries.loading import load_plan
from models.roadmap import CapabilityRating, PillarAssessment, Roadmap
from models.stakeholder import Stakeholder
from models.tracking import CommentThread
from models.treaty_mark import ProvisionMark
from roadmap.exchange.interchange_write import fingerprint
from roadmap.graph import DependencyLoopError
from roadmap.i18n import N_
from roadmap.plan import Plan
from roadmap.sequencing import ScheduleError, sequence


def replace_plan(actor: Actor, roadmap_id: int, plan: Plan, expected: str) -> None:
    """Make the roadmap hold exactly ``plan``, unless its content changed since ``expected`` (its fingerprint).

    The roadmap keeps its id, country, review status, baselines, journal and comments: threads on a
    deliverable follow its key, and those whose deliverable is gone stay on the roadmap.
    """
    with transaction():
        lock_roadmap(roadmap_id, plan_change=True)
        current = load_plan(roadmap_id)
        if current is None:
            raise OperationError(N_("no such roadmap"))
        if fingerprint(current) != expected:
            raise VersionConflict({}, N_("the roadmap changed since you read it; read it again and redo your change"))
        if plan.country != current.country:
            raise OperationError(
                N_("country: the roadmap belongs to %(country)s; it cannot become %(other)s"),
                country=current.country,
                other=plan.country,
            )
        if plan.status != current.status:
            raise OperationError(
                N_('status: the roadmap is "%(status)s"; the status moves only through the review steps'),
                status=current.status,
            )
        try:
            sequence(plan)
        except (DependencyLoopError, ScheduleError) as exc:
            raise OperationError(exc.message, **exc.values) from None
        threads = _detach_threads(roadmap_id)
        for table in (ProvisionMark, Dependency, Deliverable, Stakeholder, PillarAssessment, CapabilityRating):
            db.session.execute(delete(table.__table__).where(table.__table__.c.roadmap_id == roadmap_id))
        r = Roadmap.__table__.c
        db.session.execute(
            update(Roadmap.__table__)
            .where(r.id == roadmap_id)
            .values(title=plan.title, start_date=plan.start_date, language=plan.language, version=r.version + 1)
        )
        insert_contents(roadmap_id, plan, actor)
        _reattach_threads(roadmap_id, threads)
        note(
            actor,
            roadmap_id,
            "roadmap replaced",
            new=f"{len(plan.deliverables)} deliverables, {len(plan.dependencies)} dependencies",
        )


def _detach_threads(roadmap_id: int) -> list[tuple[int, str]]:
    # Deleting the deliverables would delete their threads; they are kept aside by key instead.
    t, d = CommentThread.__table__.c, Deliverable.__table__.c
    held = db.session.execute(
        select(t.id, d.key).join(Deliverable.__table__, d.id == t.deliverable_id).where(t.roadmap_id == roadmap_id)
    ).all()
    if held:
        db.session.execute(
            update(CommentThread.__table__).where(t.id.in_([h.id for h in held])).values(deliverable_id=None)
        )
    return [(h.id, h.key) for h in held]


def _reattach_threads(roadmap_id: int, held: list[tuple[int, str]]) -> None:
    if not held:
        return
    d = Deliverable.__table__.c
    ids = dict(db.session.execute(select(d.key, d.id).where(d.roadmap_id == roadmap_id)).all())
    t = CommentThread.__table__.c
    for thread_id, key in held:
        if key in ids:
            db.session.execute(update(CommentThread.__table__).where(t.id == thread_id).values(deliverable_id=ids[key]))


# Last, because models.operations imports the modules it re-exports.
