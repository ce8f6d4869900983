"""Recording progress, measurements, the review workflow with its baselines, comments and the calendar link."""

import json
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from models import Baseline, Deliverable, Indicator, JournalEntry, Measurement, Roadmap, db
from models.operations import (
    Actor,
    OperationError,
    Progress,
    VersionConflict,
    add_dependency,
    add_stakeholder,
    add_thread,
    import_plan,
    move_roadmap,
    new_feed_token,
    record_measurement,
    record_progress,
    reply,
    revoke_feed_token,
    set_assessment,
    set_resolved,
    update_deliverable,
)
from models.operations.comments import threads
from models.operations.deliverable_rows import stored_deliverable
from models.operations.feeds import roadmap_by_feed_token
from models.operations.workflow import Step, allowed_moves, baseline_documents
from roadmap.vocabulary import DeliverableStatus, Pillar, RoadmapStatus, StakeholderKind
from tests.factories import import_small

ED = Actor("Ed")
ADA = Actor("Ada the adviser")
TODAY = date(2027, 6, 1)


def deliverable(roadmap_id, key):
    return db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == roadmap_id, Deliverable.key == key))


def actions(roadmap_id):
    return [
        (e.action, e.field, e.old_value, e.new_value)
        for e in db.session.scalars(
            select(JournalEntry).where(JournalEntry.roadmap_id == roadmap_id).order_by(JournalEntry.id)
        )
    ]


def test_progress_is_saved_and_journalled_field_by_field(db_ctx):
    rid = import_small()
    d = deliverable(rid, "O1")
    record_progress(
        ED, rid, d.id, d.version, Progress(DeliverableStatus.IN_PROGRESS, 40, date(2027, 2, 1), note="On track"), TODAY
    )
    db.session.expire_all()
    d = deliverable(rid, "O1")
    assert (d.status, d.percent_complete, d.actual_start, d.progress_note) == (
        DeliverableStatus.IN_PROGRESS,
        40,
        date(2027, 2, 1),
        "On track",
    )
    assert ("progress recorded", "percent_complete", "0", "40") in actions(rid)
    assert ("progress recorded", "status", "not_started", "in_progress") in actions(rid)


def test_done_is_all_done_and_needs_its_finish(db_ctx):
    rid = import_small()
    d = deliverable(rid, "O1")
    with pytest.raises(OperationError, match="actual finish"):
        record_progress(ED, rid, d.id, d.version, Progress(DeliverableStatus.DONE, 60, date(2027, 2, 1)), TODAY)
    # Blocked says on what: the forecast holds the work back, and the reader must know why.
    with pytest.raises(OperationError, match="what the deliverable is blocked on"):
        record_progress(ED, rid, d.id, d.version, Progress(DeliverableStatus.BLOCKED, 20, date(2027, 2, 1)), TODAY)
    record_progress(
        ED, rid, d.id, d.version, Progress(DeliverableStatus.DONE, 60, date(2027, 2, 1), date(2027, 3, 1)), TODAY
    )
    db.session.expire_all()
    assert deliverable(rid, "O1").percent_complete == 100


@pytest.mark.parametrize(
    ("progress", "message"),
    [
        (Progress(DeliverableStatus.IN_PROGRESS, 10, date(2027, 7, 1)), "in the future"),
        (Progress(DeliverableStatus.IN_PROGRESS, 10), "needs its actual start"),
        (Progress(DeliverableStatus.IN_PROGRESS, 101, date(2027, 2, 1)), "between 0 and 100"),
        (Progress(DeliverableStatus.NOT_STARTED, 10), "no longer not started"),
        (Progress(DeliverableStatus.IN_PROGRESS, 10, date(2027, 2, 1), date(2027, 3, 1)), "only a done"),
        (Progress(DeliverableStatus.DONE, 100, date(2027, 3, 1), date(2027, 2, 1)), "before the actual start"),
        (Progress("finished", 10), "status"),
    ],
)
def test_bad_progress_is_refused_and_nothing_changes(db_ctx, progress, message):
    rid = import_small()
    d = deliverable(rid, "O1")
    before = (d.status, d.percent_complete, d.version, len(actions(rid)))
    with pytest.raises(OperationError, match=message):
        record_progress(ED, rid, d.id, d.version, progress, TODAY)
    db.session.expire_all()
    d = deliverable(rid, "O1")
    assert (d.status, d.percent_complete, d.version, len(actions(rid))) == before


def test_a_stale_progress_update_is_a_conflict(db_ctx):
    rid = import_small()
    d = deliverable(rid, "O1")
    version = d.version
    record_progress(ED, rid, d.id, version, Progress(DeliverableStatus.IN_PROGRESS, 10, date(2027, 2, 1)), TODAY)
    with pytest.raises(VersionConflict) as refused:
        record_progress(ED, rid, d.id, version, Progress(DeliverableStatus.IN_PROGRESS, 90, date(2027, 2, 1)), TODAY)
    assert refused.value.current["percent_complete"] == "10"


def test_progress_on_another_roadmaps_deliverable_is_refused(db_ctx):
    mine, theirs = import_small(), import_small(country="GHA")
    d = deliverable(theirs, "O1")
    with pytest.raises(OperationError, match="no such deliverable"):
        record_progress(ED, mine, d.id, d.version, Progress(DeliverableStatus.IN_PROGRESS, 10, date(2027, 2, 1)), TODAY)


def test_measurements_keep_their_history_and_the_latest_is_the_actual(db_ctx):
    rid = import_small()
    d = deliverable(rid, "O1")
    indicator_id = d.indicators[0].id
    # A yes/no indicator: no, yes, and a "no" entered late for April.
    record_measurement(ED, rid, d.id, indicator_id, date(2027, 3, 1), 0, "Draft decree", TODAY)
    record_measurement(ED, rid, d.id, indicator_id, date(2027, 5, 1), 1, None, TODAY)
    record_measurement(ED, rid, d.id, indicator_id, date(2027, 4, 1), 0, "Late entry", TODAY)
    db.session.expire_all()
    values = db.session.scalars(
        select(Measurement.value).where(Measurement.indicator_id == indicator_id).order_by(Measurement.measured_on)
    ).all()
    assert values == [0, 0, 1]
    assert db.session.get(Indicator, indicator_id).actual == 1
    assert ("indicator measured", "Lead agency designated", None, "1 on 2027-05-01") in actions(rid)


def test_editing_a_deliverable_keeps_its_indicators_history(db_ctx):
    rid = import_small()
    d = deliverable(rid, "O1")
    indicator_id = d.indicators[0].id
    record_measurement(ED, rid, d.id, indicator_id, date(2027, 3, 1), 1, None, TODAY)
    stored, version = stored_deliverable(rid, d.id)
    renamed = replace(stored.indicators[0], name="Lead agency named by decree")
    update_deliverable(ED, rid, d.id, version, replace(stored, title="New title", indicators=(renamed,)))
    db.session.expire_all()
    assert db.session.scalar(select(Measurement.indicator_id)) == indicator_id
    assert db.session.get(Indicator, indicator_id).name == "Lead agency named by decree"


def test_a_measurement_is_refused_for_an_indicator_of_another_deliverable(db_ctx):
    rid = import_small()
    o1, l1 = deliverable(rid, "O1"), deliverable(rid, "L1")
    with pytest.raises(OperationError, match="no such indicator"):
        record_measurement(ED, rid, l1.id, o1.indicators[0].id, date(2027, 3, 1), 1, None, TODAY)
    with pytest.raises(OperationError, match="in the future"):
        record_measurement(ED, rid, o1.id, o1.indicators[0].id, date(2028, 3, 1), 1, None, TODAY)
    assert db.session.scalar(select(Measurement.id)) is None


def test_the_review_workflow_moves_only_for_the_right_roles(db_ctx):
    rid = import_small()
    assert allowed_moves(RoadmapStatus.DRAFT, editor=True, reviewer=False) == [Step.SUBMIT]
    assert allowed_moves(RoadmapStatus.DRAFT, editor=False, reviewer=True) == []
    assert allowed_moves(RoadmapStatus.IN_REVIEW, editor=True, reviewer=False) == []
    assert allowed_moves(RoadmapStatus.IN_REVIEW, editor=False, reviewer=True) == [Step.APPROVE, Step.RETURN]
    with pytest.raises(OperationError, match="editors"):
        move_roadmap(ADA, rid, Step.SUBMIT, editor=False, reviewer=True)
    move_roadmap(ED, rid, Step.SUBMIT, editor=True, reviewer=False)
    with pytest.raises(OperationError, match="adviser or an admin"):
        move_roadmap(ED, rid, Step.APPROVE, editor=True, reviewer=False)
    with pytest.raises(OperationError, match="needs a comment"):
        move_roadmap(ADA, rid, Step.RETURN, editor=False, reviewer=True, comment="  ")
    move_roadmap(ADA, rid, Step.RETURN, editor=False, reviewer=True, comment="Add a lead to L1, please.")
    db.session.expire_all()
    assert db.session.get(Roadmap, rid).status == RoadmapStatus.DRAFT
    (thread,) = threads(rid)
    assert thread.comments[0].body == "Add a lead to L1, please."
    assert thread.comments[0].author == "Ada the adviser"
    with pytest.raises(OperationError, match="draft, so it cannot"):
        move_roadmap(ADA, rid, Step.APPROVE, editor=False, reviewer=True)


def test_approving_freezes_a_baseline_of_the_plan_and_its_schedule(db_ctx):
    rid = import_small()
    move_roadmap(ED, rid, Step.SUBMIT, editor=True, reviewer=False)
    baseline_id = move_roadmap(ADA, rid, Step.APPROVE, editor=False, reviewer=True, label="Cabinet, June 2027")
    db.session.expire_all()
    assert db.session.get(Roadmap, rid).status == RoadmapStatus.APPROVED
    summary, document, schedule = baseline_documents(rid)
    assert summary.id == baseline_id and summary.label == "Cabinet, June 2027" and summary.approved_by == ADA.name
    assert document["format"] == "cop-roadmap/1" and document["status"] == "approved"
    assert {d["key"] for d in document["deliverables"]} == {"O1", "L1", "T1", "M1"}
    assert {d["key"] for d in schedule["deliverables"]} == {"O1", "L1", "T1", "M1"}
    assert json.loads(db.session.get(Baseline, baseline_id).schedule)["finish_date"] == schedule["finish_date"]
    # Revising the approved roadmap returns it to draft and keeps the baseline.
    move_roadmap(ED, rid, Step.REVISE, editor=True, reviewer=False)
    assert baseline_documents(rid) is not None


def lengthen(rid, deliverable_id, weeks):
    stored, version = stored_deliverable(rid, deliverable_id)
    update_deliverable(ED, rid, deliverable_id, version, replace(stored, duration_weeks=weeks))


def test_the_plan_changes_in_draft_only_and_progress_whatever_the_status(db_ctx):
    """What is in review is what the reviewer reads, and what is approved is what was signed: the plan
    changes only once it is back in draft. Progress is recorded whatever the status."""
    rid = import_small()
    move_roadmap(ED, rid, Step.SUBMIT, editor=True, reviewer=False)
    o1 = deliverable(rid, "O1")
    weeks = o1.duration_weeks
    assert weeks != 30
    for status, message in [("in_review", "in review"), ("approved", "reopen it for revision")]:
        if status == "approved":
            move_roadmap(ADA, rid, Step.APPROVE, editor=False, reviewer=True)
        before = actions(rid)
        for change in (
            lambda: lengthen(rid, o1.id, 30),
            lambda: add_dependency(ED, rid, "T1", "M1"),
            lambda: add_stakeholder(ED, rid, "Ministry of Education", StakeholderKind.GOVERNMENT),
            lambda: set_assessment(ED, rid, Pillar.LEGAL, 3, "Revised"),
        ):
            with pytest.raises(OperationError, match=message):
                change()
        db.session.expire_all()
        assert deliverable(rid, "O1").duration_weeks == weeks and actions(rid) == before
    o1 = deliverable(rid, "O1")
    record_progress(ED, rid, o1.id, o1.version, Progress(DeliverableStatus.IN_PROGRESS, 10, date(2027, 1, 4)), TODAY)
    move_roadmap(ED, rid, Step.REVISE, editor=True, reviewer=False)
    lengthen(rid, o1.id, 30)
    db.session.expire_all()
    assert deliverable(rid, "O1").duration_weeks == 30


def test_comment_threads_reply_resolve_and_reopen(db_ctx):
    rid = import_small()
    t1 = deliverable(rid, "T1")
    thread_id = add_thread(ADA, rid, t1.id, "Is the portal budget confirmed?")
    reply(ED, rid, thread_id, "Yes, in the 2027 budget law.")
    set_resolved(ADA, rid, thread_id, True)
    (thread,) = threads(rid, deliverable_id=t1.id)
    assert thread.resolved and thread.resolved_by == ADA.name and thread.deliverable_key == "T1"
    assert [c.author for c in thread.comments] == ["Ada the adviser", "Ed"]
    reply(ED, rid, thread_id, "Correction: the supplementary budget.")
    assert not threads(rid)[0].resolved
    assert threads(rid, roadmap_only=True) == []


def test_comments_are_refused_across_roadmaps_and_when_empty(db_ctx):
    mine, theirs = import_small(), import_small(country="GHA")
    thread_id = add_thread(ADA, theirs, None, "A question for Ghana")
    with pytest.raises(OperationError, match="no such comment thread"):
        reply(ED, mine, thread_id, "Not my thread")
    with pytest.raises(OperationError, match="no such deliverable"):
        add_thread(ADA, mine, deliverable(theirs, "O1").id, "Wrong roadmap")
    with pytest.raises(OperationError, match="comment"):
        add_thread(ADA, mine, None, "   ")
    assert len(threads(theirs)[0].comments) == 1 and threads(mine) == []


def test_the_calendar_link_opens_one_roadmap_until_revoked(db_ctx):
    rid = import_small()
    first = new_feed_token(ED, rid)
    assert roadmap_by_feed_token(first) == (rid, ED.user_id)  # and who made it
    second = new_feed_token(ED, rid)
    assert roadmap_by_feed_token(first) is None and roadmap_by_feed_token(second) == (rid, ED.user_id)
    assert second not in db.session.get(Roadmap, rid).feed_token_hash
    revoke_feed_token(ED, rid)
    assert roadmap_by_feed_token(second) is None
    assert roadmap_by_feed_token("") is None and roadmap_by_feed_token("x" * 500) is None


def test_progress_notes_and_measurement_history_travel_in_the_cop_roadmap_file(db_ctx):
    from models.queries.loading import load_plan
    from roadmap.exchange.interchange import read_document, to_document
    from tests.factories import small_document

    doc = small_document()
    doc["deliverables"][0]["progress_note"] = "Decree at the Cabinet office"
    doc["deliverables"][0]["indicators"][0]["measurements"] = [
        {"date": "2027-02-01", "value": 0, "note": "Not yet"},
        {"date": "2027-04-01", "value": 1, "note": None},
    ]
    rid = import_plan(read_document(doc), ED)
    exported = to_document(load_plan(rid))
    o1 = exported["deliverables"][0]
    assert o1["progress_note"] == "Decree at the Cabinet office"
    assert o1["indicators"][0]["measurements"] == doc["deliverables"][0]["indicators"][0]["measurements"]
    # A reading recorded in the app is exported too, in date order.
    d = deliverable(rid, "O1")
    record_measurement(ED, rid, d.id, d.indicators[0].id, date(2027, 3, 1), 0, "Draft", TODAY)
    readings = to_document(load_plan(rid))["deliverables"][0]["indicators"][0]["measurements"]
    assert [m["date"] for m in readings] == ["2027-02-01", "2027-03-01", "2027-04-01"]
    again = import_plan(read_document(to_document(load_plan(rid))), ED)
    assert to_document(load_plan(again)) == to_document(load_plan(rid))
