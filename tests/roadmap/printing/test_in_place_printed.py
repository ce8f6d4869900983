"""Work already in place in the printed roadmap, read back from the real PDF: said plainly on its page,
with no planned duration, dates, slack or critical path, and left out of the charts of planned work."""

import dataclasses
from datetime import date

import pytest

from roadmap.plan import Deliverable, Dependency
from roadmap.vocabulary import DeliverableStatus, Pillar
from tests.roadmap.printing.test_content import Printed, render, section_text, small_plan


def flat(text: str) -> str:
    return " ".join(text.split()).replace("\u00a0", " ")


@pytest.fixture(scope="module")
def printed() -> Printed:
    # The small plan (A → B → M) builds on a hotline that runs already (E, since 1 October 2019, which B
    # waits on) and a law passed long ago (F, no date recorded).
    plan = small_plan()
    existing = (
        Deliverable(
            "E",
            Pillar.TECHNICAL,
            "Existing hotline",
            8,
            lead="ICT",
            status=DeliverableStatus.IN_PLACE,
            actual_finish=date(2019, 10, 1),
        ),
        Deliverable("F", Pillar.TECHNICAL, "Old takedown law", 0, status=DeliverableStatus.IN_PLACE),
    )
    return render(
        dataclasses.replace(
            plan,
            deliverables=plan.deliverables + existing,
            dependencies=(*plan.dependencies, Dependency("E", "B")),
        )
    )


def page_of(printed: Printed, heading: str) -> str:
    # The deliverable's own part of its pillar's pages: from its heading to the next deliverable's, or the
    # pillar's end (E and F are the technical pillar's only deliverables, E first).
    pillar = next(title for title in printed.sections if "Technical" in title)
    text = flat(section_text(printed, pillar))
    return text.split(heading)[1].split(" F Old takedown law")[0]


def test_its_page_says_it_is_in_place_and_since_when_with_no_planned_schedule(printed):
    page = page_of(printed, "E Existing hotline")
    assert page.startswith(" Technical & Procedural Measures · Already in place · since 1 October 2019")
    assert "Already in place: this work existed before the roadmap" in page
    assert "In place since 1 October 2019" in page
    for planned in ("Slack", "Duration", "Phase", "critical path", "Dates", "8 weeks", "Not costed", "Due date"):
        assert planned not in page, planned
    assert "Hands on to B Beta course (finish to start, no lag)" in page
    assert "Waits on" not in page  # nothing to wait for: it is there already


def test_without_a_date_it_does_not_say_since_when(printed):
    page = page_of(printed, "F Old takedown law")
    assert "Already in place" in page and "since" not in page and "Milestone" not in page


def test_the_charts_draw_planned_work_only_and_say_where_the_rest_is(printed):
    for chart in ("Gantt chart", "Plan at a glance"):
        text = flat(section_text(printed, chart))
        assert "Existing hotline" not in text and "Old takedown law" not in text, chart
        assert "2 deliverables already in place are not drawn: they are listed on page" in text, chart
    gantt = flat(section_text(printed, "Gantt chart"))
    assert "rows 1–3" in gantt  # A, B and M: the rows the sequence tables number


def test_the_sequence_lists_what_is_in_place_apart_from_the_phases(printed):
    text = flat(section_text(printed, "Sequence of work"))
    in_place = text.split("Already in place")[1].split("Phase 1")[0]
    assert "It is not scheduled" in in_place
    assert "E Existing hotline" in in_place and "1 October 2019" in in_place and "F Old takedown law" in in_place
    phases = text.split("Phase 1")[1]
    assert "Existing hotline" not in phases and "1 A Alpha law" in phases


def test_the_summary_counts_planned_work_and_what_is_in_place_apart(printed):
    text = flat(section_text(printed, "Executive summary"))
    assert "sets out 3 deliverables" in text
    assert "It builds on 2 deliverables already in place" in text
    assert "Already in place 2 deliverables (not scheduled)" in text
