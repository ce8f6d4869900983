"""The forecast rules, worked by hand on small plans (weeks count from the plan's start, a Monday)."""

from datetime import date, timedelta

import pytest

from roadmap.forecast import forecast, forecast_document, remaining_weeks
from roadmap.plan import Deliverable, Dependency, Plan
from roadmap.sequencing import schedule_document, sequence
from roadmap.vocabulary import DeliverableStatus, DependencyType, Pillar

START = date(2027, 1, 4)
L, T = Pillar.LEGAL, Pillar.TECHNICAL
DONE, DOING, CANCELLED = DeliverableStatus.DONE, DeliverableStatus.IN_PROGRESS, DeliverableStatus.CANCELLED


def week(n: int, day: int = 0) -> date:
    return START + timedelta(days=7 * n + day)


def plan(*items: Deliverable, links: tuple[Dependency, ...] = ()) -> Plan:
    return Plan(country="GHA", title="t", start_date=START, deliverables=items, dependencies=links)


@pytest.mark.parametrize(
    ("duration", "percent", "left"),
    [(10, 0, 10), (10, 50, 5), (10, 25, 8), (3, 34, 2), (3, 33, 3), (7, 99, 1), (7, 100, 0), (0, 0, 0)],
)
def test_remaining_weeks_round_up(duration, percent, left):
    assert remaining_weeks(duration, percent) == left


def test_a_plan_with_no_progress_forecast_at_its_start_is_its_schedule():
    p = plan(Deliverable("A", L, "a", 4), Deliverable("B", T, "b", 6), links=(Dependency("A", "B"),))
    assert forecast(p, START) == sequence(p)


def test_not_started_work_starts_no_earlier_than_the_as_of_week():
    p = plan(Deliverable("A", L, "a", 4), Deliverable("B", T, "b", 6), links=(Dependency("A", "B"),))
    # As of Wednesday of week 2 nothing has started: A can begin at week 3 at the earliest.
    f = forecast(p, week(2, 2))
    assert (f.get("A").es, f.get("A").ef) == (3, 7)
    assert (f.get("B").es, f.get("B").ef) == (7, 13)
    assert f.finish_date == week(13) - timedelta(days=1)


def test_as_of_on_a_week_boundary_is_that_week():
    p = plan(Deliverable("A", L, "a", 4))
    assert forecast(p, week(5)).get("A").es == 5


def test_done_work_sits_at_its_actual_dates_and_holds_back_its_successor():
    a = Deliverable(
        "A", L, "a", 4, status=DONE, percent_complete=100, actual_start=week(1, 3), actual_finish=week(7, 1)
    )
    p = plan(a, Deliverable("B", T, "b", 2), links=(Dependency("A", "B"),))
    f = forecast(p, week(9))
    # Started in week 1, finished in week 7: EF is 8; B follows but no earlier than the as-of week 9.
    assert (f.get("A").es, f.get("A").ef) == (1, 8)
    assert (f.get("B").es, f.get("B").ef) == (9, 11)
    # Its dates are the days the team recorded, not the weeks' first and last days.
    assert (f.get("A").start, f.get("A").finish) == (week(1, 3), week(7, 1))
    assert f.get("B").start == week(9)


def test_in_progress_work_shows_the_day_it_started():
    a = Deliverable("A", L, "a", 10, status=DOING, percent_complete=30, actual_start=week(1, 2))
    f = forecast(plan(a), week(4))
    assert f.get("A").start == week(1, 2) and f.get("A").finish == week(11) - timedelta(days=1)


def test_done_work_is_not_moved_by_its_predecessors():
    a = Deliverable("A", L, "a", 10)
    b = Deliverable("B", T, "b", 2, status=DONE, percent_complete=100, actual_start=week(0), actual_finish=week(1, 4))
    f = forecast(plan(a, b, links=(Dependency("A", "B"),)), week(3))
    assert (f.get("B").es, f.get("B").ef) == (0, 2)


def test_in_progress_work_starts_at_its_actual_start_and_finishes_after_the_remaining_weeks():
    a = Deliverable("A", L, "a", 10, status=DOING, percent_complete=30, actual_start=week(1))
    f = forecast(plan(a, Deliverable("B", T, "b", 1), links=(Dependency("A", "B"),)), week(4))
    # 70 % of 10 weeks is 7 weeks left from week 4.
    assert (f.get("A").es, f.get("A").ef) == (1, 11)
    assert (f.get("B").es, f.get("B").ef) == (11, 12)


def test_in_progress_work_ahead_of_plan_finishes_earlier():
    a = Deliverable("A", L, "a", 10, status=DOING, percent_complete=90, actual_start=week(0))
    assert forecast(plan(a), week(2)).get("A").ef == 3


def test_forecast_follows_every_link_type():
    a = Deliverable("A", L, "a", 4, status=DOING, percent_complete=0, actual_start=week(0))
    b = Deliverable("B", T, "b", 3)
    c = Deliverable("C", T, "c", 2)
    links = (
        Dependency("A", "B", DependencyType.START_TO_START, 1),
        Dependency("A", "C", DependencyType.FINISH_TO_FINISH, 0),
    )
    f = forecast(plan(a, b, c, links=links), week(6))
    # A, not begun in earnest, still has all 4 weeks from week 6: EF 10. B waits for the as-of week
    # (the start-to-start bound is only week 1); C must finish with A, so it starts at week 8.
    assert f.get("A").ef == 10
    assert (f.get("B").es, f.get("B").ef) == (6, 9)
    assert (f.get("C").es, f.get("C").ef) == (8, 10)


def test_cancelled_work_takes_no_time():
    a = Deliverable("A", L, "a", 10, status=CANCELLED)
    f = forecast(plan(a, Deliverable("B", T, "b", 2), links=(Dependency("A", "B"),)), START)
    assert f.get("A").ef - f.get("A").es == 0
    assert f.get("B").es == 0


def test_cancelled_work_once_begun_keeps_the_dates_of_its_place_in_the_schedule():
    # Its recorded start is history, not a date of the forecast: it no longer runs at all.
    a = Deliverable("A", L, "a", 10, status=CANCELLED, actual_start=week(3, 2))
    f = forecast(plan(a), week(5))
    assert f.get("A").start == f.get("A").finish == START


def test_forecast_document_gives_each_slip_against_the_baseline():
    p = plan(Deliverable("A", L, "a", 4), Deliverable("B", T, "b", 6), links=(Dependency("A", "B"),))
    baseline = schedule_document(sequence(p), 7)
    doc = forecast_document(forecast(p, week(2)), 7, week(2), baseline, "Approved")
    assert doc["as_of"] == week(2).isoformat()
    assert doc["baseline"] == {"label": "Approved", "finish_date": baseline["finish_date"]}
    slips = {d["key"]: d["slip_days"] for d in doc["deliverables"]}
    assert slips == {"A": 14, "B": 14}
    assert doc["finish_slip_days"] == 14
    assert {d["key"]: d["baseline_finish"] for d in doc["deliverables"]}["B"] == (week(10) - timedelta(1)).isoformat()


def test_forecast_document_without_a_baseline_says_so():
    p = plan(Deliverable("A", L, "a", 4))
    doc = forecast_document(forecast(p, START), 1, START)
    assert doc["baseline"] is None and doc["finish_slip_days"] is None
    assert doc["deliverables"][0]["slip_days"] is None


BLOCKED = DeliverableStatus.BLOCKED


def test_blocked_work_not_started_cannot_start_before_the_week_after_the_as_of_week():
    # A is blocked before starting. Left to start on time, it would finish 56 days "early": it cannot.
    a = Deliverable("A", L, "a", 4, status=BLOCKED, progress_note="Waiting for the minister's signature")
    p = plan(a, Deliverable("B", T, "b", 2), links=(Dependency("A", "B"),))
    f = forecast(p, week(3))
    assert (f.get("A").es, f.get("A").ef) == (4, 8)  # not week 3: it cannot start this week
    assert (f.get("B").es, f.get("B").ef) == (8, 10)
    assert forecast(replace_status(p, "A", DeliverableStatus.NOT_STARTED), week(3)).get("A").es == 3


def test_blocked_work_once_begun_goes_on_only_from_the_next_week():
    a = Deliverable("A", L, "a", 10, status=BLOCKED, percent_complete=30, actual_start=week(1))
    f = forecast(plan(a), week(4))
    # 7 weeks left, counted from week 5 (not 4): it stands still this week.
    assert (f.get("A").es, f.get("A").ef) == (1, 12)


def test_a_roadmap_whose_critical_path_is_blocked_is_flagged_and_one_blocked_off_it_is_not():
    from roadmap.forecast import blocked_on_critical_path

    a = Deliverable("A", L, "a", 10, status=BLOCKED)
    side = Deliverable("S", T, "s", 1, status=BLOCKED)
    p = plan(a, Deliverable("B", T, "b", 2), side, links=(Dependency("A", "B"),))
    f = forecast(p, week(2))
    assert f.critical_path == ("A", "B")
    assert blocked_on_critical_path(p, f) == ("A",)
    assert blocked_on_critical_path(replace_status(p, "A", DeliverableStatus.NOT_STARTED), f) == ()


@pytest.mark.parametrize(("days_before", "week_no"), [(3, 0), (7, -1), (10, -1), (15, -2)])
def test_the_as_of_week_before_the_start_is_the_first_week_boundary_on_or_after_the_date(days_before, week_no):
    from roadmap.forecast import as_of_week

    assert as_of_week(START, START - timedelta(days=days_before)) == week_no
    # Nothing started yet: the plan is its own schedule, whatever day before its start it is read on.
    p = plan(Deliverable("A", L, "a", 4))
    assert forecast(p, START - timedelta(days=days_before)) == sequence(p)


def replace_status(p: Plan, key: str, status: DeliverableStatus) -> Plan:
    from dataclasses import replace

    return replace(p, deliverables=tuple(replace(d, status=status) if d.key == key else d for d in p.deliverables))
