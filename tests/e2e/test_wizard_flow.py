"""A new country team member drafts a whole roadmap in the guided flow, in a real browser.

Every page visited is checked with axe-core (WCAG 2.0/2.1 A and AA) and photographed into test-artifacts/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from roadmap.catalog import templates_by_key
from tests.e2e import signing
from tests.e2e.axe import assert_no_axe_violations, svg_text_contrast
from tests.e2e.signing import follow

pytestmark = pytest.mark.e2e

EDITOR = "editor@example.org"

DEMO = "National Child Online Protection Roadmap 2027–2028 (demo)"
TITLE = "Ghana Child Online Protection Roadmap 2027–2031"
MINISTRY = "Ministry of Communications and Digitalisation"
AUTHORITY = "Cyber Security Authority"

# Per pillar: heading, level chosen, notes, templates to add (key, new duration or None), custom deliverable or None.
PILLARS = [
    (
        "legal",
        "1. Legal Measures",
        "2 — Formative",
        "The 2020 Cybersecurity Act covers some offences; grooming is not.",
        [("legal_gap_analysis", 20), ("child_data_protection", None)],
        None,
    ),
    (
        "technical",
        "2. Technical & Procedural Measures",
        "1 — Start-up",
        "No national reporting portal yet.",
        [("cirt_role", 10)],
        ("National reporting portal for child sexual abuse material", AUTHORITY, 24),
    ),
    (
        "organizational",
        "3. Organizational Structures",
        "2 — Formative",
        "A focal point exists at the Ministry.",
        [("lead_agency", 6), ("coordination_committee", None)],
        None,
    ),
    (
        "capacity",
        "4. Capacity Building",
        "1 — Start-up",
        "Teachers have had no training so far.",
        [("ethical_media_reporting", 8)],
        ("Train teachers on online safety", MINISTRY, 30),
    ),
    (
        "cooperation",
        "5. International Cooperation",
        "3 — Established",
        "Ghana takes part in ECOWAS meetings.",
        [("itu_cop_engagement", None), ("regional_engagement", 16)],
        None,
    ),
]


class Visit:
    """Checks each page with axe and keeps a numbered full-page screenshot of it."""

    def __init__(self, page, artifacts):
        self.page, self.artifacts, self.n, self.checked = page, artifacts, 0, []

    def __call__(self, name: str, shot: bool = True) -> None:
        assert_no_axe_violations(self.page, name)
        self.checked.append(name)
        if shot:
            self.n += 1
            self.page.screenshot(path=str(self.artifacts / f"e2e-wizard-{self.n:02d}-{name}.png"), full_page=True)


def sign_in(page, base: str) -> None:
    signing.sign_in(page, base, EDITOR)


def template_link(title: str) -> re.Pattern:
    # Chromium names the button "Add from this template : <title>": the hidden part is positioned, so a block.
    return re.compile(rf"^Add from this template\s*:\s*{re.escape(title)}$")


def add_from_template(page, visit, key: str, weeks: int | None, lead: str, first: bool) -> None:
    template = templates_by_key()[key]
    page.get_by_role("button", name=template_link(template.title)).click()
    page.get_by_role("heading", name="New deliverable").wait_for()
    expect(page.get_by_label("Title", exact=True)).to_have_value(template.title)
    expect(page.get_by_label("Duration in weeks")).to_have_value(str(template.duration_weeks))
    if first:
        # The fields' hints are shown and read with the field.
        expect(page.get_by_label("Duration in weeks")).to_have_accessible_description("0 makes it a milestone.")
        expect(page.get_by_label("Key", exact=True)).to_have_accessible_description(
            re.compile("number it automatically")
        )
        visit("deliverable-form")
    if weeks is not None:
        page.get_by_label("Duration in weeks").fill(str(weeks))
    page.get_by_label("Lead", exact=True).select_option(label=lead)
    page.get_by_role("button", name="Save the deliverable").click()
    expect(page.get_by_role("status").filter(has_text="Deliverable added.")).to_be_visible()
    expect(page.get_by_role("cell", name=template.title, exact=True)).to_be_visible()


def write_custom(page, title: str, lead: str, weeks: int) -> None:
    page.get_by_role("button", name="Write a custom deliverable").click()
    page.get_by_role("heading", name="New deliverable").wait_for()
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Description").fill("Written by the country team; no catalog template fits.")
    page.get_by_label("Lead", exact=True).select_option(label=lead)
    partner = AUTHORITY if lead == MINISTRY else MINISTRY
    page.get_by_role("group", name="Partners").get_by_label(partner).check()
    page.get_by_label("Duration in weeks").fill(str(weeks))
    page.get_by_label("Indicator 1", exact=True).fill("Milestone reached")
    page.get_by_role("button", name="Save the deliverable").click()
    expect(page.get_by_role("status").filter(has_text="Deliverable added.")).to_be_visible()
    expect(page.get_by_role("cell", name=title, exact=True)).to_be_visible()


def add_link(page, successor: str, predecessor: str, how: str | None = None, lag: int | None = None) -> None:
    section = page.locator(f"section#d-{successor}")
    section.get_by_label("Depends on").select_option(value=predecessor)
    if how:
        section.get_by_label("How").select_option(label=how)
    if lag is not None:
        section.get_by_label("Lag in weeks").fill(str(lag))
    section.get_by_role("button", name=f"Add link to {successor}").click()


def test_a_new_team_member_drafts_a_roadmap_leaves_and_resumes(live_server, page, artifacts):
    visit = Visit(page, artifacts)
    sign_in(page, live_server)
    visit("home", shot=False)

    # Basics
    page.get_by_role("link", name="Start a new roadmap").click()
    page.get_by_role("heading", name="New roadmap").wait_for()
    expect(page.get_by_label("Country")).to_have_value("GHA")
    page.get_by_label("Title of the roadmap").fill(TITLE)
    page.get_by_label("Start date").fill("2027-01-04")
    page.get_by_label("Language of the roadmap").select_option(label="English")
    visit("basics")
    page.get_by_role("button", name="Create the roadmap").click()
    page.get_by_role("heading", name="1. Legal Measures").wait_for()
    roadmap_url = page.get_by_role("link", name=TITLE, exact=True).get_attribute("href")

    # Stakeholders first, so that deliverables can have a lead.
    page.get_by_role("button", name="Stakeholders", exact=True).click()
    page.get_by_role("heading", name="Stakeholders").wait_for()
    expect(page.get_by_text("No stakeholder yet.")).to_be_visible()
    for name, kind in [(MINISTRY, "Government"), (AUTHORITY, "Regulator")]:
        page.get_by_label("Name", exact=True).fill(name)
        page.get_by_label("Kind", exact=True).select_option(label=kind)
        page.get_by_role("button", name="Add the stakeholder").click()
        expect(page.get_by_role("status")).to_have_text(f"Stakeholder added: {name}.")
    expect(page.locator("table.list tbody tr")).to_have_count(2)
    visit("stakeholders")
    page.get_by_role("link", name="Back to the step you were on").click()

    for index, (step, heading, level, notes, templates, custom) in enumerate(PILLARS):
        page.get_by_role("heading", name=heading).wait_for()
        assert page.url.endswith(f"/wizard/{step}")
        visit(f"pillar-{step}", shot=False)
        # Deliverables before the assessment: following a link off the step drops an unsaved assessment
        # (see test_choosing_a_template_keeps_the_unsaved_assessment).
        for key, weeks in templates:
            add_from_template(page, visit, key, weeks, MINISTRY, first=index == 0 and key == templates[0][0])
        if custom:
            write_custom(page, *custom)
        assert page.locator("table.list tbody tr").count() >= 2
        page.get_by_role("radio", name=level).check()
        page.get_by_label("Notes on the assessment").fill(notes)
        visit(f"{step}")
        page.get_by_role("button", name="Save and continue").click()

        if step == "organizational":
            # Leave mid-way, come back another day.
            page.get_by_role("heading", name="4. Capacity Building").wait_for()
            page.get_by_role("link", name="COP Roadmap").click()
            page.get_by_role("button", name="Sign out").click()
            expect(page.get_by_text("You are signed out.")).to_be_visible()
            sign_in(page, live_server)
            expect(page.get_by_role("row").filter(has_text=TITLE)).to_contain_text("6")  # deliverables so far
            page.get_by_role("link", name=TITLE, exact=True).click()
            page.get_by_role("heading", name=TITLE, level=1).wait_for()
            assert page.url.endswith(roadmap_url)
            visit("sequence")
            page.get_by_role("link", name="By pillar").click()
            page.get_by_role("heading", name="3. Organizational Structures").wait_for()
            expect(page.get_by_role("heading", name="4. Capacity Building")).to_contain_text("0 deliverables")
            visit("by-pillar")
            page.get_by_role("link", name="Continue drafting").click()

    # Dependencies
    page.get_by_role("heading", name="Dependencies", level=1).wait_for()
    visit("dependencies", shot=False)
    add_link(page, "L1", "O1")
    expect(page.get_by_role("status")).to_have_text("Link added: O1 → L1.")
    add_link(page, "T2", "T1", how="start to start: starts after it starts", lag=4)
    expect(page.get_by_role("status")).to_have_text("Link added: T1 → T2.")
    add_link(page, "C2", "L1", lag=-2)
    expect(page.locator("section#d-T2 li")).to_contain_text("T1")
    expect(page.locator("section#d-T2 li")).to_contain_text("+4 weeks")
    expect(page.locator("section#d-C2 li")).to_contain_text("−2 weeks")

    suggested = page.get_by_role("button", name=re.compile(r"^Add the \d+ suggested links?$"))
    count = int(re.search(r"\d+", suggested.inner_text()).group())
    assert count >= 5  # L1→L2, O2→T1, O1→O2, O2→C1, O1→I1, O2→I2
    suggested.click()
    expect(page.get_by_role("status")).to_have_text(f"{count} suggested links added.")
    expect(page.get_by_role("button", name=re.compile("suggested link"))).to_have_count(0)

    # O1 → O2 → T1 → T2: O1 waiting for T2 would close a loop.
    add_link(page, "O1", "T2", lag=3)
    error = page.locator("section#d-O1 .error")
    expect(error).to_have_text("dependency loop: O1 → O2 → T1 → T2 → O1")
    section = page.locator("section#d-O1")
    expect(section.get_by_label("Depends on")).to_have_value("T2")
    expect(section.get_by_label("Lag in weeks")).to_have_value("3")
    expect(section.get_by_label("Depends on")).to_have_attribute("aria-invalid", "true")
    visit("dependencies-loop")
    # This page was answered at the link's URL: going on must still post to the step.
    page.get_by_role("button", name="Save and continue").click()

    # Review
    page.get_by_role("heading", name="Review", level=1).wait_for()
    path = page.get_by_role("region", name="Critical path").get_by_role("listitem")
    assert path.count() >= 2
    expect(path.first).to_contain_text("O1")
    for region, desc in [("Timeline", "The same schedule as a table"), ("Dependency graph", "The same links in words")]:
        chart = page.get_by_role("region", name=region)
        svg = chart.locator("svg[role=img]")
        expect(svg).to_have_count(1)
        labelled = svg.get_attribute("aria-labelledby").split()
        for ref in labelled:
            assert (chart.locator(f"[id='{ref}']").text_content() or "").strip()
        expect(chart.get_by_text(desc)).to_be_visible()
    # axe can only mark the charts' text contrast "incomplete": measure it here.
    checked, low = svg_text_contrast(page)
    assert checked > 50 and not low, low
    phases = page.get_by_role("region", name="Phases")
    expect(phases.get_by_role("cell", name="Train teachers on online safety")).to_be_visible()
    visit("review")

    page.get_by_role("link", name="Go to the roadmap").click()
    expect(page.get_by_role("term").filter(has_text="Deliverables").locator("+ dd")).to_have_text("10")
    visit("sequence-final", shot=False)

    for name in ["home", "basics", "stakeholders", "deliverable-form", "sequence", "by-pillar", "review"]:
        assert name in visit.checked


def test_after_a_refused_rename_a_stakeholder_can_still_be_added(live_server, page):
    """The refused rename is answered at its own URL; the add form on that page must still add."""
    sign_in(page, live_server)
    page.get_by_role("link", name=DEMO, exact=True).click()
    follow(page, page.get_by_role("link", name="Stakeholders", exact=True))
    rows = page.locator("table.list tbody tr")
    before = rows.count()
    first = rows.first.get_by_role("textbox", name=re.compile("^Name of"))
    first.fill("")
    rows.first.get_by_role("button", name=re.compile("^Save")).click()
    expect(page.locator(".has-error .error")).to_be_visible()
    assert_no_axe_violations(page, "stakeholders with a refused rename")
    page.get_by_label("Name", exact=True).fill("National Teaching Council")
    page.get_by_role("button", name="Add the stakeholder").click()
    expect(page.get_by_role("status")).to_have_text("Stakeholder added: National Teaching Council.")
    expect(rows).to_have_count(before + 1)


def test_choosing_a_template_keeps_the_unsaved_assessment(live_server, page):
    """A level chosen, then a template followed before saving: back on the step, the level should still be there."""
    sign_in(page, live_server)
    page.get_by_role("link", name="Start a new roadmap").click()
    page.get_by_label("Title of the roadmap").fill("Assessment first")
    page.get_by_role("button", name="Create the roadmap").click()
    page.get_by_role("radio", name="2 — Formative").check()
    page.get_by_label("Notes on the assessment").fill("Typed before choosing a template")
    title = templates_by_key()["legal_gap_analysis"].title
    page.get_by_role("button", name=template_link(title)).click()
    page.get_by_role("button", name="Save the deliverable").click()
    page.get_by_role("heading", name="1. Legal Measures").wait_for()
    expect(page.get_by_role("radio", name="2 — Formative")).to_be_checked()
    expect(page.get_by_label("Notes on the assessment")).to_have_value("Typed before choosing a template")


@pytest.mark.parametrize("tab", ["Timeline", "Dependency graph"])
def test_the_chart_pages_fit_a_small_phone(live_server, page, artifacts, tab):
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, live_server)
    page.get_by_role("link", name=DEMO, exact=True).click()
    page.get_by_role("link", name=tab, exact=True).click()
    page.get_by_role("heading", name=tab, level=2).wait_for()
    page.screenshot(path=str(artifacts / f"e2e-workspace-360-{tab.lower().replace(' ', '-')}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360 + 1, f"the page is {width}px wide at 360px"
    # The chart keeps its size and scrolls inside its focusable box; the table or text beside it is there.
    box = page.locator(".chart").evaluate("e => [e.scrollWidth, e.clientWidth, e.tabIndex]")
    assert box[0] > box[1] and box[2] == 0, box
    expect(page.get_by_text("The same", exact=False).first).to_be_visible()
    assert_no_axe_violations(page, f"{tab} at 360 px")


@pytest.mark.parametrize("where", ["legal", "review"])
def test_steps_fit_a_small_phone(live_server, page, artifacts, where):
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, live_server)
    page.get_by_role("link", name=DEMO, exact=True).click()
    page.get_by_role("link", name="Continue drafting").click()
    follow(page, page.get_by_role("link", name=re.compile("Legal Measures$" if where == "legal" else "Review$")))
    assert page.url.endswith(f"/wizard/{where}")
    page.screenshot(path=str(artifacts / f"e2e-wizard-360-{where}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
             .filter(e => !e.closest('.chart') && e.getBoundingClientRect().right > 361).slice(0, 5)
             .map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)"""
    )
    assert width <= 360 + 1, f"the page is {width}px wide at 360px; too wide: {wide}"
    if where == "review":
        # The charts keep their own size, to stay readable, and scroll inside their box, by keyboard too.
        for chart in page.locator(".chart").all():
            box = chart.evaluate("e => [e.scrollWidth, e.clientWidth, e.tabIndex]")
            svg = chart.locator("svg").evaluate("e => [e.getBoundingClientRect().width, e.width.baseVal.value]")
            assert box[0] > box[1] and box[2] == 0, box
            assert abs(svg[0] - svg[1]) < 1, svg
    assert_no_axe_violations(page, f"{where} at 360 px")


def test_a_large_roadmap_review_and_links_pass_axe(large_roadmap, live_server, page):
    """A roadmap with every kind of warning, many links and large charts: more to check than a new one."""
    sign_in(page, live_server)
    page.get_by_role("link", name=large_roadmap, exact=True).click()
    page.get_by_role("link", name="Continue drafting").click()
    page.get_by_role("heading", name="Dependencies", level=1).wait_for()
    assert_no_axe_violations(page, "large roadmap dependencies")
    page.get_by_role("link", name=re.compile("Review$")).click()
    page.get_by_role("heading", name="Due dates at risk").wait_for()
    assert_no_axe_violations(page, "large roadmap review")
    # More than sixty deliverables, so the review links to the charts' own pages, a part a page.
    review, checked, low = page.url, 0, []
    for link, heading in (("Timeline (Gantt chart)", "Timeline"), ("Dependency graph", "Dependency graph")):
        follow(page, page.get_by_role("link", name=link, exact=True))
        for part in range(1, 20):
            page.get_by_role("heading", name=heading, level=2).wait_for()
            assert_no_axe_violations(page, f"demo {heading.lower()}, part {part}")
            more, under = svg_text_contrast(page)
            checked, low = checked + more, low + under
            following = page.locator("a[rel=next]")
            if not following.count():
                break
            follow(page, following.first)
        page.goto(review)
    assert checked > 200 and not low, low


def test_every_control_shows_where_the_focus_is(live_server, page):
    sign_in(page, live_server)
    page.get_by_role("link", name=DEMO, exact=True).click()
    page.get_by_role("link", name="Continue drafting").click()
    page.get_by_role("link", name=re.compile("Legal Measures$")).click()
    page.get_by_role("heading", name="1. Legal Measures").wait_for()
    seen = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        name, outline = page.evaluate(
            """() => { const e = document.activeElement, s = getComputedStyle(e);
                 return [e.tagName + ' ' + (e.id || e.textContent.trim().slice(0, 40)),
                         [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]]; }"""
        )
        seen.add(name)
        assert outline[0] == "solid" and outline[1] >= 2 and outline[2] == "rgb(27, 31, 36)", (name, outline)
    assert len(seen) > 30


def test_the_workspace_pages_pass_axe(live_server, page, artifacts):
    """Threat coverage, history, by pillar and the what-if answer of the demo roadmap."""
    sign_in(page, live_server)
    page.get_by_role("link", name=DEMO, exact=True).click()
    for tab, heading in [
        ("Timeline", "Timeline"),
        ("Dependency graph", "Dependency graph"),
        ("Threat coverage", "Threat coverage"),
        ("History", "History of changes"),
        ("By pillar", "1. Legal Measures"),
    ]:
        page.get_by_role("link", name=tab, exact=True).click()
        page.get_by_role("heading", name=heading).first.wait_for()
        assert_no_axe_violations(page, tab)
        if tab in ("Timeline", "Dependency graph"):
            checked, low = svg_text_contrast(page)
            assert checked > 50 and not low, low
            page.screenshot(path=str(artifacts / f"e2e-workspace-{tab.lower().replace(' ', '-')}.png"), full_page=True)
    page.screenshot(path=str(artifacts / "e2e-workspace-by-pillar.png"))
    page.get_by_role("link", name="Sequence", exact=True).click()
    page.get_by_label("If this deliverable").select_option(value="L5")
    page.get_by_label("slips by (weeks)").fill("8")
    page.get_by_role("button", name="Show the effect").click()
    page.get_by_role("heading", name="If L5 slips 8 weeks").wait_for()
    assert_no_axe_violations(page, "what-if")
