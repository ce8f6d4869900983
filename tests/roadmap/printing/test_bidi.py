"""A person's text keeps its own direction in the printed plan: English names inside an Arabic roadmap,
and an Arabic title inside an English one, keep their order and punctuation."""

import dataclasses
import subprocess
from datetime import date

from roadmap.i18n import bdi, direction
from roadmap.plan import Stakeholder
from roadmap.printing.document import PrintContext, render_parts
from roadmap.printing.weasy import html_to_pdf
from roadmap.sequencing import sequence
from roadmap.vocabulary import Language, StakeholderKind
from tests.roadmap.printing.test_content import small_plan

LAW = "Adopt the Child Online Protection Act (2025)."
AGENCY = "National Cyber Security Authority (NCSA)."


def test_direction_is_that_of_the_first_strong_letter():
    assert direction("2027 خطة (NCDA)") == "rtl"
    assert direction("(NCDA) خطة") == "ltr"
    assert direction("2027–2030") is None
    assert str(bdi("خطة <b>")) == '<bdi dir="rtl">خطة &lt;b&gt;</bdi>'
    assert str(bdi("2027")) == "<bdi>2027</bdi>"


def printed_text(plan, tmp_path) -> str:
    context = PrintContext(country_name="كينيا", version=1, generated_on=date(2027, 6, 1))
    pdf = html_to_pdf(render_parts(plan, sequence(plan), context))
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf)
    # poppler's text keeps each line in reading order, so a run printed out of order shows as such.
    return subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout


def test_english_names_in_an_arabic_roadmap_keep_their_order(tmp_path):
    plan = small_plan(title="خارطة طريق حماية الأطفال على الإنترنت", language=Language.AR)
    first, *rest = plan.deliverables
    plan = dataclasses.replace(
        plan,
        stakeholders=(Stakeholder("ICT", AGENCY, StakeholderKind.GOVERNMENT),),
        deliverables=(dataclasses.replace(first, title=LAW), *rest),
    )
    text = " ".join(printed_text(plan, tmp_path).split())
    assert LAW in text and AGENCY in text
    # Set in the Arabic paragraph's direction, the full stop would move to the start: ".Adopt the …".
    assert ".Adopt the Child" not in text and ".National Cyber" not in text
