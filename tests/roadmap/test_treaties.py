"""The treaty checklist: every provision well formed and every instrument of the gap analysis in it."""

import re

from roadmap.catalog import load_catalog
from roadmap.treaties import PROVISIONS, GapStatus, Group, Treaty, TreatyMark, gap_suggestions, provision_by_id

ARTICLE = re.compile(r"[0-9]+(\([0-9]+\))?(\([a-z]\))?")


def test_provision_ids_are_unique_and_stable_words():
    ids = [p.id for p in PROVISIONS]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]{2,39}", i) for i in ids)


def test_every_treaty_and_every_group_is_referenced():
    assert set().union(*(p.treaties for p in PROVISIONS)) == set(Treaty)
    assert {p.group for p in PROVISIONS} == set(Group)


def test_every_provision_says_what_the_law_must_do_and_where_it_comes_from():
    for p in PROVISIONS:
        assert p.text.strip() and p.text[0].isupper() and not p.text.endswith("."), p.id
        assert p.references, p.id
        treaties = [r.treaty for r in p.references]
        assert len(treaties) == len(set(treaties)), f"{p.id} cites a treaty twice"
        for r in p.references:
            assert r.articles, p.id
            assert all(ARTICLE.fullmatch(a) for a in r.articles), f"{p.id}: {r}"


def test_the_issue_s_anchor_articles_are_where_the_treaties_put_them():
    cited = {p.id: p.cited for p in PROVISIONS}
    assert "OPSC Art. 3(1)(c)" in cited["csam_offences"]
    assert "Lanzarote Art. 20(1)" in cited["csam_offences"]
    assert "Budapest Art. 9(1)" in cited["csam_offences"]
    assert "UNCC Art. 14(1)" in cited["csam_offences"]
    assert "ILO C182 Art. 3(b)" in cited["csam_offences"]
    assert "UNCC Art. 15" in cited["grooming"]
    assert "UNCC Art. 16" in cited["intimate_images"]
    assert "UNCC Arts. 22(3), 22(4)" in cited["extradite_or_prosecute"]
    assert "Budapest Art. 22(1)(d)" in cited["extraterritorial"]
    assert "Lanzarote Art. 5(3)" in cited["vetting"]
    assert "ACRWC Art. 27(1)(a)" in cited["grooming"]
    assert cited["legal_persons"].startswith("OPSC Art. 3(4); Lanzarote Art. 26; Budapest Art. 12")


def test_templates_named_are_legal_templates_of_the_catalog():
    legal = {t.key for t in load_catalog() if t.pillar.value == "legal"}
    assert {p.template for p in PROVISIONS if p.template} <= legal


def test_provisions_are_found_by_id_and_unknown_ids_are_not():
    assert provision_by_id("grooming").group is Group.OFFENCES
    assert provision_by_id("no_such_thing") is None


def test_gaps_become_templates_own_deliverables_or_planned_work():
    marks = [
        TreatyMark("grooming", GapStatus.MISSING),
        TreatyMark("csam_access", GapStatus.PARTLY, "Act 1038 s. 62 covers downloads only"),
        TreatyMark("vetting", GapStatus.MISSING),
        TreatyMark("preservation", GapStatus.MISSING),
        TreatyMark("territorial", GapStatus.IN_LAW),
    ]
    known = {t.key for t in load_catalog()}
    found = gap_suggestions(marks, {"procedural_powers": "L4"}, known)
    assert [(g.template, [p.id for p in g.provisions]) for g in found.templates] == [
        ("offences_law", ["csam_access", "grooming"])
    ]
    assert [p.id for p in found.own] == ["vetting"]
    assert [(g.deliverable, [p.id for p in g.provisions]) for g in found.planned] == [("L4", ["preservation"])]


def test_nothing_is_suggested_when_nothing_is_missing():
    found = gap_suggestions([TreatyMark("grooming", GapStatus.IN_LAW)], {}, [])
    assert not found


def test_a_template_gone_from_the_catalog_gives_a_deliverable_of_its_own():
    found = gap_suggestions([TreatyMark("grooming", GapStatus.MISSING)], {}, known_templates=[])
    assert [p.id for p in found.own] == ["grooming"] and not found.templates


def test_a_gap_the_team_added_a_deliverable_for_is_planned_by_it():
    marks = [
        TreatyMark("vetting", GapStatus.MISSING, deliverable="L9"),
        TreatyMark("grooming", GapStatus.PARTLY, deliverable="L9"),
        TreatyMark("offender_records", GapStatus.MISSING),
    ]
    found = gap_suggestions(marks, {}, {t.key for t in load_catalog()})
    assert [(g.deliverable, g.template, [p.id for p in g.provisions]) for g in found.planned] == [
        ("L9", "offences_law", ["grooming"]),
        ("L9", None, ["vetting"]),
    ]
    assert [p.id for p in found.own] == ["offender_records"] and not found.templates
