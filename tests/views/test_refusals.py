"""A change the roadmap's state forbids says why, on the pages and in the API, and never answers a server
error; numbers too large to be ids are not found, whichever route they reach."""

import json

import pytest

from models.operations import Actor
from models.operations.workflow import Step, move_roadmap
from tests.views.api.conftest import token_for
from tests.views.conftest import login


def in_review(rid: int) -> None:
    move_roadmap(Actor("Ed"), rid, Step.SUBMIT, editor=True, reviewer=False)


def approved(rid: int) -> None:
    in_review(rid)
    move_roadmap(Actor("Ada"), rid, Step.APPROVE, editor=False, reviewer=True, label="Cabinet decision 4")


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_the_api_answers_409_with_the_reason_when_a_link_of_a_roadmap_in_review_is_changed(client, world, method):
    rid = world["kenya"]
    in_review(rid)
    headers = {"Authorization": f"Bearer {token_for('editor@example.org')}"}
    [link, *_] = client.get(f"/api/v1/roadmaps/{rid}/dependencies", headers=headers).get_json()["items"]
    url = f"/api/v1/roadmaps/{rid}/dependencies/{link['id']}"
    etag = client.get(url, headers=headers).headers["ETag"]
    body = json.dumps({"type": "start_to_start", "lag_weeks": 1}) if method == "PUT" else None
    answer = client.open(
        url, method=method, headers={**headers, "If-Match": etag}, data=body, content_type="application/json"
    )
    assert answer.status_code == 409 and answer.mimetype == "application/problem+json"
    assert "in review" in answer.get_json()["detail"]
    assert client.get(url, headers=headers).get_json() == link  # nothing changed


def test_the_wizard_says_why_it_cannot_add_suggested_links_to_a_roadmap_in_review(client, world):
    rid = world["kenya"]
    in_review(rid)
    login(client, "editor@example.org")
    answer = client.post(f"/roadmaps/{rid}/wizard/dependencies", data={"action": "suggested"}, follow_redirects=True)
    assert answer.status_code == 200
    assert "The roadmap is in review: it can be changed again once the reviewer returns it to draft." in (
        answer.get_data(as_text=True)
    )


def test_removing_a_link_of_an_approved_roadmap_says_to_reopen_it_first(client, world):
    rid = world["kenya"]
    approved(rid)
    headers = {"Authorization": f"Bearer {token_for('editor@example.org')}"}
    [link, *_] = client.get(f"/api/v1/roadmaps/{rid}/dependencies", headers=headers).get_json()["items"]
    login(client, "editor@example.org")
    answer = client.post(f"/roadmaps/{rid}/links/{link['id']}/delete", follow_redirects=True)
    page = answer.get_data(as_text=True)
    # Back on the links step, which says why, and says so before anyone tries again.
    assert answer.status_code == 200 and "reopen it for revision" in page
    assert "This roadmap is approved: reopen it for revision" in page
    assert client.get(f"/api/v1/roadmaps/{rid}/dependencies/{link['id']}", headers=headers).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/roadmaps/{rid}/deliverables/99999999999999999999/edit",
        "/roadmaps/{rid}/links/99999999999999999999/delete",
        "/roadmaps/99999999999999999999",
        "/roadmaps/{rid}/deliverables/2147483648/edit",  # past a PostgreSQL integer
    ],
)
def test_a_number_too_large_to_be_an_id_is_not_found(client, world, path):
    login(client, "editor@example.org")
    url = path.format(rid=world["kenya"])
    opened = client.get(url)
    # An address that only takes a sent form, opened as a page, leads to the page above it (views/errors.py).
    assert opened.status_code in (404, 405) or (opened.status_code == 302 and "9999" not in opened.headers["Location"])
    assert client.post(url).status_code in (404, 405)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/roadmaps/3240999182218828"),
        ("PUT", "/api/v1/roadmaps/3240999182218828"),
        ("POST", "/api/v1/roadmaps/3240999182218828/deliverables"),
        ("DELETE", "/api/v1/roadmaps/{rid}/dependencies/99999999999999999999"),
        ("GET", "/api/v1/roadmaps/3240999182218828/pdf?paper=a4"),
    ],
)
def test_the_api_answers_an_id_too_large_to_be_one_as_not_found_whatever_the_method(client, world, method, path):
    headers = {"Authorization": f"Bearer {token_for('editor@example.org')}", "If-Match": '"x"'}
    answer = client.open(path.format(rid=world["kenya"]), method=method, headers=headers, json={})
    assert answer.status_code == 404 and answer.mimetype == "application/problem+json"
