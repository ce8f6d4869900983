"""The JSON API as a script uses it: tokens, permissions, ETags, problems, pagination."""

import re

from sqlalchemy import select

from models import Deliverable, Roadmap, User, db
from models.operations import Actor, add_thread
from models.operations.tokens import revoke_token, tokens_of
from roadmap.vocabulary import RoadmapStatus
from tests.factories import PASSWORD
from tests.views.api.conftest import token_for
from tests.views.conftest import login


def test_no_token_no_data_and_the_session_is_not_enough(client, world):
    assert client.get("/api/v1/roadmaps").status_code == 401
    login(client, "editor@example.org")
    answer = client.get("/api/v1/roadmaps")
    assert answer.status_code == 401
    assert answer.mimetype == "application/problem+json"
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    bad = client.get("/api/v1/roadmaps", headers={"Authorization": "Bearer cop_not-a-token"})
    assert bad.status_code == 401


def test_a_token_acts_with_exactly_its_users_permissions(api, world):
    listed = api("GET", "/roadmaps", "editor@example.org").get_json()
    assert [r["country"] for r in listed["items"]] == ["KEN"] and listed["total"] == 1
    assert api("GET", f"/roadmaps/{world['uganda']}", "editor@example.org").status_code == 404
    assert {r["country"] for r in api("GET", "/roadmaps", "adviser@example.org").get_json()["items"]} == {"KEN", "UGA"}
    got = api("GET", f"/roadmaps/{world['kenya']}", "viewer@example.org")
    assert got.status_code == 200
    refused = api(
        "PUT", f"/roadmaps/{world['kenya']}", "viewer@example.org", got.get_json(), {"If-Match": got.headers["ETag"]}
    )
    assert refused.status_code == 403 and refused.mimetype == "application/problem+json"


def test_a_revoked_token_is_refused(client, world):
    token = token_for("editor@example.org")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/roadmaps", headers=headers).status_code == 200
    user = db.session.scalar(select(User).where(User.email == "editor@example.org"))
    revoke_token(user.id, tokens_of(user.id)[0].id)
    assert client.get("/api/v1/roadmaps", headers=headers).status_code == 401


def test_get_modify_put_the_whole_roadmap_with_etags(api, world):
    rid = world["kenya"]
    add_thread(Actor("Ada"), rid, db.session.scalar(select(Deliverable.id).where(Deliverable.key == "T1")), "Budget?")
    got = api("GET", f"/roadmaps/{rid}")
    etag = got.headers["ETag"]
    doc = got.get_json()
    doc["title"] = "Kenya COP roadmap, revised"
    doc["deliverables"] = [d for d in doc["deliverables"] if d["key"] != "M1"]
    doc["dependencies"] = [x for x in doc["dependencies"] if x["to"] != "M1"]
    assert api("PUT", f"/roadmaps/{rid}", body=doc).status_code == 428
    saved = api("PUT", f"/roadmaps/{rid}", body=doc, headers={"If-Match": etag})
    assert saved.status_code == 200, saved.get_json()
    assert saved.get_json()["title"] == "Kenya COP roadmap, revised"
    assert saved.headers["ETag"] != etag
    assert {d["key"] for d in api("GET", f"/roadmaps/{rid}").get_json()["deliverables"]} == {"O1", "L1", "T1"}
    # The thread on T1 followed its key through the replacement.
    from models.operations.comments import threads

    assert threads(rid)[0].deliverable_key == "T1"
    stale = api("PUT", f"/roadmaps/{rid}", body=doc, headers={"If-Match": etag})
    assert stale.status_code == 412


def test_put_refuses_what_the_roadmap_cannot_become(api, world):
    rid = world["kenya"]
    got = api("GET", f"/roadmaps/{rid}")
    doc = got.get_json()
    tag = {"If-Match": got.headers["ETag"]}
    doc["status"] = "approved"
    answer = api("PUT", f"/roadmaps/{rid}", body=doc, headers=tag)
    assert answer.status_code == 422 and answer.get_json()["field"] == "status"
    doc["status"] = "draft"
    doc["deliverables"][0]["duration_weeks"] = "eight"
    answer = api("PUT", f"/roadmaps/{rid}", body=doc, headers=tag)
    assert answer.status_code == 422
    assert answer.get_json()["field"] == "deliverables[0].duration_weeks"
    assert api("PUT", f"/roadmaps/{rid}", raw="{bad json", headers=tag).status_code == 400
    db.session.expire_all()
    assert db.session.get(Roadmap, rid).status == RoadmapStatus.DRAFT


def test_deliverables_create_read_update_delete(api, world):
    rid = world["kenya"]
    new = {"key": "C9", "pillar": "capacity", "title": "Train teachers", "duration_weeks": 6, "lead": "NGO"}
    created = api("POST", f"/roadmaps/{rid}/deliverables", body=new)
    assert created.status_code == 201, created.get_json()
    assert created.headers["Location"].endswith(f"/roadmaps/{rid}/deliverables/C9")
    taken = api("POST", f"/roadmaps/{rid}/deliverables", body=new)
    assert taken.status_code == 422 and taken.get_json()["field"] == "key"  # the key is taken
    wrong = api("POST", f"/roadmaps/{rid}/deliverables", body={**new, "key": "C10", "lead": "NOBODY"})
    assert wrong.status_code == 422 and wrong.get_json()["field"] == "lead"
    got = api("GET", f"/roadmaps/{rid}/deliverables/C9")
    body = {**got.get_json(), "title": "Train teachers and counsellors"}
    assert api("PUT", f"/roadmaps/{rid}/deliverables/C9", body=body).status_code == 428
    saved = api("PUT", f"/roadmaps/{rid}/deliverables/C9", body=body, headers={"If-Match": got.headers["ETag"]})
    assert saved.status_code == 200 and saved.get_json()["title"] == "Train teachers and counsellors"
    stale = api("PUT", f"/roadmaps/{rid}/deliverables/C9", body=body, headers={"If-Match": got.headers["ETag"]})
    assert stale.status_code == 412
    renamed = api(
        "PUT",
        f"/roadmaps/{rid}/deliverables/C9",
        body={**body, "key": "L1"},
        headers={"If-Match": saved.headers["ETag"]},
    )
    assert renamed.status_code == 422 and renamed.get_json()["field"] == "key"  # L1 is another's key
    linked = api("GET", f"/roadmaps/{rid}/deliverables/L1")
    refused = api("DELETE", f"/roadmaps/{rid}/deliverables/L1", headers={"If-Match": linked.headers["ETag"]})
    assert refused.status_code == 409 and "O1" in refused.get_json()["detail"]
    gone = api("DELETE", f"/roadmaps/{rid}/deliverables/C9", headers={"If-Match": saved.headers["ETag"]})
    assert gone.status_code == 204
    assert api("GET", f"/roadmaps/{rid}/deliverables/C9").status_code == 404


def test_dependencies_and_a_refused_loop(api, world):
    rid = world["kenya"]
    links = api("GET", f"/roadmaps/{rid}/dependencies").get_json()
    assert links["total"] == 3
    loop = api("POST", f"/roadmaps/{rid}/dependencies", body={"from": "M1", "to": "O1"})
    assert loop.status_code == 409 and "O1" in loop.get_json()["detail"]
    made = api("POST", f"/roadmaps/{rid}/dependencies", body={"from": "O1", "to": "M1", "lag_weeks": 2})
    assert made.status_code == 201
    url = "/" + made.get_json()["url"].split("/api/v1/", 1)[1]
    changed = api(
        "PUT", url, body={"type": "start_to_start", "lag_weeks": 1}, headers={"If-Match": made.headers["ETag"]}
    )
    assert changed.status_code == 200 and changed.get_json()["type"] == "start_to_start"
    stale = api("DELETE", url, headers={"If-Match": made.headers["ETag"]})
    assert stale.status_code == 412
    assert api("DELETE", url, headers={"If-Match": changed.headers["ETag"]}).status_code == 204


def test_progress_and_the_forecast_schedule(api, world):
    rid = world["kenya"]
    got = api("GET", f"/roadmaps/{rid}/deliverables/O1")
    bad = api(
        "POST",
        f"/roadmaps/{rid}/deliverables/O1/progress",
        body={"status": "done", "percent_complete": 100},
        headers={"If-Match": got.headers["ETag"]},
    )
    assert bad.status_code == 422 and bad.get_json()["field"] == "actual_finish"
    ok = api(
        "POST",
        f"/roadmaps/{rid}/deliverables/O1/progress",
        body={"status": "in_progress", "percent_complete": 50, "actual_start": "2026-01-05", "note": "Halfway"},
        headers={"If-Match": got.headers["ETag"]},
    )
    assert ok.status_code == 200 and ok.get_json()["progress_note"] == "Halfway"
    plain = api("GET", f"/roadmaps/{rid}/schedule").get_json()
    assert plain["roadmap_id"] == rid and "as_of" not in plain
    ahead = api("GET", f"/roadmaps/{rid}/schedule?as_of=2027-03-01").get_json()
    assert ahead["as_of"] == "2027-03-01" and ahead["baseline"] is None
    assert api("GET", f"/roadmaps/{rid}/schedule?as_of=soon").get_json()["field"] == "as_of"


def test_pagination_with_link_headers(api, world):
    first = api("GET", f"/roadmaps/{world['kenya']}/deliverables?per_page=3")
    assert len(first.get_json()["items"]) == 3 and first.get_json()["total"] == 4
    assert 'rel="next"' in first.headers["Link"]
    second = api("GET", f"/roadmaps/{world['kenya']}/deliverables?per_page=3&page=2")
    assert [d["key"] for d in second.get_json()["items"]] == ["M1"]
    assert api("GET", "/roadmaps?per_page=0").status_code == 400


def test_the_list_pages_and_each_deliverable_read_whole_match_the_roadmap(api, world):
    # Pages and single reads load only the deliverables asked for; put together, they must be the
    # roadmap's deliverables exactly, indicators, partners and threats included.
    rid = world["kenya"]
    whole = api("GET", f"/roadmaps/{rid}").get_json()["deliverables"]
    assert any(d.get("indicators") for d in whole) and any(d.get("partners") for d in whole)
    paged = []
    for page in range(1, len(whole) + 1):
        paged += api("GET", f"/roadmaps/{rid}/deliverables?per_page=1&page={page}").get_json()["items"]
    assert paged == whole
    for item in whole:
        assert api("GET", f"/roadmaps/{rid}/deliverables/{item['key']}").get_json() == item
    beyond = api("GET", f"/roadmaps/{rid}/deliverables?per_page=2&page=9").get_json()
    assert beyond == {"items": [], "total": len(whole)}


def test_unknown_api_paths_answer_in_json(api, world):
    answer = api("GET", "/nothing-here")
    assert answer.status_code == 404 and answer.mimetype == "application/problem+json"
    assert api("PATCH", f"/roadmaps/{world['kenya']}").status_code == 405


def form_id(page) -> str:
    """The one-time id of the token form a page shows."""
    return re.search(r'name="once" type="hidden" value="([^"]+)"', page.text)[1]


def test_the_account_page_makes_shows_once_and_revokes_a_token(client, world):
    login(client, "viewer@example.org")
    page = client.get("/account/tokens")
    answer = client.post("/account/tokens", data={"name": "", "password": PASSWORD, "once": form_id(page)})
    assert answer.status_code == 400
    # A token is made only with the password typed again, whoever holds the signed-in browser.
    refused = client.post(
        "/account/tokens", data={"name": "Monthly report", "password": "guess", "once": form_id(answer)}
    )
    assert refused.status_code == 400 and "That is not your password." in refused.text
    assert 'value="Monthly report"' in refused.text and 'id="new-token"' not in refused.text
    no_password = client.post("/account/tokens", data={"name": "Monthly report", "once": form_id(refused)})
    assert no_password.status_code == 400
    sent = {"name": "Monthly report", "password": PASSWORD, "once": form_id(no_password)}
    made = client.post("/account/tokens", data=sent)
    # The page showing the token reloaded sends the same form again: no second token.
    again = client.post("/account/tokens", data=sent)
    assert (
        again.status_code == 302
        and len(tokens_of(db.session.scalar(select(User.id).where(User.email == "viewer@example.org")))) == 1
    )
    token = made.text.split('id="new-token" type="text" readonly size="60" value="')[1].split('"')[0]
    assert client.get("/api/v1/roadmaps", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    page = client.get("/account/tokens")
    assert "Monthly report" in page.text and token not in page.text
    token_id = tokens_of(db.session.scalar(select(User.id).where(User.email == "viewer@example.org")))[0].id
    assert client.post(f"/account/tokens/{token_id}/revoke").status_code == 302
    assert client.get("/api/v1/roadmaps", headers={"Authorization": f"Bearer {token}"}).status_code == 401
