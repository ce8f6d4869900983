"""A team reads why a due date is at risk, in a real browser: whose date it is, the chain that makes it late,
the two marks in the sequence, and what a one-week slip of that chain does to every due date."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.signing import follow, sign_in

pytestmark = pytest.mark.e2e

DEMO = "National Child Online Protection Roadmap 2027–2030 (demo)"


def test_a_due_date_at_risk_is_explained_and_its_chain_marked_apart_from_lateness(live_server, page, artifacts):
    sign_in(page, live_server, "editor@example.org")
    follow(page, page.get_by_role("link", name=DEMO, exact=True))

    # The demo's one late due date: the cabinet's approval (O6), held up by the strategy work before it.
    note = page.get_by_role("note").filter(has=page.get_by_role("heading", name="Due dates at risk"))
    expect(note).to_contain_text(
        re.compile(
            r"O6 must finish by \d+ \w+ \d{4}; the chain O1 → O3 → O4 → I2 → O5 before it makes it finish "
            r"4 weeks later, on \d+ \w+ \d{4}\."
        )
    )
    chain = note.get_by_role("list", name="The chain that makes O6 late").get_by_role("listitem")
    expect(chain).to_have_count(5)
    expect(chain.first).to_contain_text("O1")
    note.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "e2e-due-dates-at-risk.png"), full_page=False)

    # Its link opens the part of the sequence that holds it: O6 late, I2 holding it up but neither late
    # nor on the critical path, O1 on the critical path and holding O6 up.
    follow(page, note.get_by_role("link", name=re.compile(r"^O6 ")))
    row = page.locator("tr", has=page.locator("td code", has_text=re.compile(r"^O6$")))
    expect(row.locator('td[data-label="Due date"]')).to_contain_text(re.compile(r"^4 weeks late \(due "))
    expect(row.locator('td[data-label="Slack"]')).to_have_text("No slack: finishes 4 weeks after its due date")
    page.goto(f"{page.url.split('?')[0]}?near=I2")
    i2 = page.locator("tr", has=page.locator("td code", has_text=re.compile(r"^I2$")))
    expect(i2.locator('td[data-label="Due date"]')).to_have_text("Holds up O6")
    expect(i2.locator('td[data-label="Critical path"]')).to_have_text("No")
    # Off the critical path with no slack: the words say which due date, not a bare "4 weeks short".
    expect(i2.locator('td[data-label="Slack"]')).to_have_text("No slack: 4 weeks behind a later due date")

    # What if O5, on that chain, slips one week: singular, no slack to use, and every due date reported.
    page.get_by_label("If this deliverable").select_option("O5")
    page.get_by_label("slips by (weeks)").fill("1")
    follow(page, page.get_by_role("button", name="Show the effect"))
    expect(page.get_by_role("heading", name="If O5 slips 1 week")).to_be_visible()
    expect(page.get_by_text(re.compile(r"O5 has no slack to use: it is already \d+ weeks? behind"))).to_be_visible()
    expect(page.get_by_text("fits in the slack")).to_have_count(0)
    effects = page.get_by_role("table", name="Every due date, before and after the slip")
    o6 = effects.locator("tr", has=page.locator("td code", has_text=re.compile(r"^O6$")))
    expect(o6.locator('td[data-label="Effect"]')).to_have_text(re.compile(r"^\d+ weeks? late → \d+ weeks late$"))
    page.screenshot(path=str(artifacts / "e2e-what-if-due-dates.png"), full_page=False)
