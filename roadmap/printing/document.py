"""The printed roadmap as one self-contained HTML document, ready for WeasyPrint.

Everything the PDF shows is in the returned string: the stylesheet inlined, charts as inline SVG,
no link, image or font file to fetch. Fonts come from the system (Noto, DejaVu) through fontconfig.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from roadmap.i18n import bdi, dir_attribute
from roadmap.plan import Plan
from roadmap.printing.annexes import mnr_annex, treaty_annex
from roadmap.printing.charts import A4, PAPERS, Paper, gantt_charts, graph_charts, overview_charts, sheets
from roadmap.printing.context import (
    deliverable_views,
    pillar_infos,
    pillar_sections,
    summary,
)
from roadmap.printing.followup import progress_annex
from roadmap.printing.matrices import stakeholder_rows, threat_legend, threat_rows
from roadmap.printing.text import PrintContext, Words, css_string, plain_number
from roadmap.sequencing import Schedule, planned_work
from roadmap.vocabulary import Language, RoadmapStatus

__all__ = [
    "TEMPLATES_DIR",
    "TEMPLATE_VERSION",
    "PrintContext",
    "PrintParts",
    "plain_number",
    "render_html",
    "render_parts",
    "whole_document",
]

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "pdf_templates"
# Part of the PDF cache key (roadmap/printing/cache.py): bump it whenever the building code changes the
# layout; the templates' own changes are in the key already.
TEMPLATE_VERSION = "8"
# Until a roadmap is approved every page says it is a draft. Archived roadmaps are taken to be retired
# approved ones, so they carry no mark.
DRAFT_STATUSES = frozenset({RoadmapStatus.DRAFT, RoadmapStatus.IN_REVIEW})

_ENV = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
# A person's text set apart in its own direction: ``{{ v.title|bdi }}`` inline, ``<p{{ text|dir }}>`` for a block.
_ENV.filters.update(bdi=bdi, dir=dir_attribute)
_PLACEHOLDER = re.compile(r"(%\((?:page|pages)\)s)")


_FRONT = ("_cover.html", "_contents.html", "_summary.html")
_BACK = ("_matrices.html", "_treaties.html", "_mnr.html", "_progress.html", "_indicators.html", "_changes.html")


@dataclass(frozen=True, slots=True)
class PrintParts:
    """The printed roadmap as documents printed one after another (roadmap/printing/parts.py joins them).

    ``documents`` are complete HTML documents, each starting on a new page; page numbers that point
    into another part are left as ``token`` + anchor + ``@@`` for the printer to write in.
    ``furniture`` is the head of the document that prints "Page N of M" over every page, with
    ``page_numbers`` its rule for the page margin.
    """

    documents: tuple[str, ...]
    furniture: str
    token: str
    page_numbers: str


def render_html(plan: Plan, schedule: Schedule, context: PrintContext) -> str:
    """The whole printed roadmap as one self-contained HTML document (``--format html``)."""
    return whole_document(render_parts(plan, schedule, context))


def whole_document(parts: PrintParts) -> str:
    """The parts as one document, every page number left to WeasyPrint: what ``--format html`` writes,
    and what is printed instead should the parts not add up (roadmap/printing/parts.py)."""
    bodies = [d[d.index("<body>") + len("<body>") : d.rindex("</body>")] for d in parts.documents]
    first = parts.documents[0]
    head = first[: first.index("<body>")].replace("</head>", f"<style>{parts.page_numbers}</style></head>", 1)
    numbers = re.compile(re.escape(parts.token) + r"[^@]*@@")
    return numbers.sub("", head + "<body>" + "".join(bodies) + "</body></html>")


def render_parts(plan: Plan, schedule: Schedule, context: PrintContext) -> PrintParts:
    """The printed roadmap in parts: front matter, sequence, charts (the plan at a glance, the Gantt chart, the
    dependency graph), one part per pillar, annexes.

    WeasyPrint holds every laid-out page of a document until it is written, so parts keep the
    memory a print needs to that of its largest part.
    """
    values = _values(plan, schedule, context)
    token = f"@@{secrets.token_hex(6)}:"

    def page_token(anchor: str) -> str:
        return f"{token}{anchor}@@"

    includes = _includes(values)
    numbered = values["numbered"]
    groups: list[tuple[tuple[str, ...], list]] = [
        (tuple(i for i in includes if i in _FRONT), numbered),
        (("_sequence.html",), numbered),
        (("_overview.html",), numbered),
        (("_gantt.html",), numbered),
        (("_graph.html",), numbered),
        *((("_pillars.html",), [pair]) for pair in numbered),
        (tuple(i for i in includes if i in _BACK), numbered),
    ]
    documents = tuple(
        _document(values, names, shown, page_token, cover=index == 0) for index, (names, shown) in enumerate(groups)
    )
    page_numbers = _page_number_css(values["context"], rtl=values["rtl"])
    furniture = _ENV.get_template("furniture.html").render(
        lang=values["lang"], rtl=values["rtl"], css=values["css"], page_css=page_numbers, title=values["plan"].title
    )
    return PrintParts(documents, furniture, token, page_numbers)


def _values(plan: Plan, schedule: Schedule, context: PrintContext) -> dict:
    _ = Words(context)
    rtl = plan.language == Language.AR
    draft = plan.status in DRAFT_STATUSES
    pillars = pillar_infos(_)
    views = deliverable_views(plan, schedule, _, pillars)
    stakeholders = stakeholder_rows(plan, _)
    threats, uncovered = threat_rows(plan, _)
    paper = PAPERS[context.paper]
    graph = graph_charts(plan, schedule, _, rtl=rtl, paper=paper)
    # The timelines draw the planned work only; what is already in place is listed beside them.
    planned = planned_work(schedule)
    overview = overview_charts(planned, _, rtl=rtl, paper=paper)
    sections = pillar_sections(plan, views, _, pillars)
    return dict(
        _=_,
        words=_,
        ngettext=_.ngettext,
        plan=plan,
        context=context,
        lang=plan.language.value,
        rtl=rtl,
        arrow="←" if rtl else "→",
        draft=draft,
        status=_.code(plan.status),
        edition=edition_line(context, _, draft=draft),
        generated=_.date(context.generated_on),
        pillars=list(pillars.values()),
        sections=sections,
        numbered=list(enumerate(sections, start=1)),
        views=views,
        phases=[(n, [views[k] for k in keys]) for n, keys in enumerate(planned.phases, start=1) if keys],
        in_place=[v for v in views.values() if v.in_place],
        summary=summary(plan, schedule, views, _),
        overview=overview,
        overview_views=[[views[k] for k in chart.keys] for chart in overview],
        gantt=gantt_charts(planned, _, rtl=rtl, leads={key: v.lead for key, v in views.items()}, paper=paper),
        graph=graph,
        graph_sheets=sheets(graph, paper),
        graph_views=[[views[k] for k in part.keys] for part in graph if not part.overview],
        since_review=context.since_review,
        progress=progress_annex(plan, schedule, _),
        treaties=treaty_annex(plan, _),
        mnr=mnr_annex(plan, _),
        stakeholders=stakeholders,
        threats=threats,
        uncovered=uncovered,
        threat_legend=threat_legend(_),
        css=(TEMPLATES_DIR / "print.css").read_text(encoding="utf-8") + _paper_css(paper),
    )


def _paper_css(paper: Paper) -> str:
    # The chart pages on a larger sheet; the page-number overlay is printed with the same style sheet,
    # so its sheets take the same sizes.
    if paper == A4:
        return ""
    return f"\n@page landscape {{ size: {paper.width_mm}mm {paper.height_mm}mm; }}\n"


def _includes(values: dict) -> tuple[str, ...]:
    every = (*_FRONT, "_sequence.html", "_overview.html", "_gantt.html", "_graph.html", "_pillars.html", *_BACK)
    shown = {
        "_changes.html": values["since_review"],
        "_progress.html": values["progress"],
        "_treaties.html": values["treaties"],
        "_mnr.html": values["mnr"],
    }
    return tuple(name for name in every if shown.get(name, True))


def _document(values: dict, includes, shown_sections, page_token, *, cover: bool) -> str:
    page_css = _page_css(values["context"], values["_"], values["plan"].title, draft=values["draft"], rtl=values["rtl"])
    return _ENV.get_template("roadmap.html").render(
        **values,
        includes=includes,
        shown_sections=shown_sections,
        page_token=page_token,
        page_css=page_css(cover=cover),
    )


def _page_css(context: PrintContext, _: Words, title: str, *, draft: bool, rtl: bool):
    # The page margins' words, translated here because CSS content cannot call gettext. Every string
    # goes through css_string, so nothing can end the string or the <style> element. The running
    # title is the roadmap's, written out: a part printed on its own has no cover to take it from.
    start, end = ("right", "left") if rtl else ("left", "right")
    generated = _("generated on %(date)s", date=_.date(context.generated_on))
    footer = f"{edition_line(context, _, draft=draft)} · {generated}"

    def css(*, cover: bool) -> str:
        lines = [
            "@page {",
            f"  @top-{start} {{ content: {css_string(title)}; text-align: {start}; width: 75%; }}",
            # Fixed widths: printed in parts, "Page N of M" is laid over the page afterwards, so the
            # two footers cannot share out the width between them as they do on one page.
            f"  @bottom-{start} {{ content: {css_string(footer)}; text-align: {start}; width: 66%; }}",
        ]
        if draft:
            lines.append(f"  @top-{end} {{ content: {css_string(_('Draft'))}; }}")
            lines.append(f"  @top-{end} {{ color: #b00020; font-weight: bold; text-transform: uppercase; }}")
        lines.append("}")
        if cover:
            # The cover shows the title large; the running header would only repeat it.
            lines.append(f"@page :first {{ @top-{start} {{ content: none; }} }}")
        return "\n".join(lines)

    return css


def edition_line(context: PrintContext, _: Words, *, draft: bool) -> str:
    """The edition as the cover and the footers name it: the approvals counted, never the saves."""
    edition = context.edition
    if edition is None:  # an approved plan without its approvals on record: a library copy, an import
        return _("Not yet approved") if draft else _("Approved")
    if draft:  # reopened after an approval: what is printed is not what was approved
        return _("Draft revising revision %(revision)s", revision=edition.revision)
    return _("Revision %(revision)s", revision=edition.revision)


def _page_of(context: PrintContext) -> str:
    pieces = _PLACEHOLDER.split(context.gettext("Page %(page)s of %(pages)s"))
    counters = {"%(page)s": "counter(page)", "%(pages)s": "counter(pages)"}
    return " ".join(counters.get(p) or css_string(p) for p in pieces if p)


def _page_number_css(context: PrintContext, *, rtl: bool) -> str:
    # "Page N of M": laid over the parts afterwards, or in the page margin of the whole document.
    end = "left" if rtl else "right"
    return f"@page {{ @bottom-{end} {{ content: {_page_of(context)}; text-align: {end}; width: 30%; }} }}"
