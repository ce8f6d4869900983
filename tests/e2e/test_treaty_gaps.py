"""A country team goes from the Legal Measures step through the treaty gap analysis to the legal
deliverables its gaps call for, in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.signing import follow, sign_in

pytestmark = pytest.mark.e2e

GROOMING = "Criminalise soliciting or grooming a child online for sexual purposes"
VETTING = "Check candidates for sexual offence convictions before they work with children"


def test_a_team_marks_the_checklist_and_adds_the_legal_work_for_the_gaps(live_server, page, artifacts):
    sign_in(page, live_server, "editor@example.org")
    follow(page, page.get_by_role("link", name="Start a new roadmap"))
    page.get_by_label("Title of the roadmap").fill("Treaty gap test roadmap 2027–2031")
    page.get_by_label("Start date").fill("2027-01-04")
    follow(page, page.get_by_role("button", name="Create the roadmap"))
    page.get_by_role("heading", name="1. Legal Measures").wait_for()

    follow(page, page.get_by_role("link", name="Treaty gap analysis", exact=False))
    page.get_by_role("heading", name="Treaty gap analysis").wait_for()
    assert_no_axe_violations(page, "Treaty gap analysis")

    grooming = page.get_by_role("group", name=GROOMING)
    vetting = page.get_by_role("group", name=VETTING)
    grooming.get_by_role("radio", name="Missing").check()
    # A note with no status: refused, with everything typed kept.
    vetting.get_by_label("Note").fill("Police checks exist but the law does not require them.")
    follow(page, page.get_by_role("button", name="Save the treaty gap analysis"))
    expect(page.get_by_text("Choose how far the law covers this provision, or clear the note.")).to_be_visible()
    expect(page.get_by_role("group", name=GROOMING).get_by_role("radio", name="Missing")).to_be_checked()
    assert_no_axe_violations(page, "Treaty gap analysis with an error")
    page.get_by_role("group", name=VETTING).get_by_role("radio", name="Partly").check()
    follow(page, page.get_by_role("button", name="Save the treaty gap analysis"))
    expect(page.get_by_role("status").filter(has_text="Treaty gap analysis saved.")).to_be_visible()

    gaps = page.locator("section[aria-labelledby=gaps]")
    expect(gaps.get_by_text(GROOMING)).to_be_visible()
    follow(page, gaps.get_by_role("button", name="Add to the legal pillar").first)
    expect(page.get_by_role("status").filter(has_text="added to the legal pillar")).to_be_visible()
    expect(page.locator("section[aria-labelledby=gaps]").get_by_text("Already planned")).to_be_visible()
    page.screenshot(path=str(artifacts / "treaty-gaps.png"), full_page=True)
