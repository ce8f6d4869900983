"""A form sent with an expired, missing or forged CSRF token comes back with the typed text kept."""

from __future__ import annotations

import re
import time

import pytest
from sqlalchemy import func, select

from models import Deliverable, GlobalRole, MembershipRole, Roadmap, Stakeholder, User, db
from models.operations import Actor, add_stakeholder
from roadmap.vocabulary import StakeholderKind
from tests.conftest import _dispose, make_app
from tests.factories import PASSWORD, import_small, make_user

EXPIRED = "This page had expired, so nothing was saved."
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def token_in(html: str) -> str:
    match = TOKEN.search(html)
    assert match, "the page has no CSRF token"
    return match.group(1) or match.group(2)


def sign_in(client, email: str) -> None:
    html = client.get("/login").get_data(as_text=True)
    response = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token_in(html)})
    assert response.status_code == 302


@pytest.fixture
def site(tmp_path, monkeypatch):
    """The app as it runs for real, CSRF checks on, with Kenya's roadmap and a signed-in editor.

    Requests run outside any app context the test holds, as in production: each gets its own ``g``.
    """
    app = make_app(tmp_path, monkeypatch, WTF_CSRF_ENABLED=True)
    with app.app_context():
        rid = import_small()
        make_user("editor@example.org", KEN=MembershipRole.EDITOR)
        make_user("admin@example.org", GlobalRole.ADMIN)
    client = app.test_client()
    sign_in(client, "editor@example.org")
    yield app, client, rid
    _dispose(app)


def in_db(app, query):
    """One value read from the database in its own app context."""
    with app.app_context():
        return db.session.scalar(query)


def l1(app, rid: int) -> tuple[int, int, str]:
    with app.app_context():
        row = db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == "L1"))
        return row.id, row.version, row.title


def edit_data(version: int, title: str) -> dict[str, str]:
    return {
        "key": "L1",
        "pillar": "legal",
        "title": title,
        "description": "Two paragraphs typed\nover half an hour.",
        "duration_weeks": "16",
        "priority": "medium",
        "lead": "MOICT",
        "version": str(version),
    }


@pytest.mark.parametrize("token", [None, "forged-or-from-another-session"])
def test_the_deliverable_form_comes_back_with_everything_typed(site, token):
    app, client, rid = site
    did, version, _ = l1(app, rid)
    data = edit_data(version, "Legal gap analysis, typed slowly")
    if token:
        data["csrf_token"] = token
    response = client.post(f"/roadmaps/{rid}/deliverables/{did}/edit", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert EXPIRED in html
    assert 'value="Legal gap analysis, typed slowly"' in html
    assert "Two paragraphs typed\nover half an hour." in html
    assert l1(app, rid)[2] == "Legal gap analysis"
    # The page carries a fresh token: sending it again as it stands saves it.
    again = client.post(f"/roadmaps/{rid}/deliverables/{did}/edit", data={**data, "csrf_token": token_in(html)})
    assert again.status_code == 302
    assert l1(app, rid)[2] == "Legal gap analysis, typed slowly"


def test_a_token_that_timed_out_keeps_the_input_too(site):
    app, client, rid = site
    did, version, _ = l1(app, rid)
    page = client.get(f"/roadmaps/{rid}/deliverables/{did}/edit").get_data(as_text=True)
    app.config["WTF_CSRF_TIME_LIMIT"] = 1
    time.sleep(2.1)
    data = {**edit_data(version, "Typed before lunch"), "csrf_token": token_in(page)}
    response = client.post(f"/roadmaps/{rid}/deliverables/{did}/edit", data=data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert EXPIRED in html and 'value="Typed before lunch"' in html
    assert token_in(html) != token_in(page)
    assert l1(app, rid)[2] == "Legal gap analysis"


def test_the_basics_step_comes_back_with_everything_typed(site):
    app, client, rid = site
    version = in_db(app, select(Roadmap.version).where(Roadmap.id == rid))
    response = client.post(
        f"/roadmaps/{rid}/wizard/basics",
        data={
            "country": "KEN",
            "title": "Kenya national roadmap, 2027–2030",
            "start_date": "2027-02-01",
            "language": "fr",
            "version": str(version),
            "direction": "next",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert EXPIRED in html
    assert 'value="Kenya national roadmap, 2027–2030"' in html
    assert 'value="2027-02-01"' in html and '<option selected value="fr">' in html
    assert in_db(app, select(Roadmap.title).where(Roadmap.id == rid)) == "Kenya COP roadmap"


def test_the_stakeholder_forms_come_back_with_everything_typed(site):
    app, client, rid = site
    response = client.post(
        f"/roadmaps/{rid}/stakeholders/", data={"add-name": "Office of the Data Commissioner", "add-kind": "regulator"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert EXPIRED in html and 'value="Office of the Data Commissioner"' in html
    sid = in_db(app, select(Stakeholder.id).where(Stakeholder.roadmap_id == rid, Stakeholder.key == "NGO"))
    rename = client.post(f"/roadmaps/{rid}/stakeholders/{sid}", data={f"s{sid}-name": "Child Rights Network Kenya"})
    assert rename.status_code == 400 and 'value="Child Rights Network Kenya"' in rename.get_data(as_text=True)
    assert in_db(app, select(func.count(Stakeholder.id)).where(Stakeholder.roadmap_id == rid)) == 3
    assert in_db(app, select(Stakeholder.name).where(Stakeholder.id == sid)) == "Child Rights Network"


def test_an_action_without_a_form_is_refused_and_not_carried_out(site):
    """Showing a refused request again must never carry it out: a delete button has no form to show."""
    app, client, rid = site
    with app.app_context():
        sid = add_stakeholder(Actor("test"), rid, "Unused agency", StakeholderKind.GOVERNMENT)
    response = client.post(f"/roadmaps/{rid}/stakeholders/{sid}/delete")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "This form had expired or was sent from another page." in html and EXPIRED not in html
    assert in_db(app, select(Stakeholder.id).where(Stakeholder.id == sid)) == sid
    # The message meant for the kept form is not left behind for the next page either.
    assert EXPIRED not in client.get(f"/roadmaps/{rid}/stakeholders/").get_data(as_text=True)


def test_signing_out_without_a_token_does_not_sign_out(site):
    _, client, _ = site
    assert client.post("/logout").status_code == 400
    assert client.get("/").status_code == 200


def test_an_admin_form_comes_back_with_everything_typed(site):
    app, client, _ = site
    client.post("/logout", data={"csrf_token": token_in(client.get("/").get_data(as_text=True))})
    sign_in(client, "admin@example.org")
    response = client.post(
        "/admin/users/new",
        data={"email": "new.person@example.org", "name": "New Person", "password": "x" * 12, "role": "adviser"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and EXPIRED in html
    assert 'value="new.person@example.org"' in html and 'value="New Person"' in html
    assert '<input checked id="role-1" name="role" required type="radio" value="adviser">' in html
    assert in_db(app, select(func.count(User.id)).where(User.email == "new.person@example.org")) == 0
