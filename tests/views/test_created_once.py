"""Each create form carries a one-time token: the same page sent again shows what it saved, no copy."""

import re
from datetime import date

from sqlalchemy import func, select

from models import Comment, Deliverable, Dependency, LibraryEntry, Measurement, Roadmap, db
from models.operations import Actor, move_roadmap
from models.operations.workflow import Step
from tests.views.conftest import login

NOTE = "This was already saved, so it was not added again. Here it is."


def _token(html: str) -> str:
    return re.search(r'name="once" type="hidden" value="([^"]+)"', html).group(1)


def test_a_new_roadmap_sent_twice_is_created_once(client, world):
    login(client, "editor@example.org")
    home = client.get("/").get_data(as_text=True)
    address = re.search(r'href="(/roadmaps/new\?once=[\w-]+)"', home).group(1)
    token = _token(client.get(address).get_data(as_text=True))
    assert f"once={token}" in address  # Back fetches the page again, with the same token
    form = {
        "country": "KEN",
        "title": "Kenya roadmap 2028",
        "start_date": "2028-01-03",
        "language": "en",
        "once": token,
    }
    count = select(func.count()).select_from(Roadmap).where(Roadmap.title == "Kenya roadmap 2028")
    assert client.post(address, data=form).headers["Location"].endswith("/wizard/legal")
    again = client.post(address, data=form, follow_redirects=True)
    assert again.request.path.endswith("/wizard/basics") and NOTE in again.get_data(as_text=True)
    assert db.session.scalar(count) == 1


def test_a_comment_sent_twice_is_posted_once(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    token = _token(client.get(f"/roadmaps/{rid}/review").get_data(as_text=True))
    form = {"body": "Who chairs the steering committee?", "once": token}
    count = select(func.count()).select_from(Comment).where(Comment.body == form["body"])
    assert client.post(f"/roadmaps/{rid}/comments", data=form).status_code == 302
    again = client.post(f"/roadmaps/{rid}/comments", data=form, follow_redirects=True)
    assert again.request.path == f"/roadmaps/{rid}/review" and NOTE in again.get_data(as_text=True)
    assert db.session.scalar(count) == 1


def test_a_refused_comment_spends_no_token(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    token = _token(client.get(f"/roadmaps/{rid}/review").get_data(as_text=True))
    assert client.post(f"/roadmaps/{rid}/comments", data={"body": " ", "once": token}).status_code == 400
    assert client.post(f"/roadmaps/{rid}/comments", data={"body": "Now written", "once": token}).status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Comment).where(Comment.body == "Now written")) == 1


def test_a_deliverable_comment_sent_twice_is_posted_once(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    d = db.session.scalar(select(Deliverable.id).where(Deliverable.roadmap_id == rid, Deliverable.key == "O1"))
    page = client.get(f"/roadmaps/{rid}/deliverables/{d}/tracking")
    assert page.status_code == 200
    form = {"body": "Is the budget line agreed?", "once": _token(page.get_data(as_text=True))}
    address = f"/roadmaps/{rid}/deliverables/{d}/comments"
    assert client.post(address, data=form).status_code == 302
    again = client.post(address, data=form, follow_redirects=True)
    assert NOTE in again.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Comment).where(Comment.body == form["body"])) == 1


def test_a_link_sent_twice_is_added_once(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    m1 = db.session.scalar(select(Deliverable.id).where(Deliverable.roadmap_id == rid, Deliverable.key == "M1"))
    page = client.get(f"/roadmaps/{rid}/wizard/dependencies?add=M1").get_data(as_text=True)
    token = re.search(r'name="link-M1-once" type="hidden" value="([^"]+)"', page).group(1)
    form = {"link-M1-predecessor": "L1", "link-M1-kind": "finish_to_start", "link-M1-lag_weeks": "0"}
    form["link-M1-once"] = token
    links = select(func.count()).select_from(Dependency).where(Dependency.successor_id == m1)
    before = db.session.scalar(links)
    assert client.post(f"/roadmaps/{rid}/deliverables/{m1}/links", data=form).status_code == 302
    again = client.post(f"/roadmaps/{rid}/deliverables/{m1}/links", data=form, follow_redirects=True)
    assert again.request.path == f"/roadmaps/{rid}/wizard/dependencies" and NOTE in again.get_data(as_text=True)
    assert db.session.scalar(links) == before + 1


def test_a_roadmap_proposed_for_the_library_twice_is_proposed_once(client, world):
    rid = world["kenya"]
    move_roadmap(Actor("Reviewer"), rid, Step.SUBMIT, editor=True, reviewer=False)
    move_roadmap(Actor("Reviewer"), rid, Step.APPROVE, editor=False, reviewer=True)
    login(client, "editor@example.org")
    sharing = client.get(f"/roadmaps/{rid}/sharing").get_data(as_text=True)
    address = re.search(rf'href="(/roadmaps/{rid}/library/propose\?once=[\w-]+)"', sharing).group(1)
    token = _token(client.get(address).get_data(as_text=True))
    form = {"title": "A coordinated start", "summary": "How a lead agency came first.", "share": "redacted"}
    form["once"] = token
    assert client.post(address, data=form).status_code == 302
    again = client.post(address, data=form, follow_redirects=True)
    assert again.request.path.startswith("/library/") and NOTE in again.get_data(as_text=True)
    entries = select(func.count()).select_from(LibraryEntry).where(LibraryEntry.source_roadmap_id == rid)
    assert db.session.scalar(entries) == 1


def test_a_reading_sent_twice_is_recorded_once(client, world):
    rid = world["kenya"]
    login(client, "editor@example.org")
    o1 = db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == "O1"))
    page = client.get(f"/roadmaps/{rid}/deliverables/{o1.id}/tracking").get_data(as_text=True)
    token = re.search(r'name="measure-once" type="hidden" value="([^"]+)"', page).group(1)
    form = {
        "measure-indicator": str(o1.indicators[0].id),
        "measure-measured_on": date.today().isoformat(),
        "measure-value": "1",
    }
    form["measure-once"] = token
    address = f"/roadmaps/{rid}/deliverables/{o1.id}/measurements"
    assert client.post(address, data=form).status_code == 302
    again = client.post(address, data=form, follow_redirects=True)
    # Not the "replace the reading of that day?" question: the same page was simply sent again.
    assert again.status_code == 200 and NOTE in again.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Measurement)) == 1


def test_a_roadmap_started_from_the_library_twice_is_started_once(client, world):
    from tests.views.library.test_library import approve, publish_kenya

    approve(world["kenya"])
    eid = publish_kenya(client, world["kenya"])
    login(client, "other@example.org")
    entry = client.get(f"/library/{eid}").get_data(as_text=True)
    address = re.search(rf'href="(/library/{eid}/adapt\?once=[\w-]+)"', entry).group(1)
    token = _token(client.get(address).get_data(as_text=True))
    form = {"country": "UGA", "title": "Uganda from Kenya", "start_date": "2028-01-03", "language": "en"}
    form |= {"pillars": ["legal"], "once": token}
    assert client.post(address, data=form).status_code == 302
    again = client.post(address, data=form, follow_redirects=True)
    assert NOTE in again.get_data(as_text=True)
    count = select(func.count()).select_from(Roadmap).where(Roadmap.title == "Uganda from Kenya")
    assert db.session.scalar(count) == 1


def test_an_account_sent_twice_is_created_once(client, world):
    login(client, "admin@example.org")
    users = client.get("/admin/users").get_data(as_text=True)
    address = re.search(r'href="(/admin/users/new\?once=[\w-]+)"', users).group(1)
    token = _token(client.get(address).get_data(as_text=True))
    password = "a long enough password"
    form = {"email": "amina@example.org", "name": "Amina", "password": password, "confirm": password, "role": "member"}
    form["once"] = token
    assert client.post(address, data=form).status_code == 302
    again = client.post(address, data=form, follow_redirects=True)
    # Shown the account made, not "a user with the e-mail … already exists".
    assert again.request.path.startswith("/admin/users/") and NOTE in again.get_data(as_text=True)
    assert "already exists" not in again.get_data(as_text=True)


def test_a_reply_sent_twice_is_posted_once_and_each_thread_has_its_own_token(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    for body in ("First question", "Second question"):
        token = _token(client.get(f"/roadmaps/{rid}/review").get_data(as_text=True))
        client.post(f"/roadmaps/{rid}/comments", data={"body": body, "once": token})
    page = client.get(f"/roadmaps/{rid}/review").get_data(as_text=True)
    replies = dict(
        re.findall(
            r'/comments/(\d+)/reply" class="reply">\s*<input[^>]*>\s*<input type="hidden" name="once" value="([^"]+)"',
            page,
        )
    )
    assert len(replies) == 2 and len(set(replies.values())) == 2
    (first, once), (second, other) = replies.items()
    form = {"body": "An answer", "once": once}
    assert client.post(f"/roadmaps/{rid}/comments/{first}/reply", data=form).status_code == 302
    again = client.post(f"/roadmaps/{rid}/comments/{first}/reply", data=form, follow_redirects=True)
    assert NOTE in again.get_data(as_text=True)
    # The other thread's form, from the same page, still posts.
    assert (
        client.post(f"/roadmaps/{rid}/comments/{second}/reply", data={"body": "An answer", "once": other}).status_code
        == 302
    )
    assert db.session.scalar(select(func.count()).select_from(Comment).where(Comment.body == "An answer")) == 2
