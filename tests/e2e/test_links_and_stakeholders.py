"""Drafting without detours: a link's type and lag changed where it is listed, a stakeholder added from the
deliverable form (with and without JavaScript)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.signing import follow, sign_in

pytestmark = pytest.mark.e2e

DEMO = "National Child Online Protection Roadmap 2027–2030 (demo)"


def open_demo(page, server) -> str:
    sign_in(page, server, "editor@example.org")
    follow(page, page.get_by_role("link", name=DEMO, exact=True))
    return page.url.rstrip("/")


def test_a_links_type_and_lag_are_changed_in_place(live_server, page):
    page.goto(open_demo(page, live_server) + "/wizard/dependencies")
    item = page.locator("li[id^=l-]").first
    item_id = item.get_attribute("id")
    name = item.locator("select").get_attribute("id")
    item.locator("select").select_option("start_to_start")
    item.get_by_role("textbox").fill("3")
    follow(page, item.get_by_role("button", name="Change"))
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"Link changed: \S+ → \S+\."))
    item = page.locator(f"li#{item_id}")
    expect(item).to_contain_text("start to start")
    expect(item).to_contain_text("+3")
    expect(page.locator(f"select#{name}")).to_have_value("start_to_start")

    # A lag out of range is refused with the reason, and the link stays as it was.
    item.get_by_role("textbox").fill("9999")
    follow(page, item.get_by_role("button", name="Change"))
    expect(page.get_by_role("status")).to_contain_text("was not changed: Number must be between -520 and 520.")
    expect(page.locator(f"li#{item_id}").get_by_role("textbox")).to_have_value("3")
