"""The address a sent form leaves in the browser can be opened again: it shows the page, never a 405."""

from sqlalchemy import select

from models import Deliverable, db
from tests.views.conftest import login


def test_a_refused_links_address_reopened_is_the_links_page(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    o1 = db.session.scalar(select(Deliverable.id).where(Deliverable.roadmap_id == rid, Deliverable.key == "O1"))
    address = f"/roadmaps/{rid}/deliverables/{o1}/links"
    refused = client.post(
        address, data={"link-O1-predecessor": "M1", "link-O1-kind": "finish_to_start", "link-O1-lag_weeks": "0"}
    )
    assert refused.status_code == 400 and "dependency loop" in refused.get_data(as_text=True)
    reopened = client.get(address)
    assert reopened.status_code == 302
    assert reopened.headers["Location"] == f"/roadmaps/{rid}/wizard/dependencies?near=O1#d-O1"
    assert client.get(reopened.headers["Location"]).status_code == 200


def test_no_address_a_form_is_sent_to_answers_405_when_opened(app, client, world):
    login(client, "admin@example.org")
    rid = world["kenya"]
    d = db.session.scalar(select(Deliverable.id).where(Deliverable.roadmap_id == rid, Deliverable.key == "O1"))
    values = {"roadmap_id": rid, "deliverable_id": d, "dependency_id": 1, "stakeholder_id": 1, "user_id": 1}
    values |= {"membership_id": 1, "thread_id": 1, "template_id": 1, "entry_id": 1, "job_id": 1, "code": "KEN"}
    posted_only = [
        rule
        for rule in app.url_map.iter_rules()
        if "POST" in rule.methods and "GET" not in rule.methods and not rule.rule.startswith("/api/")
    ]
    assert len(posted_only) > 10
    for rule in posted_only:
        if not set(rule.arguments) <= values.keys():
            continue
        path = rule.build({k: values[k] for k in rule.arguments}, append_unknown=False)[1]
        response = client.get(path)
        assert response.status_code != 405, path
        assert response.status_code in (200, 302, 403, 404), (path, response.status_code)
