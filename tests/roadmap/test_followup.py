"""Following a roadmap: a reading must fit its indicator's unit, and where a roadmap stands on a day."""

from datetime import timedelta

import pytest

from roadmap.followup import reading_problem, standing
from roadmap.forecast import BaselineDates
from roadmap.plan import Deliverable, Dependency
from roadmap.sequencing import sequence
from roadmap.vocabulary import DeliverableStatus as S
from roadmap.vocabulary import Pillar
from tests.roadmap.test_forecast import plan, week


@pytest.mark.parametrize(
    ("unit", "value", "problem"),
    [
        ("yes/no", 1, None),
        ("yes/no", 0, None),
        ("yes/no", 5, "a yes/no indicator reads 1 for yes or 0 for no"),
        ("yes/no", 12, "a yes/no indicator reads 1 for yes or 0 for no"),
        ("Oui/Non", 2, "a yes/no indicator reads 1 for yes or 0 for no"),
        ("%", 55.5, None),
        ("%", 100, None),
        ("%", 120, "a percentage is at most 100"),
        ("%", -3, "a reading of this indicator cannot be negative"),
        ("people trained", 12, None),
        ("people trained", 12.5, "the indicator counts people trained: a whole number"),
        ("cases per year", -1, "a reading of this indicator cannot be negative"),
        ("hours", 1.5, None),  # a duration may be fractional
        ("km", 2.5, None),  # a unit a team wrote itself is taken as written
        ("score", -2, None),
        (None, 3.25, None),
    ],
)
def test_a_reading_fits_its_unit(unit, value, problem):
    assert reading_problem(unit, value) == problem


def _chain(x_status=S.NOT_STARTED, x_percent=0, x_start=None):
    return plan(
        Deliverable("X", Pillar.LEGAL, "Draft", 4, status=x_status, percent_complete=x_percent, actual_start=x_start),
        Deliverable("Y", Pillar.LEGAL, "Adopt", 2),
        Deliverable("Z", Pillar.CAPACITY, "Train", 1),
        links=(Dependency("X", "Y"),),
    )


def test_a_plan_on_time_at_its_start_has_no_slip_and_nothing_planned_yet():
    found = standing(_chain(), week(0), None)
    assert (found.slip_days, found.percent_planned, found.percent_done) == (0, 0.0, 0.0)
    assert not found.against_baseline and found.critical_blocked == ()
    assert found.planned_finish == week(6) - timedelta(days=1)


def test_blocked_work_on_the_critical_path_is_named_and_moves_the_finish():
    stalled = _chain(S.BLOCKED, 25, week(0))
    found = standing(stalled, week(3), None)
    assert found.critical_blocked == ("X",)
    # It resumes next week (4) with 3 weeks left, then Y's 2: week 9 rather than week 6.
    assert found.slip_days == 21
    # Three of X's four weeks and all of Z were planned by week 3: 4 of 7 weighted weeks.
    assert round(found.percent_planned, 1) == 57.1
    assert round(found.percent_done, 1) == 14.3
    # Z (one week from week 0) is late against a baseline, but a draft's own plan promises nothing.
    assert found.overdue(stalled) == {}


def test_against_a_baseline_its_dates_count_even_after_the_plan_changed():
    stalled = _chain(S.BLOCKED, 25, week(0))
    # The baseline planned the same work two weeks later than the plan now says.
    was = {
        d.key: BaselineDates(d.start + timedelta(weeks=2), d.finish + timedelta(weeks=2))
        for d in sequence(stalled).deliverables
    }
    found = standing(stalled, week(3), was)
    assert found.against_baseline and found.slip_days == 7
    assert round(found.percent_planned, 1) == round(100 * (1 + 1) / 7, 1)  # X: 1 of 4 weeks, Z: whole
    assert found.overdue(stalled) == {Pillar.CAPACITY: 1}  # Z, due by the end of week 2
    blocked_off_path = plan(
        Deliverable("X", Pillar.LEGAL, "Draft", 1, status=S.BLOCKED), Deliverable("Y", Pillar.LEGAL, "Long", 10)
    )
    assert standing(blocked_off_path, week(0), None).critical_blocked == ()
