"""The plan at a glance: every deliverable in its pillar's lane, over the whole time span, packed so that a
plan of sixty fits one printed page; the critical path drawn through, not told by colour alone."""

import re
import subprocess
from datetime import date
from io import BytesIO

import pypdf
import pytest

from bench.pdf import large_plan
from roadmap.charts import PILLAR_COLOURS, overview_svg
from roadmap.demo import demo_plan
from roadmap.plan import Dependency
from roadmap.printing.charts import A3, A4, MIN_SCALE, OVERVIEW_MAX, overview_charts, scale_to_fit, svg_size
from roadmap.printing.document import PrintContext, render_parts
from roadmap.printing.text import Words
from roadmap.printing.weasy import TemplateOnlyFetcher
from roadmap.sequencing import sequence
from roadmap.vocabulary import Pillar
from tests.roadmap.charts.test_charts import NS, assert_safe, item, of_class, plan, texts

WORDS = Words(PrintContext(country_name="Ghana", version=1, generated_on=date(2027, 6, 1)))


def keys_drawn(svg: str) -> set[str]:
    return {el.get("data-key") for el in of_class(assert_safe(svg), "item")}


def test_every_deliverable_is_drawn_in_its_pillars_lane():
    demo = demo_plan("GHA", "Demo")
    schedule = sequence(demo)
    svg = overview_svg(schedule, width=1030)
    root = assert_safe(svg)
    assert keys_drawn(svg) == {d.key for d in demo.deliverables}
    lanes = {el.get("data-pillar"): el for el in of_class(root, "lane")}
    assert list(lanes) == [p.value for p in Pillar]  # in the pillars' order, each once
    for pillar, lane in lanes.items():
        band = next(r for r in lane.iter(NS + "rect") if r.get("fill") == PILLAR_COLOURS[Pillar(pillar)])
        top, bottom = float(band.get("y")), float(band.get("y")) + float(band.get("height"))
        for d in (d for d in schedule.deliverables if d.pillar.value == pillar):
            shape = next(el for el in of_class(root, "item") if el.get("data-key") == d.key)[1]
            y = float(shape.get("y")) if shape.get("y") else float(re.findall(r",([0-9.]+)", shape.get("points"))[0])
            assert top <= y <= bottom, (d.key, pillar)


def test_bars_that_do_not_overlap_share_a_line_and_a_label_never_runs_into_the_next_bar():
    # Six one-quarter deliverables one after the other: one line, each labelled with its key.
    chain = [item(f"L{n}", 13, title=f"Step {n} of the law") for n in range(1, 7)]
    links = tuple(Dependency(f"L{n}", f"L{n + 1}") for n in range(1, 6))
    svg = overview_svg(sequence(plan(*chain, links=links)), width=1030)
    root = assert_safe(svg)
    bars = [el for el in root.iter(NS + "rect") if el.get("class") == "bar"]
    assert len({b.get("y") for b in bars}) == 1
    drawn = " ".join(texts(root))
    assert all(f"L{n}" in drawn for n in range(1, 7))
    # Packed wherever labels allow: a plan of overlapping work takes more lines, never overlapping bars.
    crowd = plan(*(item(f"C{n}", 20, Pillar.CAPACITY) for n in range(8)))
    bars = [
        el
        for el in assert_safe(overview_svg(sequence(crowd), width=1030)).iter(NS + "rect")
        if el.get("class") == "bar"
    ]
    assert len({b.get("y") for b in bars}) == 8


def test_the_critical_path_is_outlined_and_joined_by_a_line_the_legend_names():
    demo = demo_plan("GHA", "Demo")
    schedule = sequence(demo)
    root = assert_safe(overview_svg(schedule, width=1030))
    outlined = {el.get("data-key") for el in of_class(root, "item") if el[1].get("stroke-width") == "2.2"}
    assert outlined == set(schedule.critical_path)  # the path the line joins, not work only late
    [path] = of_class(root, "critical-path")
    assert len(list(path)) == len(schedule.critical_path) - 1
    legend = " ".join(texts(of_class(root, "legend")[0]))
    for label in ("Critical", "Critical path", "Milestone", "Phase", *(p.label for p in Pillar)):
        assert label in legend


def test_a_pillar_alone_keeps_the_whole_plans_time_span():
    schedule = sequence(demo_plan("GHA", "Demo"))
    whole = overview_svg(schedule, width=1030)
    legal = overview_svg(schedule, keys=[d.key for d in schedule.deliverables if d.pillar == Pillar.LEGAL], width=1030)
    axis = lambda svg: texts(of_class(assert_safe(svg), "axis")[0])  # noqa: E731
    assert axis(legal) == axis(whole)
    assert keys_drawn(legal) == {d.key for d in schedule.deliverables if d.pillar == Pillar.LEGAL}


def test_right_to_left_mirrors_the_lanes():
    schedule = sequence(demo_plan("GHA", "Demo"))
    ltr, rtl = (assert_safe(overview_svg(schedule, width=1030, rtl=flag)) for flag in (False, True))
    first = lambda root: next(el for el in of_class(root, "item") if el.get("data-key") == "O1")[1]  # noqa: E731
    left = float(first(ltr).get("x"))
    assert float(first(rtl).get("x")) == pytest.approx(1030 - left - float(first(ltr).get("width")))


# The first sixty of the catalog's deliverables run much of their work side by side (reporting, awareness and
# ICSE access no longer wait for the law), so their lanes are too deep for one A4 page at 7pt: they fit one
# A3 page, and on A4 take a page a pillar (below).
@pytest.mark.parametrize(("count", "paper"), [(39, A4), (OVERVIEW_MAX, A3)])
def test_up_to_sixty_deliverables_fit_one_page_readable(count, paper):
    schedule = sequence(large_plan(count))
    [chart] = overview_charts(schedule, WORDS, rtl=False, paper=paper)
    assert scale_to_fit(*svg_size(chart.svg), paper) >= MIN_SCALE  # text no smaller than 7pt
    assert set(chart.keys) == {d.key for d in schedule.deliverables}


def test_beyond_sixty_one_page_per_pillar():
    schedule = sequence(large_plan(156))
    charts = overview_charts(schedule, WORDS, rtl=False)
    assert all(scale_to_fit(*svg_size(c.svg)) >= MIN_SCALE for c in charts)
    assert sorted(k for c in charts for k in c.keys) == sorted(d.key for d in schedule.deliverables)
    for chart in charts:
        assert len({schedule.get(k).pillar for k in chart.keys}) == 1


def printed_overview(count: int) -> bytes:
    """The overview part of a roadmap of ``count`` deliverables, printed on its own."""
    schedule_plan = large_plan(count)
    parts = render_parts(schedule_plan, sequence(schedule_plan), WORDS.context)
    [document] = [d for d in parts.documents if 'id="overview"' in d]
    document = re.sub(re.escape(parts.token) + r"[^@]*@@", "", document)
    from weasyprint import HTML

    from roadmap.printing.document import TEMPLATES_DIR

    html = HTML(string=document, base_url=TEMPLATES_DIR.as_uri() + "/", url_fetcher=TemplateOnlyFetcher())
    return html.write_pdf()


@pytest.mark.parametrize("count", [39, 60])
def test_the_printed_overview_page_shows_every_deliverables_key(count, artifacts, tmp_path):
    pdf = printed_overview(count)
    reader = pypdf.PdfReader(BytesIO(pdf))
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    # One page for 39; the first sixty of the catalog take a page a pillar on A4 (see above).
    charts = next(n for n, text in enumerate(pages) if text.startswith("The plan at a glance in text"))
    assert charts == (1 if count == 39 else len({d.pillar for d in large_plan(count).deliverables}))
    words = set(" ".join(pages[:charts]).split())
    keys = {d.key for d in large_plan(count).deliverables}
    assert keys <= words, sorted(keys - words)
    # The text equivalent follows, with every deliverable again.
    rest = " ".join(pages[charts:])
    assert "The plan at a glance in text" in rest and keys <= set(rest.split())
    (tmp_path / "overview.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            tmp_path / "overview.pdf",
            artifacts / f"overview-{count}",
        ],
        check=True,
    )


def test_a_pillar_too_tall_even_in_short_runs_is_cut_down_to_single_deliverables_and_ends():
    # 40 one-week steps in one pillar beside a long deliverable and 40 more steps in another: about
    # forty overlapping phases make the phase band deep on every page of the whole time span.
    legal = [item(f"L{n}", 1, Pillar.LEGAL) for n in range(40)]
    tech = [item("T0", 52, Pillar.TECHNICAL)] + [item(f"T{n}", 1, Pillar.TECHNICAL) for n in range(1, 41)]
    links = tuple(Dependency(f"L{n}", f"L{n + 1}") for n in range(39)) + tuple(
        Dependency(f"T{n}", f"T{n + 1}") for n in range(40)
    )
    schedule = sequence(plan(*legal, *tech, links=links))
    charts = overview_charts(schedule, WORDS, rtl=False)
    assert sorted(k for c in charts for k in c.keys) == sorted(d.key for d in schedule.deliverables)
