"""Correcting and removing indicator readings, and one reading a day: checked as when recorded, never
overwriting unseen, and journalled with the value before and after."""

from datetime import date

import pytest
from sqlalchemy import func, select

from models import Deliverable, Indicator, JournalEntry, Measurement, db
from models.operations import (
    Actor,
    OperationError,
    VersionConflict,
    correct_measurement,
    record_measurement,
    remove_measurement,
)
from models.operations.progress import SameDayReading, reading_of, reading_stamp
from tests.factories import import_small

ED = Actor("Ed")
ANA = Actor("Ana")
TODAY = date(2027, 6, 1)
MARCH, APRIL, MAY = date(2027, 3, 1), date(2027, 4, 1), date(2027, 5, 1)


def o1(rid):
    return db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == "O1"))


def readings(indicator_id):
    db.session.expire_all()
    return db.session.execute(
        select(Measurement.measured_on, Measurement.value, Measurement.note)
        .where(Measurement.indicator_id == indicator_id)
        .order_by(Measurement.measured_on)
    ).all()


def latest(indicator_id):
    db.session.expire_all()
    return db.session.get(Indicator, indicator_id).actual


def journal(rid, action):
    return db.session.execute(
        select(JournalEntry.field, JournalEntry.old_value, JournalEntry.new_value, JournalEntry.actor).where(
            JournalEntry.roadmap_id == rid, JournalEntry.action == action
        )
    ).all()


def reading(indicator_id, on):
    db.session.expire_all()
    return db.session.scalar(
        select(Measurement).where(Measurement.indicator_id == indicator_id, Measurement.measured_on == on)
    )


@pytest.fixture
def kenya(db_ctx):
    """Kenya's roadmap with O1's yes/no indicator read "no" in March and, wrongly, "no" again in May."""
    rid = import_small()
    d = o1(rid)
    indicator_id = d.indicators[0].id
    record_measurement(ED, rid, d.id, indicator_id, MARCH, 0, "Draft decree", TODAY)
    record_measurement(ED, rid, d.id, indicator_id, MAY, 0, None, TODAY)
    return rid, d.id, indicator_id


def test_a_correction_changes_the_reading_and_the_latest_and_is_journalled(kenya):
    rid, did, indicator_id = kenya
    wrong = reading(indicator_id, MAY)
    correct_measurement(ANA, rid, did, wrong.id, reading_stamp(wrong), APRIL, 1, "Gazette", TODAY)
    assert readings(indicator_id) == [(MARCH, 0, "Draft decree"), (APRIL, 1, "Gazette")]
    assert latest(indicator_id) == 1
    assert journal(rid, "measurement corrected") == [
        ("Lead agency designated", "0 on 2027-05-01", "1 on 2027-04-01 (Gazette)", "Ana")
    ]
    # The row names who set the value it holds now.
    assert reading(indicator_id, APRIL).recorded_by == "Ana"


@pytest.mark.parametrize(
    ("day", "value", "message"),
    [
        (MAY, 5, "a yes/no indicator reads 1 for yes or 0 for no"),
        (MAY, -1, "cannot be negative"),
        (date(2027, 7, 1), 1, "in the future"),
        (date(1899, 12, 31), 1, "outside the years"),
    ],
)
def test_a_wrong_correction_is_refused_and_nothing_changes(kenya, day, value, message):
    rid, did, indicator_id = kenya
    wrong = reading(indicator_id, MAY)
    before = readings(indicator_id)
    with pytest.raises(OperationError, match=message):
        correct_measurement(ANA, rid, did, wrong.id, reading_stamp(wrong), day, value, None, TODAY)
    assert readings(indicator_id) == before
    assert journal(rid, "measurement corrected") == []


def test_a_correction_of_a_reading_changed_since_is_a_conflict(kenya):
    rid, did, indicator_id = kenya
    wrong = reading(indicator_id, MAY)
    seen = reading_stamp(wrong)
    correct_measurement(ED, rid, did, wrong.id, seen, MAY, 1, None, TODAY)
    with pytest.raises(VersionConflict) as refused:
        correct_measurement(ANA, rid, did, wrong.id, seen, MAY, 0, "Mine", TODAY)
    assert refused.value.current == {"measured_on": "2027-05-01", "value": "1", "note": ""}
    assert readings(indicator_id)[-1] == (MAY, 1, None)
    with pytest.raises(VersionConflict):
        remove_measurement(ANA, rid, did, wrong.id, seen)
    assert len(readings(indicator_id)) == 2


def test_a_correction_onto_another_readings_date_is_refused(kenya):
    rid, did, indicator_id = kenya
    wrong = reading(indicator_id, MAY)
    with pytest.raises(SameDayReading) as refused:
        correct_measurement(ANA, rid, did, wrong.id, reading_stamp(wrong), MARCH, 1, None, TODAY)
    assert (refused.value.value, refused.value.day) == (0, MARCH)
    assert len(readings(indicator_id)) == 2


def test_removing_the_latest_reading_brings_back_the_one_before(kenya):
    rid, did, indicator_id = kenya
    record_measurement(ED, rid, did, indicator_id, APRIL, 1, None, TODAY)
    wrong = reading(indicator_id, MAY)
    remove_measurement(ANA, rid, did, wrong.id, reading_stamp(wrong))
    assert readings(indicator_id) == [(MARCH, 0, "Draft decree"), (APRIL, 1, None)]
    assert latest(indicator_id) == 1
    assert journal(rid, "measurement removed") == [("Lead agency designated", "0 on 2027-05-01", None, "Ana")]
    # With none left, the indicator has no latest value: no reading says it.
    for day in (MARCH, APRIL):
        left = reading(indicator_id, day)
        remove_measurement(ANA, rid, did, left.id, reading_stamp(left))
    assert readings(indicator_id) == [] and latest(indicator_id) is None


def test_a_second_reading_on_a_date_asks_and_replaces_only_when_told(kenya):
    rid, did, indicator_id = kenya
    with pytest.raises(SameDayReading) as asked:
        record_measurement(ANA, rid, did, indicator_id, MAY, 1, "Signed decree", TODAY)
    assert (asked.value.value, asked.value.day) == (0, MAY)
    assert len(readings(indicator_id)) == 2 and latest(indicator_id) == 0
    # Someone changes that reading before the answer: the answer was about the old one, so it is asked again.
    first = reading(indicator_id, MAY)
    correct_measurement(ED, rid, did, first.id, reading_stamp(first), MAY, 0, "Checked", TODAY)
    with pytest.raises(SameDayReading) as again:
        record_measurement(ANA, rid, did, indicator_id, MAY, 1, "Signed decree", TODAY, replace=asked.value.stamp)
    assert again.value.stamp != asked.value.stamp
    replaced = record_measurement(
        ANA, rid, did, indicator_id, MAY, 1, "Signed decree", TODAY, replace=again.value.stamp
    )
    assert replaced is True
    assert readings(indicator_id) == [(MARCH, 0, "Draft decree"), (MAY, 1, "Signed decree")]
    assert latest(indicator_id) == 1
    assert ("Lead agency designated", "0 on 2027-05-01 (Checked)", "1 on 2027-05-01 (Signed decree)", "Ana") in journal(
        rid, "measurement corrected"
    )


def test_readings_of_another_deliverable_or_roadmap_are_not_found(kenya):
    rid, did, indicator_id = kenya
    theirs = import_small(country="GHA")
    wrong = reading(indicator_id, MAY)
    l1 = db.session.scalar(select(Deliverable.id).where(Deliverable.roadmap_id == rid, Deliverable.key == "L1"))
    assert reading_of(rid, did, wrong.id) is not None
    assert reading_of(rid, l1, wrong.id) is None and reading_of(theirs, did, wrong.id) is None
    with pytest.raises(OperationError, match="no such measurement"):
        remove_measurement(ANA, theirs, did, wrong.id, reading_stamp(wrong))
    with pytest.raises(OperationError, match="no such measurement"):
        correct_measurement(ANA, rid, l1, wrong.id, reading_stamp(wrong), MAY, 1, None, TODAY)
    assert db.session.scalar(select(func.count()).select_from(Measurement)) == 2
