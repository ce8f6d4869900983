"""Tracking in a real browser: an editor records progress and a measurement and submits the roadmap;
an adviser sees it on the dashboard, comments, and approves; axe finds nothing on any of the pages."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.signing import DEMO_PASSWORD, follow, sign_in, sign_out

pytestmark = pytest.mark.e2e


def test_progress_reaches_the_dashboard_and_the_adviser_approves(live_server, page, artifacts):
    started = (date.today() - timedelta(days=21)).isoformat()
    finished = (date.today() - timedelta(days=2)).isoformat()
    sign_in(page, live_server, "editor@example.org")
    page.get_by_role("link", name="National Child Online Protection Roadmap 2027–2028 (demo)", exact=True).click()
    page.get_by_role("link", name="Progress", exact=True).click()
    page.get_by_role("heading", name="Progress and forecast").wait_for()
    assert_no_axe_violations(page, "progress overview")
    page.screenshot(path=str(artifacts / "e2e-progress.png"), full_page=True)

    page.get_by_role("link", name="Issue rules on children's personal data under the Data Protection Act, 2012").click()
    page.get_by_role("heading", name="Progress", exact=True).wait_for()
    assert_no_axe_violations(page, "deliverable progress")
    # Done without a finish date is refused next to the field, and what was typed stays.
    page.get_by_label("Status").select_option("done")
    page.get_by_label("Actual start").fill(started)
    page.get_by_label("Progress note").fill("Rules published by the Data Protection Commission")
    page.get_by_role("button", name="Save progress").click()
    expect(page.get_by_text("a done deliverable needs its actual finish date")).to_be_visible()
    assert page.get_by_label("Progress note").input_value() == "Rules published by the Data Protection Commission"
    assert_no_axe_violations(page, "deliverable progress with an error")
    page.get_by_label("Actual finish").fill(finished)
    page.get_by_role("button", name="Save progress").click()
    page.get_by_text("Progress saved for L12.").wait_for()

    page.get_by_label("Measured on").fill(finished)
    page.get_by_label("Value", exact=True).fill("1")
    page.get_by_label("Source or note").fill("Official gazette")
    page.get_by_role("button", name="Record").click()
    page.get_by_text("Measurement recorded.").wait_for()
    expect(page.get_by_role("cell", name="Official gazette")).to_be_visible()
    page.screenshot(path=str(artifacts / "e2e-deliverable-progress.png"), full_page=True)

    page.get_by_role("link", name="National Child Online Protection Roadmap 2027–2028 (demo)", exact=True).click()
    page.get_by_role("link", name="Review and comments").click()
    page.get_by_role("button", name="Submit for review").click()
    page.get_by_text("Submit for review: done.").wait_for()
    sign_out(page)

    sign_in(page, live_server, "adviser@example.org")
    page.get_by_role("link", name="Dashboard").click()
    ghana = page.locator("table.dashboard tbody tr", has_text="Ghana")
    legal = ghana.locator("td").nth(0).inner_text()  # L12, done, is legal work
    assert float(re.search(r"(\d+(?:[.,]\d+)?)\s*%", legal).group(1).replace(",", ".")) > 0
    assert "In review" in ghana.inner_text()
    ghana.get_by_role("link", name="Ghana").click()
    page.get_by_role("link", name="Review and comments").click()
    page.get_by_label("Comment", exact=True).fill("Please add the budget line for O5 before the Cabinet meeting.")
    page.get_by_role("button", name="Start a thread on the roadmap").click()
    page.get_by_text("Comment posted.").wait_for()
    page.get_by_label("Baseline label").fill("Cabinet, first reading")
    page.get_by_role("button", name="Approve and freeze a baseline").click()
    page.get_by_text("Approve and freeze a baseline: done.").wait_for()
    expect(page.get_by_role("cell", name="Cabinet, first reading", exact=True)).to_be_visible()
    assert_no_axe_violations(page, "review with a baseline and a comment")
    page.screenshot(path=str(artifacts / "e2e-review-approved.png"), full_page=True)
    page.get_by_role("link", name="What changed since “Cabinet, first reading”").click()
    page.get_by_text("Nothing has changed since this baseline.").wait_for()
    assert_no_axe_violations(page, "baseline comparison")


def test_a_user_makes_and_revokes_an_api_token(live_server, page, artifacts):
    sign_in(page, live_server, "viewer@example.org")
    follow(page, page.get_by_role("link", name="API tokens"))
    assert_no_axe_violations(page, "API tokens, none yet")
    page.get_by_label("What the token is for").fill("Monthly report")
    page.get_by_label("Your password").fill("not it")
    page.get_by_role("button", name="Make a token").click()
    page.get_by_text("That is not your password.").wait_for()  # asked again, whoever holds the browser
    assert_no_axe_violations(page, "API token refused")
    page.get_by_label("Your password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Make a token").click()
    token = page.get_by_label("Token", exact=True).input_value()
    assert token.startswith("cop_")
    assert_no_axe_violations(page, "API token shown once")
    page.screenshot(path=str(artifacts / "e2e-api-token.png"), full_page=True)
    answer = page.request.get(f"{live_server}/api/v1/roadmaps", headers={"Authorization": f"Bearer {token}"})
    assert answer.status == 200 and answer.json()["total"] == 1
    page.get_by_role("button", name="Revoke “Monthly report”").click()
    page.get_by_text("Token revoked").wait_for()
    answer = page.request.get(f"{live_server}/api/v1/roadmaps", headers={"Authorization": f"Bearer {token}"})
    assert answer.status == 401
