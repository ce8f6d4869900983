"""The MNR self-assessment annex: printed once a capability is rated, every capability group by group with
its phase in words (or not rated) and the evidence, in the plan's language; its part changes with the ratings."""

import dataclasses
import itertools
from datetime import date
from io import BytesIO
from pathlib import Path

import pypdf
from babel.support import Translations

from roadmap.plan import CapabilityRating
from roadmap.printing.document import PrintContext, render_parts
from roadmap.printing.weasy import html_to_pdf
from roadmap.sequencing import sequence
from roadmap.vocabulary import Language
from tests.roadmap.printing.test_content import small_plan

TODAY = date(2027, 3, 1)
CATALOGS = Path(__file__).resolve().parents[3] / "views" / "translations"
EVIDENCE = (
    "National committee chaired by the Ministry of ICT since 2025, terms of reference at "
    "https://example.org/ict/child-online-protection/committee/terms-of-reference-2025.pdf"
)


def context(language: str = "en") -> PrintContext:
    words = Translations.load(str(CATALOGS), [language])
    return PrintContext(
        country_name="Kenya", version=1, generated_on=TODAY, today=TODAY, gettext=words.gettext, ngettext=words.ngettext
    )


def printed(plan, language: str = "en") -> str:
    pdf = html_to_pdf(render_parts(plan, sequence(plan), context(language)))
    return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(BytesIO(pdf)).pages).split())


def rated(*ratings, **changes):
    return dataclasses.replace(small_plan(**changes), capabilities=ratings)


def test_nothing_rated_no_annex():
    assert "MNR self-assessment" not in printed(small_plan())


def test_the_annex_prints_every_capability_with_its_phase_and_evidence():
    text = printed(rated(CapabilityRating(1, 2, EVIDENCE), CapabilityRating(12, 4, "IWF portal since 2019")))
    assert text.count("Annex: MNR self-assessment") == 2  # listed in the contents, then the annex itself
    annex = text.split("Annex: MNR self-assessment")[-1]
    assert "Building: 0 · Developing: 1 · Enhancing: 0 · Maturity: 1 · Not rated yet: 19" in annex
    assert "1. Leadership 2. Developing National committee chaired by the Ministry of ICT" in annex
    # The evidence wraps inside its column, the long address with it, and all of it is printed.
    assert "terms-of-reference-2025.pdf" in annex.replace(" ", "")
    assert "12. CSEA hotline 4. Maturity IWF portal since 2019" in annex
    # Every group and every capability is listed, those not rated say so.
    for group in ("Policy and Governance", "Criminal Justice", "Victim", "Societal", "Industry", "Media and"):
        assert group in annex
    assert "21. Universal terminology Not rated yet" in annex


def test_the_annex_prints_in_the_plan_language():
    text = printed(rated(CapabilityRating(3, 1, "Projet de loi déposé en 2026"), language=Language.FR), "fr")
    assert text.count("Annexe : auto-évaluation MNR") == 2
    annex = text.split("Annexe : auto-évaluation MNR")[-1]
    assert "3. Législation 1. Mise en place Projet de loi déposé en 2026" in annex
    assert "Pas encore évaluée" in annex and "Politiques et gouvernance" in annex
    assert "Not rated yet" not in annex and "Developing" not in annex


def test_the_part_holding_the_annex_changes_with_the_ratings():
    # Parts are cached by their HTML: a changed phase or evidence must change the part that prints it.
    plans = [rated(CapabilityRating(1, 2, "Committee")), rated(CapabilityRating(1, 3, "Committee"))]
    plans.append(rated(CapabilityRating(1, 3, "Committee with a budget")))
    renders = [render_parts(p, sequence(p), context()) for p in plans]
    # Page-number placeholders carry a token of their own in each rendering: set them aside.
    docs = [[d.replace(parts.token, "@@") for d in parts.documents] for parts in renders]
    for before, after in itertools.pairwise(docs):
        changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
        assert len(changed) == 1 and 'id="mnr"' in after[changed[0]]
