"""The treaty gap analysis annex: printed once the team marks the checklist, each provision with its
articles, status and note, and the deliverable planned for each gap; its part changes with the marks."""

import dataclasses
from datetime import date
from io import BytesIO

import pypdf

from roadmap.printing.document import PrintContext, render_parts
from roadmap.printing.weasy import html_to_pdf
from roadmap.sequencing import sequence
from roadmap.treaties import GapStatus, TreatyMark
from tests.roadmap.printing.test_content import small_plan

TODAY = date(2027, 3, 1)


def context():
    return PrintContext(country_name="Kenya", version=1, generated_on=TODAY, today=TODAY)


def printed(plan) -> str:
    pdf = html_to_pdf(render_parts(plan, sequence(plan), context()))
    return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(BytesIO(pdf)).pages).split())


def marked(*marks):
    return dataclasses.replace(small_plan(), treaty_marks=marks)


def test_nothing_marked_no_annex():
    assert "treaty gap analysis" not in printed(small_plan())


def test_the_annex_prints_every_provision_as_marked():
    plan = marked(
        TreatyMark("grooming", GapStatus.MISSING, "No offence of grooming yet", deliverable="L1"),
        TreatyMark("csam_offences", GapStatus.IN_LAW, "Act 1038 section 62"),
        TreatyMark("vetting", GapStatus.PARTLY),
    )
    text = printed(plan)
    assert text.count("Annex: treaty gap analysis") == 2  # listed in the contents, then the annex itself
    annex = text.split("Annex: treaty gap analysis")[-1]
    assert "In law: 1 · Partly: 1 · Missing: 1 · Not assessed yet:" in annex
    assert "Criminalise soliciting or grooming a child online for sexual purposes" in annex
    assert "Lanzarote Art. 23; UNCC Art. 15; ACRWC Art. 27(1)(a)" in annex
    assert "No offence of grooming yet" in annex and "Act 1038 section 62" in annex
    assert "Procedural powers" in annex and "International cooperation" in annex


def test_the_part_holding_the_annex_changes_with_the_marks():
    # Parts are cached by their HTML: a changed status must change the part that prints it.
    before = render_parts(marked(TreatyMark("grooming", GapStatus.MISSING)), sequence(small_plan()), context())
    after = render_parts(marked(TreatyMark("grooming", GapStatus.IN_LAW)), sequence(small_plan()), context())
    # Page-number placeholders carry a token of their own in each rendering: set them aside.
    docs = [[d.replace(parts.token, "@@") for d in parts.documents] for parts in (before, after)]
    changed = [i for i, (a, b) in enumerate(zip(*docs, strict=True)) if a != b]
    assert len(changed) == 1 and 'id="treaties"' in docs[1][changed[0]]
