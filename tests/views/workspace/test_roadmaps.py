import pytest

from models import Roadmap, db
from tests.factories import import_small
from tests.views.conftest import login


@pytest.mark.parametrize(
    ("email", "sees_kenya", "sees_uganda"),
    [
        ("admin@example.org", True, True),
        ("adviser@example.org", True, True),
        ("editor@example.org", True, False),
        ("viewer@example.org", True, False),
        ("other@example.org", False, True),
        ("nobody@example.org", False, False),
    ],
)
def test_home_lists_only_the_roadmaps_a_user_may_see(client, world, email, sees_kenya, sees_uganda):
    login(client, email)
    html = client.get("/").get_data(as_text=True)
    assert ("Kenya COP roadmap" in html) is sees_kenya
    assert ("Uganda COP roadmap" in html) is sees_uganda


def test_a_user_with_no_country_is_told_how_to_get_access(client, world):
    login(client, "nobody@example.org")
    assert "An administrator gives you access" in client.get("/").get_data(as_text=True)


def test_roadmap_page_lists_deliverables_by_pillar_in_pillar_order(client, world):
    login(client, "viewer@example.org")
    html = client.get(f"/roadmaps/{world['kenya']}/pillars").get_data(as_text=True)
    headings = [
        "1. Legal Measures",
        "2. Technical & Procedural Measures",
        "3. Organizational Structures",
        "4. Capacity Building",
        "5. International Cooperation",
    ]
    positions = [html.index(h) for h in headings]
    assert positions == sorted(positions)
    assert html.index("Legal gap analysis") < html.index("2. Technical") < html.index("National reporting portal")
    assert "Ministry of ICT" in html and "milestone" in html
    assert "No deliverable in this pillar yet." not in html.split("International Cooperation")[0]


@pytest.mark.parametrize("page", ["", "/pillars", "/what-if?key=O1&weeks=2"])
def test_another_countrys_roadmap_is_not_found(client, world, page):
    login(client, "editor@example.org")
    response = client.get(f"/roadmaps/{world['uganda']}{page}")
    assert response.status_code == 404
    assert "Uganda" not in response.get_data(as_text=True)


@pytest.mark.parametrize("roadmap_id", ["999999", "99999999999999999999"])
def test_a_missing_roadmap_is_a_friendly_404(client, world, roadmap_id):
    login(client, "admin@example.org")
    response = client.get(f"/roadmaps/{roadmap_id}")
    assert response.status_code == 404 and "There is nothing here" in response.get_data(as_text=True)


def test_markup_in_titles_is_shown_as_text(client, world):
    rid = import_small(title="<script>alert('x')</script>")
    login(client, "admin@example.org")
    for page in ("/", f"/roadmaps/{rid}", f"/roadmaps/{rid}/pillars", f"/roadmaps/{rid}/what-if?key=O1&weeks=1"):
        html = client.get(page).get_data(as_text=True)
        assert "<script>alert" not in html and "&lt;script&gt;alert" in html


def test_unexpected_errors_show_a_page_not_a_traceback(client, world, app, monkeypatch):
    login(client, "admin@example.org")

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("views.workspace.roadmaps.load_plan", explode)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get(f"/roadmaps/{world['kenya']}")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Something went wrong" in html and "Traceback" not in html and "boom" not in html
    assert db.session.get(Roadmap, world["kenya"]) is not None
