"""A team reads why a due date is at risk, in a real browser: whose date it is, the chain that makes it late,
the two marks in the sequence, and what a one-week slip of that chain does to every due date."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.signing import follow, sign_in

pytestmark = pytest.mark.e2e

DEMO = "National Child Online Protection Roadmap 2027–2028 (demo)"


def test_a_due_date_at_risk_is_explained_and_its_chain_marked_apart_from_lateness(live_server, page, artifacts):
    sign_in(page, live_server, "editor@example.org")
    follow(page, page.get_by_role("link", name=DEMO, exact=True))

    # The demo's one late due date: the legislative instrument laid before Parliament (L6) before it rises
    # for the year, held up by its drafting and the providers' duties written into it.
    note = page.get_by_role("note").filter(has=page.get_by_role("heading", name="Due dates at risk"))
    expect(note).to_contain_text(
        re.compile(
            r"L6 must finish by \d+ \w+ \d{4}; the chain L5 → L7 before it makes it finish "
            r"3 weeks later, on \d+ \w+ \d{4}\."
        )
    )
    chain = note.get_by_role("list", name="The chain that makes L6 late").get_by_role("listitem")
    expect(chain).to_have_count(2)
    expect(chain.first).to_contain_text("L5")
    note.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "e2e-due-dates-at-risk.png"), full_page=False)

    # Its link opens the part of the sequence that holds it: L6 late, L7 holding it up but neither late
    # nor on the critical path, with the same three weeks too few.
    follow(page, note.get_by_role("link", name=re.compile(r"^L6 ")))
    row = page.locator("tr", has=page.locator("td code", has_text=re.compile(r"^L6$")))
    expect(row.locator('td[data-label="Due date"]')).to_contain_text(re.compile(r"^3 weeks late \(due "))
    expect(row.locator('td[data-label="Slack"]')).to_have_text("No slack: finishes 3 weeks after its due date")
    page.goto(f"{page.url.split('?')[0]}?near=L7")
    l7 = page.locator("tr", has=page.locator("td code", has_text=re.compile(r"^L7$")))
    expect(l7.locator('td[data-label="Due date"]')).to_have_text("Holds up L6")
    expect(l7.locator('td[data-label="Critical path"]')).to_have_text("No")
    # Off the critical path with no slack: the words say which due date, not a bare "3 weeks short".
    expect(l7.locator('td[data-label="Slack"]')).to_have_text("No slack: 3 weeks behind a later due date")

    # What if L7, on that chain, slips one week: singular, no slack to use, and every due date reported.
    page.get_by_label("If this deliverable").select_option("L7")
    page.get_by_label("slips by (weeks)").fill("1")
    follow(page, page.get_by_role("button", name="Show the effect"))
    expect(page.get_by_role("heading", name="If L7 slips 1 week")).to_be_visible()
    expect(page.get_by_text(re.compile(r"L7 has no slack to use: it is already \d+ weeks? behind"))).to_be_visible()
    expect(page.get_by_text("fits in the slack")).to_have_count(0)
    effects = page.get_by_role("table", name="Every due date, before and after the slip")
    l6 = effects.locator("tr", has=page.locator("td code", has_text=re.compile(r"^L6$")))
    expect(l6.locator('td[data-label="Effect"]')).to_have_text(re.compile(r"^\d+ weeks? late → \d+ weeks late$"))
    page.screenshot(path=str(artifacts / "e2e-what-if-due-dates.png"), full_page=False)
