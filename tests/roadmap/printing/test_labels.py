"""Chart labels that WeasyPrint cannot shape in SVG, lifted out as HTML text for the PDF."""

import re
from datetime import date

from roadmap.charts import gantt_svg
from roadmap.plan import Deliverable, Plan
from roadmap.printing.labels import lift_labels, needs_shaping
from roadmap.sequencing import sequence
from roadmap.vocabulary import Language, Pillar

ARABIC = "قانون حماية الطفل"


def plan_with(title: str) -> Plan:
    return Plan(
        country="EGY",
        title="x",
        start_date=date(2027, 1, 4),
        language=Language.AR,
        deliverables=(Deliverable("A", Pillar.LEGAL, title, 4), Deliverable("B", Pillar.LEGAL, "Beta course", 2)),
    )


def test_only_text_that_needs_shaping_is_lifted():
    assert needs_shaping(ARABIC) and needs_shaping("שלום")
    assert not any(needs_shaping(t) for t in ("Beta course", "儿童保护法", "Закон о защите детей", "Q1 2027"))


def test_the_web_chart_keeps_its_svg_text_and_the_printed_one_sets_it_as_html():
    svg = gantt_svg(sequence(plan_with(ARABIC)), rtl=True, width=1000)
    # Browsers shape SVG text, so the chart the web pages show is unchanged.
    assert re.search(rf"<text[^>]*>{ARABIC}</text>", svg)
    lifted = lift_labels(svg, 1000, 0.5)
    # Gone from the drawn text (the hover <title> keeps it), while Latin labels stay in the SVG.
    assert not re.search(rf"<text[^>]*>{ARABIC}", lifted.svg) and re.search(r"<text[^>]*>Beta course<", lifted.svg)
    [label] = re.findall(r'<span class="chart-label" dir="(\w+)" style="([^"]*)">([^<]*)</span>', lifted.labels)
    assert label[0] == "rtl" and label[2] == ARABIC
    # Placed where the SVG text was, at the chart's printed scale: right-anchored in a right-to-left chart.
    x, y = (float(v) for v in re.search(r'<text[^>]*x="([0-9.]+)" y="([0-9.]+)"[^>]*>' + ARABIC, svg).groups())
    assert f"right: {(1000 - x) * 0.5:.2f}px" in label[1]
    assert "font-size: 5.50px" in label[1] and f"top: {(y - 0.88 * 11) * 0.5:.2f}px" in label[1]


def test_lifted_labels_stay_escaped():
    svg = gantt_svg(sequence(plan_with(f'{ARABIC} <img src="file:///etc/passwd">')), rtl=True)
    labels = lift_labels(svg, 1000, 1).labels
    assert "<img" not in labels and "&lt;img src=" in labels
