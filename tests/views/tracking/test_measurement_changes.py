"""Correcting and removing a measurement on a deliverable's page, and a second reading on one date, as
an editor does it in a browser without JavaScript; readers and other countries are kept out."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from models import Deliverable, Indicator, Measurement, db
from models.operations import Actor, record_measurement
from tests.models.operations.test_readings import readings
from tests.views.conftest import login
from tests.views.deliverables.test_merge import merge_form

# Readings cannot be dated in the future, so the dates are taken back from today.
EARLY = date.today() - timedelta(days=40)
WRONG = date.today() - timedelta(days=10)
LATER = date.today() - timedelta(days=5)


def day(d: date) -> str:
    """A day as the history shows it to an English reader: "6 Dec 2026", never "2026-12-06"."""
    return f"{d.day} {d:%b %Y}"


def o1(rid):
    db.session.expire_all()
    return db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == "O1"))


def latest(page_text: str) -> str:
    return re.search(r"Latest: ([^<]+)</p>", page_text).group(1).strip()


def stamp_in(page_text: str) -> str:
    return re.search(r'name="version" type="hidden" value="([^"]+)"', page_text).group(1)


@pytest.fixture
def kenya(app, world):
    """O1's yes/no indicator read "no" long ago and, wrongly, "no" again ten days ago."""
    rid = world["kenya"]
    d = o1(rid)
    indicator_id = d.indicators[0].id
    record_measurement(Actor("Ed"), rid, d.id, indicator_id, EARLY, 1, "Decree", date.today())
    record_measurement(Actor("Ed"), rid, d.id, indicator_id, WRONG, 0, None, date.today())
    wrong = db.session.scalar(select(Measurement.id).where(Measurement.measured_on == WRONG))
    return {
        "rid": rid,
        "indicator": indicator_id,
        "wrong": wrong,
        "page": f"/roadmaps/{rid}/deliverables/{d.id}/tracking",
        "reading": f"/roadmaps/{rid}/deliverables/{d.id}/measurements/{wrong}",
        "add": f"/roadmaps/{rid}/deliverables/{d.id}/measurements",
    }


def test_an_editor_corrects_a_wrong_measurement_and_the_latest_follows(client, kenya):
    login(client, "editor@example.org")
    page = client.get(kenya["page"])
    assert latest(page.text) == "0"
    # Two readings draw a trend, named in words for those who cannot see it.
    assert 'role="img" aria-label="Trend of ' in page.text and "2 readings, from 1 to 0" in page.text
    assert f'href="{kenya["reading"]}/edit"' in page.text and f'href="{kenya["reading"]}/remove"' in page.text
    form = client.get(f"{kenya['reading']}/edit")
    assert form.status_code == 200 and f'value="{WRONG.isoformat()}"' in form.text
    saved = client.post(
        f"{kenya['reading']}/edit",
        data={"measured_on": LATER.isoformat(), "value": "1", "note": "Gazette", "version": stamp_in(form.text)},
    )
    assert saved.status_code == 302 and saved.headers["Location"].endswith("#indicators")
    page = client.get(kenya["page"])
    assert "Measurement corrected." in page.text
    assert latest(page.text) == "1" and "Gazette" in page.text
    assert "2 readings, from 1 to 1" in page.text  # the trend follows the correction
    assert readings(kenya["indicator"])[-1] == (LATER, 1, "Gazette")
    history = client.get(f"/roadmaps/{kenya['rid']}/history").text
    assert "Measurement corrected" in history
    assert f"0 on {day(WRONG)}" in history and f"1 on {day(LATER)} (Gazette)" in history


@pytest.mark.parametrize(
    ("changes", "message", "field"),
    [
        ({"value": "7"}, "A yes/no indicator reads 1 for yes or 0 for no.", "value"),
        ({"value": ""}, "Give the measured value.", "value"),
        ({"measured_on": (date.today() + timedelta(days=3)).isoformat()}, "is in the future", "measured_on"),
        ({"measured_on": EARLY.isoformat()}, "There is already a reading of 1 on", "measured_on"),
    ],
)
def test_a_wrong_correction_is_refused_next_to_its_field_with_the_input_kept(client, kenya, changes, message, field):
    login(client, "editor@example.org")
    form = client.get(f"{kenya['reading']}/edit")
    before = readings(kenya["indicator"])
    data = {"measured_on": WRONG.isoformat(), "value": "0", "note": "Typed by hand", "version": stamp_in(form.text)}
    refused = client.post(f"{kenya['reading']}/edit", data={**data, **changes})
    assert refused.status_code == 400
    error = re.search(rf'<p class="error" id="{field}-error">([^<]+)</p>', refused.text)
    assert error and message in error.group(1)
    assert 'value="Typed by hand"' in refused.text
    assert readings(kenya["indicator"]) == before


def test_a_correction_of_a_reading_changed_meanwhile_shows_the_conflict(app, kenya):
    client = app.test_client()
    with app.app_context():
        login(client, "editor@example.org")
    with app.app_context():
        stale = stamp_in(client.get(f"{kenya['reading']}/edit").text)
    data = {"measured_on": WRONG.isoformat(), "value": "1", "note": "First", "version": stale}
    with app.app_context():
        assert client.post(f"{kenya['reading']}/edit", data=data).status_code == 302
    with app.app_context():
        again = client.post(f"{kenya['reading']}/edit", data={**data, "value": "0", "note": "Mine"})
    assert again.status_code == 409
    assert "Someone else changed this reading since you opened it" in again.text
    assert "Mine" in again.text and "First" in again.text
    with app.app_context():
        assert readings(kenya["indicator"])[-1] == (WRONG, 1, "First")


def test_a_correction_of_a_reading_changed_meanwhile_is_merged_field_by_field(app, kenya):
    client = app.test_client()
    with app.app_context():
        login(client, "editor@example.org")
    with app.app_context():
        stale = stamp_in(client.get(f"{kenya['reading']}/edit").text)
    first = {"measured_on": WRONG.isoformat(), "value": "1", "note": "First", "version": stale}
    with app.app_context():
        assert client.post(f"{kenya['reading']}/edit", data=first).status_code == 302
    with app.app_context():
        again = client.post(
            f"{kenya['reading']}/edit", data={**first, "measured_on": LATER.isoformat(), "note": "Mine"}
        )
    assert again.status_code == 409
    form = merge_form(again.text)
    # "1" typed is the 1.0 saved: the value is not asked about, and reads 1 on both sides.
    assert set(form.radios) == {"pick-measured_on", "pick-note"}
    assert '<th scope="row">Value</th><td dir="auto">1</td><td dir="auto">1</td>' in again.text
    picks = [("pick-measured_on", "mine"), ("pick-note", "theirs")]
    with app.app_context():
        merged = client.post(f"{kenya['reading']}/edit", data=MultiDict([*form.fields, *picks]))
    assert merged.status_code == 302
    with app.app_context():
        assert readings(kenya["indicator"])[-1] == (LATER, 1, "First")


def test_removing_asks_first_and_the_latest_is_the_reading_before(client, kenya):
    login(client, "editor@example.org")
    question = client.get(f"{kenya['reading']}/remove")
    assert question.status_code == 200
    assert "Remove the reading of 0 on" in question.text and "Remove it" in question.text
    assert len(readings(kenya["indicator"])) == 2  # asking removes nothing
    removed = client.post(f"{kenya['reading']}/remove", data={"version": stamp_in(question.text)})
    assert removed.status_code == 302
    page = client.get(kenya["page"])
    assert "Measurement removed." in page.text
    assert latest(page.text) == "1"
    assert readings(kenya["indicator"]) == [(EARLY, 1, "Decree")]
    history = client.get(f"/roadmaps/{kenya['rid']}/history").text
    assert "Measurement removed" in history and f"0 on {day(WRONG)}" in history
    # The removed reading's pages are gone with it.
    assert client.get(f"{kenya['reading']}/remove").status_code == 404


def test_removing_a_reading_changed_meanwhile_asks_again_about_it_as_it_is(client, kenya):
    login(client, "editor@example.org")
    stale = stamp_in(client.get(f"{kenya['reading']}/remove").text)
    form = client.get(f"{kenya['reading']}/edit")
    data = {"measured_on": WRONG.isoformat(), "value": "1", "note": "Checked", "version": stamp_in(form.text)}
    assert client.post(f"{kenya['reading']}/edit", data=data).status_code == 302
    again = client.post(f"{kenya['reading']}/remove", data={"version": stale})
    assert again.status_code == 409
    assert "Someone else changed this reading since you opened this page" in again.text
    assert "Remove the reading of 1 on" in again.text and "Checked" in again.text
    assert len(readings(kenya["indicator"])) == 2


def test_a_second_reading_on_a_date_asks_whether_to_replace_it(client, kenya):
    login(client, "editor@example.org")
    typed = {
        "measure-indicator": str(kenya["indicator"]),
        "measure-measured_on": WRONG.isoformat(),
        "measure-value": "1",
        "measure-note": "Signed decree",
    }
    asked = client.post(kenya["add"], data=typed)
    assert asked.status_code == 409
    assert "There is already a reading of 0 on" in asked.text and "replace it?" in asked.text
    assert "Replace it with 1" in asked.text
    assert 'value="Signed decree"' in asked.text  # kept, in the form below as in the question's
    assert len(readings(kenya["indicator"])) == 2  # nothing added beside it
    replace = re.search(r'name="measure-replace" value="([^"]+)"', asked.text).group(1)
    replaced = client.post(kenya["add"], data={**typed, "measure-replace": replace})
    assert replaced.status_code == 302
    page = client.get(kenya["page"])
    assert "Measurement replaced." in page.text and latest(page.text) == "1"
    assert readings(kenya["indicator"]) == [(EARLY, 1, "Decree"), (WRONG, 1, "Signed decree")]
    history = client.get(f"/roadmaps/{kenya['rid']}/history").text
    assert "Measurement corrected" in history and f"1 on {day(WRONG)} (Signed decree)" in history
    # Another date is simply recorded.
    other = client.post(kenya["add"], data={**typed, "measure-measured_on": LATER.isoformat()})
    assert other.status_code == 302 and len(readings(kenya["indicator"])) == 3


def test_readers_may_not_change_readings_and_other_deliverables_readings_are_not_found(client, world, kenya):
    login(client, "viewer@example.org")
    page = client.get(kenya["page"])
    assert page.status_code == 200 and "/edit" not in page.text and "/remove" not in page.text
    for url in (f"{kenya['reading']}/edit", f"{kenya['reading']}/remove"):
        assert client.get(url).status_code == 403
        assert client.post(url, data={"value": "1", "measured_on": LATER.isoformat()}).status_code == 403
    client.post("/logout")
    login(client, "editor@example.org")
    rid = kenya["rid"]
    l1 = db.session.scalar(select(Deliverable.id).where(Deliverable.roadmap_id == rid, Deliverable.key == "L1"))
    elsewhere = [
        f"/roadmaps/{rid}/deliverables/{l1}/measurements/{kenya['wrong']}",  # another deliverable's reading
        f"/roadmaps/{rid}/deliverables/{o1(rid).id}/measurements/999999",  # no such reading
    ]
    for base in elsewhere:
        for url in (f"{base}/edit", f"{base}/remove"):
            assert client.get(url).status_code == 404
            assert client.post(url, data={}).status_code == 404
    # Another country's editor does not learn that the roadmap exists.
    client.post("/logout")
    login(client, "other@example.org")
    assert client.get(f"{kenya['reading']}/edit").status_code == 404
    assert len(readings(kenya["indicator"])) == 2
    assert db.session.get(Indicator, kenya["indicator"]).actual == 0
