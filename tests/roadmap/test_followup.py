"""A reading must fit its indicator's unit: the rule the progress page and the operations share."""

import pytest

from roadmap.followup import reading_problem


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
