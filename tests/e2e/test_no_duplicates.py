"""Drafting without accidents: sending a form again by going Back saves nothing twice, a refused form's
address can be reopened, and a roadmap in review says so at the top of each step, which opens read-only."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.signing import follow, sign_in

pytestmark = pytest.mark.e2e

DEMO = "National Child Online Protection Roadmap 2027–2028 (demo)"
TITLE = "Pilot a school online-safety week"


def test_back_and_save_again_keeps_one_deliverable(live_server, page):
    sign_in(page, live_server, "editor@example.org")
    follow(page, page.get_by_role("link", name=DEMO, exact=True))
    capacity_step = page.url.rstrip("/") + "/wizard/capacity"
    page.goto(capacity_step)
    follow(page, page.get_by_role("button", name="Write a custom deliverable"))
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("Duration in weeks").fill("6")
    follow(page, page.get_by_role("button", name="Save the deliverable"))
    expect(page.get_by_role("status").filter(has_text="Deliverable added.")).to_be_visible()
    expect(page.get_by_role("cell", name=TITLE, exact=True)).to_have_count(1)

    page.go_back()
    page.get_by_role("heading", name="New deliverable").wait_for()
    expect(page.get_by_label("Title", exact=True)).to_have_value(TITLE)
    follow(page, page.get_by_role("button", name="Save the deliverable"))
    expect(page.get_by_role("status").filter(has_text="This was already saved")).to_be_visible()
    expect(page.get_by_label("Title", exact=True)).to_have_value(TITLE)  # the saved deliverable's own form
    page.goto(capacity_step)
    expect(page.get_by_role("cell", name=TITLE, exact=True)).to_have_count(1)


def test_back_and_add_again_keeps_one_stakeholder(live_server, page):
    sign_in(page, live_server, "editor@example.org")
    follow(page, page.get_by_role("link", name=DEMO, exact=True))
    follow(page, page.get_by_role("link", name="Stakeholders", exact=True))
    adding = page.locator("form.add-stakeholder")
    adding.get_by_label("Name", exact=True).fill("Communications Authority")
    adding.get_by_label("Kind", exact=True).select_option("regulator")
    follow(page, adding.get_by_role("button", name="Add the stakeholder"))
    expect(page.get_by_role("status")).to_contain_text("Stakeholder added: Communications Authority.")
    names = page.locator("input[id$=-name]")
    expect(names.and_(page.locator('[value="Communications Authority"]'))).to_have_count(1)

    page.go_back()
    page.get_by_role("heading", name="Stakeholders", level=1).wait_for()
    adding.get_by_label("Name", exact=True).fill("Communications Authority")
    adding.get_by_label("Kind", exact=True).select_option("regulator")
    follow(page, adding.get_by_role("button", name="Add the stakeholder"))
    expect(page.get_by_role("status").filter(has_text="This was already saved")).to_be_visible()
    expect(page.get_by_text("add anyway?")).to_have_count(0)
    expect(names.and_(page.locator('[value="Communications Authority"]'))).to_have_count(1)


def test_a_refused_links_address_opens_the_links_page_again(live_server, page):
    sign_in(page, live_server, "editor@example.org")
    follow(page, page.get_by_role("link", name=DEMO, exact=True))
    page.goto(page.url.rstrip("/") + "/wizard/dependencies?add=L1#d-L1")
    adding = page.locator("form.add-link")
    adding.get_by_label("Lag in weeks").fill("9999")
    follow(page, adding.get_by_role("button", name="Add link"))
    expect(adding.locator(".error")).not_to_have_count(0)
    refused_at = page.url.split("#")[0]
    assert "/links" in refused_at

    response = page.goto(refused_at)  # opened again, as a bookmark or a copied address is
    assert response.status == 200
    assert "/wizard/dependencies" in page.url and "/links" not in page.url
    expect(page.get_by_text("This page cannot be used that way.")).to_have_count(0)
    expect(page.locator("#d-L1")).to_be_visible()


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
