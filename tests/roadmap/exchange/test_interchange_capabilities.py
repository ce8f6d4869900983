"""cop-roadmap/1 carries the MNR self-assessment as an optional ``capabilities`` list."""

import pytest

from roadmap.exchange.interchange import FormatError, read_document, to_document
from roadmap.plan import CapabilityRating
from tests.factories import small_document


def test_capabilities_are_optional_and_round_trip():
    doc = small_document()
    doc.pop("capabilities", None)
    assert read_document(doc).capabilities == ()  # files written before the field still import
    doc["capabilities"] = [
        {"number": 12, "phase": 1, "evidence": "Reports go to a police e-mail."},
        {"number": 3, "phase": 3},
    ]
    plan = read_document(doc)
    assert plan.capabilities == (
        CapabilityRating(3, 3, None),
        CapabilityRating(12, 1, "Reports go to a police e-mail."),
    )
    again = to_document(plan)
    assert again["capabilities"] == [
        {"number": 3, "phase": 3, "evidence": None},
        {"number": 12, "phase": 1, "evidence": "Reports go to a police e-mail."},
    ]
    assert read_document(again) == plan


@pytest.mark.parametrize(
    ("capabilities", "message"),
    [
        ([{"number": 22, "phase": 1}], "capabilities"),
        ([{"number": 0, "phase": 1}], "capabilities"),
        ([{"number": 4, "phase": 5}], "capabilities"),
        ([{"number": 4}], "phase"),
        ([{"number": 4, "phase": 2, "colour": "red"}], "colour"),
        ([{"number": 4, "phase": 2}, {"number": 4, "phase": 3}], "MNR capability 4 is rated twice"),
    ],
)
def test_bad_ratings_are_refused_with_where_they_are(capabilities, message):
    doc = small_document()
    doc["capabilities"] = capabilities
    with pytest.raises(FormatError, match=message):
        read_document(doc)
