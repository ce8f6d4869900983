"""Every page an editor and an adviser reach on the demo, on a 360 px wide phone, in English and in Arabic:
none scrolls sideways. Wide tables scroll inside their own box instead, their first column kept in view.

The walk follows the links from the home page; pages of the same shape (one deliverable's form and the
next's) are visited once, so the test stays fast while reaching every kind of page."""

from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from werkzeug.exceptions import HTTPException

from tests.e2e.axe import axe_violations, describe
from tests.e2e.signing import sign_in

pytestmark = pytest.mark.e2e

WIDTH = 360
# Not pages: downloads, the API, and what a GET link would only hand to a program.
NOT_PAGES = re.compile(r"^/(api|static)/|\.(pdf|csv|xlsx|ics|json|xml|svg|png|txt)$|/export|/download|/logout")
_ID = re.compile(r"\d+")
# Pages whose layout changes most on a phone, checked with axe too (once a walk: axe takes a second a page).
AXE_ON = {"roadmaps.show", "deliverables.edit", "workspace.threats", "stakeholders.index", "dashboard.index"}
# Routes whose words are many (one page per indicator of the catalog, say): a few of them show the route.
# The wizard's steps are each a page of their own.
SAME_ROUTE_AT_MOST = 3
EVERY_WORD = {"wizard.step"}

_WIDTH_OF = "() => document.documentElement.scrollWidth"
_LINKS = """() => [...document.querySelectorAll('a[href]')]
  .filter(a => !a.hasAttribute('download'))
  .map(a => a.href)"""


def _shape(routes, url: str) -> tuple[str, str]:
    """The kind of page: its route, and the words in its address (a wizard step, say) but not the ids, and
    the names of its query's parts (deliverable 12's form is deliverable 13's; ?pillar=legal is ?pillar=cooperation)."""
    parts = urlsplit(url)
    query = ",".join(sorted({pair.split("=", 1)[0] for pair in parts.query.split("&") if pair}))
    try:
        endpoint, args = routes.match(parts.path, method="GET")
    except HTTPException:
        return _ID.sub("N", parts.path), "?" + query
    return endpoint, ",".join(f"{k}={v}" for k, v in sorted(args.items()) if not isinstance(v, int)) + "?" + query


def _walk(page, server: str, routes, seen: dict[str, set[str]], start: list[str], axed: set[str]) -> list[str]:
    """Visit the pages ``start`` (the home page; answers to forms a walk does not fill in) and every kind of
    page reachable from them, noting in ``seen`` each route with the words of its addresses visited; the
    ones wider than the screen, with their width, and what axe finds on the pages that change most on a phone."""
    too_wide, queue = [], [server + path for path in start]
    while queue:
        url = queue.pop(0)
        route, words = _shape(routes, url)
        enough = route not in EVERY_WORD and len(seen[route]) >= SAME_ROUTE_AT_MOST
        if words in seen[route] or enough:
            continue
        seen[route].add(words)
        answer = page.goto(url)
        if answer is None or not (answer.headers.get("content-type") or "").startswith("text/html"):
            continue
        where = urlsplit(url).path + ("?" + urlsplit(url).query if urlsplit(url).query else "")
        width = page.evaluate(_WIDTH_OF)
        if width > WIDTH:
            too_wide.append(f"{where}: {width} px")
        if route in AXE_ON and route not in axed:
            axed.add(route)
            if violations := axe_violations(page):
                too_wide.append(f"{where}: axe at {WIDTH} px\n{describe(violations)}")
        for link in page.evaluate(_LINKS):
            link = link.split("#", 1)[0]
            path = urlsplit(link).path
            if link.startswith(server) and not NOT_PAGES.search(path):
                route, words = _shape(routes, link)
                if words not in seen[route]:
                    queue.append(link)
    return too_wide


def _choose_language(page, lang: str) -> None:
    page.select_option("#language-choice", lang)
    with page.expect_navigation():
        page.locator("form.language button").click()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_no_page_scrolls_sideways_at_360_px(browser, live_app, live_server, lang):
    routes = live_app.url_map.bind("127.0.0.1")
    context = browser.new_context(viewport={"width": WIDTH, "height": 740})
    page = context.new_page()
    too_wide, visited, axed = [], 0, set()
    for email in ("editor@example.org", "adviser@example.org"):
        context.clear_cookies()
        sign_in(page, live_server, email)
        _choose_language(page, lang)
        rid = re.search(r"/roadmaps/(\d+)", " ".join(page.evaluate(_LINKS))).group(1)
        start = ["/", f"/roadmaps/{rid}/what-if?key=L1&weeks=6"]
        if email.startswith("editor"):
            start.append(f"/roadmaps/{rid}/deliverables/new?pillar=technical")
        seen: dict[str, set[str]] = defaultdict(set)
        too_wide += [f"{email} {line}" for line in _walk(page, live_server, routes, seen, start, axed)]
        visited += sum(map(len, seen.values()))
    context.close()
    assert visited > 40  # the walk reached the site, not only the home page
    assert not too_wide, f"wider than {WIDTH} px or not accessible, in {lang}:\n" + "\n".join(too_wide)
