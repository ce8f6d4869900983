"""Indicators name where their figures come from, and a baseline nobody measured is unknown, not invented."""

import json

import pytest

from roadmap.catalog import CATALOG_PATH, load_catalog, templates_by_key, translated
from roadmap.catalog_messages import catalog_messages
from roadmap.exchange.interchange import FormatError, read_document, to_document
from tests.factories import small_document


def test_every_catalog_indicator_names_its_data_source():
    for t in load_catalog():
        for i in t.indicators:
            assert i.source and len(i.source) <= 200, (t.key, i.name)


def test_sources_include_the_international_data_sets_a_ministry_cites():
    sources = {i.source for t in load_catalog() for i in t.indicators}
    for name in ("Global Kids Online", "Disrupting Harm", "NCMEC", "Child Helpline International", "INHOPE", "ICSE"):
        assert any(name in s for s in sources), name


def test_baselines_that_depend_on_the_country_are_unknown_not_invented():
    by_key = templates_by_key()
    # Removal times, case volumes and waiting times are measured by the baseline analysis.
    for key in ("industry_duties", "takedown_procedure", "child_friendly_justice", "mla_procedures", "child_helpline"):
        assert any(i.baseline is None for i in by_key[key].indicators), key
    removal = next(i for i in by_key["industry_duties"].indicators if i.unit == "hours")
    assert (removal.baseline, removal.target) == (None, 24)
    # Work that does not exist yet starts from a true zero: a bill not yet drafted is not passed.
    assert by_key["parliamentary_passage"].indicators[0].baseline == 0


def test_sources_are_translated_like_the_rest_of_the_catalog():
    raw = json.loads(CATALOG_PATH.read_text(encoding="utf-8"))
    messages = set(catalog_messages(raw))
    assert "Global Kids Online" not in messages  # whole phrases, not fragments
    assert {i.source for t in load_catalog() for i in t.indicators} <= messages
    t = translated(templates_by_key()["children_survey"], lambda s: s.upper())
    assert t.indicators[0].source == templates_by_key()["children_survey"].indicators[0].source.upper()


def _with_indicator(**indicator):
    doc = small_document()
    doc["deliverables"][0]["indicators"] = [{"name": "Reports received", "unit": "reports", **indicator}]
    return doc


def test_the_interchange_carries_a_source_and_an_unknown_baseline():
    plan = read_document(_with_indicator(baseline=None, target=500, source="IWF portal statistics"))
    indicator = plan.deliverables[0].indicators[0]
    assert (indicator.source, indicator.baseline) == ("IWF portal statistics", None)
    written = to_document(plan)["deliverables"][0]["indicators"][0]
    assert written["source"] == "IWF portal statistics" and written["baseline"] is None
    assert to_document(read_document(to_document(plan))) == to_document(plan)


def test_a_file_without_sources_still_imports_and_exports_as_it_was():
    doc = _with_indicator(baseline=0, target=1)
    plan = read_document(doc)
    assert plan.deliverables[0].indicators[0].source is None
    assert "source" not in to_document(plan)["deliverables"][0]["indicators"][0]


def test_a_source_too_long_is_refused_naming_the_place():
    with pytest.raises(FormatError, match=r"indicators\[0\]\.source"):
        read_document(_with_indicator(baseline=0, target=1, source="x" * 201))
