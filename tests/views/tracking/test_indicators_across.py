"""Indicators across countries: one catalog indicator lined up across every roadmap that uses it."""

from tests.factories import import_small
from tests.views.conftest import login


def _portal(name, measurements=(), **extra):
    return {
        "key": "P1",
        "pillar": "technical",
        "title": "Reporting portal",
        "duration_weeks": 10,
        "template": "reporting_portal",
        "indicators": [
            {
                "name": name,
                "unit": "reports per year",
                "baseline": 0,
                "target": 1000,
                "measurements": list(measurements),
            }
        ],
        **extra,
    }


def _roadmap(country, title, name, readings=(), **extra):
    deliverable = _portal(name, readings)
    return import_small(
        country=country, title=title, deliverables=[deliverable], dependencies=[], stakeholders=[], **extra
    )


def test_the_same_indicator_side_by_side(client, world):
    readings = [{"date": "2026-03-01", "value": 120}, {"date": "2026-09-01", "value": 480}]
    _roadmap("GHA", "Ghana roadmap", "Reports received", readings)
    # A French roadmap names the indicator in French: still the catalog's.
    _roadmap("SEN", "Feuille de route du Sénégal", "Signalements reçus", language="fr")
    # A team that renamed it made it its own measure: left out.
    _roadmap("FJI", "Fiji roadmap", "Calls to the helpline")
    login(client, "adviser@example.org")
    index = client.get("/indicators").get_data(as_text=True)
    assert "Reports received" in index and "used in 3 roadmaps" in index
    page = client.get("/indicators/reporting_portal/2")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "2 roadmaps measure it" in text
    assert "Ghana" in text and "Senegal" in text and "Fiji" not in text
    assert "480 on 1 Sep 2026" in text
    assert 'aria-label="Ghana: 2 readings, from 120 to 480"' in text  # the trend's words
    assert "no reading yet" in text  # Senegal


def test_only_readable_roadmaps_and_real_indicators(client, world):
    _roadmap("GHA", "Ghana roadmap", "Reports received")
    login(client, "editor@example.org")  # an editor of Kenya only
    assert "Ghana" not in client.get("/indicators/reporting_portal/2").get_data(as_text=True)
    assert client.get("/indicators/reporting_portal/3").status_code == 404
    assert client.get("/indicators/no_such_template/1").status_code == 404
    assert client.get("/indicators/reporting_portal/0").status_code == 404


def test_the_page_needs_signing_in(client, world):
    assert "/login" in client.get("/indicators").headers["Location"]


def test_each_catalog_indicator_names_its_data_source(client, world):
    login(client, "adviser@example.org")
    index = client.get("/indicators").get_data(as_text=True)
    assert "Data source: IWF portal or INHOPE hotline statistics" in index
    page = client.get("/indicators/children_survey/1").get_data(as_text=True)
    assert "Data source: National statistics office survey using Global Kids Online methods" in page
