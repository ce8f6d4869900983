"""Redacting a plan for the library, the facts it is filed under, and adapting a published plan."""

import json
from datetime import date

from roadmap.exchange.interchange import read_document, to_document
from roadmap.library import (
    DURATIONS,
    SIZES,
    WITHHELD_COUNTRY,
    Redaction,
    adapt,
    bucket,
    facts,
    redact,
    snapshot_plan,
    template_from,
)
from roadmap.sequencing import sequence
from roadmap.threats import Threat
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


def test_a_redacted_copy_has_no_cost_funding_or_note():
    shared = redact(kenya_plan(), Redaction(details=True), title="T", country_name="Kenya")
    text = text_of(shared)
    for gone in ("12000", "State budget", "USD", "Laws predate smartphones", "vendor delayed", "cabinet secretary"):
        assert gone not in text
    assert all(d.cost is None and d.progress_note is None for d in shared.deliverables)
    assert [a.maturity for a in shared.assessments] == [2]  # the maturity stays, its notes go
    reading = shared.deliverable("O1").indicators[0].measurements[0]
    assert (reading.value, reading.note) == (1, None)


def test_withheld_names_keep_kinds_and_keys_and_withheld_country_is_scrubbed_from_texts():
    shared = redact(kenya_plan(), Redaction(names=True, country=True), title="T", country_name="Kenya")
    assert [(s.key, s.name, s.kind) for s in shared.stakeholders] == [
        ("MOICT", "Government 1", StakeholderKind.GOVERNMENT),
        ("POLICE", "Law enforcement 1", StakeholderKind.LAW_ENFORCEMENT),
        ("NGO", "Civil society 1", StakeholderKind.CIVIL_SOCIETY),
    ]
    assert shared.country == WITHHELD_COUNTRY
    text = text_of(shared)
    assert "Kenya" not in text and "KEN" not in text and "Ministry of ICT" not in text
    assert shared.deliverable("L1").description == "Review of [country]'s laws by the [country] legal office"
    assert shared.deliverable("T1").progress_note == "[country] vendor delayed the servers"


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
