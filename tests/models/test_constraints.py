"""The database itself refuses what must never be stored, on SQLite and PostgreSQL alike."""

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import IntegrityError

from models import Deliverable, Dependency, Stakeholder, db, deliverable_partners
from tests.factories import import_small


def ids(roadmap_id):
    rows = db.session.execute(select(Deliverable.key, Deliverable.id).where(Deliverable.roadmap_id == roadmap_id))
    return dict(rows.all())


def refused(statement, params):
    with pytest.raises(IntegrityError):
        db.session.execute(statement, params)
        db.session.flush()
    db.session.rollback()


def test_self_link_is_refused(db_ctx):
    rid = import_small()
    d = ids(rid)
    refused(
        insert(Dependency),
        {
            "roadmap_id": rid,
            "predecessor_id": d["M1"],
            "successor_id": d["M1"],
            "kind": "finish_to_start",
            "lag_weeks": 0,
        },
    )


def test_the_same_pair_cannot_be_linked_twice(db_ctx):
    rid = import_small()
    d = ids(rid)
    refused(
        insert(Dependency),
        {
            "roadmap_id": rid,
            "predecessor_id": d["O1"],
            "successor_id": d["L1"],
            "kind": "start_to_start",
            "lag_weeks": 2,
        },
    )


def test_a_link_between_two_roadmaps_is_refused(db_ctx):
    mine, theirs = import_small(), import_small(country="UGA")
    a, b = ids(mine), ids(theirs)
    refused(
        insert(Dependency),
        {
            "roadmap_id": mine,
            "predecessor_id": a["O1"],
            "successor_id": b["M1"],
            "kind": "finish_to_start",
            "lag_weeks": 0,
        },
    )
    refused(
        insert(Dependency),
        {
            "roadmap_id": theirs,
            "predecessor_id": a["O1"],
            "successor_id": b["M1"],
            "kind": "finish_to_start",
            "lag_weeks": 0,
        },
    )
    assert db.session.scalar(select(func.count(Dependency.id))) == 6


def test_a_lead_or_partner_from_another_roadmap_is_refused(db_ctx):
    mine, theirs = import_small(), import_small(country="UGA")
    foreign = db.session.scalar(
        select(Stakeholder.id).where(Stakeholder.roadmap_id == theirs, Stakeholder.key == "NGO")
    )
    deliverable = db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == mine, Deliverable.key == "M1"))
    refused(text("UPDATE deliverables SET lead_id = :s WHERE id = :d"), {"s": foreign, "d": deliverable.id})
    refused(
        insert(deliverable_partners), {"roadmap_id": mine, "deliverable_id": ids(mine)["M1"], "stakeholder_id": foreign}
    )


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("duration_weeks", -1),
        ("duration_weeks", 521),
        ("percent_complete", 101),
        ("pillar", "lgeal"),
        ("status", "finished"),
        ("priority", "urgent"),
        ("cost_amount", -1),
    ],
)
def test_deliverable_values_outside_their_range_are_refused(db_ctx, column, value):
    rid = import_small()
    refused(text(f"UPDATE deliverables SET {column} = :v WHERE roadmap_id = :r"), {"v": value, "r": rid})


def test_lag_outside_its_range_is_refused(db_ctx):
    rid = import_small()
    refused(text("UPDATE dependencies SET lag_weeks = 521 WHERE roadmap_id = :r"), {"r": rid})


def test_deliverable_keys_are_unique_within_a_roadmap_but_not_across(db_ctx):
    rid = import_small()
    import_small(country="UGA")  # the same keys in another roadmap are fine
    refused(text("UPDATE deliverables SET key = 'O1' WHERE roadmap_id = :r AND key = 'L1'"), {"r": rid})


def test_an_amount_needs_a_currency(db_ctx):
    rid = import_small()
    refused(
        text("UPDATE deliverables SET cost_currency = NULL WHERE roadmap_id = :r AND cost_amount IS NOT NULL"),
        {"r": rid},
    )


def test_deleting_a_deliverable_removes_its_links_and_partners(db_ctx):
    rid = import_small()
    t1 = db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == "T1"))
    db.session.execute(text("DELETE FROM deliverables WHERE id = :d"), {"d": t1.id})
    db.session.commit()
    assert db.session.scalar(select(func.count(Dependency.id))) == 1
    assert db.session.scalar(select(func.count()).select_from(deliverable_partners)) == 1
