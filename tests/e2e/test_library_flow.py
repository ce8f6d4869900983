"""The library in a real browser: Ghana's team proposes its approved roadmap as a redacted copy with a
lesson learned, an adviser publishes it, and Fiji's team finds it, reads it and starts its own roadmap
from it; axe finds nothing on any of the new pages."""

from datetime import date

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from models import Deliverable, Roadmap, db
from models.operations import Actor, move_roadmap, record_progress
from models.operations.progress import Progress
from models.operations.workflow import Step
from roadmap.vocabulary import DeliverableStatus
from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.signing import follow, sign_in, sign_out

pytestmark = pytest.mark.e2e

GHANA = "National Child Online Protection Roadmap 2027–2028 (demo)"


def approve_ghana_with_o3_done(app) -> None:
    with app.app_context():
        rid = db.session.scalar(select(Roadmap.id).where(Roadmap.title == GHANA))
        o3 = db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == "O3"))
        done = Progress(DeliverableStatus.DONE, 100, date(2027, 1, 4), date(2027, 3, 1), "Convened by the CSA")
        record_progress(Actor("Kofi Mensah"), rid, o3.id, o3.version, done, date(2027, 6, 1))
        move_roadmap(Actor("Ama Adviser"), rid, Step.SUBMIT, editor=True, reviewer=False)
        move_roadmap(Actor("Ama Adviser"), rid, Step.APPROVE, editor=False, reviewer=True)
        db.session.remove()


def test_a_roadmap_goes_from_proposal_to_publication_to_reuse(live_app, live_server, page, artifacts):
    approve_ghana_with_o3_done(live_app)

    sign_in(page, live_server, "editor@example.org")
    page.get_by_role("link", name=GHANA, exact=True).click()
    page.get_by_role("link", name="Share in the library").click()
    page.get_by_role("heading", name="Share what works").wait_for()
    assert_no_axe_violations(page, "sharing")
    follow(page, page.locator("tr", has_text="O3").get_by_role("link", name="Write the lesson"))
    assert_no_axe_violations(page, "lesson form")
    page.get_by_role("button", name="Save the lesson").click()
    page.get_by_text("Write at least one of what helped").first.wait_for()
    assert_no_axe_violations(page, "lesson form with an error")
    page.get_by_label("What helped").fill("A legal mandate brought every agency to the table")
    page.get_by_label("What it cost").fill("Two officers for six months")
    page.get_by_role("button", name="Save the lesson").click()
    page.get_by_text("Lesson saved.").wait_for()

    follow(page, page.get_by_role("link", name="Propose this roadmap for the library"))
    assert_no_axe_violations(page, "proposal form")
    page.get_by_label("Title in the library").fill("Ghana's plan, led from the top")
    page.get_by_label("What other countries can learn from it").fill("A lead agency first, then the laws.")
    page.get_by_label("Withhold the stakeholders' names").check()
    page.get_by_label("Withhold the country").check()
    # Checked first: every mention found and each stakeholder renamed, before anything is proposed.
    page.get_by_role("button", name="Check what will be withheld").click()
    page.get_by_role("heading", name="What the copy will withhold").wait_for()
    assert "Government 1" in page.get_by_role("table", name="Stakeholders renamed").inner_text()
    assert_no_axe_violations(page, "proposal checked")
    page.screenshot(path=str(artifacts / "e2e-library-check.png"), full_page=True)
    page.get_by_role("button", name="Propose for the library").click()
    # The title names the withheld country: refused next to it, with what was typed kept.
    page.get_by_text("the title names Ghana, which you chose to withhold").wait_for()
    assert page.get_by_label("What other countries can learn from it").input_value() == (
        "A lead agency first, then the laws."
    )
    assert_no_axe_violations(page, "proposal form with an error")
    page.get_by_label("Title in the library").fill("A plan led from the top")
    page.get_by_role("button", name="Propose for the library").click()
    page.get_by_text("Proposed for the library.").wait_for()
    assert "Ghana" not in page.locator("main").inner_text()
    assert_no_axe_violations(page, "own proposal")
    page.screenshot(path=str(artifacts / "e2e-library-proposed.png"), full_page=True)
    sign_out(page)

    sign_in(page, live_server, "adviser@example.org")
    page.get_by_role("link", name="Library").click()
    follow(page, page.get_by_role("link", name="Waiting for review"))
    assert_no_axe_violations(page, "review queue")
    page.get_by_role("link", name="A plan led from the top").click()
    page.get_by_role("button", name="Publish in the library").click()
    page.get_by_text("Published: every country can now find it").wait_for()
    sign_out(page)

    sign_in(page, live_server, "editor.fiji@example.org")
    page.get_by_role("link", name="Library").click()
    page.get_by_label("Pillar").select_option("legal")
    page.get_by_label("Search titles and descriptions").fill("lead agency")
    follow(page, page.get_by_role("button", name="Search"))
    assert_no_axe_violations(page, "library search")
    page.screenshot(path=str(artifacts / "e2e-library-search.png"), full_page=True)
    follow(page, page.get_by_role("link", name="A plan led from the top"))
    text = page.locator("main").inner_text()
    assert (
        "A legal mandate brought every agency to the table" in text
        and "Two officers" not in text
        and "Ghana" not in text
    )
    assert_no_axe_violations(page, "published roadmap")
    page.screenshot(path=str(artifacts / "e2e-library-entry.png"), full_page=True)
    for tab in ("Timeline", "Dependency graph"):
        page.get_by_role("link", name=tab, exact=True).click()
        page.get_by_role("heading", name=tab, exact=True).wait_for()
        assert_no_axe_violations(page, f"published roadmap, {tab}")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as a cop-roadmap/1 file (JSON)").click()
    assert "Ghana" not in download.value.path().read_text(encoding="utf-8")

    follow(page, page.get_by_role("link", name="Start a roadmap from this one"))
    assert_no_axe_violations(page, "adapt form")
    for pillar in ("Capacity Building", "International Cooperation"):
        page.get_by_label(pillar).uncheck()
    page.get_by_label("Title of the new roadmap").fill("Fiji roadmap, adapted")
    page.get_by_role("button", name="Create the draft roadmap").click()
    page.get_by_text("Your new draft roadmap is ready.").wait_for()
    page.get_by_role("heading", name="Fiji roadmap, adapted").wait_for()
    expect(page.get_by_text("Adapted from the published roadmap")).to_be_visible()
    page.screenshot(path=str(artifacts / "e2e-library-adapted.png"), full_page=True)
    follow(page, page.get_by_role("link", name="A plan led from the top"))
    assert "1 time" in page.locator("dl.facts").inner_text()
