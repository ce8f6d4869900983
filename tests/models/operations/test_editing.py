"""Editing a roadmap by hand: settings, assessments and deliverables, on SQLite and PostgreSQL alike."""

import subprocess
import sys
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models import (
    Country,
    Deliverable,
    DeliverableThreat,
    Indicator,
    JournalEntry,
    PillarAssessment,
    Roadmap,
    db,
    deliverable_partners,
)
from models.operations import (
    Actor,
    OperationError,
    VersionConflict,
    add_deliverable,
    add_stakeholder,
    create_roadmap,
    delete_deliverable,
    dependents,
    next_key,
    set_assessment,
    update_deliverable,
    update_roadmap,
)
from models.queries.loading import load_plan
from roadmap import plan as p
from roadmap.printing.logo import SVG, Logo, clean_logo
from roadmap.threats import Threat
from roadmap.vocabulary import DeliverableStatus, Language, Pillar, Priority, StakeholderKind
from tests.factories import START, import_small, make_user

ED = Actor("Ed")


def snapshot():
    """Every row of every table, to show a refused change left the database exactly as it was."""
    db.session.rollback()
    return {t.name: sorted(map(repr, db.session.execute(select(t)).all())) for t in db.metadata.sorted_tables}


def journal(roadmap_id, since=0):
    entries = db.session.scalars(
        select(JournalEntry)
        .where(JournalEntry.roadmap_id == roadmap_id, JournalEntry.id > since)
        .order_by(JournalEntry.id)
    )
    return [(e.actor, e.deliverable_key, e.action, e.field, e.old_value, e.new_value) for e in entries]


def last_entry_id():
    return db.session.scalar(select(func.max(JournalEntry.id))) or 0


def deliverable_id(roadmap_id, key):
    return db.session.scalar(select(Deliverable.id).where(Deliverable.roadmap_id == roadmap_id, Deliverable.key == key))


def version_of(deliverable_pk):
    return db.session.scalar(select(Deliverable.version).where(Deliverable.id == deliverable_pk))


def refused(message, call, *args, **kwargs):
    """The call is refused with a message containing ``message``, and nothing at all changes."""
    before = snapshot()
    with pytest.raises(OperationError, match=message):
        call(*args, **kwargs)
    assert snapshot() == before


FULL = p.Deliverable(
    key="L7",
    pillar=Pillar.LEGAL,
    title="  Child data protection code  ",
    duration_weeks=30,
    description="Age-appropriate design.",
    lead="POLICE",
    partners=("NGO", "MOICT", "POLICE", "NGO"),  # out of order, doubled, and the lead again
    objective="Objective 1",
    not_before=date(2027, 3, 1),
    due_by=date(2028, 6, 30),
    priority=Priority.HIGH,
    status=DeliverableStatus.IN_PROGRESS,
    percent_complete=10,
    actual_start=date(2027, 3, 8),
    cost=p.Cost(Decimal("5000.5"), "EUR", "Donor"),
    threats=(Threat.GROOMING, Threat.CSAM),
    template="child_data_protection",
    indicators=(p.Indicator("Code adopted", "yes/no", 0, 1), p.Indicator("Platforms covered", None, None, 20.5)),
)


# ---------------------------------------------------------------- roadmaps


def test_create_roadmap_stores_a_draft_and_journals_it(db_ctx):
    user = make_user("ed@example.org")
    rid = create_roadmap(Actor.of(user), "ken", " Kenya COP roadmap ", START, Language.FR)
    roadmap = db.session.get(Roadmap, rid)
    assert (
        roadmap.country.code,
        roadmap.title,
        roadmap.start_date,
        roadmap.language,
        roadmap.status,
        roadmap.version,
    ) == (
        "KEN",
        "Kenya COP roadmap",
        START,
        Language.FR,
        "draft",
        1,
    )
    entry = db.session.scalar(select(JournalEntry).where(JournalEntry.roadmap_id == rid))
    assert (entry.user_id, entry.actor, entry.action, entry.new_value) == (
        user.id,
        "Ed",
        "roadmap created",
        "Kenya COP roadmap",
    )


@pytest.mark.parametrize(
    ("country", "title", "start", "language", "message"),
    [
        ("XXX", "T", START, Language.EN, 'unknown ISO 3166-1 alpha-3 country code "XXX"'),
        ("KEN", "   ", START, Language.EN, "the title must not be empty"),
        ("KEN", "x" * 201, START, Language.EN, "the title has 201 characters; at most 200"),
        ("KEN", "a\x00b", START, Language.EN, "NUL"),
        ("KEN", "T", date(1899, 12, 31), Language.EN, "outside the years 1900–2200"),
        ("KEN", "T", None, Language.EN, "the start date must be a date"),
        ("KEN", "T", START, "klingon", 'unknown language "klingon"'),
    ],
)
def test_create_roadmap_refuses_bad_input(db_ctx, country, title, start, language, message):
    refused(message, create_roadmap, ED, country, title, start, language)
    assert db.session.scalar(select(func.count(Country.id))) == 0


def test_update_roadmap_changes_and_journals_only_what_changed(db_ctx):
    rid = import_small()
    since = last_entry_id()
    update_roadmap(ED, rid, 1, title="Kenya roadmap 2027", start_date=START, language=Language.ES)
    roadmap = db.session.get(Roadmap, rid)
    assert (roadmap.title, roadmap.language, roadmap.version) == ("Kenya roadmap 2027", Language.ES, 2)
    assert journal(rid, since) == [
        ("Ed", None, "roadmap updated", "title", "Kenya COP roadmap", "Kenya roadmap 2027"),
        ("Ed", None, "roadmap updated", "language", "en", "es"),
    ]


def test_a_stale_roadmap_save_is_refused_and_the_first_kept(db_ctx):
    rid = import_small()
    update_roadmap(ED, rid, 1, title="First", start_date=START, language=Language.EN)
    before = snapshot()
    with pytest.raises(VersionConflict) as caught:
        update_roadmap(Actor("Bo"), rid, 1, title="Second", start_date=date(2028, 1, 3), language=Language.EN)
    assert caught.value.current == {
        "title": "First",
        "start_date": "2027-01-04",
        "language": "en",
        "issuing_authority": "",
    }
    assert snapshot() == before
    assert db.session.get(Roadmap, rid).title == "First"


def test_update_roadmap_refuses_an_unknown_roadmap_and_bad_input(db_ctx):
    rid = import_small()
    refused("no such roadmap", update_roadmap, ED, rid + 1, 1, title="T", start_date=START, language=Language.EN)
    refused("the title must not be empty", update_roadmap, ED, rid, 1, title="", start_date=START, language="en")


def test_the_cover_logo_is_checked_again_kept_journalled_and_removed(db_ctx):
    rid = import_small()
    since = last_entry_id()
    basics = {"title": "Kenya COP roadmap", "start_date": START, "language": Language.EN}
    hand_made = Logo(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', SVG)
    refused(
        "the logo cannot be kept: The SVG logo holds a script", update_roadmap, ED, rid, 1, **basics, logo=hand_made
    )
    drawn = Logo(b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><rect width="9" height="9"/></svg>', SVG)
    update_roadmap(ED, rid, 1, **basics, logo=drawn)
    kept = clean_logo(drawn.data)
    assert (db.session.get(Roadmap, rid).logo, db.session.get(Roadmap, rid).version) == (kept, 2)
    update_roadmap(ED, rid, 2, **basics, logo=drawn)  # the same logo again changes nothing
    update_roadmap(ED, rid, 2, **{**basics, "title": "Kenya roadmap 2027"})  # a logo not given stays
    assert db.session.get(Roadmap, rid).logo == kept
    update_roadmap(ED, rid, 3, **basics, logo=None)
    db.session.expire_all()
    roadmap = db.session.get(Roadmap, rid)
    assert (roadmap.logo, roadmap.logo_data, roadmap.version) == (None, None, 4)
    described = f"SVG, 1 KB, {kept.digest[:12]}"
    assert [entry for entry in journal(rid, since) if entry[3] == "logo"] == [
        ("Ed", None, "roadmap updated", "logo", None, described),
        ("Ed", None, "roadmap updated", "logo", described, None),
    ]


# ---------------------------------------------------------------- assessments


def test_set_assessment_adds_and_replaces(db_ctx):
    rid = import_small()
    since = last_entry_id()
    set_assessment(ED, rid, Pillar.TECHNICAL, 3, "  Portal exists.  ")
    set_assessment(ED, rid, Pillar.LEGAL, 4, "Laws predate smartphones.")  # notes unchanged
    set_assessment(ED, rid, Pillar.LEGAL, 4, "Laws predate smartphones.")  # nothing changes at all
    rows = db.session.execute(
        select(PillarAssessment.pillar, PillarAssessment.maturity, PillarAssessment.notes)
        .where(PillarAssessment.roadmap_id == rid)
        .order_by(PillarAssessment.pillar)
    ).all()
    assert [tuple(r) for r in rows] == [("legal", 4, "Laws predate smartphones."), ("technical", 3, "Portal exists.")]
    assert journal(rid, since) == [
        ("Ed", None, "assessment updated", "technical.maturity", None, "3"),
        ("Ed", None, "assessment updated", "technical.notes", None, "Portal exists."),
        ("Ed", None, "assessment updated", "legal.maturity", "2", "4"),
    ]


@pytest.mark.parametrize(
    ("pillar", "maturity", "notes", "message"),
    [
        (Pillar.LEGAL, 0, None, "the maturity must be between 1 and 5"),
        (Pillar.LEGAL, 6, None, "the maturity must be between 1 and 5"),
        (Pillar.LEGAL, True, None, "the maturity must be a whole number"),
        ("law", 3, None, 'unknown pillar "law"'),
        (Pillar.LEGAL, 3, "x" * 5001, "at most 5000"),
    ],
)
def test_set_assessment_refuses_bad_input(db_ctx, pillar, maturity, notes, message):
    rid = import_small()
    refused(message, set_assessment, ED, rid, pillar, maturity, notes)


# ---------------------------------------------------------------- adding deliverables


def test_next_key_follows_the_highest_number_of_the_pillar_in_this_roadmap(db_ctx):
    rid = import_small()
    other = import_small(country="UGA")
    assert [next_key(rid, pillar) for pillar in Pillar] == ["L2", "T2", "O2", "C1", "I1"]
    add_deliverable(ED, other, replace(FULL, key="L41", lead=None, partners=()))
    add_deliverable(ED, rid, replace(FULL, key="L9", lead=None, partners=()))
    add_deliverable(ED, rid, replace(FULL, key="Lx", lead=None, partners=()))
    assert next_key(rid, Pillar.LEGAL) == "L10"


def test_add_deliverable_stores_every_field_and_journals_it(db_ctx):
    rid = import_small()
    since = last_entry_id()
    new_id = add_deliverable(ED, rid, FULL)
    stored = load_plan(rid).deliverable("L7")
    assert stored == replace(
        FULL,
        title="Child data protection code",
        partners=("MOICT", "NGO"),  # in stakeholder order, once each, without the lead
        cost=p.Cost(Decimal("5000.50"), "EUR", "Donor"),
        threats=(Threat.CSAM, Threat.GROOMING),
        indicators=(
            p.Indicator("Code adopted", "yes/no", 0.0, 1.0),
            p.Indicator("Platforms covered", None, None, 20.5),
        ),
    )
    assert version_of(new_id) == 1
    assert journal(rid, since) == [("Ed", "L7", "deliverable added", None, None, "Child data protection code")]
    assert db.session.scalar(select(JournalEntry.deliverable_id).where(JournalEntry.id > since)) == new_id


def test_add_deliverable_without_a_key_takes_the_next_one(db_ctx):
    rid = import_small()
    add_deliverable(ED, rid, p.Deliverable(key="", pillar=Pillar.COOPERATION, title="Join INHOPE", duration_weeks=10))
    add_deliverable(ED, rid, p.Deliverable(key="", pillar=Pillar.COOPERATION, title="Join CHI", duration_weeks=10))
    assert [d.key for d in load_plan(rid).deliverables][-2:] == ["I1", "I2"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"key": "L1"}, "another deliverable already has the key L1"),
        ({"key": "L 7"}, 'the deliverable key "L 7" is not valid'),
        ({"key": "L7\n"}, "is not valid"),
        ({"key": "x" * 41}, "is not valid"),
        ({"lead": "UNICEF"}, 'no stakeholder has the key "UNICEF" in this roadmap'),
        ({"partners": ("NGO", "UNICEF")}, 'no stakeholder has the key "UNICEF"'),
        ({"title": " "}, "the title must not be empty"),
        ({"title": "x" * 201}, "the title has 201 characters"),
        ({"description": "x" * 10_001}, "at most 10000"),
        ({"objective": "a\x00"}, "the objective contains a NUL character"),
        ({"duration_weeks": 521}, "the duration in weeks must be between 0 and 520"),
        ({"duration_weeks": -1}, "between 0 and 520"),
        ({"duration_weeks": 2.5}, "the duration in weeks must be a whole number"),
        ({"percent_complete": 101}, "the percent complete must be between 0 and 100"),
        ({"due_by": date(2201, 1, 1)}, "the due date 2201-01-01 is outside the years 1900–2200"),
        ({"actual_finish": date(2027, 3, 1)}, "the actual finish 2027-03-01 is before the actual start 2027-03-08"),
        ({"cost": p.Cost(Decimal(100), None, "Donor")}, "an amount needs a currency"),
        ({"cost": p.Cost(Decimal(-1), "USD")}, "the cost must be between 0 and"),
        ({"cost": p.Cost(Decimal("1.005"), "USD")}, "more than two decimal places"),
        ({"cost": p.Cost(Decimal(1), "usd")}, 'the currency "usd" is not a three-letter ISO 4217 code'),
        ({"threats": ("csam", "doomscrolling")}, 'unknown threat "doomscrolling"'),
        ({"priority": "urgent"}, 'unknown priority "urgent"'),
        ({"indicators": (p.Indicator(" "),)}, "the indicator name must not be empty"),
        ({"indicators": (p.Indicator("n", target=float("inf")),)}, "the indicator target must be between"),
        ({"template": "t" * 41}, "the template key has 41 characters"),
    ],
)
def test_add_deliverable_refuses_bad_input_and_saves_nothing(db_ctx, changes, message):
    rid = import_small()
    refused(message, add_deliverable, ED, rid, replace(FULL, **changes))


def test_add_deliverable_refuses_a_stakeholder_of_another_roadmap(db_ctx):
    rid, other = import_small(), import_small(country="UGA")
    add_stakeholder(ED, other, "UNICEF Uganda", StakeholderKind.INTERNATIONAL, "UNICEF")
    refused(
        'no stakeholder has the key "UNICEF" in this roadmap', add_deliverable, ED, rid, replace(FULL, lead="UNICEF")
    )


def test_add_deliverable_refuses_an_unknown_roadmap(db_ctx):
    rid = import_small()
    refused("no such roadmap", add_deliverable, ED, rid + 1, FULL)


def test_a_clash_the_database_finds_becomes_an_operation_error(db_ctx, monkeypatch):
    # As if another request saved the key between the check and the insert.
    rid = import_small()
    monkeypatch.setattr("models.operations.editing._refuse_taken_key", lambda roadmap_id, key: None)
    refused("clashes with one saved at the same moment", add_deliverable, ED, rid, replace(FULL, key="L1"))


# ---------------------------------------------------------------- updating deliverables


def test_update_deliverable_replaces_the_fields_and_journals_each_change(db_ctx):
    rid = import_small()
    t1 = deliverable_id(rid, "T1")
    since = last_entry_id()
    stored = load_plan(rid).deliverable("T1")
    changed = replace(
        stored,
        key="T9",
        title="National reporting portal and app",
        lead="NGO",
        partners=("POLICE",),
        threats=(Threat.SEXTORTION,),
        indicators=(p.Indicator("Reports a month", "reports", 0, 500),),
        cost=p.Cost(Decimal(90000), "KES", None),
    )
    update_deliverable(ED, rid, t1, 1, changed)
    assert load_plan(rid).deliverable("T9") == replace(
        changed, indicators=(p.Indicator("Reports a month", "reports", 0.0, 500.0),)
    )
    assert version_of(t1) == 2
    assert journal(rid, since) == [
        ("Ed", "T9", "deliverable updated", "key", "T1", "T9"),
        ("Ed", "T9", "deliverable updated", "title", "National reporting portal", "National reporting portal and app"),
        ("Ed", "T9", "deliverable updated", "lead", "POLICE", "NGO"),
        ("Ed", "T9", "deliverable updated", "partners", "MOICT, NGO", "POLICE"),
        ("Ed", "T9", "deliverable updated", "cost_amount", None, "90000.00"),
        ("Ed", "T9", "deliverable updated", "cost_currency", None, "KES"),
        ("Ed", "T9", "deliverable updated", "threats", None, "sextortion"),
        ("Ed", "T9", "deliverable updated", "indicators", None, "Reports a month [reports]: baseline 0, target 500"),
    ]
    # Its links and its place in the journal follow it under the new key.
    assert dependents(rid, t1) == ["L1", "M1"]


def test_update_deliverable_with_an_empty_key_keeps_the_key_and_unchanged_fields_write_nothing(db_ctx):
    rid = import_small()
    o1 = deliverable_id(rid, "O1")
    stored = load_plan(rid).deliverable("O1")
    since = last_entry_id()
    update_deliverable(ED, rid, o1, 1, replace(stored, key="", partners=("NGO", "NGO")))
    assert (journal(rid, since), version_of(o1)) == ([], 1)
    update_deliverable(ED, rid, o1, 1, replace(stored, key="", status=DeliverableStatus.DONE, percent_complete=100))
    assert (load_plan(rid).deliverable("O1").status, version_of(o1)) == ("done", 2)


def test_a_stale_deliverable_save_is_refused_and_the_first_kept(db_ctx):
    rid = import_small()
    l1 = deliverable_id(rid, "L1")
    stored = load_plan(rid).deliverable("L1")
    update_deliverable(ED, rid, l1, 1, replace(stored, title="First title", duration_weeks=20))
    before = snapshot()
    with pytest.raises(VersionConflict) as caught:
        update_deliverable(Actor("Bo"), rid, l1, 1, replace(stored, title="Second title"))
    assert snapshot() == before
    assert caught.value.current["title"] == "First title"
    assert caught.value.current["duration_weeks"] == "20"
    assert caught.value.current["due_by"] == "2027-12-31"
    assert caught.value.current["threats"] == "csam, grooming"
    assert load_plan(rid).deliverable("L1").title == "First title"


def test_update_deliverable_refuses_a_key_already_taken(db_ctx):
    rid = import_small()
    stored = load_plan(rid).deliverable("L1")
    refused(
        "another deliverable already has the key O1",
        update_deliverable,
        ED,
        rid,
        deliverable_id(rid, "L1"),
        1,
        replace(stored, key="O1"),
    )


def test_update_deliverable_refuses_bad_input(db_ctx):
    rid = import_small()
    stored = load_plan(rid).deliverable("L1")
    refused(
        "between 0 and 100",
        update_deliverable,
        ED,
        rid,
        deliverable_id(rid, "L1"),
        1,
        replace(stored, percent_complete=-5),
    )


# ---------------------------------------------------------------- deleting deliverables


def test_dependents_lists_both_directions(db_ctx):
    rid = import_small()
    assert dependents(rid, deliverable_id(rid, "T1")) == ["L1", "M1"]
    assert dependents(rid, deliverable_id(rid, "O1")) == ["L1"]


def test_deleting_a_linked_deliverable_needs_confirmation(db_ctx):
    rid = import_small()
    refused(
        "T1 is linked to L1, M1: confirm to remove those links too",
        delete_deliverable,
        ED,
        rid,
        deliverable_id(rid, "T1"),
    )


def test_delete_deliverable_removes_it_with_its_links_and_journals_all(db_ctx):
    rid = import_small()
    t1 = deliverable_id(rid, "T1")
    since = last_entry_id()
    delete_deliverable(ED, rid, t1, remove_links=True)
    assert [d.key for d in load_plan(rid).deliverables] == ["O1", "L1", "M1"]
    assert [(x.predecessor, x.successor) for x in load_plan(rid).dependencies] == [("O1", "L1")]
    assert db.session.scalar(select(func.count()).select_from(deliverable_partners)) == 1  # O1's
    assert db.session.scalar(select(func.count()).where(DeliverableThreat.deliverable_id == t1)) == 0
    assert journal(rid, since) == [
        ("Ed", "T1", "dependency removed", "dependency", "L1 → T1 (start_to_start, lag +4 weeks)", None),
        ("Ed", "M1", "dependency removed", "dependency", "T1 → M1 (finish_to_finish, lag -1 weeks)", None),
        ("Ed", "T1", "deliverable deleted", None, "National reporting portal", None),
    ]
    # The journal keeps the key of what is gone; the id it pointed to is no more.
    assert db.session.scalar(select(func.count()).where(JournalEntry.deliverable_id == t1)) == 0


def test_delete_deliverable_without_links_needs_no_confirmation(db_ctx):
    rid = import_small()
    new_id = add_deliverable(ED, rid, FULL)
    delete_deliverable(ED, rid, new_id)
    assert deliverable_id(rid, "L7") is None
    assert db.session.scalar(select(func.count()).where(Indicator.deliverable_id == new_id)) == 0


# ---------------------------------------------------------------- ids of another roadmap


@pytest.mark.parametrize("use", ["update", "delete", "dependents"])
def test_a_deliverable_of_another_roadmap_is_refused(db_ctx, use):
    mine, theirs = import_small(), import_small(country="UGA")
    foreign = deliverable_id(theirs, "L1")
    stored = load_plan(theirs).deliverable("L1")
    calls = {
        "update": lambda: update_deliverable(ED, mine, foreign, 1, replace(stored, title="Hijacked")),
        "delete": lambda: delete_deliverable(ED, mine, foreign, remove_links=True),
        "dependents": lambda: dependents(mine, foreign),
    }
    refused("no such deliverable in this roadmap", calls[use])
    assert load_plan(theirs).deliverable("L1").title == "Legal gap analysis"


def test_no_editing_module_depends_on_being_imported_after_operations():
    # models.operations re-exports the editing modules, which import only its core; any may come first.
    root = Path(__file__).resolve().parents[3]
    for module in (
        "models.operations.editing",
        "models.operations.linking",
        "models.operations.stakeholders",
        "models.operations.checks",
        "models.operations.deliverable_rows",
    ):
        code = f"import {module}; from models.operations import add_dependency, merge_stakeholders, VersionConflict"
        subprocess.run([sys.executable, "-c", code], cwd=root, check=True, timeout=60)
