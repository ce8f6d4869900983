"""A roadmap imported as approved comes with its baseline; archiving and deleting as the operations decide them."""

import json

import pytest
from sqlalchemy import func, select

from models import Baseline, JournalEntry, Roadmap, db
from models.operations import Actor, OperationError, StateConflict, revoke_feed_token
from models.operations.workflow import (
    IMPORTED_LABEL,
    Step,
    archive_roadmap,
    baseline_documents,
    delete_roadmap,
    move_roadmap,
    restore_roadmap,
)
from models.queries.loading import load_plan
from roadmap.exchange.interchange_write import to_document
from roadmap.sequencing import schedule_document, sequence
from tests.factories import import_small

ED = Actor("Edwin Editor")


def test_a_roadmap_imported_as_approved_gets_its_baseline_at_import(db_ctx):
    rid = import_small(actor="cop-roadmap import plan.json", status="approved")
    plan = load_plan(rid)
    summary, document, schedule = baseline_documents(rid)
    assert summary.label == IMPORTED_LABEL == "Baseline at import"
    assert summary.approved_by == "cop-roadmap import plan.json"
    # Exactly what approving would have frozen: the plan as stored, and its schedule.
    assert document == json.loads(json.dumps(to_document(plan)))
    assert schedule == json.loads(json.dumps(schedule_document(sequence(plan), rid)))
    actions = db.session.scalars(select(JournalEntry.action).where(JournalEntry.roadmap_id == rid)).all()
    assert actions == ["imported", "baseline frozen"]


@pytest.mark.parametrize("status", ["draft", "in_review"])
def test_a_roadmap_imported_before_approval_has_no_baseline(db_ctx, status):
    rid = import_small(status=status)
    assert baseline_documents(rid) is None


def test_approving_still_freezes_with_the_label_given(db_ctx):
    rid = import_small()
    move_roadmap(ED, rid, Step.SUBMIT, editor=True, reviewer=False)
    move_roadmap(Actor("Ada"), rid, Step.APPROVE, editor=False, reviewer=True, label="Cabinet, June 2027")
    assert baseline_documents(rid)[0].label == "Cabinet, June 2027"


def test_archiving_and_restoring_are_for_editors_once_each_way_and_journalled(db_ctx):
    rid = import_small()
    with pytest.raises(OperationError, match="editors"):
        archive_roadmap(ED, rid, editor=False)
    archive_roadmap(ED, rid, editor=True)
    with pytest.raises(StateConflict, match="already archived"):
        archive_roadmap(ED, rid, editor=True)
    revoke_feed_token(ED, rid)  # closing the calendar link stays possible
    restore_roadmap(ED, rid, editor=True)
    with pytest.raises(StateConflict, match="not archived"):
        restore_roadmap(ED, rid, editor=True)
    actions = db.session.scalars(select(JournalEntry.action).where(JournalEntry.roadmap_id == rid)).all()
    assert actions[-3:] == ["archived", "calendar link revoked", "restored"]


def test_deleting_needs_the_exact_title_a_draft_and_no_baseline(db_ctx):
    approved = import_small(status="approved")
    with pytest.raises(StateConflict, match="archived, not deleted"):
        delete_roadmap(ED, approved, editor=True, typed_title="Kenya COP roadmap")
    draft = import_small()
    for typed in ("kenya cop roadmap", None, ""):
        with pytest.raises(OperationError, match="nothing was deleted"):
            delete_roadmap(ED, draft, editor=True, typed_title=typed)
    with pytest.raises(OperationError, match="editors"):
        delete_roadmap(ED, draft, editor=False, typed_title="Kenya COP roadmap")
    assert db.session.scalar(select(func.count()).select_from(Roadmap)) == 2
    delete_roadmap(ED, draft, editor=True, typed_title="Kenya COP roadmap")
    assert db.session.scalars(select(Roadmap.id)).all() == [approved]
    assert db.session.scalar(select(func.count()).select_from(Baseline)) == 1
