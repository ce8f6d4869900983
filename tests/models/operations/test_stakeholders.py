"""A roadmap's organisations: adding, renaming, merging and deleting, on SQLite and PostgreSQL alike."""

import re

import pytest
from sqlalchemy import func, select

from models import Deliverable, JournalEntry, Stakeholder, db
from models.operations import (
    Actor,
    OperationError,
    add_stakeholder,
    delete_stakeholder,
    merge_stakeholders,
    update_stakeholder,
)
from models.operations.stakeholders import SimilarStakeholder
from models.queries.loading import load_plan
from roadmap.vocabulary import KEY_PATTERN, StakeholderKind
from tests.factories import import_small

ED = Actor("Ed")
GOV, NGO_KIND = StakeholderKind.GOVERNMENT, StakeholderKind.CIVIL_SOCIETY


def snapshot():
    """Every row of every table, to show a refused change left the database exactly as it was."""
    db.session.rollback()
    return {t.name: sorted(map(repr, db.session.execute(select(t)).all())) for t in db.metadata.sorted_tables}


def refused(message, call, *args, **kwargs):
    before = snapshot()
    with pytest.raises(OperationError, match=message):
        call(*args, **kwargs)
    assert snapshot() == before


def journal(roadmap_id, since):
    entries = db.session.scalars(
        select(JournalEntry)
        .where(JournalEntry.roadmap_id == roadmap_id, JournalEntry.id > since)
        .order_by(JournalEntry.id)
    )
    return [(e.deliverable_key, e.action, e.field, e.old_value, e.new_value) for e in entries]


def last_entry_id():
    return db.session.scalar(select(func.max(JournalEntry.id))) or 0


def sid(roadmap_id, key):
    return db.session.scalar(select(Stakeholder.id).where(Stakeholder.roadmap_id == roadmap_id, Stakeholder.key == key))


def people(roadmap_id):
    """Each deliverable's lead and partners, as the plan shows them."""
    return {d.key: (d.lead, d.partners) for d in load_plan(roadmap_id).deliverables}


def versions(roadmap_id):
    rows = db.session.execute(select(Deliverable.key, Deliverable.version).where(Deliverable.roadmap_id == roadmap_id))
    return {key: version for key, version in rows}


# ---------------------------------------------------------------- adding and changing


def test_add_stakeholder_with_a_key_and_journal(db_ctx):
    rid = import_small()
    since = last_entry_id()
    new_id = add_stakeholder(ED, rid, "  UNICEF Kenya  ", StakeholderKind.INTERNATIONAL, "UNICEF")
    row = db.session.get(Stakeholder, new_id)
    assert (row.roadmap_id, row.key, row.name, row.kind) == (rid, "UNICEF", "UNICEF Kenya", "international")
    assert journal(rid, since) == [
        (None, "stakeholder added", "stakeholder", None, "UNICEF: UNICEF Kenya (international)")
    ]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Ministry of Information and Communication Technology", "MICT"),
        ("Child Protection Unit", "CPU"),
        ("UNICEF", "UNICEF"),
        ("Ministère de l'Éducation nationale", "MEN"),
        ("Rwanda Investigation Bureau (RIB)", "RIB"),
        ("National Child Helpline 116 111", "NCH116111"),
        ("وزارة الاتصالات", "S"),
        ("Internationally Recognised Organisation For The Protection Of Children", "IROPC"),
        ("Association", "ASSOCIATION"),
        ("moict", "MOICT2"),  # MOICT is taken
    ],
)
def test_a_key_is_made_from_the_name_when_none_is_given(db_ctx, name, key):
    rid = import_small()
    new_id = add_stakeholder(ED, rid, name, GOV)
    assert db.session.get(Stakeholder, new_id).key == key
    assert re.fullmatch(KEY_PATTERN, key)


def test_derived_keys_stay_unique(db_ctx):
    rid = import_small()
    keys = [db.session.get(Stakeholder, add_stakeholder(ED, rid, "Ministry of ICT", GOV)).key for _ in range(3)]
    assert keys == ["MICT", "MICT2", "MICT3"]
    other = import_small(country="UGA")
    assert db.session.get(Stakeholder, add_stakeholder(ED, other, "Police", GOV)).key == "POLICE2"


@pytest.mark.parametrize(
    ("name", "kind", "key", "message"),
    [
        ("  ", GOV, None, "the name must not be empty"),
        ("x" * 201, GOV, None, "the name has 201 characters; at most 200"),
        ("a\x00b", GOV, None, "NUL"),
        ("Ministry", "ministry", None, 'unknown stakeholder kind "ministry"'),
        ("Ministry", GOV, "NGO", "another stakeholder already has the key NGO"),
        ("Ministry", GOV, "ngo", "another stakeholder already has the key ngo"),
        ("Ministry", GOV, "MIN ICT", 'the stakeholder key "MIN ICT" is not valid'),
        ("Ministry", GOV, "-X", "is not valid"),
    ],
)
def test_add_stakeholder_refuses_bad_input(db_ctx, name, kind, key, message):
    rid = import_small()
    refused(message, add_stakeholder, ED, rid, name, kind, key)


def test_add_stakeholder_refuses_an_unknown_roadmap(db_ctx):
    rid = import_small()
    refused("no such roadmap", add_stakeholder, ED, rid + 1, "Ministry", GOV)


def test_update_stakeholder_renames_and_journals_each_change(db_ctx):
    rid = import_small()
    since = last_entry_id()
    update_stakeholder(ED, rid, sid(rid, "NGO"), "Child Rights Network Kenya", StakeholderKind.INTERNATIONAL)
    update_stakeholder(ED, rid, sid(rid, "NGO"), "Child Rights Network Kenya", StakeholderKind.INTERNATIONAL)
    row = db.session.get(Stakeholder, sid(rid, "NGO"))
    assert (row.name, row.kind) == ("Child Rights Network Kenya", "international")
    assert journal(rid, since) == [
        (None, "stakeholder updated", "NGO.name", "Child Rights Network", "Child Rights Network Kenya"),
        (None, "stakeholder updated", "NGO.kind", "civil_society", "international"),
    ]
    refused("the name must not be empty", update_stakeholder, ED, rid, sid(rid, "NGO"), "", GOV)


def test_a_near_duplicate_name_is_asked_about_before_it_is_added(db_ctx):
    rid = import_small()
    name = db.session.get(Stakeholder, sid(rid, "MOICT")).name
    before = snapshot()
    with pytest.raises(SimilarStakeholder) as asked:
        add_stakeholder(ED, rid, f"  {name.upper()}.", GOV, similar_ok=False)
    assert (asked.value.key, asked.value.other) == ("MOICT", name)
    assert "already in this roadmap: add anyway?" in str(asked.value)
    assert snapshot() == before
    # Answered "add anyway", or from a caller that does not ask, it is added.
    assert db.session.get(Stakeholder, add_stakeholder(ED, rid, name.upper(), GOV)).key == "MICT"
    assert add_stakeholder(ED, rid, "Data Protection Authority", GOV, similar_ok=False)


def test_a_stakeholders_key_can_be_changed_and_the_change_is_journalled(db_ctx):
    rid = import_small()
    since = last_entry_id()
    ngo = sid(rid, "NGO")
    update_stakeholder(ED, rid, ngo, "Child Rights Network", NGO_KIND, "CRN")
    assert db.session.get(Stakeholder, ngo).key == "CRN"
    assert people(rid)["O1"] == ("MOICT", ("CRN",))
    assert journal(rid, since) == [(None, "stakeholder updated", "NGO.key", "NGO", "CRN")]
    refused("another stakeholder already has the key police", update_stakeholder, ED, rid, ngo, "x", GOV, "police")
    refused("is not valid", update_stakeholder, ED, rid, ngo, "x", GOV, "C R N")


# ---------------------------------------------------------------- merging


def test_merge_moves_leads_and_partners_without_doubling_them(db_ctx):
    rid = import_small()
    assert people(rid) == {
        "O1": ("MOICT", ("NGO",)),
        "L1": ("MOICT", ()),
        "T1": ("POLICE", ("MOICT", "NGO")),
        "M1": (None, ()),
    }
    since = last_entry_id()
    merge_stakeholders(ED, rid, keep_id=sid(rid, "MOICT"), merge_id=sid(rid, "NGO"))
    # O1: MOICT leads it, so it is not also its partner; T1: MOICT once, not twice.
    assert people(rid) == {"O1": ("MOICT", ()), "L1": ("MOICT", ()), "T1": ("POLICE", ("MOICT",)), "M1": (None, ())}
    assert [s.key for s in load_plan(rid).stakeholders] == ["MOICT", "POLICE"]
    assert versions(rid) == {"O1": 2, "L1": 1, "T1": 2, "M1": 1}
    assert journal(rid, since) == [
        ("O1", "deliverable updated", "partners", "NGO", None),
        ("T1", "deliverable updated", "partners", "MOICT, NGO", "MOICT"),
        (
            None,
            "stakeholders merged",
            "stakeholder",
            "NGO: Child Rights Network (civil_society)",
            "MOICT: Ministry of ICT",
        ),
    ]


def test_merge_moves_the_lead_and_drops_the_new_lead_from_the_partners(db_ctx):
    rid = import_small()
    since = last_entry_id()
    merge_stakeholders(ED, rid, keep_id=sid(rid, "NGO"), merge_id=sid(rid, "POLICE"))
    assert people(rid)["T1"] == ("NGO", ("MOICT",))
    assert journal(rid, since)[:2] == [
        ("T1", "deliverable updated", "lead", "POLICE", "NGO"),
        ("T1", "deliverable updated", "partners", "MOICT, NGO", "MOICT"),
    ]


def test_merge_refuses_the_same_stakeholder_twice_and_one_of_another_roadmap(db_ctx):
    rid, other = import_small(), import_small(country="UGA")
    refused("choose two different stakeholders", merge_stakeholders, ED, rid, sid(rid, "NGO"), sid(rid, "NGO"))
    refused("no such stakeholder in this roadmap", merge_stakeholders, ED, rid, sid(rid, "NGO"), sid(other, "POLICE"))
    refused("no such stakeholder in this roadmap", merge_stakeholders, ED, rid, sid(other, "NGO"), sid(rid, "POLICE"))
    assert people(other)["T1"] == ("POLICE", ("MOICT", "NGO"))


# ---------------------------------------------------------------- deleting


def test_a_stakeholder_still_involved_cannot_be_deleted(db_ctx):
    rid = import_small()
    refused("NGO leads or supports O1, T1", delete_stakeholder, ED, rid, sid(rid, "NGO"))
    refused("POLICE leads or supports T1", delete_stakeholder, ED, rid, sid(rid, "POLICE"))


def test_delete_stakeholder_removes_an_unused_one_and_journals_it(db_ctx):
    rid = import_small()
    new_id = add_stakeholder(ED, rid, "UNICEF Kenya", StakeholderKind.INTERNATIONAL, "UNICEF")
    since = last_entry_id()
    delete_stakeholder(ED, rid, new_id)
    assert db.session.get(Stakeholder, new_id) is None
    assert journal(rid, since) == [
        (None, "stakeholder deleted", "stakeholder", "UNICEF: UNICEF Kenya (international)", None)
    ]


@pytest.mark.parametrize("use", ["update", "delete"])
def test_a_stakeholder_of_another_roadmap_is_refused(db_ctx, use):
    mine, theirs = import_small(), import_small(country="UGA")
    unused = add_stakeholder(ED, theirs, "UNICEF Uganda", StakeholderKind.INTERNATIONAL, "UNICEF")
    if use == "update":
        refused("no such stakeholder in this roadmap", update_stakeholder, ED, mine, unused, "Hijacked", GOV)
    else:
        refused("no such stakeholder in this roadmap", delete_stakeholder, ED, mine, unused)
    assert db.session.get(Stakeholder, unused).name == "UNICEF Uganda"
