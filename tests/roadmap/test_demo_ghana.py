"""The Ghana demo: what Ghana has, marked in place; what remains, led by Ghana's institutions and costed;
a baseline and a treaty checklist that agree with it; every text in the six languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.support import Translations

from roadmap.catalog import templates_by_key
from roadmap.demo import GHANA_TITLE, ghana_plan
from roadmap.duedates import due_dates_at_risk
from roadmap.exchange.interchange import read_document, to_document
from roadmap.sequencing import sequence
from roadmap.treaties import GapStatus, gap_suggestions
from roadmap.vocabulary import DeliverableStatus, Language, StakeholderKind

TITLE = GHANA_TITLE  # as `cop-roadmap seed-demo` loads it
TRANSLATIONS = Path(__file__).parents[2] / "views" / "translations"
PLAN = ghana_plan(TITLE)
IN_PLACE = {d.template for d in PLAN.deliverables if d.status is DeliverableStatus.IN_PLACE}
REMAINING = [d for d in PLAN.deliverables if d.status is not DeliverableStatus.IN_PLACE]


def test_the_titles_years_are_the_years_its_schedule_runs():
    # A reader takes a title's years for the plan's horizon: they are those of its first and last week.
    schedule = sequence(PLAN)
    years = re.fullmatch(r"\D*(\d{4})–(\d{4})\D*", PLAN.title)
    assert years, PLAN.title
    assert (int(years[1]), int(years[2])) == (schedule.start_date.year, schedule.finish_date.year)


def test_what_ghana_has_is_in_place_and_never_scheduled():
    # Act 1038, the Budapest accession, the CSA leading, the IWF portal, the forensic laboratory, the Framework.
    assert {
        "offences_law",
        "procedural_powers",
        "accede_budapest",
        "lead_agency",
        "reporting_portal",
        "forensics_lab",
        "national_strategy",
    } <= IN_PLACE
    schedule = sequence(PLAN)
    for d in PLAN.deliverables:
        if d.status is DeliverableStatus.IN_PLACE:
            entry = schedule.get(d.key)
            assert (entry.es, entry.ef, entry.critical, d.cost) == (0, 0, False, None), d.key
    # What remains is the list: the instrument under Act 1038, the OPSC, triage, sextortion, victims.
    remaining = {d.template for d in REMAINING}
    assert {
        "implementing_regulations",
        "ratify_child_instruments",
        "industry_referrals",
        "victim_remedies",
    } <= remaining
    assert any("sextortion" in d.title for d in REMAINING)
    assert not IN_PLACE & remaining - {None}
    assert len(PLAN.deliverables) <= 60


def test_ghanas_own_institutions_lead_and_every_remaining_line_is_costed_in_cedis_or_dollars():
    by_key = {s.key: s for s in PLAN.stakeholders}
    names = {s.name for s in PLAN.stakeholders}
    assert {
        "Cyber Security Authority (CSA)",
        "Ministry of Gender, Children and Social Protection",
        "Ghana Police Service, Domestic Violence and Victim Support Unit",
        "National Communications Authority",
        "Office of the Attorney-General and Ministry of Justice",
    } <= names
    assert "Ministry of Social Welfare and Children" not in names
    kinds = {s.kind for s in PLAN.stakeholders}
    assert {
        StakeholderKind.PARLIAMENT,
        StakeholderKind.HUMAN_RIGHTS_INSTITUTION,
        StakeholderKind.STATISTICS_OFFICE,
    } <= kinds
    assert by_key["CHRAJ"].kind is StakeholderKind.HUMAN_RIGHTS_INSTITUTION
    for d in PLAN.deliverables:
        assert d.lead in by_key and set(d.partners) <= set(by_key) and d.lead not in d.partners, d.key
    assert PLAN.deliverable("L5").lead == "CSA" and PLAN.deliverable("L9").lead == "MOGCSP"
    costed = [d for d in REMAINING if d.cost]
    assert {d.cost.currency for d in costed} == {"GHS", "USD"}
    assert all(d.cost.amount > 0 and d.cost.source for d in costed)
    # Not one rate a week for everything: the amounts are budget lines of their own.
    assert len({d.cost.amount / d.duration_weeks for d in costed if d.duration_weeks}) > len(costed) // 2
    # Only milestones and the budget and donor rounds themselves have no cost line.
    assert {d.key for d in REMAINING if not d.cost} == {"L10", "O5", "I7"}


def test_the_plan_imports_losslessly_and_shows_a_due_date_that_holds_and_one_at_risk():
    assert read_document(to_document(PLAN)) == PLAN
    schedule = sequence(PLAN)
    at_risk = due_dates_at_risk(PLAN, schedule)
    assert [(r.key, [s.key for s in r.chain]) for r in at_risk] == [("L6", ["L5", "L7"])]
    dated = {d.key for d in PLAN.deliverables if d.due_by}
    assert dated - {r.key for r in at_risk} == {"O5", "L10"}


def test_the_baseline_and_the_treaty_checklist_agree_with_the_plan():
    assert [a.pillar.order for a in PLAN.assessments] == [1, 2, 3, 4, 5]
    assert all(a.notes.startswith("2025 baseline") for a in PLAN.assessments)
    ratings = {r.number: r.phase for r in PLAN.capabilities}
    assert ratings[3] == 3 and ratings[12] == 3 and ratings[11] == 1  # the law, the portal, no helpline
    assert all(r.evidence for r in PLAN.capabilities)
    marks = {m.provision: m for m in PLAN.treaty_marks}
    # Budapest accession and Act 1038: the procedural powers are in law; the Second Protocol's are not.
    assert {marks[p].status for p in ("preservation", "production_orders", "search_seizure")} == {GapStatus.IN_LAW}
    assert marks["direct_disclosure"].status is GapStatus.MISSING and marks["direct_disclosure"].deliverable == "L11"
    # Every gap is tied to planned work: nothing is left to suggest.
    planned_by = {d.template: d.key for d in PLAN.deliverables if d.template}
    found = gap_suggestions(PLAN.treaty_marks, planned_by, templates_by_key())
    assert found.templates == () and found.own == ()
    for gap in found.planned:
        assert PLAN.deliverable(gap.deliverable).status is not DeliverableStatus.IN_PLACE


@pytest.mark.parametrize("language", list(Language), ids=lambda x: x.value)
def test_every_text_of_the_demo_is_translated(language):
    texts: set[str] = set()
    ghana_plan(TITLE, gettext=lambda s: texts.add(s) or s)
    catalog = Translations.load(TRANSLATIONS, [language.value])
    missing = sorted(t for t in texts if not catalog._catalog.get(t))
    assert missing == []


def test_the_demo_is_written_in_the_language_it_is_seeded_in():
    french = Translations.load(TRANSLATIONS, ["fr"])
    plan = ghana_plan(TITLE, language=Language.FR, gettext=french.gettext)
    assert plan.language is Language.FR
    assert (
        plan.deliverable("L6").title == "Déposer l’instrument législatif devant le Parlement pendant 21 jours de séance"
    )
    english = {d.key: d.title for d in PLAN.deliverables}
    assert [d.key for d in plan.deliverables if d.title == english[d.key]] == []
    assert {s.name for s in plan.stakeholders} >= {"Autorité de cybersécurité (CSA)", "Parlement du Ghana"}
