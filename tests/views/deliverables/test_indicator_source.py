"""An indicator says where its figures come from, and its baseline may be left unknown."""

import re

from sqlalchemy import func, select

from models import Deliverable, Indicator, db
from tests.views.conftest import login

FORM = {
    "pillar": "legal",
    "title": "Provider duties (Kenya)",
    "duration_weeks": "20",
    "priority": "high",
    "lead": "MOICT",
    "template": "industry_duties",
    "indicators-0-name": "Maximum time for removal after notice",
    "indicators-0-unit": "hours",
    "indicators-0-baseline": "",
    "indicators-0-target": "24",
    "indicators-0-source": "Regulator records",
}


def test_a_template_fills_in_its_sources_and_leaves_an_unknown_baseline_empty(client, world):
    login(client, "editor@example.org")
    html = client.get(
        f"/roadmaps/{world['kenya']}/deliverables/new?pillar=legal&template=industry_duties", follow_redirects=True
    ).get_data(as_text=True)
    assert 'name="indicators-1-source"' in html and 'value="Regulator records"' in html
    baseline = re.search(r'<input[^>]*name="indicators-1-baseline"[^>]*>', html).group(0)
    assert 'value=""' in baseline or "value=" not in baseline
    assert "Leave the baseline empty when it is not known yet" in html


def test_the_source_is_saved_and_an_empty_baseline_shows_as_unknown(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    response = client.post(f"/roadmaps/{rid}/deliverables/new", data=FORM)
    assert response.status_code == 302, response.get_data(as_text=True)
    saved = db.session.scalar(
        select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.title == FORM["title"])
    )
    (indicator,) = saved.indicators
    assert (indicator.baseline, indicator.target, indicator.source) == (None, 24, "Regulator records")
    page = client.get(f"/roadmaps/{rid}/deliverables/{saved.id}/tracking").get_data(as_text=True)
    assert "Baseline: unknown" in page
    assert re.search(r"Data source: (<bdi[^>]*>)?Regulator records", page)


def test_a_source_too_long_is_refused_with_the_form_kept(client, world):
    login(client, "editor@example.org")
    before = db.session.scalar(select(func.count(Indicator.id)))
    response = client.post(
        f"/roadmaps/{world['kenya']}/deliverables/new", data={**FORM, "indicators-0-source": "x" * 201}
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "200 characters" in html and FORM["title"] in html
    assert db.session.scalar(select(func.count(Indicator.id))) == before


def test_indicator_numbers_show_as_written_without_a_trailing_point_zero(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    html = client.get(
        f"/roadmaps/{rid}/deliverables/new?pillar=technical&template=image_database", follow_redirects=True
    ).get_data(as_text=True)
    targets = re.findall(r'<input[^>]*name="indicators-\d+-target"[^>]*value="([^"]*)"', html)
    assert targets[0] == "20", targets  # the catalog's target, not "20.0"
