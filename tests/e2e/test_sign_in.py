"""A country team member signs in and opens the roadmap, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_sign_in_see_roadmaps_open_one_and_sign_out(large_roadmap, live_server, page, artifacts):
    page.goto(f"{live_server}/")
    assert "/login" in page.url

    page.get_by_label("E-mail").fill("editor@example.org")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("The e-mail or password is not right.")).to_be_visible()
    assert page.get_by_label("E-mail").input_value() == "editor@example.org"

    page.get_by_label("Password").fill("demo-password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Your roadmaps").wait_for()
    expect(
        page.get_by_role("link", name="National Child Online Protection Roadmap 2027–2028 (demo)", exact=True)
    ).to_be_visible()
    assert page.get_by_text("Child Online Protection Action Plan (demo)").count() == 0  # another country's
    page.screenshot(path=str(artifacts / "e2e-home.png"), full_page=True)

    page.get_by_role("link", name=large_roadmap, exact=True).click()
    page.get_by_role("heading", name="Critical path").wait_for()
    expect(page.get_by_role("heading", name="Phase 1", exact=False).first).to_be_visible()
    page.screenshot(path=str(artifacts / "e2e-sequence.png"), full_page=False)

    page.get_by_role("link", name="By pillar").click()
    page.get_by_role("heading", name="1. Legal Measures").wait_for()
    # This roadmap has more than sixty deliverables: a pillar a page, the others one link away.
    pages = page.get_by_role("navigation", name="Pages by pillar")
    expect(pages.get_by_role("link", name=re.compile(r"^International Cooperation"))).to_be_visible()
    expect(page.get_by_text("Legal gap analysis of child online protection laws")).to_be_visible()
    page.screenshot(path=str(artifacts / "e2e-roadmap.png"), full_page=False)

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    page.goto(f"{live_server}/")
    assert "/login" in page.url


def test_keyboard_alone_can_sign_in(live_server, page):
    page.goto(f"{live_server}/login")
    order = []
    for _ in range(7):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()"))
    # The language form in the header comes before the page's own form, as on every page.
    assert order == [
        "Skip to content",
        "COP Roadmap",
        "language-choice",
        "Change language",
        "email",
        "password",
        "Sign in",
    ]
    page.get_by_label("E-mail").focus()
    page.keyboard.type("viewer@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("demo-password")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Your roadmaps").wait_for()
