"""Links between deliverables, and the links the catalog suggests, on SQLite and PostgreSQL alike."""

import threading
import time

import pytest
from sqlalchemy import delete, func, select

import models.operations.linking
from models import Dependency, JournalEntry, db
from models.operations import (
    Actor,
    OperationError,
    add_dependency,
    add_suggested_links,
    import_plan,
    remove_dependency,
    suggested_links,
    update_dependency,
)
from models.queries.loading import load_plan
from roadmap import plan as p
from roadmap.catalog import load_catalog, templates_by_key
from roadmap.demo import demo_plan
from roadmap.vocabulary import DependencyType
from tests.factories import import_small, small_document

ED = Actor("Ed")
FS, SS, FF = DependencyType.FINISH_TO_START, DependencyType.START_TO_START, DependencyType.FINISH_TO_FINISH


def snapshot():
    """Every row of every table, to show a refused change left the database exactly as it was."""
    db.session.rollback()
    return {t.name: sorted(map(repr, db.session.execute(select(t)).all())) for t in db.metadata.sorted_tables}


def refused(message, call, *args, **kwargs):
    before = snapshot()
    with pytest.raises(OperationError, match=message) as caught:
        call(*args, **kwargs)
    assert snapshot() == before
    return str(caught.value)


def links(roadmap_id):
    return [(x.predecessor, x.successor, x.type, x.lag_weeks) for x in load_plan(roadmap_id).dependencies]


def link_id(roadmap_id, pred, succ):
    plan_links = [(x.predecessor, x.successor) for x in load_plan(roadmap_id).dependencies]
    ids = db.session.scalars(select(Dependency.id).where(Dependency.roadmap_id == roadmap_id).order_by(Dependency.id))
    return dict(zip(plan_links, ids, strict=True))[pred, succ]


def journal(roadmap_id, since):
    entries = db.session.scalars(
        select(JournalEntry)
        .where(JournalEntry.roadmap_id == roadmap_id, JournalEntry.id > since)
        .order_by(JournalEntry.id)
    )
    return [(e.actor, e.deliverable_key, e.action, e.field, e.old_value, e.new_value) for e in entries]


def last_entry_id():
    return db.session.scalar(select(func.max(JournalEntry.id))) or 0


# ---------------------------------------------------------------- adding, changing, removing


def test_add_dependency_stores_the_link_and_journals_it(db_ctx):
    rid = import_small()  # O1 → L1 → T1 → M1
    since = last_entry_id()
    new_id = add_dependency(ED, rid, "O1", "T1", SS, -520)
    assert links(rid)[-1] == ("O1", "T1", SS, -520)
    assert db.session.get(Dependency, new_id).roadmap_id == rid
    assert journal(rid, since) == [
        ("Ed", "T1", "dependency added", "dependency", None, "O1 → T1 (start_to_start, lag -520 weeks)")
    ]


@pytest.mark.parametrize(
    ("pred", "succ", "kind", "lag", "message"),
    [
        ("O1", "X9", FS, 0, 'no deliverable has the key "X9" in this roadmap'),
        ("Q1", "O1", FS, 0, 'no deliverable has the key "Q1" in this roadmap'),
        ("M1", "M1", FS, 0, "M1 cannot depend on itself"),
        ("O1", "L1", SS, 2, "L1 already depends on O1"),
        ("O1", "T1", FS, 521, "the lag in weeks must be between -520 and 520"),
        ("O1", "T1", FS, -521, "between -520 and 520"),
        ("O1", "T1", FS, 1.5, "the lag in weeks must be a whole number"),
        ("O1", "T1", "start_to_finish", 0, 'unknown dependency type "start_to_finish"'),
    ],
)
def test_add_dependency_refuses_and_saves_nothing(db_ctx, pred, succ, kind, lag, message):
    rid = import_small()
    refused(message, add_dependency, ED, rid, pred, succ, kind, lag)


def test_a_link_that_closes_a_loop_is_refused_naming_the_loop_in_order(db_ctx):
    rid = import_small()
    message = refused("dependency loop", add_dependency, ED, rid, "M1", "O1")
    assert message == "dependency loop: L1 → T1 → M1 → O1 → L1"
    assert refused("dependency loop", add_dependency, ED, rid, "L1", "O1") == "dependency loop: L1 → O1 → L1"


def test_a_key_only_another_roadmap_has_is_unknown_here(db_ctx):
    mine = import_small()
    theirs = import_small(country="UGA", deliverables=[*small_document()["deliverables"], _plain("X9")])
    refused('no deliverable has the key "X9" in this roadmap', add_dependency, ED, mine, "X9", "L1")
    assert links(theirs) == links(mine)


def test_update_dependency_changes_kind_and_lag_and_journals_it(db_ctx):
    rid = import_small()
    since = last_entry_id()
    update_dependency(ED, rid, link_id(rid, "L1", "T1"), FF, 520)
    update_dependency(ED, rid, link_id(rid, "L1", "T1"), FF, 520)  # no change, no entry
    assert links(rid)[1] == ("L1", "T1", FF, 520)
    assert journal(rid, since) == [
        (
            "Ed",
            "T1",
            "dependency updated",
            "dependency",
            "L1 → T1 (start_to_start, lag +4 weeks)",
            "L1 → T1 (finish_to_finish, lag +520 weeks)",
        )
    ]


def test_update_dependency_refuses_bad_input(db_ctx):
    rid = import_small()
    refused("between -520 and 520", update_dependency, ED, rid, link_id(rid, "L1", "T1"), FS, 600)
    refused("no such dependency in this roadmap", update_dependency, ED, rid, 10_000, FS, 1)


def test_remove_dependency_removes_the_link_and_journals_it(db_ctx):
    rid = import_small()
    since = last_entry_id()
    remove_dependency(ED, rid, link_id(rid, "T1", "M1"))
    assert [(a, b) for a, b, *_ in links(rid)] == [("O1", "L1"), ("L1", "T1")]
    assert journal(rid, since) == [
        ("Ed", "M1", "dependency removed", "dependency", "T1 → M1 (finish_to_finish, lag -1 weeks)", None)
    ]
    refused("no such dependency in this roadmap", remove_dependency, ED, rid, link_id(rid, "O1", "L1") + 100)


@pytest.mark.parametrize("use", ["update", "remove"])
def test_a_link_of_another_roadmap_is_refused(db_ctx, use):
    mine, theirs = import_small(), import_small(country="UGA")
    foreign = link_id(theirs, "O1", "L1")
    call = update_dependency if use == "update" else remove_dependency
    args = (FF, 3) if use == "update" else ()
    refused("no such dependency in this roadmap", call, ED, mine, foreign, *args)
    assert links(theirs)[0] == ("O1", "L1", FS, 0)


def test_two_links_that_close_a_loop_together_cannot_both_be_saved(db_ctx, monkeypatch):
    """Two editors add O1 → L1 and L1 → O1 at the same moment: each check alone sees no loop."""
    app = db_ctx
    rid = import_small(dependencies=[])
    real_check = models.operations.linking.check_acyclic
    checking = threading.Event()

    def slow_check(keys, pairs):
        # Hold the first editor inside its transaction, between its loop check and its insert.
        checking.set()
        time.sleep(0.4)
        return real_check(keys, pairs)

    monkeypatch.setattr(models.operations.linking, "check_acyclic", slow_check)
    outcome = {}

    def add(name, pred, succ):
        with app.app_context():
            try:
                add_dependency(Actor(name), rid, pred, succ)
                outcome[name] = "saved"
            except Exception as exc:  # reported by the assertion below
                outcome[name] = str(exc)

    first = threading.Thread(target=add, args=("first", "O1", "L1"))
    first.start()
    assert checking.wait(10)
    second = threading.Thread(target=add, args=("second", "L1", "O1"))
    second.start()
    first.join(20)
    second.join(20)
    assert outcome == {"first": "saved", "second": "dependency loop: L1 → O1 → L1"}
    db.session.rollback()
    assert [(a, b) for a, b, *_ in links(rid)] == [("O1", "L1")]


# ---------------------------------------------------------------- suggestions from the catalog


def test_suggested_links_on_the_demo_plan_are_exactly_the_catalog_links(db_ctx):
    plan = demo_plan("GHA", "Demo")
    rid = import_plan(plan, ED)
    db.session.execute(delete(Dependency).where(Dependency.roadmap_id == rid))
    db.session.commit()
    suggestions = suggested_links(rid)
    assert len(suggestions) == len(plan.dependencies) > 50
    assert set(suggestions) == set(plan.dependencies)
    assert suggested_links(rid) == suggestions  # the same order every time

    since = last_entry_id()
    assert add_suggested_links(ED, rid) == len(plan.dependencies)
    assert set(load_plan(rid).dependencies) == set(plan.dependencies)
    assert len(journal(rid, since)) == len(plan.dependencies)
    assert suggested_links(rid) == []
    assert add_suggested_links(ED, rid) == 0


def test_suggestions_skip_pairs_linked_either_way_and_links_that_would_close_a_loop(db_ctx):
    # The catalog: stakeholder_mapping waits on lead_agency; coordination_committee on both.
    deliverables = [
        _plain("A", "lead_agency"),
        _plain("B", "stakeholder_mapping"),
        _plain("C", "coordination_committee"),
        _plain("B2", "stakeholder_mapping"),
        _plain("Z"),
    ]
    rid = import_small(deliverables=deliverables, dependencies=[{"from": "C", "to": "A"}])
    other = import_small(country="UGA", deliverables=deliverables, dependencies=[])
    # A → C is linked the other way already; B → C would close C → A → B → C with the suggestion
    # before it, and A → B2 would close C → A → B2 → C.
    usual = {(link.template, t.key): link for t in load_catalog() for link in t.depends_on}
    a_b, b_c = usual["lead_agency", "stakeholder_mapping"], usual["stakeholder_mapping", "coordination_committee"]
    assert suggested_links(rid) == [
        p.Dependency("A", "B", a_b.type, a_b.lag_weeks),
        p.Dependency("B2", "C", b_c.type, b_c.lag_weeks),
    ]
    assert len(suggested_links(other)) == 5  # A→B, A→C, B→C, A→B2, B2→C; nothing from the other roadmap
    before = links(other)
    assert add_suggested_links(ED, rid) == 2
    assert [(a, b) for a, b, *_ in links(rid)] == [("C", "A"), ("A", "B"), ("B2", "C")]
    assert links(other) == before


def _plain(key, template=None):
    return {
        "key": key,
        "pillar": "organizational",
        "title": f"Deliverable {key}",
        "duration_weeks": 4,
        "template": template,
    }


def test_work_already_in_place_is_left_out_of_the_suggested_links_at_both_ends(db_ctx):
    # The catalog links lead_agency → stakeholder_mapping → coordination_committee, and lead_agency →
    # coordination_committee. The lead agency exists already: it is recorded, not planned.
    deliverables = [
        {**_plain("A", "lead_agency"), "status": "in_place"},
        _plain("B", "stakeholder_mapping"),
        _plain("C", "coordination_committee"),
        {**_plain("D", "baseline_analysis"), "status": "in_place"},
    ]
    rid = import_small(deliverables=deliverables, dependencies=[])
    b_c = next(
        link
        for link in templates_by_key()["coordination_committee"].depends_on
        if link.template == "stakeholder_mapping"
    )
    assert suggested_links(rid) == [p.Dependency("B", "C", b_c.type, b_c.lag_weeks)]  # nothing from A, nothing to D
    assert add_suggested_links(ED, rid) == 1
    assert [(a, b) for a, b, *_ in links(rid)] == [("B", "C")]
