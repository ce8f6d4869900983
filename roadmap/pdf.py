"""The printed roadmap as one self-contained HTML document, ready for WeasyPrint.

Everything the PDF shows is in the returned string: the stylesheet inlined, charts as inline SVG,
no link, image or font file to fetch. Fonts come from the system (Noto, DejaVu) through fontconfig.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from roadmap.pdf_charts import gantt_charts, graph_charts, sheets
from roadmap.pdf_context import (
    deliverable_views,
    pillar_infos,
    pillar_sections,
    summary,
)
from roadmap.pdf_matrices import stakeholder_rows, threat_rows
from roadmap.pdf_text import PrintContext, Words, css_string, plain_number
from roadmap.plan import Plan
from roadmap.sequencing import Schedule
from roadmap.vocabulary import Language, RoadmapStatus

__all__ = ["TEMPLATES_DIR", "TEMPLATE_VERSION", "PrintContext", "plain_number", "render_html"]

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "pdf_templates"
# Part of the PDF cache key: bump it whenever a template, print.css or the building code changes the layout.
TEMPLATE_VERSION = "3"
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
_PLACEHOLDER = re.compile(r"(%\((?:page|pages)\)s)")


def render_html(plan: Plan, schedule: Schedule, context: PrintContext) -> str:
    """The whole printed roadmap as one self-contained HTML document."""
    _ = Words(context)
    rtl = plan.language == Language.AR
    draft = plan.status in DRAFT_STATUSES
    pillars = pillar_infos(_)
    views = deliverable_views(plan, schedule, _, pillars)
    stakeholders = stakeholder_rows(plan, _)
    threats, uncovered = threat_rows(plan, _)
    graph = graph_charts(plan, schedule, _, rtl=rtl)
    return _ENV.get_template("roadmap.html").render(
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
        generated=_.date(context.generated_on),
        pillars=list(pillars.values()),
        sections=pillar_sections(plan, views, _, pillars),
        views=views,
        phases=[[views[k] for k in keys] for keys in schedule.phases],
        summary=summary(plan, schedule, views, _),
        gantt=gantt_charts(schedule, _, rtl=rtl),
        graph=graph,
        graph_sheets=sheets(graph),
        graph_views=[[views[k] for k in part.keys] for part in graph],
        since_review=context.since_review,
        stakeholders=stakeholders,
        threats=threats,
        uncovered=uncovered,
        css=(TEMPLATES_DIR / "print.css").read_text(encoding="utf-8"),
        page_css=_page_css(context, _, draft=draft, rtl=rtl),
    )


def _page_css(context: PrintContext, _: Words, *, draft: bool, rtl: bool) -> str:
    # The page margins' words, translated here because CSS content cannot call gettext. Every string
    # goes through css_string, so nothing can end the string or the <style> element.
    start, end = ("right", "left") if rtl else ("left", "right")
    pieces = _PLACEHOLDER.split(context.gettext("Page %(page)s of %(pages)s"))
    counters = {"%(page)s": "counter(page)", "%(pages)s": "counter(pages)"}
    page_of = " ".join(counters.get(p) or css_string(p) for p in pieces if p)
    footer = _(
        "Version %(version)s · generated on %(date)s", version=context.version, date=_.date(context.generated_on)
    )
    css = [
        "@page {",
        f"  @top-{start} {{ content: string(roadmap-title); text-align: {start}; width: 75%; }}",
        f"  @bottom-{start} {{ content: {css_string(footer)}; text-align: {start}; }}",
        f"  @bottom-{end} {{ content: {page_of}; text-align: {end}; }}",
    ]
    if draft:
        css.append(f"  @top-{end} {{ content: {css_string(_('Draft'))}; }}")
        css.append(f"  @top-{end} {{ color: #b00020; font-weight: bold; text-transform: uppercase; }}")
    css.append("}")
    # The cover shows the title large; the running header would only repeat it.
    css.append(f"@page :first {{ @top-{start} {{ content: none; }} }}")
    return "\n".join(css)
