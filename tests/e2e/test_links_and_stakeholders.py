"""Drafting without detours: a link's type and lag changed where it is listed, a stakeholder added from the
deliverable form (with and without JavaScript)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.signing import follow, sign_in

pytestmark = pytest.mark.e2e

DEMO = "National Child Online Protection Roadmap 2027–2028 (demo)"


def open_demo(page, server) -> str:
    sign_in(page, server, "editor@example.org")
    follow(page, page.get_by_role("link", name=DEMO, exact=True))
    return page.url.rstrip("/")


def test_a_links_type_and_lag_are_changed_in_place(live_server, page):
    page.goto(open_demo(page, live_server) + "/wizard/dependencies")
    item = page.locator("li[id^=l-]").first
    assert_no_axe_violations(page, "links with their change forms")
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

    # A lag out of range is refused beside the link, with the reason and the lag as typed; the link stays as
    # it was, and the address it was refused at opens the links' page again.
    item.get_by_role("textbox").fill("9999")
    follow(page, item.get_by_role("button", name="Change"))
    item = page.locator(f"li#{item_id}")
    expect(item.get_by_role("alert")).to_have_text(
        re.compile(
            r"^The link \S+ → \S+ was not changed: Lag in weeks: Enter a whole number of weeks from -520 to 520\.$"
        )
    )
    expect(item.get_by_role("textbox")).to_have_value("9999")
    expect(item.get_by_role("textbox")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"select#{name}")).to_have_value("start_to_start")
    assert "/links/" in page.url
    assert_no_axe_violations(page, "a refused change of a link")
    response = page.goto(page.url.split("#")[0])
    assert response.status == 200 and "/wizard/dependencies" in page.url
    expect(page.locator(f"li#{item_id}")).to_contain_text("+3")
    expect(page.locator(f"li#{item_id}").get_by_role("textbox")).to_have_value("3")


def start_a_deliverable(page, server) -> None:
    page.goto(open_demo(page, server) + "/wizard/capacity")
    follow(page, page.get_by_role("button", name="Write a custom deliverable"))
    page.get_by_label("Title", exact=True).fill("Train every school counsellor")
    page.get_by_label("Duration in weeks").fill("12")
    page.get_by_role("checkbox", name="Ministry of Education").check()


def test_without_javascript_a_stakeholder_is_added_in_a_step_that_keeps_the_deliverable(live_server, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    start_a_deliverable(page, live_server)
    follow(page, page.get_by_role("button", name="Add a stakeholder"))
    page.get_by_role("heading", name="Add a stakeholder", level=1).wait_for()
    page.get_by_label("Name").fill("Teachers Service Commission")
    page.get_by_label("Kind").select_option("government")
    follow(page, page.get_by_role("button", name="Add and go back to the deliverable"))
    expect(page.get_by_role("status")).to_contain_text("Stakeholder added: Teachers Service Commission.")
    expect(page.get_by_label("Title", exact=True)).to_have_value("Train every school counsellor")
    expect(page.get_by_label("Duration in weeks")).to_have_value("12")
    expect(page.get_by_role("checkbox", name="Ministry of Education")).to_be_checked()
    expect(page.get_by_label("Lead")).to_have_value("TSC")
    follow(page, page.get_by_role("button", name="Save the deliverable"))
    expect(page.get_by_role("status").filter(has_text="Deliverable added.")).to_be_visible()
    expect(page.get_by_role("cell", name="Train every school counsellor", exact=True)).to_have_count(1)
    context.close()


def test_with_javascript_a_stakeholder_is_added_in_place(live_server, page):
    start_a_deliverable(page, live_server)
    # The step the button opens without JavaScript (sent here as a browser without it would), checked by axe;
    # going back from it without adding brings the form back as typed.
    with page.expect_navigation():
        page.locator("button[data-quick]").evaluate("button => button.form.requestSubmit(button)")
    page.get_by_role("heading", name="Add a stakeholder", level=1).wait_for()
    assert_no_axe_violations(page, "add a stakeholder step")
    follow(page, page.get_by_role("button", name="Go back to the deliverable without adding"))
    expect(page.get_by_label("Title", exact=True)).to_have_value("Train every school counsellor")
    expect(page.get_by_role("checkbox", name="Ministry of Education")).to_be_checked()
    url = page.url
    page.get_by_role("button", name="Add a stakeholder").click()
    dialog = page.get_by_role("dialog", name="Add a stakeholder")
    dialog.get_by_label("Name").fill("ministry of education")
    dialog.get_by_role("button", name="Add the stakeholder").click()
    expect(dialog.get_by_role("alert")).to_contain_text("looks like Ministry of Education")
    assert_no_axe_violations(page, "add a stakeholder dialog")
    dialog.get_by_label("Name").fill("Teachers Service Commission")
    dialog.get_by_role("button", name="Add anyway").click()
    expect(dialog).to_be_hidden()
    assert page.url == url  # no reload since the form came back
    expect(page.get_by_role("status")).to_contain_text("Stakeholder added: Teachers Service Commission.")
    expect(page.get_by_label("Lead")).to_have_value("TSC")
    expect(page.get_by_role("checkbox", name="Teachers Service Commission")).not_to_be_checked()
    expect(page.get_by_label("Title", exact=True)).to_have_value("Train every school counsellor")
    follow(page, page.get_by_role("button", name="Save the deliverable"))
    expect(page.get_by_role("status").filter(has_text="Deliverable added.")).to_be_visible()
