"""The history of changes reads as words in the reader's language: no stored codes, no ISO dates."""

import html
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from flask_babel import force_locale, format_decimal, gettext
from sqlalchemy import select

from models import Deliverable, Dependency, Indicator, JournalEntry, Roadmap, db
from models.operations.core import Actor
from models.operations.deliverable_rows import stored_deliverable
from models.operations.editing import set_assessment, update_deliverable, update_roadmap
from models.operations.linking import add_dependency, update_dependency
from models.operations.mnr.ratings import set_capability_ratings
from models.operations.progress import Progress, record_measurement, record_progress
from models.operations.stakeholders import add_stakeholder, delete_stakeholder, update_stakeholder
from models.operations.treaties.marks import set_provision_marks
from roadmap import plan as p
from roadmap.threats import Threat
from roadmap.vocabulary import DeliverableStatus, DependencyType, Language, Pillar, Priority, StakeholderKind
from tests.views.conftest import login
from views.labels import format_date

EDITOR = Actor("Editor")
TODAY = date(2027, 6, 1)

# Codes and English the journal stores, which a reader must never see on the page.
STORED = [
    *("technical.maturity", "mnr.4.phase", "child_under_18", "finish_to_finish", "start_to_start"),
    *("in_progress", "not_started", "law_enforcement", "regulator", "industry", "cost_amount", "cost_currency"),
    *("duration_weeks", "not_before", "percent_complete", "deliverable updated", "progress recorded"),
    *("dependency added", "capability rated", "treaty mark updated", "stakeholder updated", "roadmap updated"),
    *("grooming", "sextortion", "12000.50", "25000.00", "lag +2 weeks", "baseline 0, target"),
]
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _id(roadmap_id: int, key: str) -> int:
    return db.session.scalar(select(Deliverable.id).where(Deliverable.roadmap_id == roadmap_id, Deliverable.key == key))


def change_everything(rid: int) -> None:
    """One change of each kind the history shows, through the operations the pages call."""
    version = db.session.get(Roadmap, rid).version
    update_roadmap(
        EDITOR,
        rid,
        version,
        title="Kenya national COP roadmap",
        start_date=date(2027, 2, 1),
        language=Language.FR,
        issuing_authority="Ministry of ICT",
    )
    set_assessment(EDITOR, rid, Pillar.TECHNICAL, 3, "A hotline exists.")
    o1 = _id(rid, "O1")
    d, version = stored_deliverable(rid, o1)
    update_deliverable(
        EDITOR,
        rid,
        o1,
        version,
        replace(
            d,
            pillar=Pillar.LEGAL,
            duration_weeks=12,
            not_before=date(2027, 3, 1),
            priority=Priority.LOW,
            threats=(Threat.GROOMING, Threat.SEXTORTION),
            cost=p.Cost(Decimal("25000"), "EUR", "State budget"),
            indicators=(replace(d.indicators[0], target=2),),
        ),
    )
    link = add_dependency(EDITOR, rid, "O1", "M1", DependencyType.FINISH_TO_FINISH, 2)
    update_dependency(EDITOR, rid, link, DependencyType.START_TO_START, -1)
    t1 = _id(rid, "T1")
    record_progress(
        EDITOR,
        rid,
        t1,
        stored_deliverable(rid, t1)[1],
        Progress(DeliverableStatus.DONE, 100, date(2027, 3, 1), date(2027, 5, 28)),
        TODAY,
    )
    indicator = db.session.scalar(select(Indicator.id).where(Indicator.deliverable_id == o1))
    record_measurement(EDITOR, rid, o1, indicator, date(2027, 5, 3), 1, "Gazette notice", TODAY)
    regulator = add_stakeholder(EDITOR, rid, "Communications Authority", StakeholderKind.REGULATOR, "CA")
    update_stakeholder(EDITOR, rid, regulator, "Communications Authority of Kenya", StakeholderKind.INDUSTRY)
    delete_stakeholder(EDITOR, rid, regulator)
    set_capability_ratings(EDITOR, rid, [p.CapabilityRating(4, 2, "A unit of six officers.")])
    set_provision_marks(EDITOR, rid, {"child_under_18": ("partly", "Only for some offences.")})


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_history_shows_words_in_the_readers_language(app, client, world, language):
    rid = world["kenya"]
    change_everything(rid)
    login(client, "editor@example.org")
    client.post("/language", data={"lang": language, "next": "/"})
    page = client.get(f"/roadmaps/{rid}/history").get_data(as_text=True)
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    shown = html.unescape(re.sub(r"<[^>]+>", "", table))

    assert [code for code in STORED if code in shown] == []
    assert ISO_DATE.findall(shown) == []
    with app.test_request_context(), force_locale(language):
        expected = [
            gettext("Deliverable changed"),
            gettext("Link added"),
            gettext("finish to finish"),
            gettext("start to start"),
            gettext("Self-assessment changed"),
            gettext("Established"),
            gettext("Technical & Procedural Measures"),
            gettext(Threat.GROOMING.label),
            gettext(Threat.SEXTORTION.label),
            gettext("Done"),
            gettext("Low"),
            gettext("Regulator"),
            gettext("Industry"),
            gettext("Dedicated law enforcement"),
            gettext("Partly"),
            gettext("Duration in weeks"),
            gettext("Cannot start before"),
            "Français",
            format_date(date(2027, 3, 1)),
            format_date(date(2027, 5, 3)),
            format_decimal(25000, format="#,##0.###") + " EUR",
            format_decimal(12000.5, format="#,##0.###") + " USD",
        ]
        assert gettext("Deliverable changed") != "Deliverable changed"  # the reader's language, not English
    assert [words for words in expected if words not in shown] == []


def test_entries_written_before_the_change_read_as_words_too(app, client, world):
    """The journal is kept as it was written: old entries are worded when shown."""
    rid = world["kenya"]
    db.session.add_all(
        [
            JournalEntry(
                actor="Old importer",
                roadmap_id=rid,
                action="assessment updated",
                field="legal.maturity",
                old_value="2",
                new_value="4",
            ),
            JournalEntry(
                actor="Old importer",
                roadmap_id=rid,
                action="deliverable updated",
                deliverable_key="L1",
                field="due_by",
                old_value="2027-12-31",
                new_value=None,
            ),
        ]
    )
    db.session.commit()
    login(client, "editor@example.org")
    client.post("/language", data={"lang": "fr", "next": "/"})
    page = html.unescape(client.get(f"/roadmaps/{rid}/history").get_data(as_text=True))
    with app.test_request_context(), force_locale("fr"):
        assert gettext("Legal Measures") in page and f"4 — {gettext('Strategic')}" in page
        assert format_date(date(2027, 12, 31)) in page and gettext("(none)") in page
    assert "legal.maturity" not in page and "2027-12-31" not in page


def test_what_changed_since_the_baseline_shows_words_not_codes(app, client, world):
    from models.operations.workflow import Step, latest_baseline_id, move_roadmap

    rid = world["kenya"]
    move_roadmap(Actor("Ed"), rid, Step.SUBMIT, editor=True, reviewer=False)
    move_roadmap(Actor("Ada"), rid, Step.APPROVE, editor=False, reviewer=True, label="Cabinet decision 12")
    move_roadmap(Actor("Ed"), rid, Step.REVISE, editor=True, reviewer=False)
    l1 = _id(rid, "L1")
    d, version = stored_deliverable(rid, l1)
    update_deliverable(
        EDITOR,
        rid,
        l1,
        version,
        replace(
            d, pillar=Pillar.CAPACITY, due_by=date(2028, 3, 31), threats=(Threat.SEXTORTION,), priority=Priority.HIGH
        ),
    )
    link = db.session.scalar(
        select(Dependency.id).where(Dependency.predecessor_id == l1, Dependency.successor_id == _id(rid, "T1"))
    )
    update_dependency(EDITOR, rid, link, DependencyType.FINISH_TO_FINISH, 2)
    login(client, "editor@example.org")
    client.post("/language", data={"lang": "fr", "next": "/"})
    page = client.get(f"/roadmaps/{rid}/baselines/{latest_baseline_id(rid)}").get_data(as_text=True)
    shown = html.unescape(re.sub(r"<[^>]+>", "", page[page.index("<main") :]))

    for code in ("start_to_start", "finish_to_finish", "finish-to", "capacity", "sextortion", "grooming", "lag 4"):
        assert code not in shown
    assert ISO_DATE.findall(shown) == []
    with app.test_request_context(), force_locale("fr"):
        for words in (
            gettext(Pillar.LEGAL.label),
            gettext(Pillar.CAPACITY.label),
            gettext(Threat.SEXTORTION.label),
            gettext("finish to finish"),
            format_date(date(2027, 12, 31)),
            format_date(date(2028, 3, 31)),
        ):
            assert words in shown


def _history_cells(page: str) -> list[list[str]]:
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    return [
        [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def _new_lead_and_partners(rid: int) -> None:
    """T1 (led by POLICE, with MOICT and NGO) led by MOICT, with CA, a second "Child Rights Network" and NGO;
    then CA leaves it and is deleted."""
    add_stakeholder(EDITOR, rid, "Child Rights Network", StakeholderKind.CIVIL_SOCIETY, "CRN2")
    gone = add_stakeholder(EDITOR, rid, "Communications Authority", StakeholderKind.REGULATOR, "CA")
    t1 = _id(rid, "T1")
    d, version = stored_deliverable(rid, t1)
    update_deliverable(EDITOR, rid, t1, version, replace(d, lead="MOICT", partners=("CA", "CRN2", "NGO")))
    d, version = stored_deliverable(rid, t1)
    update_deliverable(EDITOR, rid, t1, version, replace(d, partners=("CRN2", "NGO")))
    delete_stakeholder(EDITOR, rid, gone)


@pytest.mark.parametrize("language", ["en", "fr", "zh"])
def test_a_lead_and_partners_read_as_names_in_the_history(app, language):
    from tests.factories import import_small, make_user

    # Requests get their own app context (an outer one would keep Flask-Babel's locale from the first request).
    with app.app_context():
        rid = import_small()
        make_user("editor@example.org", KEN="editor")
        _new_lead_and_partners(rid)
    client = app.test_client()
    login(client, "editor@example.org")
    client.post("/language", data={"lang": language, "next": "/"})
    rows = _history_cells(client.get(f"/roadmaps/{rid}/history").get_data(as_text=True))
    with app.test_request_context(), force_locale(language):
        lead, partners = gettext("Lead"), gettext("Partners")
    changed = [(row[4], row[5], row[6]) for row in rows if row[3] == "T1"]
    assert (lead, "National Police", "Ministry of ICT") in changed
    # Two stakeholders of one name are told apart by their keys; one deleted since is shown by its key.
    twins = "Child Rights Network (NGO), Child Rights Network (CRN2)"
    assert (partners, "Ministry of ICT, Child Rights Network (NGO)", f"{twins}, CA") in changed
    assert (partners, f"{twins}, CA", twins) in changed


def test_naming_stakeholders_costs_the_history_no_query_per_row(app):
    from tests.factories import import_small, make_user
    from tests.views.test_page_queries import counted

    with app.app_context():
        rid = import_small()
        make_user("editor@example.org", KEN="editor")
    client = app.test_client()
    login(client, "editor@example.org")

    def statements_of_the_page() -> int:
        with app.app_context():
            client.get(f"/roadmaps/{rid}/history")  # as the page is first opened
        with app.app_context(), counted() as statements:
            assert client.get(f"/roadmaps/{rid}/history").status_code == 200
        return len(statements)

    before = statements_of_the_page()
    with app.app_context():
        _new_lead_and_partners(rid)
    assert statements_of_the_page() == before


def test_what_changed_since_the_baseline_names_the_lead_in_the_readers_language(app):
    from models.operations.workflow import Step, latest_baseline_id, move_roadmap
    from tests.factories import import_small, make_user

    with app.app_context():
        rid = import_small()
        make_user("editor@example.org", KEN="editor")
        move_roadmap(Actor("Ed"), rid, Step.SUBMIT, editor=True, reviewer=False)
        move_roadmap(Actor("Ada"), rid, Step.APPROVE, editor=False, reviewer=True, label="Cabinet decision 12")
        move_roadmap(Actor("Ed"), rid, Step.REVISE, editor=True, reviewer=False)
        l1 = _id(rid, "L1")
        d, version = stored_deliverable(rid, l1)
        update_deliverable(EDITOR, rid, l1, version, replace(d, lead="POLICE", partners=("NGO",)))
        baseline = latest_baseline_id(rid)
    client = app.test_client()
    login(client, "editor@example.org")
    client.post("/language", data={"lang": "fr", "next": "/"})
    page = client.get(f"/roadmaps/{rid}/baselines/{baseline}").get_data(as_text=True)
    rows = _history_cells(page)  # the table of deliverables changed: field, before, now
    with app.test_request_context(), force_locale("fr"):
        lead, partners, none = gettext("Lead"), gettext("Partners"), gettext("(none)")
    assert [lead, "Ministry of ICT", "National Police"] in rows
    assert [partners, none, "Child Rights Network"] in rows
