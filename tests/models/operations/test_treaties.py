"""The treaty checklist of a roadmap: marks saved, changed and journalled; gaps closed by one deliverable."""

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from models import Deliverable, JournalEntry, ProvisionMark, db
from models.operations import Actor, OperationError, delete_deliverable
from models.operations.replacing import replace_plan
from models.operations.treaties import add_gap_deliverable, set_provision_marks, treaty_marks
from models.queries.loading import load_plan
from roadmap import plan as p
from roadmap.exchange.interchange_write import fingerprint
from roadmap.treaties import GapStatus, TreatyMark
from roadmap.vocabulary import Pillar
from tests.factories import import_small

ED = Actor("Ed")


def journal(roadmap_id, since):
    entries = db.session.scalars(
        select(JournalEntry)
        .where(JournalEntry.roadmap_id == roadmap_id, JournalEntry.id > since)
        .order_by(JournalEntry.id)
    )
    return [(e.deliverable_key, e.action, e.field, e.old_value, e.new_value) for e in entries]


def last_entry_id():
    return db.session.scalar(select(func.max(JournalEntry.id))) or 0


def test_marks_are_saved_changed_and_cleared_with_the_journal_telling_each_change(db_ctx):
    rid = import_small()
    since = last_entry_id()
    changed = set_provision_marks(
        ED,
        rid,
        {
            "grooming": ("missing", "  "),
            "csam_offences": (GapStatus.IN_LAW, " Act 1038 s. 62 "),
            "vetting": (None, None),
        },
    )
    assert changed == 2
    assert sorted(treaty_marks(rid), key=lambda m: m.provision) == [
        TreatyMark("csam_offences", GapStatus.IN_LAW, "Act 1038 s. 62"),
        TreatyMark("grooming", GapStatus.MISSING),
    ]
    assert (
        set_provision_marks(ED, rid, {"grooming": ("partly", "s. 63 covers adults only"), "csam_offences": ("", None)})
        == 2
    )
    assert treaty_marks(rid) == [TreatyMark("grooming", GapStatus.PARTLY, "s. 63 covers adults only")]
    assert journal(rid, since) == [
        (None, "treaty mark updated", "grooming.status", None, "missing"),
        (None, "treaty mark updated", "csam_offences.status", None, "in_law"),
        (None, "treaty mark updated", "csam_offences.note", None, "Act 1038 s. 62"),
        (None, "treaty mark updated", "grooming.status", "missing", "partly"),
        (None, "treaty mark updated", "grooming.note", None, "s. 63 covers adults only"),
        (None, "treaty mark updated", "csam_offences.status", "in_law", None),
        (None, "treaty mark updated", "csam_offences.note", "Act 1038 s. 62", None),
    ]


@pytest.mark.parametrize(
    ("marks", "message"),
    [
        ({"grooming": ("missing", None), "no_such_thing": ("missing", None)}, 'has no provision "no_such_thing"'),
        ({"grooming": ("gone", None)}, 'unknown treaty status "gone"'),
        ({"grooming": (None, "a note")}, "the note on grooming needs a status"),
        ({"grooming": ("partly", "x" * 2001)}, "the note on grooming"),
    ],
)
def test_a_bad_checklist_saves_nothing(db_ctx, marks, message):
    rid = import_small()
    with pytest.raises(OperationError, match=message):
        set_provision_marks(ED, rid, marks)
    assert db.session.scalar(select(func.count()).select_from(ProvisionMark)) == 0


def test_one_deliverable_closes_gaps_and_is_recorded_on_their_marks(db_ctx):
    rid = import_small()
    set_provision_marks(ED, rid, {"grooming": ("missing", None), "csam_access": ("partly", None)})
    since = last_entry_id()
    d = p.Deliverable("", Pillar.TECHNICAL, "Amend the offences law", 26, description="Closes the gaps.")
    did = add_gap_deliverable(ED, rid, d, ["grooming", "csam_access"])
    row = db.session.get(Deliverable, did)
    assert (row.key, row.pillar, row.title) == ("L2", Pillar.LEGAL, "Amend the offences law")
    assert {m.provision: m.deliverable for m in treaty_marks(rid)} == {"grooming": "L2", "csam_access": "L2"}
    assert journal(rid, since) == [
        ("L2", "deliverable added", None, None, "Amend the offences law"),
        ("L2", "treaty gap planned", "provisions", None, "grooming, csam_access"),
    ]
    # Deleting the deliverable keeps the marks: the gap is open again.
    delete_deliverable(ED, rid, did)
    assert {m.provision: m.deliverable for m in treaty_marks(rid)} == {"grooming": None, "csam_access": None}


@pytest.mark.parametrize(
    ("provisions", "message"),
    [
        ([], "name at least one treaty provision"),
        (["grooming", "vetting"], '"vetting" is not marked missing or partly'),
        (["territorial"], '"territorial" is not marked missing or partly'),
    ],
)
def test_a_gap_deliverable_needs_gaps(db_ctx, provisions, message):
    rid = import_small()
    set_provision_marks(ED, rid, {"grooming": ("missing", None), "territorial": ("in_law", None)})
    count = db.session.scalar(select(func.count()).select_from(Deliverable))
    with pytest.raises(OperationError, match=message):
        add_gap_deliverable(ED, rid, p.Deliverable("", Pillar.LEGAL, "Amend", 26), provisions)
    assert db.session.scalar(select(func.count()).select_from(Deliverable)) == count


def test_a_gap_gets_one_deliverable(db_ctx):
    rid = import_small()
    set_provision_marks(ED, rid, {"grooming": ("missing", None)})
    add_gap_deliverable(ED, rid, p.Deliverable("", Pillar.LEGAL, "Amend", 26), ["grooming"])
    with pytest.raises(OperationError, match='already added for the provision "grooming"'):
        add_gap_deliverable(ED, rid, p.Deliverable("", Pillar.LEGAL, "Amend again", 26), ["grooming"])


def test_an_imported_file_brings_its_marks_and_the_deliverables_that_close_them(db_ctx):
    rid = import_small(
        treaty_marks=[
            {"provision": "grooming", "status": "missing", "note": "No offence yet", "deliverable": "L1"},
            {"provision": "territorial", "status": "in_law"},
        ]
    )
    assert sorted(treaty_marks(rid), key=lambda m: m.provision) == [
        TreatyMark("grooming", GapStatus.MISSING, "No offence yet", "L1"),
        TreatyMark("territorial", GapStatus.IN_LAW),
    ]
    # Replacing the roadmap's content (the API's PUT) replaces its marks with the plan's.
    plan = load_plan(rid)
    replace_plan(ED, rid, replace(plan, treaty_marks=(TreatyMark("vetting", GapStatus.PARTLY),)), fingerprint(plan))
    assert treaty_marks(rid) == [TreatyMark("vetting", GapStatus.PARTLY)]
