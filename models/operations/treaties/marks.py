"""Marking the treaty checklist, and adding the deliverable that closes gaps.

A save replaces the roadmap's marks with the whole checklist as sent: a provision sent without a status
is not assessed (its row goes). Each changed status or note is journalled. Provisions are checklist
ids; an id the checklist does not hold is refused by name, so a stale form saves nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from sqlalchemy import delete, insert, select, update

from models.base import db
from models.deliverable import Deliverable
from models.operations.checks import Ref, clean_choice, clean_deliverable, clean_text, note, show, stakeholder_ids
from models.operations.core import Actor, OperationError, lock_roadmap, transaction
from models.operations.deliverable_rows import columns, write_indicators, write_partners, write_threats
from models.operations.editing import next_key
from models.treaty_mark import ProvisionMark
from roadmap import plan as p
from roadmap.i18n import N_, Phrase
from roadmap.treaties import GapStatus, TreatyMark, provision_by_id
from roadmap.treaties.gaps import GAPS, NOTE_MAX
from roadmap.vocabulary import Pillar


def treaty_marks(roadmap_id: int) -> list[TreatyMark]:
    """The roadmap's marks, with the key of the deliverable added for each gap (if any)."""
    m = ProvisionMark.__table__.c
    rows = db.session.execute(
        select(m.provision, m.status, m.note, Deliverable.key)
        .outerjoin(Deliverable, Deliverable.id == m.deliverable_id)
        .where(m.roadmap_id == roadmap_id)
    )
    return [TreatyMark(r.provision, GapStatus(r.status), r.note, r.key) for r in rows]


def set_provision_marks(
    actor: Actor, roadmap_id: int, marks: Mapping[str, tuple[GapStatus | str | None, str | None]]
) -> int:
    """Save the checklist: provision id -> (status or None for not assessed, note); returns how many changed."""
    cleaned: dict[str, tuple[GapStatus | None, str | None]] = {}
    for provision, (status, text) in marks.items():
        if provision_by_id(provision) is None:
            raise OperationError(N_("the treaty checklist has no provision %(provision)s"), provision=show(provision))
        status = None if status in (None, "") else clean_choice(GapStatus, status, N_("treaty status"))
        text = clean_text(text, Phrase(N_("note on %(provision)s"), provision=provision), NOTE_MAX)
        if text and status is None:
            raise OperationError(
                N_("the note on %(provision)s needs a status: in law, partly or missing"), provision=provision
            )
        cleaned[provision] = (status, text)
    changed = 0
    with transaction():
        lock_roadmap(roadmap_id, plan_change=True)
        m = ProvisionMark.__table__.c
        stored = {
            r.provision: r
            for r in db.session.execute(select(m.id, m.provision, m.status, m.note).where(m.roadmap_id == roadmap_id))
        }
        for provision, (status, text) in cleaned.items():
            row = stored.get(provision)
            old = (None, None) if row is None else (GapStatus(row.status), row.note)
            if old == (status, text):
                continue
            changed += 1
            if status is None:
                db.session.execute(delete(ProvisionMark.__table__).where(m.id == row.id))
            elif row is None:
                db.session.execute(
                    insert(ProvisionMark.__table__).values(
                        roadmap_id=roadmap_id, provision=provision, status=status, note=text
                    )
                )
            else:
                db.session.execute(
                    update(ProvisionMark.__table__).where(m.id == row.id).values(status=status, note=text)
                )
            if old[0] != status:
                note(actor, roadmap_id, "treaty mark updated", field=f"{provision}.status", old=old[0], new=status)
            if old[1] != text:
                note(actor, roadmap_id, "treaty mark updated", field=f"{provision}.note", old=old[1], new=text)
    return changed


def add_gap_deliverable(actor: Actor, roadmap_id: int, d: p.Deliverable, provisions: Iterable[str]) -> int:
    """Add ``d`` (a legal deliverable) to close the gaps of ``provisions``, each marked missing or partly,
    and record it on their marks, in one transaction; returns the deliverable's id."""
    wanted = list(dict.fromkeys(provisions))
    if not wanted:
        raise OperationError(N_("name at least one treaty provision the deliverable closes"))
    with transaction():
        lock_roadmap(roadmap_id, plan_change=True)
        m = ProvisionMark.__table__.c
        rows = {
            r.provision: r
            for r in db.session.execute(
                select(m.id, m.provision, m.status, m.deliverable_id).where(
                    m.roadmap_id == roadmap_id, m.provision.in_(wanted)
                )
            )
        }
        for provision in wanted:
            row = rows.get(provision)
            if row is None or GapStatus(row.status) not in GAPS:
                raise OperationError(
                    N_("the provision %(provision)s is not marked missing or partly in law"),
                    provision=show(provision),
                )
            if row.deliverable_id is not None:
                raise OperationError(
                    N_("a deliverable was already added for the provision %(provision)s"), provision=show(provision)
                )
        stakeholders = stakeholder_ids(roadmap_id)
        clean = clean_deliverable(replace(d, pillar=Pillar.LEGAL), stakeholders)
        clean = replace(clean, key=next_key(roadmap_id, Pillar.LEGAL))
        row = Deliverable(roadmap_id=roadmap_id, version=1, **columns(clean, stakeholders))
        db.session.add(row)
        db.session.flush()
        write_partners(roadmap_id, row.id, clean.partners, stakeholders)
        write_threats(row.id, clean.threats)
        write_indicators(row.id, clean.indicators)
        db.session.execute(
            update(ProvisionMark.__table__).where(m.id.in_([rows[x].id for x in wanted])).values(deliverable_id=row.id)
        )
        note(actor, roadmap_id, "deliverable added", Ref(row.id, clean.key), new=clean.title)
        note(actor, roadmap_id, "treaty gap planned", Ref(row.id, clean.key), field="provisions", new=", ".join(wanted))
    return row.id
