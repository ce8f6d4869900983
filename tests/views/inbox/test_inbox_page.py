"""The inbox as people use it: the header says how many notices are unread, the inbox lists them,
opening one leads to what it is about and marks it read, and a returned roadmap says why on the home page."""

import re

from sqlalchemy import select

from models import Deliverable, GlobalRole, db
from models.operations.following import follow
from models.queries.inbox import inbox
from tests.factories import make_user
from tests.views.conftest import login


def header_count(html: str) -> str | None:
    found = re.search(r'<a href="/inbox/">Inbox(?: <strong class="count">\((\d+) unread\)</strong>)?</a>', html)
    assert found, "the header has no inbox link"
    return found.group(1)


def submit(app, client, rid, email="editor@example.org"):
    with app.app_context():
        login(client, email)
        assert client.post(f"/roadmaps/{rid}/status", data={"move": "submit"}).status_code == 302
        client.post("/logout")


def test_a_submission_shows_in_the_advisers_header_and_inbox_and_opens_the_review(app, world):
    rid = world["kenya"]
    submitter, adviser = app.test_client(), app.test_client()
    submit(app, submitter, rid)
    with app.app_context():
        login(adviser, "adviser@example.org")  # follows no country, so hears of every submission
        home = adviser.get("/").get_data(as_text=True)
        assert header_count(home) == "1"
        page = adviser.get("/inbox/").get_data(as_text=True)
        assert "1 unread notice." in page
        assert "Unread" in page
        assert 'submitted “<bdi dir="ltr">Kenya COP roadmap</bdi>” for review' in page
        notice_id = int(re.search(r'href="/inbox/(\d+)"', page).group(1))
    with app.app_context():
        opened = adviser.get(f"/inbox/{notice_id}")
        assert opened.status_code == 302
        assert opened.headers["Location"] == f"/roadmaps/{rid}/review"
    with app.app_context():
        page = adviser.get("/inbox/").get_data(as_text=True)
        assert header_count(page) is None
        assert "0 unread notices." in page and "Read" in page
    with app.app_context():
        # The editor who submitted has nothing in their inbox.
        login(submitter, "editor@example.org")
        assert header_count(submitter.get("/inbox/").get_data(as_text=True)) is None


def test_a_return_reaches_the_team_with_its_comment_until_submitted_again(app, world):
    rid = world["kenya"]
    editor, adviser = app.test_client(), app.test_client()
    submit(app, editor, rid)
    with app.app_context():
        login(adviser, "adviser@example.org")
        answer = adviser.post(
            f"/roadmaps/{rid}/status", data={"move": "return", "comment": "Cost the legal review, please."}
        )
        assert answer.status_code == 302
    with app.app_context():
        login(editor, "editor@example.org")
        home = editor.get("/").get_data(as_text=True)
        assert header_count(home) == "1"
        assert 'Returned with comment: <bdi dir="ltr">Cost the legal review, please.</bdi>' in home
        page = editor.get("/inbox/").get_data(as_text=True)
        assert 'returned “<bdi dir="ltr">Kenya COP roadmap</bdi>” to draft' in page
        assert "Cost the legal review, please." in page
        notice_id = int(re.search(r'href="/inbox/(\d+)"', page).group(1))
    with app.app_context():
        # It leads to the thread the return opened, on the review page.
        location = editor.get(f"/inbox/{notice_id}").headers["Location"]
        assert re.fullmatch(rf"/roadmaps/{rid}/review#thread-\d+", location)
    with app.app_context():
        assert editor.post(f"/roadmaps/{rid}/status", data={"move": "submit"}).status_code == 302
    with app.app_context():
        assert "Returned with comment" not in editor.get("/").get_data(as_text=True)


def test_a_reply_leads_to_its_thread_on_the_deliverable(app, world):
    rid = world["kenya"]
    adviser, editor = app.test_client(), app.test_client()
    with app.app_context():
        login(adviser, "adviser@example.org")
        deliverable = db.session.scalar(
            select(Deliverable.id).where(Deliverable.roadmap_id == rid, Deliverable.key == "T1")
        )
        posted = adviser.post(f"/roadmaps/{rid}/deliverables/{deliverable}/comments", data={"body": "Who funds it?"})
        assert posted.status_code == 302
    with app.app_context():
        login(editor, "editor@example.org")
        page = editor.get("/inbox/").get_data(as_text=True)
        assert 'started a comment thread on “<bdi dir="ltr">Kenya COP roadmap</bdi>”' in page
        notice_id = re.search(r'href="/inbox/(\d+)"', page).group(1)
        thread = int(re.search(r"#thread-(\d+)", editor.get(f"/inbox/{notice_id}").headers["Location"]).group(1))
        assert (
            editor.post(f"/roadmaps/{rid}/comments/{thread}/reply", data={"body": "The ministry."}).status_code == 302
        )
    with app.app_context():
        page = adviser.get("/inbox/").get_data(as_text=True)
        assert "replied in a comment thread" in page and "The ministry." in page
        notice_id = re.search(r'href="/inbox/(\d+)"', page).group(1)
        location = adviser.post(f"/inbox/{notice_id}").headers["Location"]
        assert location == f"/roadmaps/{rid}/deliverables/{deliverable}/tracking#thread-{thread}"


def test_mark_all_read_and_nobody_opens_anothers_notice(app, world):
    rid = world["kenya"]
    with app.app_context():
        follower = make_user("follower@example.org", GlobalRole.ADVISER).id
        follow(follower, "KEN")
    editor, adviser, other = app.test_client(), app.test_client(), app.test_client()
    submit(app, editor, rid)
    with app.app_context():
        login(adviser, "follower@example.org")
        assert adviser.post("/inbox/read").headers["Location"] == "/inbox/"
        assert header_count(adviser.get("/").get_data(as_text=True)) is None
        notice_id = inbox(follower)[0].id
    with app.app_context():
        login(other, "adviser@example.org")
        assert other.get(f"/inbox/{notice_id}").status_code == 404
        assert other.get("/inbox/999999").status_code == 404
    with app.app_context():
        anonymous = app.test_client()
        assert anonymous.get("/inbox/").status_code == 302  # to the sign-in page
