"""A country team rates the Model National Response capabilities and goes from the lowest-rated ones to
the work that advances them, in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.signing import follow, sign_in

pytestmark = pytest.mark.e2e

TITLE = "Ghana MNR test roadmap 2027–2031"


def test_a_team_rates_the_capabilities_and_adds_what_the_lowest_rated_need(live_server, page, artifacts):
    sign_in(page, live_server, "editor@example.org")
    follow(page, page.get_by_role("link", name="Start a new roadmap"))
    page.get_by_label("Title of the roadmap").fill(TITLE)
    page.get_by_label("Start date").fill("2027-01-04")
    follow(page, page.get_by_role("button", name="Create the roadmap"))
    page.get_by_role("heading", name="1. Legal Measures").wait_for()

    # Beside the pillar's own self-assessment, a way to the MNR one.
    follow(page, page.get_by_role("link", name="Rate the 21 capabilities of the Model National Response too"))
    page.get_by_role("heading", name="MNR self-assessment").wait_for()
    expect(page.get_by_text("Rate the capabilities to see what to build next.")).to_be_visible()
    assert_no_axe_violations(page, "MNR self-assessment")

    hotline = page.get_by_role("group", name="12. CSEA hotline")
    helpline = page.get_by_role("group", name="11. Child helpline")
    law = page.get_by_role("group", name="3. Legislation")
    police = page.get_by_role("group", name="4. Dedicated law enforcement")
    hotline.get_by_role("radio", name="Building").check()
    hotline.get_by_label("Evidence").fill("No hotline: reports go to a police e-mail address.")
    helpline.get_by_role("radio", name="Developing").check()
    law.get_by_role("radio", name="Maturity").check()
    # Evidence without a phase: refused, with everything typed kept.
    police.get_by_label("Evidence").fill("A cybercrime unit of six officers in Accra.")
    follow(page, page.get_by_role("button", name="Save the MNR self-assessment"))
    expect(page.get_by_text("Choose the phase this evidence supports, or clear the evidence.")).to_be_visible()
    expect(hotline.get_by_label("Evidence")).to_have_value("No hotline: reports go to a police e-mail address.")
    expect(helpline.get_by_role("radio", name="Developing")).to_be_checked()
    assert_no_axe_violations(page, "MNR self-assessment with an error")
    police.get_by_role("radio", name="Developing").check()
    follow(page, page.get_by_role("button", name="Save the MNR self-assessment"))
    expect(page.get_by_role("status").filter(has_text="MNR self-assessment saved.")).to_be_visible()
    page.screenshot(path=str(artifacts / "mnr-assessment.png"), full_page=True)

    # What to build next: the hotline (building) first, then the helpline and the police (developing);
    # legislation, at maturity, asks for nothing.
    nexts = page.locator("section[aria-labelledby=next] h3")
    expect(nexts).to_have_count(3)
    expect(nexts.nth(0)).to_contain_text("12. CSEA hotline")
    expect(nexts.nth(1)).to_contain_text("4. Dedicated law enforcement")
    expect(nexts.nth(2)).to_contain_text("11. Child helpline")
    # The country already has a child helpline: recorded as in place, it is not suggested again.
    helpline_template = re.compile(
        r"^It exists already: record it as in place\s*:\s*Strengthen the national child helpline"
    )
    follow(page, page.get_by_role("button", name=helpline_template))
    expect(page.get_by_role("status").filter(has_text="Recorded as already in place")).to_be_visible()
    expect(page.get_by_role("button", name=helpline_template)).to_have_count(0)
    assert_no_axe_violations(page, "What to build next")

    first = page.locator("section[aria-labelledby=next] ul.templates").first.get_by_role("link").first
    title = re.sub(r"^Add from this template\s*:\s*", "", first.inner_text().replace("\n", " ")).strip()
    follow(page, first)
    page.get_by_role("heading", name="New deliverable").wait_for()
    expect(page.get_by_label("Title", exact=True)).to_have_value(title)
    follow(page, page.get_by_role("button", name="Save the deliverable"))
    expect(page.get_by_role("status").filter(has_text="Deliverable added.")).to_be_visible()

    # Back on the assessment, the template now in the roadmap is not suggested again.
    page.goto(page.url.split("/wizard/")[0].split("/deliverables")[0] + "/capabilities")
    page.get_by_role("heading", name="What to build next").wait_for()
    expect(
        page.get_by_role("link", name=re.compile(rf"Add from this template\s*:\s*{re.escape(title)}$"))
    ).to_have_count(0)
    expect(page.get_by_role("group", name="12. CSEA hotline").get_by_label("Evidence")).to_have_value(
        "No hotline: reports go to a police e-mail address."
    )
    # The sequence lists the helpline as in place, not as work to schedule.
    follow(page, page.get_by_role("link", name="Sequence"))
    row = page.get_by_role("row").filter(has_text="Strengthen the national child helpline")
    expect(row).to_contain_text("Already in place")
