"""The printed roadmap, read back from real PDFs: complete, in order, numbered, laid out, safe and translatable.

Rendering the demo plan takes seconds, so each plan is rendered once per module and shared.
"""

import dataclasses
import re
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from io import BytesIO

import pypdf
import pytest

from roadmap.catalog import load_catalog
from roadmap.demo import demo_plan
from roadmap.duedates import due_dates_at_risk
from roadmap.plan import Assessment, Cost, Deliverable, Dependency, Indicator, Plan, Stakeholder
from roadmap.printing.charts import MIN_SCALE
from roadmap.printing.document import TEMPLATE_VERSION, TEMPLATES_DIR, PrintContext, render_html, render_parts
from roadmap.printing.text import css_string
from roadmap.printing.weasy import TemplateOnlyFetcher, html_to_pdf
from roadmap.sequencing import sequence
from roadmap.threats import Threat
from roadmap.vocabulary import Language, Pillar, RoadmapStatus, StakeholderKind

CONTEXT = PrintContext(country_name="Ghana", version=3, generated_on=date(2026, 5, 4), today=date(2027, 9, 1))
HOSTILE = (
    '<img src="file:///etc/passwd">',
    '<link rel="attachment" href="file:///etc/passwd">',
    "<style>@import url(http://169.254.169.254/x)</style>",
    '<svg><image href="file:///etc/passwd"/></svg>',
)
CHART_SECTIONS = ("Plan at a glance", "Gantt chart", "Dependency graph")


@dataclasses.dataclass
class Printed:
    plan: Plan
    html: str
    pdf: pypdf.PdfReader
    texts: list[str]
    sections: dict[str, range]  # top-level outline entry → its pages (0-based)
    fetched: list[str]


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def render(plan: Plan, context: PrintContext = CONTEXT) -> Printed:
    """The roadmap printed as the export prints it: in parts, joined."""
    parts = render_parts(plan, sequence(plan), context)
    html = "".join(parts.documents) + parts.furniture
    fetcher = TemplateOnlyFetcher()
    pdf = pypdf.PdfReader(BytesIO(html_to_pdf(parts, fetcher=fetcher)))
    texts = [page.extract_text() for page in pdf.pages]
    starts = [(item.title, pdf.get_destination_page_number(item)) for item in pdf.outline if not isinstance(item, list)]
    ends = [start for _, start in starts[1:]] + [len(pdf.pages)]
    sections = {title: range(start, end) for (title, start), end in zip(starts, ends, strict=True)}
    return Printed(plan, html, pdf, texts, sections, fetcher.requests)


def section_text(printed: Printed, title: str) -> str:
    return "\n".join(printed.texts[i] for i in printed.sections[title])


@pytest.fixture(scope="module")
def demo() -> Printed:
    return render(demo_plan("GHA", "National Child Online Protection Roadmap 2027–2030"))


@pytest.fixture(scope="module")
def approved() -> Printed:
    # Whether a page says DRAFT does not depend on the plan's size: a small plan prints every part in a
    # fraction of the demo's time.
    return render(small_plan(title="Approved roadmap", status=RoadmapStatus.APPROVED))


def small_plan(**changes) -> Plan:
    plan = Plan(
        country="KEN",
        title="Small roadmap",
        start_date=date(2027, 1, 4),
        stakeholders=(Stakeholder("ICT", "Ministry of ICT", StakeholderKind.GOVERNMENT),),
        assessments=(Assessment(Pillar.LEGAL, 2, "Agreed at the workshop"),),
        deliverables=(
            Deliverable("A", Pillar.LEGAL, "Alpha law", 4, description="Write it.", lead="ICT"),
            Deliverable(
                "B",
                Pillar.CAPACITY,
                "Beta course",
                6,
                lead="ICT",
                partners=("ICT",),
                cost=Cost(Decimal("1250.50"), "EUR", "Grant"),
                threats=(Threat.GROOMING,),
                indicators=(Indicator("Teachers trained", "people", 0, 300),),
            ),
            Deliverable("M", Pillar.ORGANIZATIONAL, "Gamma launch", 0),
        ),
        dependencies=(Dependency("A", "B", lag_weeks=2), Dependency("B", "M")),
    )
    return dataclasses.replace(plan, **changes)


def mid_plan(country: str = "GHA", title: str = "National Child Online Protection Roadmap 2027–2030") -> Plan:
    """The demo built from every third catalog template: every pillar and every printed part, links across
    parts and some forty pages, printed in about a third of the time the whole catalog takes."""
    return demo_plan(country, title, load_catalog()[::3])


def test_every_deliverable_title_is_printed(demo):
    text = compact("".join(demo.texts))
    missing = [d.key for d in demo.plan.deliverables if compact(d.title) not in text]
    assert missing == []


def test_the_sequence_lists_every_deliverable_after_those_it_waits_on(demo):
    text = section_text(demo, "Sequence of work")
    first = {}
    for d in demo.plan.deliverables:
        match = re.search(rf"(?<![A-Za-z0-9]){re.escape(d.key)}(?![A-Za-z0-9])", text)
        assert match, f"{d.key} is not in the sequence section"
        first[d.key] = match.start()
    late = [(x.predecessor, x.successor) for x in demo.plan.dependencies if first[x.predecessor] > first[x.successor]]
    assert late == []
    # One table per phase, so that no single table runs across many pages.
    assert demo.html.count('<table class="sequence">') == len(sequence(demo.plan).phases)


def test_every_page_says_which_page_of_how_many(demo):
    total = len(demo.texts)
    assert total > 20
    unnumbered = [i for i, text in enumerate(demo.texts, start=1) if f"Page {i} of {total}" not in text]
    assert unnumbered == []


def test_the_charts_are_on_landscape_pages_and_the_rest_is_portrait(demo):
    assert set(CHART_SECTIONS) <= set(demo.sections)
    landscape = {i for title in CHART_SECTIONS for i in demo.sections[title]}
    assert len(demo.sections["Gantt chart"]) >= 2  # the demo's Gantt chart is split across pages
    for i, page in enumerate(demo.pdf.pages):
        wide = page.mediabox.width > page.mediabox.height
        assert wide == (i in landscape), f"page {i + 1}"


def test_chart_text_is_never_shrunk_below_seven_points(demo):
    charts = re.findall(r'<div class="chart" style="width: ([0-9.]+)px; [^"]*"><svg[^>]*? width="([0-9.]+)"', demo.html)
    assert len(charts) >= 5
    assert all(float(shown) / float(drawn) >= MIN_SCALE - 0.001 for shown, drawn in charts)


def test_a_draft_says_so_on_every_page_and_an_approved_roadmap_nowhere(demo, approved):
    assert all("DRAFT" in text for text in demo.texts)
    assert not any("DRAFT" in text for text in approved.texts)
    assert "Approved" in approved.texts[0]


def test_the_executive_summary_adds_up(demo):
    text = " ".join(section_text(demo, "Executive summary").split())
    counts = Counter(d.pillar for d in demo.plan.deliverables)
    for pillar in Pillar:
        assert re.search(rf"{re.escape(pillar.label)} {counts[pillar]} ", text), pillar
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for d in demo.plan.deliverables:
        if d.cost and d.cost.amount is not None:
            totals[d.cost.currency] += d.cost.amount
    for currency, amount in totals.items():
        assert f"{currency} {amount:,.0f}" in text
    uncosted = sum(1 for d in demo.plan.deliverables if d.cost is None or d.cost.amount is None)
    assert f"{uncosted} deliverables have no cost recorded" in text
    schedule = sequence(demo.plan)
    assert f"{schedule.duration_weeks} weeks" in text
    at_risk = due_dates_at_risk(demo.plan, schedule)
    # Key and title, then whose due date and by how many weeks it is missed; titles may wrap across lines.
    assert at_risk
    for r in at_risk:
        said = rf"{re.escape(compact(r.key + r.title))}.*?{re.escape(r.key)}mustfinishby.*?{r.late_weeks}weekslater"
        assert re.search(said, compact(text)), r.key


def test_the_document_is_self_contained_and_described(demo):
    html = demo.html
    for forbidden in ("<link", "<img", "@import", "src=", "@font-face", "<script"):
        assert forbidden not in html
    assert re.findall(r"url\((?!#)", html) == []
    assert demo.fetched == []
    assert "<style>" in html and (TEMPLATES_DIR / "print.css").read_text(encoding="utf-8").strip() in html
    assert '<html lang="en">' in html
    assert "<title>National Child Online Protection Roadmap 2027–2030</title>" in html
    assert '<meta name="author" content="Ghana — COP Roadmap">' in html
    assert '<meta name="dcterms.created" content="2026-05-04">' in html
    meta = demo.pdf.metadata
    assert meta.title == "National Child Online Protection Roadmap 2027–2030"
    assert meta.author == "Ghana — COP Roadmap"
    assert meta.subject == "National Child Online Protection roadmap of Ghana"
    assert meta["/Keywords"] == "child online protection, COP, ITU, roadmap, Ghana"
    assert meta.creator == "COP Roadmap"
    assert meta["/CreationDate"].startswith("D:20260504")
    assert demo.pdf.trailer["/Root"]["/Lang"] == "en"
    assert TEMPLATE_VERSION


def test_hostile_text_is_printed_as_text_and_fetches_nothing():
    title, description, name, note = HOSTILE
    plan = small_plan(
        title=title,
        stakeholders=(Stakeholder("ICT", name, StakeholderKind.GOVERNMENT),),
        assessments=(Assessment(Pillar.LEGAL, 2, note),),
    )
    plan = dataclasses.replace(
        plan, deliverables=(dataclasses.replace(plan.deliverables[0], description=description), *plan.deliverables[1:])
    )
    printed = render(plan)
    assert printed.fetched == []
    assert dict(printed.pdf.attachments) == {}
    for text in HOSTILE:
        assert text not in printed.html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in printed.html
    assert "&lt;link rel=&#34;attachment&#34;" in printed.html
    assert "&lt;style&gt;@import" in printed.html
    assert "&lt;svg&gt;&lt;image href=" in printed.html
    pdf_text = compact("".join(printed.texts))
    for text in HOSTILE:
        assert compact(text) in pdf_text
    assert "root:" not in pdf_text


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.chunks: list[str] = []
        self._style = False

    def handle_starttag(self, tag, attrs):
        self._style = self._style or tag == "style"

    def handle_endtag(self, tag):
        self._style = self._style and tag != "style"

    def handle_data(self, data):
        if not self._style and data.strip():
            self.chunks.append(data)


def test_every_printed_word_goes_through_gettext():
    # A pseudo-translation turns every translated Latin letter into "ж"; placeholders are kept.
    def pseudo(text: str) -> str:
        return re.sub(r"%\(\w+\)[sd]|\{\w*\}|([A-Za-z])", lambda m: "ж" if m[1] else m[0], text)

    context = dataclasses.replace(
        CONTEXT,
        gettext=pseudo,
        ngettext=lambda s, p, n: pseudo(s if n == 1 else p),
        format_date=lambda d: d.isoformat(),
    )
    plan = small_plan()
    html = render_html(plan, sequence(plan), context)
    parser = _Text()
    parser.feed(html)
    user = [plan.title, CONTEXT.country_name, "Write it.", "Agreed at the workshop", "Teachers trained", "people"]
    user += [d.title for d in plan.deliverables] + [s.name for s in plan.stakeholders] + ["EUR", "Grant"]
    leftover = []
    for chunk in parser.chunks:
        if chunk.endswith("…") and any(text.startswith(chunk[:-1].strip()) for text in user):
            continue  # a chart label: the start of a user's title, cut to fit
        for text in sorted(user, key=len, reverse=True):
            chunk = chunk.replace(text, "")
        leftover += re.findall(r"[A-Za-z]{2,}", chunk)
    assert leftover == []
    # The footer's "Page … of …" is built in CSS from the translation, escaped.
    assert f"content: {css_string('жжжж ')} counter(page)" in html


SCRIPTS = [
    (Language.AR, "خارطة الطريق الوطنية لحماية الأطفال على الإنترنت", "قانون حماية الطفل", "NotoSansArabic"),
    (Language.ZH, "国家儿童在线保护路线图", "儿童保护法", "NotoSansCJK"),
    (Language.RU, "Национальная дорожная карта защиты детей в интернете", "Закон о защите детей", "+NotoSans"),
]


@pytest.fixture(scope="module", params=SCRIPTS, ids=lambda s: s[0].value)
def scripted(request) -> tuple[Printed, str, str, str]:
    language, title, law, font = request.param
    plan = small_plan(title=title, language=language)
    # In a deliverable's title too, so that the charts and tables print the script as well.
    plan = dataclasses.replace(
        plan, deliverables=(dataclasses.replace(plan.deliverables[0], title=law), *plan.deliverables[1:])
    )
    return render(plan), title, law, font


def test_other_scripts_print_in_fonts_that_have_them(scripted):
    printed, _, _, font = scripted
    language = printed.plan.language
    assert f'<html lang="{language.value}"' in printed.html
    assert (' dir="rtl"' in printed.html) == (language is Language.AR)
    fonts = set()
    for page in printed.pdf.pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(ref.get_object()["/BaseFont"]).replace("-", ""))
    assert any(font in f for f in fonts), fonts


def test_other_scripts_read_back_as_written(scripted):
    # A PDF stores right-to-left text in visual order; pypdf puts runs of Hebrew and Arabic letters back
    # into logical order as it extracts them (see pypdf's RTL_CHARACTER_RANGES), so Arabic is compared
    # as written, like the other scripts, with only white space ignored (lines may wrap anywhere).
    # Arabic drawn letter by letter in visual order would come back reversed and fail here.
    printed, title, law, _ = scripted
    body = compact("".join(printed.texts))
    assert compact(title) in body
    assert compact(law) in body
    # In the charts too: the Gantt row and the graph box of the first deliverable carry its title.
    for chart in CHART_SECTIONS:
        assert compact(law) in compact(section_text(printed, chart)), chart


def test_right_to_left_chart_labels_are_set_as_text_over_the_chart(scripted):
    printed, _, law, _ = scripted
    if printed.plan.language is not Language.AR:
        # Labels that need no shaping stay inside the SVG, where they cost no layout boxes.
        assert 'class="chart-label"' not in printed.html
        return
    # WeasyPrint draws SVG text letter by letter (unjoined, left to right), so right-to-left labels
    # are lifted out of the SVG and set as HTML, which Pango shapes and orders.
    assert re.search(rf'<span class="chart-label" dir="rtl" style="[^"]*">{re.escape(law)}</span>', printed.html)
    assert not re.search(rf"<text[^>]*>{re.escape(law)}</text>", printed.html)


def test_an_empty_roadmap_still_prints_every_part():
    printed = render(Plan(country="KEN", title="Empty roadmap", start_date=date(2027, 1, 4)))
    assert list(printed.sections) == [
        "Empty roadmap",
        "Contents",
        "Executive summary",
        "Sequence of work",
        "Plan at a glance",
        "Gantt chart",
        "Dependency graph",
        "Dependencies in text",
        *(f"Pillar {p.order}: {p.label}" for p in Pillar),
        "Stakeholder responsibilities",
        "Threat coverage",
        "Annex: indicators",
    ]
    total = len(printed.texts)
    assert all(f"Page {i} of {total}" in text for i, text in enumerate(printed.texts, start=1))


def test_emoji_print_in_the_colour_emoji_font_not_as_boxes():
    plan = small_plan(title="Safe online 🚸 roadmap")
    plan = dataclasses.replace(
        plan,
        deliverables=(dataclasses.replace(plan.deliverables[0], title="Stay safe 👧🏽 online"), *plan.deliverables[1:]),
    )
    printed = render(plan)
    fonts = set()
    for page in printed.pdf.pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(ref.get_object()["/BaseFont"]))
    # The emoji font from Debian's fonts-noto-color-emoji, which `make test` installs or names as missing.
    assert any("Noto-Color-Emoji" in font for font in fonts), fonts
