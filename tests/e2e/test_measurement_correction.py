"""Correcting a wrong measurement in a real browser: an editor records a reading, is asked before a second
one on the same date is saved, corrects the wrong value on its own page and sees the Latest value follow;
axe finds nothing on the pages on the way."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.signing import follow, sign_in

pytestmark = pytest.mark.e2e


def test_an_editor_corrects_a_wrong_measurement_and_sees_the_corrected_latest(live_server, page, artifacts):
    measured = (date.today() - timedelta(days=3)).isoformat()
    sign_in(page, live_server, "editor@example.org")
    follow(page, page.get_by_role("link", name="National Child Online Protection Roadmap 2027–2028 (demo)", exact=True))
    follow(page, page.get_by_role("link", name="Progress", exact=True))
    follow(page, page.get_by_role("link", name="Amend Act 1038 to cover AI-generated and manipulated abuse material"))
    latest = page.locator("#indicators p", has_text="Latest:")

    # The team writes "no" for the amendment that was in fact passed.
    page.get_by_label("Measured on").fill(measured)
    page.get_by_label("Value", exact=True).fill("0")
    page.get_by_label("Source or note").fill("Cabinet office")
    follow(page, page.get_by_role("button", name="Record"))
    page.get_by_text("Measurement recorded.").wait_for()
    expect(latest).to_contain_text("Latest: 0")

    # A second reading on that date is not saved beside it: the page asks first, the input kept.
    page.get_by_label("Measured on").fill(measured)
    page.get_by_label("Value", exact=True).fill("0")
    follow(page, page.get_by_role("button", name="Record"))
    expect(page.get_by_text("There is already a reading of 0 on")).to_be_visible()
    expect(page.get_by_role("button", name="Replace it with 0")).to_be_visible()
    assert page.get_by_label("Value", exact=True).input_value() == "0"
    assert_no_axe_violations(page, "deliverable progress asking to replace a reading")
    page.locator("#indicators").screenshot(path=str(artifacts / "e2e-measurement-same-date.png"))
    expect(page.locator("#indicators tbody tr")).to_have_count(1)  # still the one reading

    # The correction: a value the yes/no indicator cannot read is refused next to it, then 1 is saved.
    follow(page, page.get_by_role("link", name="Correct the reading of"))
    page.get_by_role(
        "heading", name="Correct a reading of Law explicitly covers synthetic and manipulated abuse material"
    ).wait_for()
    assert_no_axe_violations(page, "correcting a reading")
    page.get_by_label("Value", exact=True).fill("2")
    page.get_by_label("Source or note").fill("Official gazette")
    follow(page, page.get_by_role("button", name="Save the correction"))
    expect(page.get_by_text("a yes/no indicator reads 1 for yes or 0 for no")).to_be_visible()
    assert page.get_by_label("Source or note").input_value() == "Official gazette"
    assert_no_axe_violations(page, "correcting a reading, refused")
    page.get_by_label("Value", exact=True).fill("1")
    follow(page, page.get_by_role("button", name="Save the correction"))
    page.get_by_text("Measurement corrected.").wait_for()
    expect(latest).to_contain_text("Latest: 1")
    expect(page.get_by_role("cell", name="Official gazette")).to_be_visible()
    page.screenshot(path=str(artifacts / "e2e-measurement-corrected.png"), full_page=True)

    # The removal page asks before anything goes; keeping it changes nothing.
    follow(page, page.get_by_role("link", name="Remove the reading of"))
    page.get_by_role("heading", name="Remove the reading of 1 on").wait_for()
    assert_no_axe_violations(page, "removing a reading")
    follow(page, page.get_by_role("link", name="Keep it"))
    expect(latest).to_contain_text("Latest: 1")
