"""The progress annex: printed once progress is recorded, with percent done against percent planned by
the day of printing, the forecast finish against the baseline, blocked work with its reason and the
indicators' latest readings against their targets."""

import dataclasses
from datetime import date, timedelta
from io import BytesIO

import pypdf
import pytest

from roadmap.followup import planned_percent
from roadmap.forecast import BaselineDates
from roadmap.plan import Indicator, Measurement
from roadmap.printing.document import PrintContext, render_parts
from roadmap.printing.weasy import html_to_pdf
from roadmap.sequencing import sequence
from roadmap.vocabulary import DeliverableStatus
from tests.roadmap.printing.test_content import small_plan

TODAY = date(2027, 3, 1)


def printed(plan, **context) -> str:
    values = dict(country_name="Kenya", version=1, generated_on=TODAY, today=TODAY) | context
    pdf = html_to_pdf(render_parts(plan, sequence(plan), PrintContext(**values)))
    return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(BytesIO(pdf)).pages).split())


def under_way():
    plan = small_plan()
    a, b, m = plan.deliverables
    a = dataclasses.replace(
        a, status=DeliverableStatus.DONE, actual_start=date(2027, 1, 4), actual_finish=date(2027, 2, 12)
    )
    b = dataclasses.replace(
        b,
        status=DeliverableStatus.BLOCKED,
        percent_complete=30,
        actual_start=date(2027, 2, 15),
        progress_note="Waiting for the training budget",
        indicators=(Indicator("Teachers trained", "people", 0, 300, 120, (Measurement(date(2027, 2, 26), 120),)),),
    )
    return dataclasses.replace(plan, deliverables=(a, b, m))


def test_no_progress_no_annex():
    assert "Annex: progress" not in printed(small_plan())


def test_the_annex_reports_progress_against_the_baseline():
    plan = under_way()
    schedule = sequence(plan)
    # The baseline planned each deliverable a week earlier than the plan now does.
    week = timedelta(days=7)
    baseline = {d.key: BaselineDates(d.start - week, d.finish - week) for d in schedule.deliverables}
    text = printed(plan, baseline_dates=baseline)
    annex = text.split("Annex: progress")[-1]
    assert text.count("Annex: progress") == 2  # listed in the contents, then the annex itself
    assert "against what was planned by that day in the approved baseline" in annex
    assert "Done, as recorded" in annex and "Planned to be done by" in annex
    assert "Blocked work" in annex and "Waiting for the training budget" in annex
    assert "Teachers trained" in annex and "120 people on" in annex and "300 people" in annex
    assert "days late" in annex  # blocked work cannot finish on time
    assert "A Alpha law Done 100 %" in annex


def test_without_a_baseline_the_annex_measures_against_the_current_plan():
    annex = printed(under_way()).split("Annex: progress")[-1]
    assert "the current plan (not yet approved)" in annex


def test_planned_percent_weighs_by_duration_and_counts_milestones_whole():
    open_, cancelled = DeliverableStatus.NOT_STARTED, DeliverableStatus.CANCELLED
    work = [
        (open_, 4, date(2027, 1, 4), date(2027, 1, 31)),  # 28 days, half gone by 18 January
        (open_, 0, date(2027, 1, 10), date(2027, 1, 10)),  # a milestone passed
        (cancelled, 10, date(2027, 1, 4), date(2027, 3, 14)),  # cancelled: not counted
    ]
    assert planned_percent(work, date(2027, 1, 18)) == pytest.approx((4 * 50 + 1 * 100) / 5)
    assert planned_percent(work, date(2027, 1, 1)) == 0
    assert planned_percent([], date(2027, 1, 1)) is None


def test_work_done_as_planned_reads_on_time_even_when_the_plan_ends_in_a_milestone():
    plan = small_plan()  # ends with the milestone M
    a, b, m = plan.deliverables
    a = dataclasses.replace(
        a, status=DeliverableStatus.DONE, actual_start=date(2027, 1, 4), actual_finish=date(2027, 1, 31)
    )
    text = printed(dataclasses.replace(plan, deliverables=(a, b, m)), today=date(2027, 2, 1))
    annex = text.split("Annex: progress")[-1]
    assert "Slip on time" in annex and "early" not in annex


def test_cancelled_work_has_no_forecast_and_is_never_late():
    plan = small_plan()
    a, b, m = plan.deliverables
    b = dataclasses.replace(b, status=DeliverableStatus.CANCELLED)
    annex = printed(dataclasses.replace(plan, deliverables=(a, b, m)), today=date(2027, 6, 1)).split("Annex: progress")[
        -1
    ]
    row = annex.split("B Beta course")[1].split(" A ")[0] if " A " in annex else annex.split("B Beta course")[1]
    assert row.startswith(" Cancelled 0 %")
    assert "late" not in row.split("M Gamma")[0] and "early" not in row.split("M Gamma")[0]
