"""cop-roadmap/1 carries the treaty gap analysis as an optional ``treaty_marks`` list."""

import pytest

from roadmap.exchange.interchange import FormatError, read_document, to_document
from roadmap.treaties import GapStatus, TreatyMark
from tests.factories import small_document


def test_treaty_marks_are_optional_and_round_trip():
    doc = small_document()
    doc.pop("treaty_marks", None)
    plan = read_document(doc)
    assert plan.treaty_marks == ()  # files written before the field still import
    assert "treaty_marks" not in to_document(plan)  # and a roadmap without marks writes the file it did
    key = doc["deliverables"][0]["key"]
    doc["treaty_marks"] = [
        {
            "provision": "vetting",
            "status": "missing",
            "note": "Police checks are not required by law.",
            "deliverable": key,
        },
        {"provision": "grooming", "status": "in_law", "note": "Act 12 s. 4"},
        {"provision": "csam_access", "status": "partly", "note": None, "deliverable": None},
    ]
    plan = read_document(doc)
    assert plan.treaty_marks == (
        TreatyMark("csam_access", GapStatus.PARTLY),
        TreatyMark("grooming", GapStatus.IN_LAW, "Act 12 s. 4"),
        TreatyMark("vetting", GapStatus.MISSING, "Police checks are not required by law.", key),
    )
    again = to_document(plan)
    assert again["treaty_marks"][2] == {
        "provision": "vetting",
        "status": "missing",
        "note": "Police checks are not required by law.",
        "deliverable": key,
    }
    assert read_document(again) == plan


@pytest.mark.parametrize(
    ("marks", "message"),
    [
        ([{"provision": "grooming", "status": "maybe"}], "status"),
        ([{"provision": "grooming"}], "status"),
        ([{"provision": "grooming", "status": "missing", "colour": "red"}], "colour"),
        ([{"provision": "no_such_thing", "status": "missing"}], 'no provision "no_such_thing"'),
        (
            [{"provision": "grooming", "status": "missing"}, {"provision": "grooming", "status": "partly"}],
            'provision "grooming" is marked twice',
        ),
        ([{"provision": "grooming", "status": "missing", "deliverable": "Z9"}], 'no deliverable "Z9"'),
    ],
)
def test_bad_marks_are_refused_with_where_they_are(marks, message):
    doc = small_document()
    doc["treaty_marks"] = marks
    with pytest.raises(FormatError, match=message):
        read_document(doc)
