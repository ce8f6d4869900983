"""The review round in a real browser, with the inbox and e-mail: an editor submits; the adviser is told
by mail (a real SMTP server) and in the inbox, finds the roadmap on the dashboard under "waiting for my
review" and returns it with a comment; the team sees the comment on its home page."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.signing import follow, sign_in, sign_out
from tests.views.conftest import run_queued_jobs
from tests.views.inbox.test_mail import body, smtp_relay

pytestmark = pytest.mark.e2e

ROADMAP = "National Child Online Protection Roadmap 2027–2028 (demo)"
COMMENT = "Please cost the hotline (T2) before the Cabinet meeting."


@pytest.fixture
def mailbox(live_app, live_server):
    with smtp_relay(live_app, live_server) as messages:
        yield messages


def test_submitted_noticed_filtered_returned_and_seen_by_the_team(live_app, live_server, mailbox, page, artifacts):
    sign_in(page, live_server, "editor@example.org")
    follow(page, page.get_by_role("link", name=ROADMAP, exact=True))
    follow(page, page.get_by_role("link", name="Review and comments"))
    follow(page, page.get_by_role("button", name="Submit for review"))
    sign_out(page)

    # The request only queued the mail; the worker sends it.
    assert mailbox == []
    with live_app.app_context():
        run_queued_jobs(live_app)
    to_adviser = [m for to, m in mailbox if "adviser@example.org" in to]
    assert len(to_adviser) == 1 and "submitted" in to_adviser[0]["Subject"]
    link = re.search(r"Open it: (\S+)", body(to_adviser[0])).group(1)
    assert link.startswith(live_server + "/inbox/")

    sign_in(page, live_server, "adviser@example.org")
    expect(page.get_by_role("link", name=re.compile(r"Inbox \(1 unread\)"))).to_be_visible()
    follow(page, page.get_by_role("link", name=re.compile("Inbox")))
    expect(page.get_by_text("submitted “" + ROADMAP + "” for review", exact=False)).to_be_visible()
    assert_no_axe_violations(page, "inbox with a submission")
    page.screenshot(path=str(artifacts / "e2e-inbox.png"), full_page=True)

    follow(page, page.get_by_role("link", name="Dashboard"))
    page.get_by_label("Waiting for my review").check()
    follow(page, page.get_by_role("button", name="Show"))
    rows = page.locator("table.dashboard tbody tr")
    assert rows.count() == 1 and "Ghana" in rows.first.inner_text()
    follow(page, rows.first.get_by_role("link", name="Ghana"))
    follow(page, page.get_by_role("link", name="Review and comments"))
    page.get_by_label("Comment for the country team").fill(COMMENT)
    follow(page, page.get_by_role("button", name="Return to draft"))
    sign_out(page)

    with live_app.app_context():
        run_queued_jobs(live_app)
    to_editor = [m for to, m in mailbox if "editor@example.org" in to]
    assert len(to_editor) == 1 and COMMENT in body(to_editor[0])

    sign_in(page, live_server, "editor@example.org")
    expect(page.get_by_text(f"Returned with comment: {COMMENT}")).to_be_visible()
    assert_no_axe_violations(page, "home page of a returned roadmap")
    page.screenshot(path=str(artifacts / "e2e-returned-home.png"), full_page=True)
