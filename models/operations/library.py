"""Sharing roadmaps through the library: a team proposes, a reviewer publishes or sends back, anyone adapts.

Each use case runs in one transaction and is journalled on the roadmap it concerns. Who may do what
is passed in by the caller (as ``move_roadmap`` does) and checked here again, so no caller can skip it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from sqlalchemy import func, insert, select, update

from models.base import db, utcnow
from models.library import EntryStatus, LibraryEntry, LibraryEntryPillar, LibraryEntryThreat, RoadmapOrigin
from models.operations.accounts import ensure_country
from models.operations.checks import clean_choice, clean_date, clean_text, note
from models.operations.core import Actor, OperationError, lock_roadmap, transaction
from models.operations.importing import insert_plan
from models.queries.loading import load_plan
from models.roadmap import Roadmap
from models.tracking import COMMENT_MAX
from roadmap.exchange.interchange_write import to_document
from roadmap.i18n import N_, Phrase
from roadmap.library import Redaction, Withheld, adapt, facts, redact, redaction_of, scrubber, snapshot_plan
from roadmap.sequencing import sequence
from roadmap.vocabulary import DESCRIPTION_MAX, TITLE_MAX, Language, Pillar, RoadmapStatus, StakeholderKind


def redaction_preview(
    roadmap_id: int, redaction: Redaction, *, kind_name: Callable[[StakeholderKind], str] = lambda k: k.label
) -> Withheld:
    """What proposing the roadmap with this redaction would find and replace, without proposing it."""
    roadmap = db.session.get(Roadmap, roadmap_id)
    if roadmap is None:
        raise OperationError(N_("no such roadmap"))
    country = roadmap.country
    plan = load_plan(roadmap_id)
    _shared, withheld = redaction_of(plan, redaction, title=plan.title, country_name=country.name, kind_name=kind_name)
    db.session.rollback()
    return withheld


def propose_entry(
    actor: Actor,
    roadmap_id: int,
    *,
    title: object,
    summary: object,
    redaction: Redaction,
    editor: bool,
    kind_name: Callable[[StakeholderKind], str] = lambda k: k.label,
) -> int:
    """Freeze an approved roadmap, redacted as the team chose, as a proposal for the library; returns its id."""
    if not editor:
        raise OperationError(N_("only the country's editors can propose its roadmap for the library"))
    title = clean_text(title, N_("title"), TITLE_MAX, required=True)
    summary = clean_text(summary, N_("description"), DESCRIPTION_MAX, required=True)
    with transaction():
        lock_roadmap(roadmap_id)
        roadmap = db.session.get(Roadmap, roadmap_id)
        if roadmap.status != RoadmapStatus.APPROVED:
            raise OperationError(N_("only an approved roadmap can be proposed for the library"))
        waiting = select(LibraryEntry.id).where(
            LibraryEntry.source_roadmap_id == roadmap_id, LibraryEntry.status == EntryStatus.PROPOSED
        )
        if db.session.scalar(waiting) is not None:
            raise OperationError(N_("this roadmap is already waiting for review in the library"))
        country = roadmap.country
        if redaction.country:
            scrub = scrubber(country.name, country.code)
            for what, text in ((N_("title"), title), (N_("description"), summary)):
                if scrub(text) != text:
                    raise OperationError(
                        N_("the %(what)s names %(country)s, which you chose to withhold"),
                        what=Phrase(what),
                        country=country.name,
                    )
        shared = redact(load_plan(roadmap_id), redaction, title=title, country_name=country.name, kind_name=kind_name)
        found = facts(shared, sequence(shared).duration_weeks)
        entry = LibraryEntry(
            country_id=country.id,
            source_roadmap_id=roadmap_id,
            status=EntryStatus.PROPOSED,
            title=title,
            summary=summary,
            document=json.dumps(to_document(shared), ensure_ascii=False),
            region=country.region,
            maturity=found.maturity,
            deliverable_count=found.deliverable_count,
            duration_weeks=found.duration_weeks,
            details_withheld=redaction.details,
            names_withheld=redaction.names,
            country_withheld=redaction.country,
            proposed_by=actor.name,
            proposed_by_id=actor.user_id,
        )
        db.session.add(entry)
        db.session.flush()
        if found.pillars:
            db.session.execute(insert(LibraryEntryPillar), [{"entry_id": entry.id, "pillar": x} for x in found.pillars])
        if found.threats:
            db.session.execute(insert(LibraryEntryThreat), [{"entry_id": entry.id, "threat": t} for t in found.threats])
        note(actor, roadmap_id, "proposed for the library", new=title)
        entry_id = entry.id
    return entry_id


def review_entry(actor: Actor, entry_id: int, *, publish: bool, reviewer: bool, comment: object = None) -> None:
    """Publish a proposal, or send it back to its team with a comment saying why."""
    if not reviewer:
        raise OperationError(N_("only an adviser or an admin can publish to the library"))
    comment = clean_text(comment, N_("comment"), COMMENT_MAX)
    if not publish and not comment:
        raise OperationError(N_("say what needs changing: sending a proposal back needs a comment"))
    with transaction():
        e = LibraryEntry.__table__.c
        now = utcnow()
        values = {"reviewed_by": actor.name, "reviewed_at": now, "review_comment": comment}
        if publish:
            values.update(status=EntryStatus.PUBLISHED, published_at=now)
        else:
            values.update(status=EntryStatus.RETURNED)
        # Only a waiting proposal moves: two reviewers deciding at once cannot both win.
        moved = db.session.execute(
            update(LibraryEntry.__table__).where(e.id == entry_id, e.status == EntryStatus.PROPOSED).values(**values)
        )
        if moved.rowcount != 1:
            raise OperationError(N_("this proposal is no longer waiting for review"))
        source, title = db.session.execute(select(e.source_roadmap_id, e.title).where(e.id == entry_id)).one()
        if source is not None:
            action = "published in the library" if publish else "sent back from the library"
            note(actor, source, action, new=comment or title)


def adapt_entry(
    actor: Actor,
    entry_id: int,
    *,
    country_code: str,
    title: object,
    start_date: object,
    language: object,
    pillars: Iterable[str],
) -> int:
    """A new draft roadmap from a published one: the chosen pillars' work; returns the new roadmap's id.

    The caller offers only countries the user may edit.
    """
    title = clean_text(title, N_("title"), TITLE_MAX, required=True)
    start = clean_date(start_date, N_("start date"), required=True)
    language = clean_choice(Language, language, N_("language"))
    chosen = [clean_choice(Pillar, x, N_("pillar")) for x in pillars]
    if not chosen:
        raise OperationError(N_("choose at least one pillar to take"))
    with transaction():
        entry = db.session.get(LibraryEntry, entry_id)
        if entry is None or entry.status != EntryStatus.PUBLISHED:
            raise OperationError(N_("only a published roadmap can be adapted"))
        country = ensure_country(country_code)
        source = snapshot_plan(json.loads(entry.document))
        plan = adapt(source, chosen, country=country.code, title=title, start_date=start, language=language)
        roadmap_id = insert_plan(plan, actor)
        db.session.add(
            RoadmapOrigin(
                roadmap_id=roadmap_id,
                entry_id=entry.id,
                entry_title=entry.title,
                pillars=" ".join(x.value for x in Pillar if x in chosen),
            )
        )
        note(
            actor,
            roadmap_id,
            "adapted from the library",
            new=f"{entry.title}: {len(plan.deliverables)} deliverables, {len(plan.dependencies)} dependencies",
        )
    return roadmap_id


def reuse_counts(entry_ids: Iterable[int]) -> dict[int, int]:
    """How many roadmaps were adapted from each entry."""
    ids = list(entry_ids)
    if not ids:
        return {}
    o = RoadmapOrigin.__table__.c
    rows = db.session.execute(select(o.entry_id, func.count()).where(o.entry_id.in_(ids)).group_by(o.entry_id))
    return {entry_id: count for entry_id, count in rows}


def origin_of(roadmap_id: int) -> RoadmapOrigin | None:
    """What a roadmap was adapted from, if it was."""
    return db.session.get(RoadmapOrigin, roadmap_id)
