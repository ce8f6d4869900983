"""Redacting a plan for the library, the facts it is filed under, and adapting a published plan."""

import json
from dataclasses import replace
from datetime import date

import pytest

from roadmap.exchange.interchange import read_document, to_document
from roadmap.library import (
    DURATIONS,
    KIND_KEYS,
    SIZES,
    WITHHELD_COUNTRY,
    Redaction,
    adapt,
    bucket,
    facts,
    redact,
    redaction_of,
    snapshot_plan,
    template_from,
)
from roadmap.plan import CapabilityRating
from roadmap.sequencing import sequence
from roadmap.threats import Threat
from roadmap.treaties import GapStatus, TreatyMark
from roadmap.vocabulary import DeliverableStatus, Language, Pillar, StakeholderKind
from tests.factories import small_document


def kenya_plan(**changes):
    doc = small_document(**changes)
    doc["deliverables"][2]["progress_note"] = "Kenyan vendor delayed the servers"
    doc["deliverables"][0]["indicators"][0]["measurements"] = [
        {"date": "2027-02-01", "value": 1, "note": "Confirmed by the Kenya cabinet secretary"}
    ]
    doc["deliverables"][1]["description"] = "Review of Kenya's laws by the KEN legal office"
    return read_document(doc)


def text_of(plan) -> str:
    return json.dumps(to_document(plan), ensure_ascii=False, default=str)


def test_a_copy_shared_as_it_is_keeps_everything_but_the_title():
    plan = kenya_plan()
    shared = redact(plan, Redaction(), title="Shared title", country_name="Kenya")
    assert shared.title == "Shared title"
    assert to_document(shared) | {"title": plan.title} == to_document(plan)


def test_a_redacted_copy_has_no_cost_funding_note_or_progress():
    plan = kenya_plan()
    assert any(d.status is not DeliverableStatus.NOT_STARTED or d.percent_complete for d in plan.deliverables)
    shared = redact(plan, Redaction(details=True), title="T", country_name="Kenya")
    text = text_of(shared)
    for gone in ("12000", "State budget", "USD", "Laws predate smartphones", "vendor delayed", "cabinet secretary"):
        assert gone not in text
    assert all(d.cost is None and d.progress_note is None for d in shared.deliverables)
    assert [a.maturity for a in shared.assessments] == [2]  # the maturity stays, its notes go
    # Without progress means none: every deliverable not started, no percent, dates or readings.
    for d in shared.deliverables:
        assert (d.status, d.percent_complete, d.actual_start, d.actual_finish) == (
            DeliverableStatus.NOT_STARTED,
            0,
            None,
            None,
        )
        assert all(x.actual is None and x.measurements == () for x in d.indicators)
    for gone in ('"actual_start": "', '"actual_finish": "', '"in_progress"', '"done"'):
        assert gone not in text


def test_withheld_names_and_keys_give_way_to_kinds_everywhere_and_the_country_is_scrubbed_from_texts():
    plan = kenya_plan()
    plan = replace(
        plan,
        deliverables=tuple(
            replace(d, description="Owner: Ministry of ICT (MOICT), with the National Police") if d.key == "O1" else d
            for d in plan.deliverables
        ),
    )
    shared, withheld = redaction_of(plan, Redaction(names=True, country=True), title="T", country_name="Kenya")
    assert [(s.key, s.name, s.kind) for s in shared.stakeholders] == [
        ("GOV-1", "Government 1", StakeholderKind.GOVERNMENT),
        ("LAW-1", "Law enforcement 1", StakeholderKind.LAW_ENFORCEMENT),
        ("CSO-1", "Civil society 1", StakeholderKind.CIVIL_SOCIETY),
    ]
    # The same new keys in every lead and partner list.
    new = {"MOICT": "GOV-1", "POLICE": "LAW-1", "NGO": "CSO-1"}
    for before, after in zip(plan.deliverables, shared.deliverables, strict=True):
        assert after.lead == (new[before.lead] if before.lead else None)
        assert after.partners == tuple(new[k] for k in before.partners)
    assert shared.country == WITHHELD_COUNTRY
    text = text_of(shared)
    for gone in ("Kenya", "KEN", "Ministry of ICT", "MOICT", "National Police", "POLICE"):
        assert gone not in text, gone
    assert shared.deliverable("O1").description == "Owner: Government 1 (Government 1), with the Law enforcement 1"
    assert shared.deliverable("L1").description == "Review of [country]'s laws by the [country] legal office"
    assert shared.deliverable("T1").progress_note == "[country] vendor delayed the servers"
    assert ("MOICT", "Ministry of ICT", "GOV-1", "Government 1") in withheld.renamed
    assert dict(withheld.mentions)["Kenya"] >= 1 and dict(withheld.mentions)["Ministry of ICT"] == 1


def test_the_mnr_evidence_and_treaty_notes_are_withheld_like_every_other_text():
    plan = replace(
        kenya_plan(),
        capabilities=(CapabilityRating(12, 3, "Kenya's hotline, run with the National Police since 2019"),),
        treaty_marks=(TreatyMark("grooming", GapStatus.IN_LAW, "Kenya Computer Misuse Act, s. 24; MOICT to confirm"),),
    )
    shared = redact(plan, Redaction(names=True, country=True), title="T", country_name="Kenya")
    assert shared.capabilities[0].evidence == "[country]'s hotline, run with the Law enforcement 1 since 2019"
    assert shared.treaty_marks[0].note == "[country] Computer Misuse Act, s. 24; Government 1 to confirm"
    assert (shared.capabilities[0].phase, shared.treaty_marks[0].status) == (3, GapStatus.IN_LAW)
    # Without details the ratings and marks stay, the team's words go.
    bare = redact(plan, Redaction(details=True), title="T", country_name="Kenya")
    assert (bare.capabilities[0].evidence, bare.treaty_marks[0].note) == (None, None)
    assert (bare.capabilities[0].phase, bare.treaty_marks[0].status) == (3, GapStatus.IN_LAW)


def test_the_country_is_withheld_in_every_language_script_and_form():
    # A title that names Ghana in Arabic, Russian, Chinese and English, with its code, capital and domain.
    title = "تدريب في غانا / Обучение в Гане / 加纳培训 / Ghana's training (GH, Accra, .gh)"
    doc = small_document(country="GHA")
    doc["deliverables"][0]["title"] = title
    doc["deliverables"][1]["description"] = "Ghanaian teachers; بغانا; работа Ганы; GHANA; République du Ghana"
    shared, withheld = redaction_of(read_document(doc), Redaction(country=True), title="T", country_name="Ghana")
    assert shared.deliverables[0].title == (
        "تدريب في [country] / Обучение в [country] / [country]培训 / "
        "[country]'s training ([country], [country], [country])"
    )
    text = text_of(shared)
    for gone in ("غانا", "Гане", "Ганы", "加纳", "Ghana", "GHANA", "Accra", ".gh", '"GH'):
        assert gone not in text, gone
    assert {"Гане", "بغانا", "Accra", "GH", ".gh", "Ghanaian"} <= set(dict(withheld.mentions))


@pytest.mark.parametrize(
    ("code", "text", "left"),
    [
        ("COD", "Congo, the DRC and DR Congo: Congolese children in Kinshasa", ", the and : children in"),
        ("RUS", "Russia and the Russian Federation; в России", "and the ; в"),
        ("KOR", "Korea and South Korea (Seoul)", "and ()"),
        ("FSM", "Micronesia's plan", "'s plan"),
        ("CIV", "Ivorian families in Côte d'Ivoire and Cote d'Ivoire", "families in and"),
        ("PHL", "Filipino children in the Philippines", "children in the"),
    ],
)
def test_other_names_demonyms_and_accents_are_withheld_too(code, text, left):
    from roadmap.library import scrubber

    scrubbed = scrubber("", code)(text).replace("[country]", "")
    assert " ".join(scrubbed.split()) == left


def test_a_snapshot_with_a_withheld_country_reads_back_whole():
    shared = redact(kenya_plan(), Redaction(country=True), title="T", country_name="Kenya")
    document = json.loads(json.dumps(to_document(shared), default=str))
    again = snapshot_plan(document)
    assert again.country == WITHHELD_COUNTRY
    assert to_document(again) == to_document(shared)


def test_facts_name_pillars_threats_maturity_size_and_duration():
    plan = kenya_plan()
    found = facts(plan, sequence(plan).duration_weeks)
    assert found.pillars == (Pillar.LEGAL, Pillar.TECHNICAL, Pillar.ORGANIZATIONAL, Pillar.CAPACITY)
    assert found.threats == (Threat.CSAM, Threat.GROOMING)
    assert (found.maturity, found.deliverable_count) == (2, 4)
    assert bucket(SIZES, 4) == "small" and bucket(SIZES, 31) == "large"
    assert bucket(DURATIONS, 52) == "up_to_1_year" and bucket(DURATIONS, 53) == "1_to_2_years"


def test_adapting_takes_the_chosen_pillars_their_stakeholders_and_only_links_among_them():
    plan = kenya_plan()
    new = adapt(
        plan,
        [Pillar.LEGAL, Pillar.TECHNICAL],
        country="UGA",
        title="Uganda roadmap",
        start_date=date(2028, 1, 3),
        language=Language.FR,
    )
    assert [d.key for d in new.deliverables] == ["L1", "T1"]
    assert [(x.predecessor, x.successor) for x in new.dependencies] == [("L1", "T1")]
    assert [s.key for s in new.stakeholders] == ["MOICT", "POLICE", "NGO"]  # T1's partners come too
    assert (new.country, new.title, new.language, new.assessments) == ("UGA", "Uganda roadmap", Language.FR, ())
    t1 = new.deliverable("T1")
    assert (t1.status, t1.percent_complete, t1.actual_start, t1.progress_note) == (
        DeliverableStatus.NOT_STARTED,
        0,
        None,
        None,
    )
    # The dates keep their distance from the start.
    assert t1.not_before - new.start_date == plan.deliverable("T1").not_before - plan.start_date
    only_legal = adapt(
        plan, [Pillar.LEGAL], country="UGA", title="U", start_date=date(2028, 1, 3), language=Language.EN
    )
    assert [s.key for s in only_legal.stakeholders] == ["MOICT"] and only_legal.dependencies == ()


def test_a_template_from_a_deliverable_keeps_its_shape():
    d = kenya_plan().deliverable("O1")
    t = template_from(d, key="shared-1-O1", lead_kind=StakeholderKind.GOVERNMENT)
    assert (t.key, t.pillar, t.title, t.duration_weeks) == ("shared-1-O1", Pillar.ORGANIZATIONAL, d.title, 8)
    assert [(x.name, x.baseline, x.target) for x in t.indicators] == [("Lead agency designated", 0, 1)]


def test_every_kind_of_stakeholder_has_a_key_for_its_withheld_names():
    # A kind without one made "Check what will be withheld" fail for any roadmap holding such a stakeholder.
    assert set(KIND_KEYS) == set(StakeholderKind)
    assert len(set(KIND_KEYS.values())) == len(KIND_KEYS)
