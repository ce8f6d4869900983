"""The SVG charts, read back with ElementTree: safe, accessible, translatable, and true to the schedule."""

import hashlib
import itertools
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest

from bench.sequencing import random_plan
from roadmap.charts import PILLAR_COLOURS, GanttPage, gantt_pages, gantt_svg, graph_parts, graph_svg
from roadmap.charts._calendar import MONTHS
from roadmap.charts._svg import LEGEND_SIZE, text_width
from roadmap.charts.layout import layered_layout
from roadmap.demo import demo_plan
from roadmap.plan import Deliverable, Dependency, Plan
from roadmap.sequencing import Schedule, sequence
from roadmap.vocabulary import DependencyType, Pillar

NS = "{http://www.w3.org/2000/svg}"
START = date(2027, 1, 4)  # a Monday
FS, SS, FF = DependencyType.FINISH_TO_START, DependencyType.START_TO_START, DependencyType.FINISH_TO_FINISH
ALLOWED_TAGS = {"svg", "title", "desc", "g", "rect", "line", "path", "polygon", "text"}
HOSTILE = (
    '<image href="file:///etc/passwd"/>',
    "]]><script>alert(1)</script>",
    'Tom & "Jerry" \'s <b>law</b>',
    "إنشاء وحدة شرطة متخصصة لحماية الأطفال",
    "制定国家儿童在线保护战略",
    "Emoji 🚸👧🏽 safety",
)


def item(key: str, weeks: int, pillar: Pillar = Pillar.LEGAL, title: str | None = None) -> Deliverable:
    return Deliverable(key=key, pillar=pillar, title=title or f"Deliverable {key}", duration_weeks=weeks)


def plan(*items: Deliverable, links: tuple[Dependency, ...] = ()) -> Plan:
    return Plan(country="KEN", title="Test roadmap", start_date=START, deliverables=items, dependencies=links)


def small() -> Plan:
    # A 4w → B 6w (+2w) → M milestone; C 3w starts 1w after A starts; D 2w ends with B, 1w early.
    return plan(
        item("A", 4),
        item("B", 6, Pillar.TECHNICAL),
        item("C", 3, Pillar.CAPACITY),
        item("D", 2, Pillar.COOPERATION),
        item("M", 0, Pillar.ORGANIZATIONAL),
        links=(
            Dependency("A", "B", FS, 2),
            Dependency("A", "C", SS, 1),
            Dependency("B", "D", FF, -1),
            Dependency("B", "M"),
        ),
    )


@pytest.fixture(scope="module")
def demo() -> tuple[Plan, Schedule]:
    p = demo_plan("GHA", "Demo")
    return p, sequence(p)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def local(el: ET.Element) -> str:
    return el.tag.removeprefix(NS)


def of_class(root: ET.Element, cls: str) -> list[ET.Element]:
    return [el for el in root.iter() if el.get("class") == cls]


def texts(el: ET.Element) -> list[str]:
    return [t.text or "" for t in el.iter(NS + "text")]


def assert_safe(svg: str) -> ET.Element:
    """Well-formed, nothing external, only plain drawing elements, labelled for screen readers, text ≥ 10px."""
    root = parse(svg)
    assert local(root) == "svg"
    for el in root.iter():
        assert el.tag.startswith(NS) and local(el) in ALLOWED_TAGS, el.tag
        for name, value in el.attrib.items():
            if "href" in name or name.endswith("src"):
                assert value.startswith("#"), (name, value)
            for ref in re.findall(r"url\(([^)]*)\)", value):
                assert ref.strip("'\" ").startswith("#"), value
        if el.get("font-size") is not None:
            assert float(el.get("font-size")) >= 10
    assert root.get("role") == "img"
    ids = root.get("aria-labelledby").split()
    by_id = {el.get("id"): local(el) for el in root.iter() if el.get("id")}
    assert sorted(by_id[i] for i in ids) == ["desc", "title"]
    assert all((el.text or "").strip() for el in root if local(el) in ("title", "desc"))
    assert root.get("font-family").startswith("Noto Sans, Noto Sans CJK SC, Noto Sans Arabic,")
    assert float(root.get("font-size")) >= 10
    width, height = float(root.get("width")), float(root.get("height"))
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}" and width > 0 and height > 0
    return root


def test_pillar_colours_are_the_shared_palette():
    assert PILLAR_COLOURS == {
        Pillar.LEGAL: "#1f5fa8",
        Pillar.TECHNICAL: "#1c7c54",
        Pillar.ORGANIZATIONAL: "#8a4b08",
        Pillar.CAPACITY: "#6b3fa0",
        Pillar.COOPERATION: "#a3264a",
    }


@pytest.mark.parametrize("rtl", [False, True])
def test_every_chart_is_safe_and_accessible(demo, rtl):
    p, s = demo
    charts = [gantt_svg(s, today=date(2027, 6, 1), rtl=rtl), graph_svg(p, s, rtl=rtl)]
    charts += [page.svg for page in gantt_pages(s, rtl=rtl)]
    charts += [part.svg for part in graph_parts(p, s, max_nodes=20, rtl=rtl)]
    for svg in charts:
        assert_safe(svg)


def test_empty_plan_gives_small_charts_that_say_so():
    p = plan()
    s = sequence(p)
    pages = gantt_pages(s)
    parts = graph_parts(p, s)
    assert [page.rows for page in pages] == [(0, 0)] and [part.keys for part in parts] == [()]
    for svg in (gantt_svg(s), graph_svg(p, s), pages[0].svg, parts[0].svg):
        root = assert_safe(svg)
        assert any(t.startswith("Nothing to show") for t in texts(root))
        assert float(root.get("height")) < 100


def test_hostile_titles_are_literal_text():
    titles = (*HOSTILE, "bell\x07 and \x00 nul")
    items = tuple(item(f"K{i}", 2 + i, list(Pillar)[i % 5], title) for i, title in enumerate(titles))
    links = tuple(Dependency(f"K{i}", f"K{i + 1}") for i in range(len(items) - 1))
    p = plan(*items, links=links)
    s = sequence(p)
    whole = (*HOSTILE, "bell and  nul")  # characters XML cannot carry at all are dropped
    for svg, expected in (
        (gantt_svg(s), whole),
        (graph_svg(p, s), whole),
        (graph_svg(p, s, keys=["K0", "K1", "K5"]), (HOSTILE[0], HOSTILE[1], HOSTILE[5])),
    ):
        assert "<image" not in svg and "<script" not in svg and "<b>" not in svg
        root = assert_safe(svg)
        assert not [el for el in root.iter() if local(el) in ("image", "script", "style", "a", "foreignObject")]
        content = [el.text or "" for el in root.iter()]
        for title in expected:
            assert any(title in c for c in content), title


def test_gantt_rows_follow_sequence_order(demo):
    _, s = demo
    root = parse(gantt_svg(s))
    assert [el.text for el in of_class(root, "key")] == [d.key for d in s.deliverables]
    assert [el.get("data-key") for el in of_class(root, "row")] == [d.key for d in s.deliverables]


def bar_geometry(root: ET.Element) -> dict[str, tuple[float, float]]:
    return {el.get("data-key"): (float(el.get("x")), float(el.get("width"))) for el in of_class(root, "bar")}


def test_gantt_bars_are_proportional_to_weeks():
    s = sequence(small())
    root = parse(gantt_svg(s))
    bars = bar_geometry(root)
    assert sorted(bars) == ["A", "B", "C", "D"]
    a, b = s.get("A"), s.get("B")
    scale = (bars["B"][0] - bars["A"][0]) / (b.es - a.es)
    origin = bars["A"][0] - scale * a.es
    assert scale > 0
    for key, (x, width) in bars.items():
        d = s.get(key)
        assert x == pytest.approx(origin + scale * d.es, abs=0.02)
        assert width == pytest.approx(scale * d.duration_weeks, abs=0.02)
    (diamond,) = of_class(root, "milestone")
    points = [tuple(map(float, pt.split(","))) for pt in diamond.get("points").split()]
    assert local(diamond) == "polygon" and len(points) == 4
    assert sum(x for x, _ in points) / 4 == pytest.approx(origin + scale * s.get("M").es, abs=0.02)


def test_gantt_mirrors_for_right_to_left():
    s = sequence(small())
    ltr, rtl = bar_geometry(parse(gantt_svg(s))), bar_geometry(parse(gantt_svg(s, rtl=True)))
    for key, (x, width) in ltr.items():
        assert rtl[key] == pytest.approx((1000 - x - width, width), abs=0.02)
    root = parse(gantt_svg(s, rtl=True))
    assert all(float(k.get("x")) > max(ltr["A"][0], 900) for k in of_class(root, "key"))


def test_critical_bars_are_outlined_and_labelled(demo):
    _, s = demo
    root = parse(gantt_svg(s))
    # The critical path only: work with no slack left against a due date but off the path (in the demo,
    # I2 and O5, which hold up the cabinet's approval) is not called critical.
    on_path = set(s.critical_path)
    assert {"I2", "O5"} <= {d.key for d in s.deliverables if d.critical} - on_path
    for row in of_class(root, "row"):
        d = s.get(row.get("data-key"))
        (shape,) = [el for el in row if el.get("class") in ("bar", "milestone")]
        labelled = any("Critical" in t for t in texts(row))
        assert labelled is (d.key in on_path)
        assert (float(shape.get("stroke-width", 0)) >= 2) is (d.key in on_path)


def test_gantt_legend_names_every_pillar_and_mark():
    root = parse(gantt_svg(sequence(small())))
    (legend,) = of_class(root, "legend")
    words = texts(legend)
    assert {p.label for p in Pillar} | {"Legend", "Critical", "Milestone"} <= set(words)


@pytest.mark.parametrize(
    ("today", "weeks", "shown"),
    [
        (START + timedelta(days=10), None, True),
        (None, None, False),
        (START - timedelta(days=1), None, False),
        (START + timedelta(days=7 * 40), None, False),
        (START + timedelta(days=10), (2, 8), False),
        (START + timedelta(days=20), (2, 8), True),
    ],
)
def test_today_line_only_inside_the_window(today, weeks, shown):
    root = parse(gantt_svg(sequence(small()), today=today, weeks=weeks))
    assert bool(of_class(root, "today")) is shown
    assert ("Today" in texts(root)) is shown


def test_long_titles_are_cut_with_the_full_title_on_hover():
    long = "Adopt a comprehensive national framework for the protection of children online, with every agency " * 2
    root = parse(gantt_svg(sequence(plan(item("X", 4, title=long)))))
    (title,) = of_class(root, "title")
    assert title.text.endswith("…") and len(title.text) < 60
    (row,) = of_class(root, "row")
    assert long in row.find(NS + "title").text


def test_every_printed_word_goes_through_gettext(demo):
    p, s = demo

    def mark(text: str) -> str:
        return f"«{text}»"

    user = {"key", "title", "others"}
    for svg in (
        gantt_svg(s, today=date(2027, 6, 1), gettext=mark),
        graph_parts(p, s, max_phases=5, gettext=mark)[1].svg,
    ):
        root = parse(svg)
        printed = [t for t in root.iter(NS + "text") if t.get("class") not in user]
        assert printed and all((t.text or "").startswith("«") for t in printed), [t.text for t in printed]
        assert root.find(NS + "title").text.startswith("«")
    months = parse(gantt_svg(s, weeks=(0, 52), format_month=lambda d: f"M{d.month}"))
    assert {"M2", "M3", "M12"} <= set(texts(months))


# --- Gantt pages ---------------------------------------------------------------------------------


def cells(schedule: Schedule, key: str, first: int, last: int) -> set[tuple[str, int]]:
    d = schedule.get(key)
    if d.duration_weeks == 0:
        return {(key, d.es)} if first <= d.es < last else set()
    return {(key, w) for w in range(max(d.es, first), min(d.ef, last))}


def assert_pages_cover(schedule: Schedule, pages: list[GanttPage], max_rows: int, max_weeks: int) -> None:
    seen: list[tuple[str, int]] = []
    windows = []
    order = {d.key: i for i, d in enumerate(schedule.deliverables)}
    for page in pages:
        first, last = page.weeks
        assert 0 < last - first <= max_weeks
        root = assert_safe(page.svg)
        rows = [el.get("data-key") for el in of_class(root, "row")]
        assert 0 < len(rows) <= max_rows
        places = [order[k] for k in rows]
        assert places == sorted(places) and page.rows[0] <= places[0] and places[-1] < page.rows[1]
        for key in rows:
            drawn = cells(schedule, key, first, last)
            assert drawn, f"{key} has nothing in weeks {page.weeks}"
            seen += drawn
        if not windows or windows[-1] != page.weeks:
            windows.append(page.weeks)
    every = [c for d in schedule.deliverables for c in cells(schedule, d.key, 0, 10**6)]
    assert sorted(seen) == sorted(every)  # every busy (row, week) once, none twice
    assert windows[0][0] == 0 and all(a[1] == b[0] for a, b in itertools.pairwise(windows))


@pytest.mark.parametrize(("max_rows", "max_weeks"), [(28, 78), (5, 10), (1, 1)])
def test_gantt_pages_cover_the_demo_exactly_once(demo, max_rows, max_weeks):
    _, s = demo
    assert_pages_cover(s, gantt_pages(s, max_rows=max_rows, max_weeks=max_weeks), max_rows, max_weeks)


def test_gantt_pages_cover_a_large_plan_exactly_once():
    s = sequence(random_plan(300, seed=7))
    pages = gantt_pages(s)
    assert_pages_cover(s, pages, 28, 78)
    assert len({page.weeks for page in pages}) >= 2 and len(pages) >= 300 / 28


def test_gantt_pages_cut_at_quarter_starts_and_keep_the_text_size(demo):
    _, s = demo
    pages = gantt_pages(s)
    for first, _last in {page.weeks for page in pages}:
        day = START + timedelta(days=7 * first)
        begins = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        assert first == 0 or (day - begins).days < 7  # the first week on or after a quarter's first day
    sizes = {el.get("font-size") for page in pages for el in parse(page.svg).iter() if el.get("font-size")}
    assert min(map(float, sizes)) >= 10 and len(pages) > 1


# --- dependency graph ----------------------------------------------------------------------------


def nodes(root: ET.Element) -> dict[str, tuple[float, float]]:
    out = {}
    for g in of_class(root, "node"):
        (box,) = [el for el in g if el.get("class") == "box"]
        out[g.get("data-key")] = (float(box.get("x")), float(box.get("y")))
    return out


@pytest.mark.parametrize("rtl", [False, True])
def test_graph_columns_follow_phases(demo, rtl):
    p, s = demo
    placed = nodes(parse(graph_svg(p, s, rtl=rtl)))
    assert sorted(placed) == sorted(d.key for d in s.deliverables)
    column = {}
    for d in s.deliverables:
        assert column.setdefault(d.phase, placed[d.key][0]) == placed[d.key][0]
    xs = [column[phase] for phase in sorted(column)]
    assert xs == sorted(xs, reverse=rtl) and len(set(xs)) == len(xs)
    for x in p.dependencies:
        assert (placed[x.successor][0] < placed[x.predecessor][0]) is rtl


def dash_kind(path: ET.Element) -> DependencyType:
    dash = path.get("stroke-dasharray")
    if dash is None:
        return FS
    return SS if float(dash.split()[0]) > 3 else FF


def test_every_link_is_an_arrow_styled_by_its_type(demo):
    p, s = demo
    root = parse(graph_svg(p, s))
    edges = {(g.get("data-from"), g.get("data-to")): g for g in of_class(root, "edge")}
    assert len(edges) == len(p.dependencies) == len(of_class(root, "edge"))
    assert {x.type for x in p.dependencies} == set(DependencyType)
    lags = {(g.get("data-from"), g.get("data-to")): texts(g) for g in of_class(root, "lag")}
    for x in p.dependencies:
        g = edges[(x.predecessor, x.successor)]
        assert dash_kind(g.find(NS + "path")) is x.type and g.get("data-type") == x.type.value
        assert g.find(NS + "polygon") is not None  # the arrowhead
        if x.lag_weeks:
            assert lags[(x.predecessor, x.successor)] == [
                f"+{x.lag_weeks}w" if x.lag_weeks > 0 else f"−{-x.lag_weeks}w"
            ]
    assert len(lags) == sum(1 for x in p.dependencies if x.lag_weeks)


def test_critical_path_is_emphasised(demo):
    p, s = demo
    root = parse(graph_svg(p, s))
    on_path = set(zip(s.critical_path, s.critical_path[1:], strict=False))
    assert len(on_path) >= 3
    width = {
        (g.get("data-from"), g.get("data-to")): float(g.find(NS + "path").get("stroke-width"))
        for g in of_class(root, "edge")
    }
    assert min(width[e] for e in on_path) > max(w for e, w in width.items() if e not in on_path)
    outline = {
        g.get("data-key"): float(next(el for el in g if el.get("class") == "box").get("stroke-width"))
        for g in of_class(root, "node")
    }
    assert min(outline[k] for k in s.critical_path) > max(w for k, w in outline.items() if k not in s.critical_path)
    assert "Critical path" in texts(of_class(root, "legend")[0])


def crossings(place: dict[str, tuple[int, int]], links: list[tuple[str, str]]) -> int:
    """Pairs of links without a shared end whose straight segments between (column, rank) points cross."""

    def side(a, b, c):
        v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return (v > 0) - (v < 0)

    count = 0
    for i, (u1, v1) in enumerate(links):
        for u2, v2 in links[i + 1 :]:
            if {u1, v1} & {u2, v2}:
                continue
            a, b, c, d = place[u1], place[v1], place[u2], place[v2]
            count += side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0
    return count


@pytest.mark.parametrize("which", ["demo", "random"])
def test_crossing_reduction_does_not_add_crossings(demo, which):
    p, s = demo if which == "demo" else (random_plan(120, seed=5), sequence(random_plan(120, seed=5)))
    placed = nodes(parse(graph_svg(p, s)))
    final = {}
    for phase, keys in enumerate(s.phases):
        for rank, key in enumerate(sorted(keys, key=lambda k: placed[k][1])):
            final[key] = (phase, rank)
    initial = {key: (phase, rank) for phase, keys in enumerate(s.phases) for rank, key in enumerate(keys)}
    links = [(x.predecessor, x.successor) for x in p.dependencies]
    assert crossings(final, links) < crossings(initial, links)


def test_layout_never_ends_with_more_crossings_than_it_started_with():
    columns = [["a", "b", "c"], ["d", "e", "f"], ["g", "h"]]
    edges = [("a", "f"), ("b", "e"), ("c", "d"), ("d", "h"), ("f", "g"), ("a", "g")]
    layout = layered_layout(columns, edges, node_height=50, node_gap=10, point_gap=8)
    assert layout.initial_crossings > 0 and layout.crossings == 0
    for col in layout.columns:
        ys = [layout.y[v] for v in col]
        assert all(b - a >= 8 for a, b in itertools.pairwise(ys))
    with pytest.raises(ValueError, match="later column"):
        layered_layout([["a"], ["b"]], [("b", "a")], node_height=50, node_gap=10, point_gap=8)


def test_subset_draws_its_nodes_and_stubs_to_the_rest():
    p = small()
    s = sequence(p)
    root = parse(graph_svg(p, s, keys=["B", "D"]))
    assert sorted(nodes(root)) == ["B", "D"]
    assert [(g.get("data-from"), g.get("data-to")) for g in of_class(root, "edge")] == [("B", "D")]
    stubs = {(g.get("data-key"), g.get("data-others")) for g in of_class(root, "stub")}
    assert stubs == {("B", "A"), ("B", "M")}
    with pytest.raises(KeyError, match="Z"):
        graph_svg(p, s, keys=["B", "Z"])


def test_graph_parts_split_a_large_plan_by_pillar():
    p = random_plan(300, seed=11)
    s = sequence(p)
    parts = graph_parts(p, s)
    keys = [k for part in parts for k in part.keys]
    assert sorted(keys) == sorted(d.key for d in s.deliverables)
    assert all(len(part.keys) <= 80 for part in parts) and len(parts) >= 4
    pillar_of = {d.key: d.pillar for d in s.deliverables}
    for part in parts:
        (pillar,) = {pillar_of[k] for k in part.keys}
        assert part.title.startswith(pillar.label)
        assert sorted(nodes(parse(part.svg))) == sorted(part.keys)
    small_parts = graph_parts(p, s, max_nodes=25)
    assert all(len(part.keys) <= 25 for part in small_parts)
    assert sorted(k for part in small_parts for k in part.keys) == sorted(keys)
    assert any("phase" in part.title for part in small_parts)


def test_graph_parts_keep_a_small_plan_whole_or_cut_it_by_phases(demo):
    p, s = demo
    (whole,) = graph_parts(p, s)
    assert whole.keys == tuple(d.key for d in s.deliverables) and whole.title == "All deliverables"
    parts = graph_parts(p, s, max_phases=4)
    phase = {d.key: d.phase for d in s.deliverables}
    # The demo's 16 phases (the law's passage is six steps: drafting, Cabinet, tabling, passage, assent,
    # entry into force) in even runs of at most four.
    assert [len({phase[k] for k in part.keys}) for part in parts] == [4, 4, 4, 4]
    assert [part.title for part in parts] == ["Phases 1–4", "Phases 5–8", "Phases 9–12", "Phases 13–16"]
    assert sorted(k for part in parts for k in part.keys) == sorted(phase)
    later = parse(parts[1].svg)
    assert of_class(later, "stub")  # links into earlier phases are named, not dropped


# --- determinism ---------------------------------------------------------------------------------


def test_same_input_gives_the_same_string(demo):
    p, s = demo
    again = sequence(demo_plan("GHA", "Demo"))
    assert gantt_svg(s, today=date(2027, 6, 1)) == gantt_svg(again, today=date(2027, 6, 1))
    assert graph_svg(p, s) == graph_svg(p, again)
    assert [x.svg for x in gantt_pages(s)] == [x.svg for x in gantt_pages(again)]


def test_same_string_whatever_the_hash_seed():
    # Sets of strings iterate in a per-process order; the charts must not depend on it.
    script = (
        "import hashlib; from roadmap.demo import demo_plan; from roadmap.sequencing import sequence; "
        "from roadmap.charts import graph_parts, gantt_pages; p = demo_plan('GHA', 'Demo'); s = sequence(p); "
        "print(hashlib.sha256(''.join([x.svg for x in graph_parts(p, s, max_phases=4)] "
        "+ [x.svg for x in gantt_pages(s)]).encode()).hexdigest())"
    )
    root = Path(__file__).resolve().parents[3]
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1 and len(next(iter(digests)).strip()) == len(hashlib.sha256().hexdigest())


# --- printed pages -------------------------------------------------------------------------------


def test_printed_gantt_pages_number_each_row_as_the_sequence_tables_do(demo):
    """The PDF points from the chart to the sequence tables by row number: each row must carry it."""
    _, s = demo
    row_of = {d.key: n for n, d in enumerate(s.deliverables, start=1)}
    pages = gantt_pages(s, max_rows=10, max_weeks=26)
    assert len(pages) > 4
    for page in pages:
        root = parse(page.svg)
        keys = [el.text for el in of_class(root, "key")]
        numbers = [int(el.text) for el in of_class(root, "row-number")]
        assert numbers == [row_of[k] for k in keys] and numbers
        assert all(page.rows[0] < n <= page.rows[1] for n in numbers)


def test_a_month_band_is_never_left_with_gaps():
    """Where some month names are too long to fit (in some languages), the axis gives years over quarters."""
    s = sequence(plan(item("A", 52)))
    english = texts(of_class(parse(gantt_svg(s, width=1200)), "axis")[0])
    assert {"Feb", "Sep", "Dec"} <= set(english)

    def long_months(text: str) -> str:
        return "A very long month name" if text in MONTHS else text

    axis = texts(of_class(parse(gantt_svg(s, width=1200, gettext=long_months)), "axis")[0])
    assert "A very long month name" not in axis and {"Q2", "Q3", "Q4"} <= set(axis)


def test_the_lag_sample_in_the_graph_legend_never_runs_into_its_words():
    """A lag written long ("+2 weeks" in words) widens its own swatch instead of overprinting its label."""

    def wordy(text: str) -> str:
        return "{lag} weeks of waiting" if text == "{lag}w" else text

    root = parse(graph_svg(small(), sequence(small()), gettext=wordy))
    (legend,) = of_class(root, "legend")
    items = list(legend.iter(NS + "text"))
    sample = next(i for i, t in enumerate(items) if "weeks of waiting" in (t.text or ""))
    swatch, label = items[sample], items[sample + 1]
    right = (
        float(swatch.get("x")) + text_width(swatch.text, float(swatch.get("font-size") or LEGEND_SIZE), bold=True) / 2
    )
    assert float(label.get("x")) >= right
