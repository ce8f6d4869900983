"""The dashboard, the team's "What's next" page and the calendar link page, in a real browser and with axe."""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.signing import follow, sign_in

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("width", [1280, 360])
def test_an_adviser_filters_the_dashboard_and_drills_down(live_server, page, artifacts, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "adviser@example.org")
    page.get_by_role("link", name="Dashboard").click()
    page.get_by_role("heading", name="Dashboard").wait_for()
    assert_no_axe_violations(page, f"dashboard at {width} px")
    page.screenshot(path=str(artifacts / f"e2e-dashboard-{width}.png"), full_page=True)
    assert page.get_by_role("table").count() == 1
    page.get_by_label("Order").select_option("update")
    follow(page, page.get_by_role("button", name="Show"))
    assert "sort=update" in page.url
    assert_no_axe_violations(page, "dashboard sorted by update")
    page.locator("table.dashboard tbody th a").first.click()
    page.get_by_role("heading", name="Critical path").wait_for()


def test_an_adviser_narrows_the_dashboard_to_what_needs_attention(live_server, page, artifacts):
    sign_in(page, live_server, "adviser@example.org")
    page.get_by_role("link", name="Dashboard").click()
    rows = page.locator("table.dashboard tbody tr")
    everyone = rows.count()
    assert everyone >= 1
    # Put the first country on my own list, then show only my countries.
    first = page.locator("table.dashboard tbody th a").first.inner_text()
    follow(page, page.get_by_role("button", name=f"Add {first} to my list"))
    expect(page.get_by_role("button", name=f"Take {first} off my list")).to_be_visible()
    page.get_by_label("My countries only").check()
    page.get_by_label("ITU-D region").select_option("")
    follow(page, page.get_by_role("button", name="Show"))
    assert "mine=1" in page.url
    assert rows.count() == 1 and page.locator("table.dashboard tbody th a").first.inner_text() == first
    expect(page.get_by_label("My countries only")).to_be_checked()  # the form shows what is applied
    # Slipping by more than a hundred years: nothing, said in words, and a way back.
    page.get_by_label("Slipping more than (days)").fill("36500")
    follow(page, page.get_by_role("button", name="Show"))
    page.get_by_text("No roadmap matches these filters.").wait_for()
    assert_no_axe_violations(page, "dashboard with attention filters")
    page.screenshot(path=str(artifacts / "e2e-dashboard-filters.png"), full_page=True)
    follow(page, page.get_by_role("link", name="Clear the filters"))
    assert rows.count() == everyone


def test_a_country_team_sees_whats_next_and_makes_a_calendar_link(live_server, page, artifacts):
    sign_in(page, live_server, "editor@example.org")
    page.get_by_role("link", name="What's next", exact=False).first.click()
    page.get_by_role("heading", name="What's next", exact=True).wait_for()
    assert_no_axe_violations(page, "what's next")
    page.screenshot(path=str(artifacts / "e2e-whats-next.png"), full_page=True)
    page.get_by_role("link", name="Calendar link").click()
    page.get_by_role("heading", name="Calendar link").wait_for()
    assert_no_axe_violations(page, "calendar link, none yet")
    page.get_by_role("button", name="Make a calendar link").click()
    link = page.get_by_label("Calendar link").input_value()
    assert "/calendar/" in link and link.endswith(".ics")
    expect(page.get_by_role("button", name="Copy the link")).to_be_visible()
    assert_no_axe_violations(page, "calendar link shown once")
    page.screenshot(path=str(artifacts / "e2e-calendar-link.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 800})
    assert_no_axe_violations(page, "calendar link at 360 px")
    page.get_by_role("button", name="Revoke the link").click()
    page.get_by_text("The calendar link is revoked").wait_for()
