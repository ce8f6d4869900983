"""Editing a roadmap by hand: its settings, pillar assessments, and deliverables with their indicators.

Each function that changes data runs in one transaction (the roadmap's row locked first), writes the
journal, and raises OperationError for what it refuses. Ids come from URLs and forms, so every id is
looked up together with the roadmap id the caller checked access to.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from types import EllipsisType

from sqlalchemy import delete, insert, select, update

from models.base import db
from models.deliverable import Deliverable
from models.dependency import Dependency
from models.operations.accounts import ensure_country
from models.operations.checks import (
    Ref,
    as_text,
    clean_choice,
    clean_date,
    clean_deliverable,
    clean_key,
    clean_text,
    clean_whole,
    note,
    stakeholder_ids,
)
from models.operations.core import Actor, OperationError, VersionConflict, about, lock_roadmap, transaction
from models.operations.deliverable_rows import (
    DELIVERABLE_FIELDS,
    columns,
    fields,
    stored_deliverable,
    texts,
    write_indicators,
    write_partners,
    write_threats,
)
from models.operations.linking import links_of
from models.roadmap import PillarAssessment, Roadmap
from roadmap import plan as p
from roadmap.i18n import N_
from roadmap.printing.logo import Logo, LogoError, clean_logo
from roadmap.vocabulary import NAME_MAX, NOTES_MAX, TITLE_MAX, Language, Pillar, RoadmapStatus

# International cooperation is "I": "C" is capacity building's.
KEY_PREFIX = {
    Pillar.LEGAL: "L",
    Pillar.TECHNICAL: "T",
    Pillar.ORGANIZATIONAL: "O",
    Pillar.CAPACITY: "C",
    Pillar.COOPERATION: "I",
}


# ---------------------------------------------------------------- roadmap and assessments


def create_roadmap(
    actor: Actor,
    country_code: str,
    title: str,
    start_date: date,
    language: Language,
    *,
    issuing_authority: str | None = None,
) -> int:
    """Start a new draft roadmap for a country; returns its id."""
    with transaction():
        title = clean_text(title, N_("title"), TITLE_MAX, required=True)
        authority = clean_text(issuing_authority, N_("issuing authority"), NAME_MAX)
        start = clean_date(start_date, N_("start date"), required=True)
        language = clean_choice(Language, language, N_("language"))
        if not isinstance(country_code, str):
            raise OperationError(N_("the country must be an ISO 3166-1 alpha-3 code"))
        roadmap = Roadmap(
            country=ensure_country(country_code),
            title=title,
            start_date=start,
            language=language,
            status=RoadmapStatus.DRAFT,
            issuing_authority=authority,
        )
        db.session.add(roadmap)
        db.session.flush()
        roadmap_id = roadmap.id
        note(actor, roadmap_id, "roadmap created", new=title)
    return roadmap_id


def update_roadmap(
    actor: Actor,
    roadmap_id: int,
    expected_version: int,
    *,
    title: str,
    start_date: date,
    language: Language,
    issuing_authority: str | EllipsisType | None = ...,
    logo: Logo | EllipsisType | None = ...,
) -> None:
    """Change a roadmap's settings, unless someone saved them since ``expected_version`` was read; the
    issuing authority and the cover's logo stay as they are unless given (None clears them). A logo is
    checked and written anew here too, whoever made it."""
    with transaction():
        lock_roadmap(roadmap_id, plan_change=True)
        new = {
            "title": clean_text(title, N_("title"), TITLE_MAX, required=True),
            "start_date": clean_date(start_date, N_("start date"), required=True),
            "language": clean_choice(Language, language, N_("language")),
        }
        if issuing_authority is not ...:
            new["issuing_authority"] = clean_text(issuing_authority, N_("issuing authority"), NAME_MAX)
        r = Roadmap.__table__.c
        row = db.session.execute(
            select(r.title, r.start_date, r.language, r.issuing_authority, r.logo_media_type, r.version).where(
                r.id == roadmap_id
            )
        ).one()
        old = {
            "title": row.title,
            "start_date": row.start_date,
            "language": Language(row.language),
            "issuing_authority": row.issuing_authority,
        }
        if logo is not ...:
            new["logo"] = _clean_logo(logo)
            data = db.session.scalar(select(r.logo_data).where(r.id == roadmap_id)) if row.logo_media_type else None
            old["logo"] = Logo(data, row.logo_media_type) if data is not None else None
        conflict = VersionConflict({k: as_text(v) for k, v in old.items()}, version=row.version)
        if row.version != expected_version:
            raise conflict
        changed = {k: v for k, v in new.items() if v != old[k]}
        if not changed:
            return
        values = {k: v for k, v in changed.items() if k != "logo"}
        if "logo" in changed:
            kept = changed["logo"]
            values["logo_data"] = kept.data if kept else None
            values["logo_media_type"] = kept.media_type if kept else None
        saved = db.session.execute(
            update(Roadmap.__table__)
            .where(r.id == roadmap_id, r.version == expected_version)
            .values(**values, version=r.version + 1)
        )
        if saved.rowcount != 1:
            raise conflict
        for field, value in changed.items():
            note(actor, roadmap_id, "roadmap updated", field=field, old=old[field], new=value)


def _clean_logo(logo: object) -> Logo | None:
    if logo is None:
        return None
    if not isinstance(logo, Logo):
        raise OperationError(N_("the logo must be a PNG or SVG image"))
    try:
        return clean_logo(logo.data)
    except LogoError as exc:
        raise OperationError(N_("the logo cannot be kept: %(reason)s"), reason=exc) from None


def set_assessment(actor: Actor, roadmap_id: int, pillar: Pillar, maturity: int, notes: str | None) -> None:
    """Record a pillar's self-assessed maturity (1..5) and notes, replacing any earlier one."""
    with transaction():
        lock_roadmap(roadmap_id, plan_change=True)
        pillar = clean_choice(Pillar, pillar, N_("pillar"))
        new = {
            "maturity": clean_whole(maturity, N_("maturity"), 1, 5),
            "notes": clean_text(notes, N_("notes"), NOTES_MAX),
        }
        a = PillarAssessment.__table__.c
        row = db.session.execute(
            select(a.id, a.maturity, a.notes).where(a.roadmap_id == roadmap_id, a.pillar == pillar)
        ).one_or_none()
        if row is None:
            old = dict.fromkeys(new)
            db.session.execute(insert(PillarAssessment.__table__).values(roadmap_id=roadmap_id, pillar=pillar, **new))
        else:
            old = {"maturity": row.maturity, "notes": row.notes}
            db.session.execute(update(PillarAssessment.__table__).where(a.id == row.id).values(**new))
        for field in new:
            if new[field] != old[field]:
                note(actor, roadmap_id, "assessment updated", field=f"{pillar}.{field}", old=old[field], new=new[field])


# ---------------------------------------------------------------- deliverables


def next_key(roadmap_id: int, pillar: Pillar) -> str:
    """The next free key of a pillar, e.g. "L3" after L1 and L2 (one more than the highest number used)."""
    prefix = KEY_PREFIX[clean_choice(Pillar, pillar, N_("pillar"))]
    keys = db.session.scalars(
        select(Deliverable.key).where(Deliverable.roadmap_id == roadmap_id, Deliverable.key.startswith(prefix))
    )
    numbers = [int(k[1:]) for k in keys if re.fullmatch(rf"{prefix}[0-9]+", k)]
    return f"{prefix}{max(numbers, default=0) + 1}"


def add_deliverable(actor: Actor, roadmap_id: int, d: p.Deliverable) -> int:
    """Add a deliverable; an empty key gets the pillar's next key; lead and partners are stakeholder keys."""
    with transaction():
        lock_roadmap(roadmap_id, plan_change=True)
        stakeholders = stakeholder_ids(roadmap_id)
        clean = clean_deliverable(d, stakeholders)
        with about("key"):
            key = clean_key(d.key or next_key(roadmap_id, clean.pillar), N_("deliverable key"))
            _refuse_taken_key(roadmap_id, key)
        clean = replace(clean, key=key)
        row = Deliverable(roadmap_id=roadmap_id, version=1, **columns(clean, stakeholders))
        db.session.add(row)
        db.session.flush()
        deliverable_id = row.id
        write_partners(roadmap_id, deliverable_id, clean.partners, stakeholders)
        write_threats(deliverable_id, clean.threats)
        write_indicators(deliverable_id, clean.indicators)
        note(actor, roadmap_id, "deliverable added", Ref(deliverable_id, key), new=clean.title)
    return deliverable_id


def update_deliverable(
    actor: Actor, roadmap_id: int, deliverable_id: int, expected_version: int, d: p.Deliverable
) -> None:
    """Replace every field of a deliverable with ``d``'s (an empty key keeps the key it has).

    Refused with VersionConflict, nothing written, when someone saved it since ``expected_version``.
    """
    with transaction():
        lock_roadmap(roadmap_id, plan_change=True)
        stored, version = stored_deliverable(roadmap_id, deliverable_id)
        conflict = VersionConflict(
            texts(stored), N_("someone else saved this deliverable since you opened it"), version=version
        )
        if version != expected_version:
            raise conflict
        stakeholders = stakeholder_ids(roadmap_id)
        clean = clean_deliverable(d, stakeholders)
        with about("key"):
            clean = replace(clean, key=clean_key(d.key, N_("deliverable key")) if d.key else stored.key)
            if clean.key != stored.key:
                _refuse_taken_key(roadmap_id, clean.key)
        old, new = fields(stored), fields(clean)
        changed = [f for f in DELIVERABLE_FIELDS if old[f] != new[f]]
        if not changed:
            return
        t = Deliverable.__table__.c
        saved = db.session.execute(
            update(Deliverable.__table__)
            .where(t.id == deliverable_id, t.version == expected_version)
            .values(**columns(clean, stakeholders), version=t.version + 1)
        )
        if saved.rowcount != 1:
            raise conflict
        if "partners" in changed:
            write_partners(roadmap_id, deliverable_id, clean.partners, stakeholders)
        if "threats" in changed:
            write_threats(deliverable_id, clean.threats)
        if "indicators" in changed:
            write_indicators(deliverable_id, clean.indicators)
        ref = Ref(deliverable_id, clean.key)
        for field in changed:
            note(actor, roadmap_id, "deliverable updated", ref, field=field, old=old[field], new=new[field])


def dependents(roadmap_id: int, deliverable_id: int) -> list[str]:
    """Keys of the deliverables linked to this one, as predecessor or successor, sorted."""
    _deliverable_key(roadmap_id, deliverable_id)
    return sorted({link.other for link in links_of(roadmap_id, touching=deliverable_id)})


def delete_deliverable(actor: Actor, roadmap_id: int, deliverable_id: int, *, remove_links: bool = False) -> None:
    """Delete a deliverable with its partners, threats and indicators; its links only if ``remove_links``."""
    with transaction():
        lock_roadmap(roadmap_id, plan_change=True)
        key, title = _deliverable_key(roadmap_id, deliverable_id)
        links = links_of(roadmap_id, touching=deliverable_id)
        if links and not remove_links:
            others = ", ".join(sorted({link.other for link in links}))
            raise OperationError(
                N_("%(key)s is linked to %(others)s: confirm to remove those links too"), key=key, others=others
            )
        for link in links:
            ref = Ref(link.successor_id, link.successor)
            note(actor, roadmap_id, "dependency removed", ref, field="dependency", old=link.text())
        note(actor, roadmap_id, "deliverable deleted", Ref(deliverable_id, key), old=title)
        # The entries go in before the row they name goes, which turns their deliverable id to NULL.
        db.session.flush()
        db.session.execute(delete(Dependency.__table__).where(Dependency.__table__.c.id.in_([x.id for x in links])))
        db.session.execute(delete(Deliverable.__table__).where(Deliverable.__table__.c.id == deliverable_id))


def _deliverable_key(roadmap_id: int, deliverable_id: int) -> tuple[str, str]:
    """The key and title of a deliverable of this roadmap; OperationError for an id of any other."""
    row = db.session.execute(
        select(Deliverable.key, Deliverable.title).where(
            Deliverable.id == deliverable_id, Deliverable.roadmap_id == roadmap_id
        )
    ).one_or_none()
    if row is None:
        raise OperationError(N_("no such deliverable in this roadmap"))
    return row.key, row.title


def _refuse_taken_key(roadmap_id: int, key: str) -> None:
    taken = db.session.scalar(
        select(Deliverable.id).where(Deliverable.roadmap_id == roadmap_id, Deliverable.key == key)
    )
    if taken is not None:
        raise OperationError(N_("another deliverable already has the key %(key)s"), key=key)


# Last, because models.operations imports this module to re-export its functions: the functions
# above only look these names up when they run.
