"""The organisations of a roadmap: adding, renaming, merging duplicates and deleting them."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import delete, insert, or_, select, update

from models.base import db
from models.deliverable import Deliverable, deliverable_partners
from models.operations.checks import Ref, clean_choice, clean_key, clean_text, note, stakeholder_ids
from models.operations.core import Actor, OperationError, about, lock_roadmap, transaction
from models.stakeholder import Stakeholder
from roadmap.i18n import N_
from roadmap.vocabulary import NAME_MAX, StakeholderKind, near_duplicate, stakeholder_key


class SimilarStakeholder(OperationError):
    """A new name looks like one the roadmap has (same letters, or same acronym): asked before adding."""

    def __init__(self, name: str, key: str, other: str):
        super().__init__(
            N_("%(name)s looks like %(other)s (%(key)s) already in this roadmap: add anyway?"),
            name=name,
            other=other,
            key=key,
        )
        self.name, self.key, self.other = name, key, other


def add_stakeholder(
    actor: Actor,
    roadmap_id: int,
    name: str,
    kind: StakeholderKind,
    key: str | None = None,
    *,
    similar_ok: bool = True,
) -> int:
    """Add an organisation; without a key, one is made from its name ("Ministry of ICT" → "MICT").

    With ``similar_ok=False``, refused with SimilarStakeholder when the name looks like one already there.
    """
    with transaction():
        lock_roadmap(roadmap_id, plan_change=True)
        name, kind = _checked(name, kind)
        s = Stakeholder.__table__.c
        others = db.session.execute(select(s.key, s.name).where(s.roadmap_id == roadmap_id).order_by(s.id)).all()
        if not similar_ok and (found := near_duplicate(name, others)):
            raise SimilarStakeholder(name, *found)
        taken = {other_key for other_key, _ in others}
        key = _free_key(key, taken) if key else stakeholder_key(name, taken)
        stakeholder = Stakeholder(roadmap_id=roadmap_id, key=key, name=name, kind=kind)
        db.session.add(stakeholder)
        db.session.flush()
        stakeholder_id = stakeholder.id
        note(actor, roadmap_id, "stakeholder added", field="stakeholder", new=f"{key}: {name} ({kind.value})")
    return stakeholder_id


def update_stakeholder(
    actor: Actor, roadmap_id: int, stakeholder_id: int, name: str, kind: StakeholderKind, key: str | None = None
) -> None:
    """Rename an organisation, change its kind, or give it another key (None keeps the key)."""
    with transaction():
        lock_roadmap(roadmap_id, plan_change=True)
        checked_name, checked_kind = _checked(name, kind)
        new = {"name": checked_name, "kind": checked_kind}
        current = _stakeholder(roadmap_id, stakeholder_id)
        old = {"name": current.name, "kind": StakeholderKind(current.kind), "key": current.key}
        if key is not None and key != current.key:
            # Deliverables refer to a stakeholder by its id, so a new key changes no other row.
            s = Stakeholder.__table__.c
            taken = set(db.session.scalars(select(s.key).where(s.roadmap_id == roadmap_id, s.id != stakeholder_id)))
            new["key"] = _free_key(key, taken)
        changed = {field: value for field, value in new.items() if value != old[field]}
        if not changed:
            return
        t = Stakeholder.__table__
        db.session.execute(update(t).where(t.c.id == stakeholder_id).values(**changed))
        for field, value in changed.items():
            note(actor, roadmap_id, "stakeholder updated", field=f"{current.key}.{field}", old=old[field], new=value)


def merge_stakeholders(actor: Actor, roadmap_id: int, keep_id: int, merge_id: int) -> None:
    """Fold a duplicate into the organisation kept: its leads and partnerships move over, then it goes."""
    with transaction():
        lock_roadmap(roadmap_id, plan_change=True)
        keep, gone = _stakeholder(roadmap_id, keep_id), _stakeholder(roadmap_id, merge_id)
        if keep.id == gone.id:
            raise OperationError(N_("choose two different stakeholders to merge"))
        d, partners = Deliverable.__table__.c, deliverable_partners.c
        supported = select(partners.deliverable_id).where(partners.stakeholder_id == gone.id)
        affected = db.session.execute(
            select(d.id, d.key, d.lead_id)
            .where(d.roadmap_id == roadmap_id, or_(d.lead_id == gone.id, d.id.in_(supported)))
            .order_by(d.id)
        ).all()
        partners_of: dict[int, list[int]] = defaultdict(list)
        for deliverable_id, stakeholder_id in db.session.execute(
            select(partners.deliverable_id, partners.stakeholder_id)
            .where(partners.deliverable_id.in_([row.id for row in affected]))
            .order_by(partners.stakeholder_id)
        ):
            partners_of[deliverable_id].append(stakeholder_id)
        key_of = {sid: key for key, sid in stakeholder_ids(roadmap_id).items()}

        new_partners = []
        for row in affected:
            lead = keep.id if row.lead_id == gone.id else row.lead_id
            # The kept organisation appears once per deliverable: not twice as a partner, nor as
            # a partner of what it leads.
            moved = sorted({keep.id if s == gone.id else s for s in partners_of[row.id]} - {lead})
            new_partners += [{"roadmap_id": roadmap_id, "deliverable_id": row.id, "stakeholder_id": s} for s in moved]
            # Someone editing this deliverable now has a form naming the merged organisation.
            db.session.execute(
                update(Deliverable.__table__).where(d.id == row.id).values(lead_id=lead, version=d.version + 1)
            )
            ref = Ref(row.id, row.key)
            if lead != row.lead_id:
                note(actor, roadmap_id, "deliverable updated", ref, field="lead", old=gone.key, new=keep.key)
            old_keys, new_keys = [key_of[s] for s in partners_of[row.id]], [key_of[s] for s in moved]
            if old_keys != new_keys:
                note(
                    actor,
                    roadmap_id,
                    "deliverable updated",
                    ref,
                    field="partners",
                    old=tuple(old_keys),
                    new=tuple(new_keys),
                )
        db.session.execute(
            delete(deliverable_partners).where(partners.deliverable_id.in_([row.id for row in affected]))
        )
        if new_partners:
            db.session.execute(insert(deliverable_partners), new_partners)
        merged = f"{gone.key}: {gone.name} ({gone.kind})"
        note(actor, roadmap_id, "stakeholders merged", field="stakeholder", old=merged, new=f"{keep.key}: {keep.name}")
        db.session.execute(delete(Stakeholder.__table__).where(Stakeholder.__table__.c.id == gone.id))


def delete_stakeholder(actor: Actor, roadmap_id: int, stakeholder_id: int) -> None:
    """Delete an organisation that neither leads nor supports any deliverable."""
    with transaction():
        lock_roadmap(roadmap_id, plan_change=True)
        gone = _stakeholder(roadmap_id, stakeholder_id)
        partners = deliverable_partners.c
        involved = db.session.scalars(
            select(Deliverable.key).where(
                Deliverable.roadmap_id == roadmap_id,
                or_(
                    Deliverable.lead_id == gone.id,
                    Deliverable.id.in_(select(partners.deliverable_id).where(partners.stakeholder_id == gone.id)),
                ),
            )
        ).all()
        if involved:
            raise OperationError(
                N_(
                    "%(key)s leads or supports %(deliverables)s: "
                    "give them another lead or partner, or merge it into another stakeholder"
                ),
                key=gone.key,
                deliverables=", ".join(sorted(involved)),
            )
        note(
            actor, roadmap_id, "stakeholder deleted", field="stakeholder", old=f"{gone.key}: {gone.name} ({gone.kind})"
        )
        db.session.execute(delete(Stakeholder.__table__).where(Stakeholder.__table__.c.id == gone.id))


def _free_key(key: str, taken: set[str]) -> str:
    """A key typed by someone: valid, and not another stakeholder's in any case."""
    with about("key"):
        key = clean_key(key.strip(), N_("stakeholder key"))
        if key.lower() in {k.lower() for k in taken}:
            raise OperationError(N_("another stakeholder already has the key %(key)s"), key=key)
    return key


def _checked(name: str, kind: StakeholderKind) -> tuple[str, StakeholderKind]:
    """The name and kind someone gave, checked; a refusal says which of the two it is about."""
    with about("name"):
        name = clean_text(name, N_("name"), NAME_MAX, required=True)
    with about("kind"):
        kind = clean_choice(StakeholderKind, kind, N_("stakeholder kind"))
    return name, kind


def _stakeholder(roadmap_id: int, stakeholder_id: int):
    s = Stakeholder.__table__.c
    row = db.session.execute(
        select(s.id, s.key, s.name, s.kind).where(s.id == stakeholder_id, s.roadmap_id == roadmap_id)
    ).one_or_none()
    if row is None:
        raise OperationError(N_("no such stakeholder in this roadmap"))
    return row


# Last, because models.operations imports this module to re-export its functions: the functions
# above only look these names up when they run.
