"""Rating a roadmap's Model National Response capabilities on the maturity model's phases.

The team rates all 21 on one page, so one call saves them all: a capability given a phase is kept (with
its evidence), one left without a phase and without evidence is not rated (its row goes), and every
change is journalled field by field. Evidence without a phase is refused rather than dropped, so
nothing typed is lost silently.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, insert, select, update

from models.base import db
from models.operations.checks import clean_text, clean_whole, note
from models.operations.core import Actor, OperationError, lock_roadmap, transaction
from models.roadmap import CapabilityRating
from roadmap import plan as p
from roadmap.i18n import N_, Phrase
from roadmap.mnr import CAPABILITIES, EVIDENCE_MAX, HIGHEST, LOWEST

_NUMBERS = {c.number for c in CAPABILITIES}


def clean_ratings(ratings: Iterable[p.CapabilityRating]) -> dict[int, p.CapabilityRating]:
    """The ratings checked, by capability number; refuses an unknown capability, a phase out of range,
    evidence too long and a capability rated twice."""
    clean: dict[int, p.CapabilityRating] = {}
    for r in ratings:
        if isinstance(r.number, bool) or not isinstance(r.number, int) or r.number not in _NUMBERS:
            raise OperationError(
                N_("there is no MNR capability %(number)s: capabilities are numbered 1 to 21"), number=repr(r.number)
            )
        if r.number in clean:
            raise OperationError(N_("MNR capability %(number)d is rated twice"), number=r.number)
        phase = clean_whole(r.phase, Phrase(N_("phase of MNR capability %(number)d"), number=r.number), LOWEST, HIGHEST)
        evidence = clean_text(
            r.evidence, Phrase(N_("evidence for MNR capability %(number)d"), number=r.number), EVIDENCE_MAX
        )
        clean[r.number] = p.CapabilityRating(r.number, phase, evidence)
    return clean


def set_capability_ratings(
    actor: Actor, roadmap_id: int, ratings: Iterable[p.CapabilityRating], *, unrate: Iterable[int] = ()
) -> int:
    """Save these ratings and remove those of the capabilities in ``unrate``; the number of changes."""
    with transaction():
        lock_roadmap(roadmap_id, plan_change=True)
        new = clean_ratings(ratings)
        gone = set(unrate) - set(new)
        if not gone <= _NUMBERS:
            raise OperationError(N_("there is no such MNR capability: capabilities are numbered 1 to 21"))
        return _write(actor, roadmap_id, new, gone)


def replace_capability_ratings(roadmap_id: int, ratings: Iterable[p.CapabilityRating]) -> None:
    """Within a caller's transaction (an import): the roadmap's ratings become exactly these."""
    clean = clean_ratings(ratings)
    db.session.execute(delete(CapabilityRating.__table__).where(CapabilityRating.roadmap_id == roadmap_id))
    if clean:
        db.session.execute(
            insert(CapabilityRating.__table__),
            [
                {"roadmap_id": roadmap_id, "number": r.number, "phase": r.phase, "evidence": r.evidence}
                for r in clean.values()
            ],
        )


def _write(actor: Actor, roadmap_id: int, new: dict[int, p.CapabilityRating], gone: set[int]) -> int:
    t = CapabilityRating.__table__.c
    stored = {
        row.number: row
        for row in db.session.execute(select(t.id, t.number, t.phase, t.evidence).where(t.roadmap_id == roadmap_id))
    }
    changes = 0
    for number, r in sorted(new.items()):
        old = stored.get(number)
        if old is None:
            db.session.execute(
                insert(CapabilityRating.__table__).values(
                    roadmap_id=roadmap_id, number=number, phase=r.phase, evidence=r.evidence
                )
            )
        elif (old.phase, old.evidence) != (r.phase, r.evidence):
            db.session.execute(
                update(CapabilityRating.__table__).where(t.id == old.id).values(phase=r.phase, evidence=r.evidence)
            )
        else:
            continue
        for field, before, after in (
            ("phase", old and old.phase, r.phase),
            ("evidence", old and old.evidence, r.evidence),
        ):
            if before != after:
                note(actor, roadmap_id, "capability rated", field=f"mnr.{number}.{field}", old=before, new=after)
                changes += 1
    for number in sorted(gone & stored.keys()):
        old = stored[number]
        db.session.execute(delete(CapabilityRating.__table__).where(t.id == old.id))
        note(actor, roadmap_id, "capability rating removed", field=f"mnr.{number}.phase", old=old.phase, new=None)
        changes += 1
    return changes
