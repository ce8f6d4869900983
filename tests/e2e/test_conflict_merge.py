"""Two people edit the same deliverable, roadmap basics or indicator reading at once, in real browsers: the
one who saves second sees what differs in the form's own terms, keeps theirs or takes the saved value field
by field, and saves once. The page is read on a 360 px phone, with axe finding nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from models import Country, Deliverable, Indicator, Measurement, Roadmap, db
from models.operations import Actor, record_measurement
from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.signing import follow, sign_in

pytestmark = pytest.mark.e2e


def _row(page, label: str):
    return page.locator("table.conflict tbody tr").filter(has=page.get_by_role("rowheader", name=label))


def test_keep_mine_and_take_theirs_then_save(live_app, live_server, browser):
    with live_app.app_context():
        l1 = db.session.execute(
            select(Deliverable.id, Deliverable.roadmap_id, Deliverable.title)
            .join(Roadmap, Roadmap.id == Deliverable.roadmap_id)
            .join(Country, Country.id == Roadmap.country_id)
            .where(Country.code == "GHA", Deliverable.key == "L1")
            .order_by(Roadmap.id)
            .limit(1)
        ).one()
    form_url = f"{live_server}/roadmaps/{l1.roadmap_id}/deliverables/{l1.id}/edit"
    mine_context = browser.new_context(viewport={"width": 360, "height": 740})
    theirs_context = browser.new_context(viewport={"width": 1280, "height": 900})
    mine, theirs = mine_context.new_page(), theirs_context.new_page()
    sign_in(mine, live_server, "editor@example.org")
    sign_in(theirs, live_server, "admin@example.org")
    for page in (mine, theirs):
        page.goto(form_url)

    # The administrator saves first: a cost, a new objective.
    theirs.get_by_label("National objective it serves").fill("Their objective")
    theirs.get_by_label("Cost", exact=True).fill("18000000")
    theirs.get_by_label("Currency (ISO code, e.g. USD)").fill("CHF")
    follow(theirs, theirs.get_by_role("button", name="Save the deliverable"))

    # The editor, still on the form opened before, renames it and saves: someone else saved first.
    mine.get_by_label("Title").fill("My clearer title")
    mine.get_by_label("National objective it serves").fill("My objective")
    follow(mine, mine.get_by_role("button", name="Save the deliverable"))
    expect(
        mine.get_by_role("heading", name="Someone else saved this deliverable while you were editing it")
    ).to_be_visible()
    expect(_row(mine, "Cost").locator("td").nth(1)).to_have_text("18,000,000.00")
    expect(_row(mine, "Partners").locator(".tag")).to_have_count(0)  # nobody changed them
    assert mine.evaluate("document.documentElement.scrollWidth") <= 360
    assert_no_axe_violations(mine, "the conflict page at 360 px")

    _row(mine, "Title").get_by_label("Keep mine").check()
    _row(mine, "National objective it serves").get_by_label("Take theirs").check()
    _row(mine, "Cost").get_by_label("Take theirs").check()
    _row(mine, "Currency (ISO code, e.g. USD)").get_by_label("Take theirs").check()
    follow(mine, mine.get_by_role("button", name="Save with these choices"))
    expect(mine.get_by_text("Deliverable saved.")).to_be_visible()

    mine.goto(form_url)
    expect(mine.get_by_label("Title")).to_have_value("My clearer title")
    expect(mine.get_by_label("National objective it serves")).to_have_value("Their objective")
    expect(mine.get_by_label("Cost", exact=True)).to_have_value("18000000.00")
    expect(mine.get_by_label("Currency (ISO code, e.g. USD)")).to_have_value("CHF")
    mine_context.close()
    theirs_context.close()


def _two_editors(browser, live_server, url: str):
    mine_context = browser.new_context(viewport={"width": 1280, "height": 900})
    theirs_context = browser.new_context(viewport={"width": 1280, "height": 900})
    mine, theirs = mine_context.new_page(), theirs_context.new_page()
    sign_in(mine, live_server, "editor@example.org")
    sign_in(theirs, live_server, "admin@example.org")
    for page in (mine, theirs):
        page.goto(url)
    return mine, theirs, (mine_context, theirs_context)


def _ghana_roadmap(live_app) -> int:
    with live_app.app_context():
        return db.session.scalar(
            select(Roadmap.id).join(Country, Country.id == Roadmap.country_id).where(Country.code == "GHA").limit(1)
        )


def test_the_roadmap_basics_are_merged_field_by_field(live_app, live_server, browser):
    basics = f"{live_server}/roadmaps/{_ghana_roadmap(live_app)}/wizard/basics"
    mine, theirs, contexts = _two_editors(browser, live_server, basics)
    theirs.get_by_label("Issuing authority").fill("Ministry of Communications")
    follow(theirs, theirs.get_by_role("button", name="Save and continue →"))

    title = mine.get_by_label("Title of the roadmap").input_value()
    mine.get_by_label("Title of the roadmap").fill(title + " (revised)")
    mine.get_by_label("Issuing authority").fill("Ministry of ICT")
    follow(mine, mine.get_by_role("button", name="Save and continue →"))
    expect(
        mine.get_by_role("heading", name="Someone else saved this roadmap's basics while you were editing them")
    ).to_be_visible()
    expect(_row(mine, "Language of the roadmap").locator(".tag")).to_have_count(0)  # nobody changed it
    assert_no_axe_violations(mine, "the basics' conflict page")
    _row(mine, "Title of the roadmap").get_by_label("Keep mine").check()
    _row(mine, "Issuing authority").get_by_label("Take theirs").check()
    follow(mine, mine.get_by_role("button", name="Save with these choices"))
    assert "/wizard/basics" not in mine.url  # saved, and on to the next step as asked

    mine.goto(basics)
    expect(mine.get_by_label("Title of the roadmap")).to_have_value(title + " (revised)")
    expect(mine.get_by_label("Issuing authority")).to_have_value("Ministry of Communications")
    for context in contexts:
        context.close()


def test_a_reading_corrected_by_two_people_is_merged_field_by_field(live_app, live_server, browser):
    rid = _ghana_roadmap(live_app)
    wrong, later = date.today() - timedelta(days=10), date.today() - timedelta(days=9)
    with live_app.app_context():
        deliverable_id, indicator_id = db.session.execute(
            select(Deliverable.id, Indicator.id)
            .join(Indicator, Indicator.deliverable_id == Deliverable.id)
            .where(Deliverable.roadmap_id == rid)
            .order_by(Deliverable.id, Indicator.id)
            .limit(1)
        ).one()
        record_measurement(Actor("Ed"), rid, deliverable_id, indicator_id, wrong, 0, "Typed by hand", date.today())
        reading = db.session.scalar(
            select(Measurement.id).where(Measurement.indicator_id == indicator_id, Measurement.measured_on == wrong)
        )
    url = f"{live_server}/roadmaps/{rid}/deliverables/{deliverable_id}/measurements/{reading}/edit"
    mine, theirs, contexts = _two_editors(browser, live_server, url)
    theirs.get_by_label("Value", exact=True).fill("1")
    theirs.get_by_label("Source or note").fill("Official gazette")
    follow(theirs, theirs.get_by_role("button", name="Save the correction"))

    mine.get_by_label("Measured on").fill(later.isoformat())
    mine.get_by_label("Value", exact=True).fill("1")
    mine.get_by_label("Source or note").fill("Cabinet office")
    follow(mine, mine.get_by_role("button", name="Save the correction"))
    expect(mine.get_by_role("heading", name="Someone else changed this reading since you opened it")).to_be_visible()
    # "1" typed is the 1 saved: read as the page writes it, and not asked about.
    expect(_row(mine, "Value").locator("td").nth(0)).to_have_text("1")
    expect(_row(mine, "Value").locator("td").nth(1)).to_have_text("1")
    expect(_row(mine, "Value").locator(".tag")).to_have_count(0)
    assert_no_axe_violations(mine, "a reading's conflict page")
    _row(mine, "Measured on").get_by_label("Keep mine").check()
    _row(mine, "Source or note").get_by_label("Take theirs").check()
    follow(mine, mine.get_by_role("button", name="Save with these choices"))
    expect(mine.get_by_text("Measurement corrected.")).to_be_visible()

    mine.goto(url)
    expect(mine.get_by_label("Measured on")).to_have_value(later.isoformat())
    expect(mine.get_by_label("Value", exact=True)).to_have_value("1")
    expect(mine.get_by_label("Source or note")).to_have_value("Official gazette")
    for context in contexts:
        context.close()
