"""The Timeline and Dependency graph pages, and large roadmaps shown a page at a time."""

import re
from dataclasses import replace

from sqlalchemy import select

from bench.pdf import large_plan
from models import Deliverable, db
from models.operations import Actor, import_plan
from tests.views.conftest import login


def _links(html: str, label: str) -> list[str]:
    nav = re.search(rf'<nav class="pager" aria-label="{label}">(.*?)</nav>', html, flags=re.S).group(1)
    return [u.replace("&amp;", "&") for u in re.findall(r'href="([^"]+)"', nav)]


def test_timeline_draws_the_gantt_chart_with_a_table_beside_it(client, world):
    login(client, "viewer@example.org")
    html = client.get(f"/roadmaps/{world['kenya']}/timeline").get_data(as_text=True)
    assert html.count("<svg") == 1 and 'role="img"' in html and "<title id=" in html and "<desc id=" in html
    assert 'aria-current="page">Timeline</a>' in html
    table = html.split("The same timeline as a table")[1]
    assert re.findall(r"<td data-label=\"Key\"><code>([^<]+)</code>", table) == ["O1", "L1", "T1", "M1"]
    # Critical in words, not colour alone, in the table and in the chart's description.
    assert 'class="critical">On the critical path</span>' in table and "Critical: " in html


def test_graph_page_gives_each_deliverables_links_in_words(client, world):
    login(client, "viewer@example.org")
    html = client.get(f"/roadmaps/{world['kenya']}/graph").get_data(as_text=True)
    assert html.count("<svg") == 1 and "Dependency graph" in html
    words = html.split("The same links in words")[1]
    t1 = re.search(r'<div id="g-T1">(.*?)</div>', words, flags=re.S).group(1)
    link = r'Waits for: <a href="#g-L1"><code>L1</code> <bdi dir="ltr">[^<]*</bdi></a> \((finish|start) to'
    assert re.search(link, t1)
    assert "Waited for by: <a" in t1
    o1 = re.search(r'<div id="g-O1">(.*?)</div>', words, flags=re.S).group(1)
    assert "Waits for: nothing: it can start at the beginning." in o1


def test_markup_in_a_deliverable_title_is_text_on_every_new_page(client, world):
    rid = import_plan(replace(large_plan(30), title="Markup test"), Actor("test"))
    key = db.session.scalar(select(Deliverable.id).where(Deliverable.roadmap_id == rid, Deliverable.key == "L1-1"))
    db.session.get(Deliverable, key).title = "<b>bold</b> & more"
    db.session.commit()
    login(client, "admin@example.org")
    for page in ("", "/timeline", "/graph", "/pillars", "/wizard/dependencies", "/what-if?key=L1-1&weeks=1"):
        html = client.get(f"/roadmaps/{rid}{page}").get_data(as_text=True)
        assert "<b>bold" not in html and "&lt;b&gt;bold&lt;/b&gt; &amp; more" in html, page


def test_a_large_roadmap_is_shown_a_page_at_a_time_and_every_deliverable_is_on_one(client, world):
    plan = large_plan(300)
    rid = import_plan(plan, Actor("test"))
    login(client, "admin@example.org")
    keys = sorted(d.key for d in plan.deliverables)
    for path, label, pattern in [
        ("", "Pages of the sequence", r'<td data-label="Deliverable" id="d-([^"]+)"'),
        ("/pillars", "Pages by pillar", r'<td data-label="Key"><code>([^<]+)</code>'),
        ("/timeline", "Parts of the timeline", r'<td data-label="Deliverable" id="d-([^"]+)"'),
        ("/graph", "Parts of the dependency graph", r'<div id="g-([^"]+)">'),
        ("/wizard/dependencies", "Pages of the dependencies step", r'<section class="links" id="d-([^"]+)"'),
    ]:
        first = client.get(f"/roadmaps/{rid}{path}").get_data(as_text=True)
        pages = _links(first, label)
        assert len(pages) > 5, path
        seen = []
        for url in pages:
            html = client.get(url).get_data(as_text=True)
            found = re.findall(pattern, html)
            assert 0 < len(found) <= 40, (url, len(found))
            seen += found
        if path == "/timeline":
            # Date windows: a bar that spans two windows is drawn, and listed, in both.
            assert set(seen) == set(keys)
        else:
            assert sorted(seen) == keys, path
        assert client.get(f"/roadmaps/{rid}{path}?page={len(pages) + 1}").status_code == 404
        assert client.get(f"/roadmaps/{rid}{path}?page=x").status_code == 404


def test_near_opens_the_page_that_holds_a_deliverable(client, world):
    rid = import_plan(large_plan(300), Actor("test"))
    login(client, "admin@example.org")
    for path in ("", "/timeline", "/graph", "/wizard/dependencies"):
        html = client.get(f"/roadmaps/{rid}{path}?near=C3-4").get_data(as_text=True)
        assert 'id="d-C3-4"' in html or 'id="g-C3-4"' in html, path


def test_a_link_added_on_a_large_roadmap_returns_to_its_page(client, world):
    rid = import_plan(large_plan(300), Actor("test"))
    login(client, "admin@example.org")
    c3 = db.session.scalar(select(Deliverable.id).where(Deliverable.roadmap_id == rid, Deliverable.key == "C3-4"))
    form = client.get(f"/roadmaps/{rid}/wizard/dependencies?add=C3-4").get_data(as_text=True)
    assert re.findall(r'name="link-[^"]+-predecessor"', form) == ['name="link-C3-4-predecessor"']
    response = client.post(
        f"/roadmaps/{rid}/deliverables/{c3}/links",
        data={"link-C3-4-predecessor": "T1-1", "link-C3-4-kind": "finish_to_start", "link-C3-4-lag_weeks": "0"},
    )
    assert response.status_code == 302 and "near=C3-4" in response.headers["Location"]
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    section = re.search(r'<section class="links" id="d-C3-4".*?</section>', html, flags=re.S).group(0)
    assert "<code>T1-1</code>" in section


def test_the_review_of_a_large_roadmap_links_to_the_chart_pages(client, world):
    plan = large_plan(300)
    rid = import_plan(plan, Actor("test"))
    login(client, "admin@example.org")
    html = client.get(f"/roadmaps/{rid}/wizard/review").get_data(as_text=True)
    assert "<svg" not in html
    assert f'href="/roadmaps/{rid}/timeline"' in html and f'href="/roadmaps/{rid}/graph"' in html
    # Of its many deliverables with no slack left, only each region's strategy approval has a due date of its
    # own that it misses (70 weeks from the start): those alone are due dates at risk, each with its chain.
    regions = {d.key.rsplit("-", 1)[1] for d in plan.deliverables}
    box = html.split("Due dates at risk")[1].split("</div>")[0]
    assert box.count("must finish by") == len(regions) and box.count("before it makes it finish") == len(regions)
    assert all(f"<code>O6-{region}</code>" in box for region in regions)
