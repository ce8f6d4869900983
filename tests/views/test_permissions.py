"""Every route, GET and POST, for every kind of user: who is sent to sign in, refused, or served.

Routes are read from the app's URL map, so a new route without an access check fails here.
"""

import pytest
from sqlalchemy import select

from models import Deliverable, Dependency, Stakeholder, db
from models.loading import load_plan
from roadmap.interchange import to_document
from tests.views.conftest import login

READ = {
    "roadmaps.show",
    "roadmaps.pillars",
    "roadmaps.what_if",
    "exports.pdf",
    "exports.json_file",
    "workspace.threats",
    "workspace.history",
}
PUBLIC = {"auth.login", "static"}
ROLES = ["anonymous", "viewer", "editor", "other_editor", "adviser", "admin"]
EMAILS = {
    "viewer": "viewer@example.org",
    "editor": "editor@example.org",
    "other_editor": "other@example.org",
    "adviser": "adviser@example.org",
    "admin": "admin@example.org",
}


def expected(endpoint: str, method: str, role: str) -> str:
    """login | denied (403) | hidden (404) | served."""
    if endpoint in PUBLIC:
        return "served"
    if role == "anonymous":
        return "login"
    if endpoint in ("roadmaps.home", "auth.logout"):
        return "served"
    if endpoint == "wizard.new":
        return "served" if role in ("editor", "other_editor", "admin") else "denied"
    if role == "other_editor":
        return "hidden"  # another country's roadmap is not disclosed
    if endpoint in READ:
        return "served"
    return "served" if role in ("editor", "admin") else "denied"


def outcome(response) -> str:
    location = response.headers.get("Location", "")
    if response.status_code == 302 and "/login" in location and "next=" in location:
        return "login"
    return {403: "denied", 404: "hidden"}.get(response.status_code, "served")


def routes(app, ids):
    values = {
        "roadmap_id": ids["roadmap"],
        "deliverable_id": ids["deliverable"],
        "dependency_id": ids["dependency"],
        "stakeholder_id": ids["stakeholder"],
        "step": "legal",
        "filename": "site.css",
    }
    found = []
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods & {"GET", "POST"}):
            path = rule.build({k: values[k] for k in rule.arguments}, append_unknown=False)[1]
            found.append((rule.endpoint, method, path))
    # Changes that remove things go last, so the rest are checked against an intact roadmap.
    return sorted(found, key=lambda r: ("delete" in r[0] or "remove" in r[0] or "merge" in r[0], r[0], r[1]))


@pytest.mark.parametrize("role", ROLES)
def test_every_route_answers_each_role_as_expected(app, client, world, role):
    rid = world["kenya"]
    ids = {
        "roadmap": rid,
        # L1 is linked and MOICT leads work, so the delete routes are refused rather than carried out.
        "deliverable": db.session.scalar(
            select(Deliverable.id).where(Deliverable.roadmap_id == rid, Deliverable.key == "L1")
        ),
        "dependency": db.session.scalar(select(Dependency.id).where(Dependency.roadmap_id == rid)),
        "stakeholder": db.session.scalar(
            select(Stakeholder.id).where(Stakeholder.roadmap_id == rid, Stakeholder.key == "MOICT")
        ),
    }
    before = to_document(load_plan(rid))
    if role != "anonymous":
        login(client, EMAILS[role])
    app.config["PDF_TIMEOUT"] = 60
    wrong = []
    for endpoint, method, path in routes(app, ids):
        if endpoint == "auth.logout":
            continue  # would end the session for the routes after it; covered in test_auth
        response = client.open(path, method=method, data={})
        got = outcome(response)
        response.close()
        want = expected(endpoint, method, role)
        if got != want:
            wrong.append(f"{method} {path} ({endpoint}): expected {want}, got {got} [{response.status_code}]")
    assert wrong == []
    if role not in ("editor", "admin"):
        db.session.expire_all()
        assert to_document(load_plan(rid)) == before, "a user who may not edit changed the roadmap"
