"""No template marks user data as safe HTML: the only exceptions are named, and each is built escaped."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The chart SVG (roadmap.charts escapes every text it draws; tests/roadmap/charts/test_charts.py proves it),
# the stylesheet read from pdf_templates/, and the page-margin CSS whose every string is hex-escaped.
ALLOWED_SAFE = {"chart.svg", "css", "page_css"}
# The charts, the options of a long select, whose value and label are escaped on the line before, and
# the <bdi> around a person's text, which Markup.format escapes (tests/roadmap/printing/test_bidi.py).
ALLOWED_MARKUP = {
    ("views/charts.py", "gantt_svg"),
    ("views/charts.py", "graph_svg"),
    ("views/charts.py", "trend_svg"),  # escapes its one text (tests/roadmap/charts/test_trend.py)
    ("views/wizard/forms.py", '<option value="{value}"{selected}>{label}</option>'),
    ("roadmap/i18n.py", 'return Markup("")'),
    (
        "roadmap/i18n.py",
        """Markup('<bdi dir="{}">{}</bdi>').format(way, text) if way else Markup("<bdi>{}</bdi>").format(text)""",
    ),
    ("roadmap/i18n.py", """Markup(' dir="{}"').format(way) if way else Markup("")"""),
}


def test_templates_mark_nothing_but_the_named_exceptions_safe():
    found = []
    for folder in ("views/templates", "pdf_templates"):
        for path in (ROOT / folder).rglob("*.html"):
            for expression in re.findall(r"\{\{\s*([^}|]+?)\s*\|\s*safe\b", path.read_text(encoding="utf-8")):
                if expression not in ALLOWED_SAFE:
                    found.append(f"{path.relative_to(ROOT)}: {expression}|safe")
    assert found == []


def test_python_marks_only_the_charts_as_markup():
    found = []
    for folder in ("views", "models", "roadmap"):
        for path in (ROOT / folder).rglob("*.py"):
            for line in path.read_text(encoding="utf-8").splitlines():
                if "Markup(" in line and "import" not in line:
                    rel = str(path.relative_to(ROOT))
                    if not any(rel == f and name in line for f, name in ALLOWED_MARKUP):
                        found.append(f"{rel}: {line.strip()}")
    assert found == []
