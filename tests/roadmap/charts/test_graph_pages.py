"""The printed dependency graph stays whole: an overview of phases and pillars with the critical path drawn
through, then the links in detail a few pillars a page, each link to another page naming its other end."""

import re
import subprocess
from collections import Counter
from datetime import date
from io import BytesIO

import pypdf
import pytest

from bench.pdf import large_plan
from roadmap.charts import graph_map_svg, link_map_svg
from roadmap.demo import demo_plan
from roadmap.plan import Dependency
from roadmap.printing.charts import A3, MIN_SCALE, graph_charts, scale_to_fit, svg_size
from roadmap.printing.document import TEMPLATES_DIR, PrintContext, render_parts
from roadmap.printing.text import Words
from roadmap.printing.weasy import TemplateOnlyFetcher
from roadmap.sequencing import sequence
from roadmap.vocabulary import Pillar
from tests.roadmap.charts.test_charts import NS, assert_safe, item, of_class, plan, texts

WORDS = Words(PrintContext(country_name="Ghana", version=1, generated_on=date(2027, 6, 1)))


# A pillar longer than this is too long for one page of links and takes two: in the catalog, the legal
# pillar, whose bill is drafted in many parts.
LONG_PILLAR = 20


def budget(schedule) -> int:
    """The page budget of the issue: the overview (in one or two runs of phases, as the catalog's 16 phases
    need) and one page per pillar that has deliverables, two for a pillar too long for one."""
    sizes = Counter(d.pillar for d in schedule.deliverables)
    return 2 + len(sizes) + sum(1 for n in sizes.values() if n > LONG_PILLAR)


@pytest.mark.parametrize("count", [22, 39, 58, 60])
def test_up_to_sixty_deliverables_the_graph_keeps_to_its_page_budget(count):
    p = large_plan(count)
    schedule = sequence(p)
    charts = graph_charts(p, schedule, WORDS, rtl=False)
    assert len(charts) <= budget(schedule)
    # The overview first: the catalog's plans run to 16 phases, which these longer keys ("L12-1") split
    # into two runs of phases, still within the budget.
    overviews = [c for c in charts if c.overview]
    assert overviews and charts[: len(overviews)] == overviews
    assert all(scale_to_fit(*svg_size(c.svg)) >= MIN_SCALE for c in charts)  # no text below 7pt
    # Every deliverable on exactly one detail page, and no page holding a single box.
    details = [c.keys for c in charts[len(overviews) :]]
    assert sorted(k for keys in details for k in keys) == sorted(d.key for d in schedule.deliverables)
    assert all(len(keys) > 1 for keys in details)


def test_a_small_plan_is_drawn_whole_on_one_page():
    chain = [item(f"L{n}", 4) for n in range(1, 4)]
    p = plan(*chain, links=(Dependency("L1", "L2"), Dependency("L2", "L3")))
    [chart] = graph_charts(p, sequence(p), WORDS, rtl=False)
    assert not chart.overview and chart.keys == ("L1", "L2", "L3")
    assert chart.caption == "All deliverables"


def test_a_large_plan_on_a3_needs_fewer_pages_than_on_a4():
    p = large_plan(156)
    schedule = sequence(p)
    a4, a3 = (graph_charts(p, schedule, WORDS, rtl=False, **paper) for paper in ({}, {"paper": A3}))
    assert len(a3) < len(a4)
    assert all(scale_to_fit(*svg_size(c.svg), A3) >= MIN_SCALE for c in a3)
    assert sum(c.overview for c in a3) == 1  # the whole plan's overview on one A3 page


def test_the_overview_puts_each_deliverable_in_its_pillars_row_and_phases_column_and_draws_the_path():
    demo = demo_plan("GHA", "Demo")
    schedule = sequence(demo)
    root = assert_safe(graph_map_svg(schedule, width=1029))
    chips = {el.get("data-key"): el for el in of_class(root, "chip")}
    assert set(chips) == {d.key for d in demo.deliverables}
    rows = {el.get("data-pillar"): el for el in of_class(root, "row")}
    assert list(rows) == [p.value for p in Pillar]
    phase_x = {}
    for d in schedule.deliverables:
        chip = chips[d.key]
        assert chip.get("data-pillar") == d.pillar.value and chip.get("data-phase") == str(d.phase)
        box = chip.find(NS + "rect")
        band = rows[d.pillar.value].find(NS + "rect")
        top, bottom = float(band.get("y")), float(band.get("y")) + float(band.get("height"))
        assert top <= float(box.get("y")) < bottom, d.key
        phase_x.setdefault(d.phase, []).append(float(box.get("x")))
    # Columns in phase order, left to right.
    columns = [min(phase_x[n]) for n in sorted(phase_x)]
    assert columns == sorted(columns)
    # The critical path: each critical deliverable outlined, each step from one to the next drawn as a
    # line with an arrow, in order, and the legend names both (not told by colour alone).
    outlined = {k for k, chip in chips.items() if chip.find(NS + "rect").get("stroke-width") == "2.4"}
    assert outlined == set(schedule.critical_path)
    steps = [(el.get("data-from"), el.get("data-to")) for el in of_class(root, "path-link")]
    assert steps == list(zip(schedule.critical_path, schedule.critical_path[1:], strict=False))
    legend = " ".join(texts(of_class(root, "legend")[0]))
    assert "On the critical path" in legend and "Critical path" in legend and "Milestone" in legend


def test_a_detail_page_names_the_other_end_of_every_link_that_leaves_it():
    demo = demo_plan("GHA", "Demo")
    schedule = sequence(demo)
    legal = [d.key for d in schedule.deliverables if d.pillar is Pillar.LEGAL]
    root = assert_safe(link_map_svg(demo, schedule, legal, width=1029))
    titles = {d.key: d.title for d in demo.deliverables}
    inside = set(legal)
    leaving = {
        (x.predecessor, x.successor) for x in demo.dependencies if (x.predecessor in inside) != (x.successor in inside)
    }
    ends = of_class(root, "far-end")
    assert {(el.get("data-from"), el.get("data-to")) for el in ends} == leaving
    for el in ends:
        other = el.get("data-other")
        key, title = texts(el)
        assert key == other and other not in inside
        title = re.sub(r"^\([+−]\d+w\) ", "", title).rstrip("…").rstrip()  # a lag first, when the link has one
        assert title and titles[other].startswith(title)
    # The links inside the page are arcs, one for each.
    arcs = {(el.get("data-from"), el.get("data-to")) for el in of_class(root, "edge")}
    assert arcs == {(x.predecessor, x.successor) for x in demo.dependencies if {x.predecessor, x.successor} <= inside}
    assert {el.get("data-key") for el in of_class(root, "node")} == inside


def test_right_to_left_mirrors_both_graph_charts():
    demo = demo_plan("GHA", "Demo")
    schedule = sequence(demo)
    legal = [d.key for d in schedule.deliverables if d.pillar is Pillar.LEGAL]
    for draw in (
        lambda rtl: graph_map_svg(schedule, width=1029, rtl=rtl),
        lambda rtl: link_map_svg(demo, schedule, legal, width=1029, rtl=rtl),
    ):
        ltr, rtl = (assert_safe(draw(flag)) for flag in (False, True))
        cls = "chip" if of_class(ltr, "chip") else "node"
        first, mirrored = (
            next(el for el in of_class(root, cls) if el.get("data-key") == "L1").find(NS + "rect")
            for root in (ltr, rtl)
        )
        left, w = float(first.get("x")), float(first.get("width"))
        # Mirrored across the chart as drawn, which may be wider than asked when its phases need the room.
        drawn = float(ltr.get("width"))
        assert float(mirrored.get("x")) == pytest.approx(drawn - left - w)


def test_the_printed_demo_graph_is_an_overview_and_one_page_a_pillar(artifacts, tmp_path):
    demo = demo_plan("GHA", "Demo")
    parts = render_parts(demo, sequence(demo), WORDS.context)
    [document] = [d for d in parts.documents if 'id="graph"' in d]
    document = re.sub(re.escape(parts.token) + r"[^@]*@@", "", document)
    from weasyprint import HTML

    html = HTML(string=document, base_url=TEMPLATES_DIR.as_uri() + "/", url_fetcher=TemplateOnlyFetcher())
    pdf = html.write_pdf()
    reader = pypdf.PdfReader(BytesIO(pdf))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    # The graph's pages are landscape; its text equivalent follows on portrait pages.
    graph_pages = [n for n, page in enumerate(reader.pages) if page.mediabox.width > page.mediabox.height]
    # The overview (two runs of phases for the whole catalog), then a page a pillar in pillar order; the
    # pillars too long for one page (the legal one, and the organizational one with its many links to the
    # others) take two.
    charts = graph_charts(demo, sequence(demo), WORDS, rtl=False)
    assert len(graph_pages) == len(charts) <= 2 + len(Pillar) + 2
    runs = sum(1 for c in charts if c.overview)
    overview = " ".join(pages[n] for n in graph_pages[:runs])
    assert runs <= 2 and "Overview" in overview and "Phase 13" in overview
    assert {d.key for d in demo.deliverables} <= set(overview.split())
    shown = []
    for n in graph_pages[runs:]:
        [pillar] = [p for p in Pillar if p.label in pages[n][:80]]
        shown.append(pillar)
    assert shown == sorted(shown, key=lambda p: p.order) and set(shown) == set(Pillar)
    assert all(shown.count(p) <= 2 for p in Pillar)
    # The detail of the legal pillar names O4, on another page, with its title.
    legal = pages[graph_pages[runs]]
    assert "O4 Carry out a baseline situational" in legal
    (tmp_path / "graph.pdf").write_bytes(pdf)
    for name, n in (("graph-overview", graph_pages[0]), ("graph-legal", graph_pages[1])):
        page = str(n + 1)
        pdf_file, picture = tmp_path / "graph.pdf", artifacts / name
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", page, "-l", page, "-singlefile", pdf_file, picture], check=True
        )


@pytest.mark.parametrize("legal", [20, 21, 30])
def test_a_pillar_of_one_deliverable_beside_a_full_page_borrows_a_box_rather_than_shrink_the_print(legal):
    chain = [item(f"L{n}", 4, title=f"Legal step {n} with a title of some length") for n in range(legal)]
    lone = item("O1", 4, Pillar.ORGANIZATIONAL, title="The one organizational deliverable")
    links = (*(Dependency(f"L{n}", f"L{n + 1}") for n in range(legal - 1)), Dependency("L0", "O1"))
    p = plan(*chain, lone, links=links)
    charts = graph_charts(p, sequence(p), WORDS, rtl=False)
    assert all(scale_to_fit(*svg_size(c.svg)) >= MIN_SCALE for c in charts)
    details = [c for c in charts if not c.overview]
    assert all(len(c.keys) > 1 for c in details)
    assert sorted(k for c in details for k in c.keys) == sorted(d.key for d in p.deliverables)
    assert "part 1 of 1" not in " ".join(c.caption for c in charts)
