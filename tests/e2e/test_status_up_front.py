"""A roadmap submitted from its review step: every step then says so at the top and opens read-only."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.signing import follow, sign_in

pytestmark = pytest.mark.e2e

DEMO = "National Child Online Protection Roadmap 2027–2030 (demo)"


def test_submitted_from_the_review_step_the_steps_open_read_only(live_server, page):
    sign_in(page, live_server, "editor@example.org")
    follow(page, page.get_by_role("link", name=DEMO, exact=True))
    roadmap = page.url.rstrip("/")
    page.goto(roadmap + "/wizard/review")
    expect(page.get_by_role("heading", name="Before you submit")).to_be_visible()
    follow(page, page.get_by_role("button", name="Submit for review"))

    page.goto(roadmap + "/wizard/capacity")
    notice = page.get_by_role("note").filter(has_text="This roadmap is in review")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("What follows is shown read-only.")
    expect(notice.get_by_role("link", name="Review and comments")).to_be_visible()
    # The notice comes before the form, and nothing in the form can be typed or saved.
    assert notice.bounding_box()["y"] < page.locator("form.assessment").bounding_box()["y"]
    expect(page.get_by_label("Notes on the assessment")).to_be_disabled()
    expect(page.get_by_role("button", name="Save and continue →")).to_have_count(0)
    expect(page.get_by_role("button", name="Write a custom deliverable")).to_have_count(0)

    page.goto(roadmap + "/wizard/dependencies")
    expect(page.get_by_role("note").filter(has_text="This roadmap is in review")).to_be_visible()
    expect(page.get_by_role("button", name="Add link")).to_have_count(0)
