"""The library's operations on SQLite and PostgreSQL: all or nothing, journalled, guarded."""

import pytest
from sqlalchemy import select

from models import JournalEntry, LibraryEntry, Roadmap, RoadmapOrigin, db
from models.library import EntryStatus
from models.operations import Actor, OperationError, move_roadmap
from models.operations.library import adapt_entry, propose_entry, reuse_counts, review_entry
from models.operations.workflow import Step
from models.queries.loading import load_plan
from roadmap.library import Redaction
from tests.factories import import_small

TEAM = Actor("Kenya team")


def approved_kenya() -> int:
    rid = import_small()
    move_roadmap(TEAM, rid, Step.SUBMIT, editor=True, reviewer=False)
    move_roadmap(TEAM, rid, Step.APPROVE, editor=False, reviewer=True)
    return rid


def test_propose_publish_and_adapt_are_journalled_and_counted(db_ctx):
    rid = approved_kenya()
    eid = propose_entry(TEAM, rid, title="Shared", summary="Why", redaction=Redaction(details=True), editor=True)
    with pytest.raises(OperationError, match="already waiting"):
        propose_entry(TEAM, rid, title="Again", summary="Why", redaction=Redaction(), editor=True)
    with pytest.raises(OperationError, match="only a published"):
        adapt_entry(
            TEAM,
            eid,
            country_code="UGA",
            title="U",
            start_date=load_plan(rid).start_date,
            language="en",
            pillars=["legal"],
        )
    with pytest.raises(OperationError, match="only an adviser"):
        review_entry(TEAM, eid, publish=True, reviewer=False)
    review_entry(Actor("Adviser"), eid, publish=True, reviewer=True)
    with pytest.raises(OperationError, match="no longer waiting"):
        review_entry(Actor("Adviser"), eid, publish=False, reviewer=True, comment="late")
    roadmaps_before = db.session.scalar(select(db.func.count(Roadmap.id)))
    with pytest.raises(OperationError, match="unknown ISO"):
        adapt_entry(
            TEAM,
            eid,
            country_code="ZZZ",
            title="U",
            start_date=load_plan(rid).start_date,
            language="en",
            pillars=["legal"],
        )
    assert db.session.scalar(select(db.func.count(Roadmap.id))) == roadmaps_before  # nothing half-saved
    new = adapt_entry(
        TEAM,
        eid,
        country_code="UGA",
        title="Uganda",
        start_date=load_plan(rid).start_date,
        language="en",
        pillars=["legal", "organizational"],
    )
    assert [d.key for d in load_plan(new).deliverables] == ["O1", "L1"]
    assert db.session.get(RoadmapOrigin, new).entry_title == "Shared"
    assert reuse_counts([eid]) == {eid: 1}
    assert db.session.get(LibraryEntry, eid).status == EntryStatus.PUBLISHED
    actions = set(db.session.scalars(select(JournalEntry.action)))
    assert {"proposed for the library", "published in the library", "adapted from the library"} <= actions


def test_a_draft_cannot_be_proposed_and_only_editors_propose(db_ctx):
    rid = import_small()
    with pytest.raises(OperationError, match="only an approved roadmap"):
        propose_entry(TEAM, rid, title="T", summary="S", redaction=Redaction(), editor=True)
    with pytest.raises(OperationError, match="only the country's editors"):
        propose_entry(TEAM, rid, title="T", summary="S", redaction=Redaction(), editor=False)
    assert db.session.scalar(select(LibraryEntry.id)) is None
