"""GET /api/v1/dashboard: the dashboard's rows and filters as JSON, for the token's user only."""

import pytest

from models.base import utcnow
from tests.factories import import_small
from tests.views.tracking.test_dashboard import hand_made
from tests.views.tracking.test_dashboard_attention import _stalled_ghana


@pytest.fixture
def roadmaps(world):
    today = utcnow().date()
    return {**world, "fiji": import_small(**hand_made(today)), "ghana": _stalled_ghana(today)}


def countries(answer):
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return [row["country"] for row in answer.get_json()["items"]]


def test_the_dashboard_as_json(api, roadmaps):
    answer = api("GET", "/dashboard", "adviser@example.org")
    assert countries(answer) == ["FJI", "GHA", "KEN", "UGA"]
    assert answer.headers["X-Total-Count"] == "4"
    ghana = next(r for r in answer.get_json()["items"] if r["country"] == "GHA")
    assert ghana["baseline"] == "Cabinet approval" and ghana["slip_days"] == 21
    assert ghana["critical_blocked"] == 1 and round(ghana["percent_planned"], 1) == 57.1
    assert ghana["itu_region"] == "Africa" and ghana["status"] == "approved"
    assert ghana["pillars"]["legal"]["blocked"] == 1 and ghana["total"]["deliverables"] == 3
    assert ghana["url"] == f"/api/v1/roadmaps/{roadmaps['ghana']}"
    kenya = next(r for r in answer.get_json()["items"] if r["country"] == "KEN")
    assert kenya["baseline"] is None and kenya["slip_days"] is not None  # against its own plan


def test_filters_and_pages(api, roadmaps):
    assert countries(api("GET", "/dashboard?critical=1", "adviser@example.org")) == ["GHA"]
    assert countries(api("GET", "/dashboard?itu_region=Asia-Pacific", "adviser@example.org")) == ["FJI"]
    assert countries(api("GET", "/dashboard?slipping=100&overdue=1", "adviser@example.org")) == ["FJI"]
    first = api("GET", "/dashboard?per_page=3", "adviser@example.org")
    assert countries(first) == ["FJI", "GHA", "KEN"]
    assert 'rel="next"' in first.headers["Link"] and "per_page=3" in first.headers["Link"]
    assert countries(api("GET", "/dashboard?per_page=3&page=2", "adviser@example.org")) == ["UGA"]
    assert countries(api("GET", "/dashboard?per_page=3&page=9", "adviser@example.org")) == []


def test_the_token_user_sees_only_their_countries(api, roadmaps):
    assert countries(api("GET", "/dashboard", "editor@example.org")) == ["KEN"]
    assert countries(api("GET", "/dashboard", "nobody@example.org")) == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("itu_region=Oceania", "itu_region"),
        ("slipping=-1", "slipping"),
        ("status=finished", "status"),
        ("sort=score", "sort"),
        ("region=Atlantis", "region"),
        ("per_page=0", "per_page"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(api, roadmaps, query, field):
    answer = api("GET", f"/dashboard?{query}", "adviser@example.org")
    assert answer.status_code == 400
    assert answer.mimetype == "application/problem+json"
    assert answer.get_json()["field"] == field


def test_the_dashboard_needs_a_token(client, roadmaps):
    assert client.get("/api/v1/dashboard").status_code == 401
