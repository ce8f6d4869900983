"""A number box given words or a number out of bounds shows one clear message in the reader's language,
naming what it expects and its bounds as the reader writes numbers, and keeps what was typed."""

import html
import re

import pytest
from flask_babel import force_locale, format_decimal, gettext
from sqlalchemy import select

from models import Deliverable, db
from roadmap.vocabulary import COST_AMOUNT_MAX
from tests.views.conftest import login

WEEKS = "Enter a whole number of weeks from %(min)s to %(max)s."
AMOUNT = "Enter an amount from %(min)s to %(max)s, in figures."
WHOLE = "Enter a whole number from %(min)s to %(max)s."


def expected(app, language: str, message: str, low, high) -> str:
    with app.test_request_context(), force_locale(language):
        return gettext(message, min=format_decimal(low, format="#,##0.##"), max=format_decimal(high, format="#,##0.##"))


def error_of(page: str, field: str) -> str:
    """The text next to one field: every message it shows, as the reader sees them."""
    return html.unescape(page.split(f'id="{field}-error">', 1)[1].split("</p>", 1)[0]).strip()


def edit(client, rid: int, **fields):
    l1 = db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == "L1"))
    data = {
        "key": "L1",
        "pillar": "legal",
        "title": "Legal gap analysis",
        "duration_weeks": "16",
        "priority": "medium",
        "lead": "MOICT",
        "version": str(l1.version),
        **fields,
    }
    return client.post(f"/roadmaps/{rid}/deliverables/{l1.id}/edit", data=data)


def reader(client, language: str) -> None:
    login(client, "editor@example.org")
    client.post("/language", data={"lang": language, "next": "/"})


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("typed", ["abc", "9999", "2.5"])
def test_weeks_in_words_or_out_of_bounds_get_one_message_in_the_readers_language(app, client, world, language, typed):
    reader(client, language)
    response = edit(client, world["kenya"], duration_weeks=typed)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert error_of(page, "duration_weeks") == expected(app, language, WEEKS, 0, 520)
    assert f'value="{typed}"' in page  # what was typed stays, to be corrected


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("typed", ["abc", "1e20", "100000000000000000", "-5", "NaN", "Infinity"])
def test_a_cost_that_is_not_an_amount_gets_one_message_with_readable_bounds(app, client, world, language, typed):
    reader(client, language)
    response = edit(client, world["kenya"], cost_amount=typed, cost_currency="USD")
    assert response.status_code == 400
    message = error_of(response.get_data(as_text=True), "cost_amount")
    assert message == expected(app, language, AMOUNT, 0, COST_AMOUNT_MAX)
    assert "E+" not in message and ".0" not in message


def test_an_empty_number_box_says_only_that_it_is_missing(app, client, world):
    reader(client, "fr")
    response = edit(client, world["kenya"], duration_weeks="")
    with app.test_request_context(), force_locale("fr"):
        assert error_of(response.get_data(as_text=True), "duration_weeks") == gettext("Give a number of weeks.")


@pytest.mark.parametrize("typed", ["abc", "150"])
def test_a_percentage_in_words_or_over_100_gets_one_message(app, client, world, typed):
    rid = world["kenya"]
    reader(client, "fr")
    o1 = db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == "O1"))
    response = client.post(
        f"/roadmaps/{rid}/deliverables/{o1.id}/progress",
        data={"status": "in_progress", "percent_complete": typed, "actual_start": "2027-01-04", "version": o1.version},
    )
    assert response.status_code == 400
    assert error_of(response.get_data(as_text=True), "percent_complete") == expected(app, "fr", WHOLE, 0, 100)


def test_an_indicator_baseline_in_words_gets_one_message(app, client, world):
    reader(client, "ar")
    response = edit(client, world["kenya"], **{"indicators-0-name": "Cases", "indicators-0-baseline": "many"})
    assert response.status_code == 400
    cell = response.get_data(as_text=True).split('id="indicators-0-baseline"', 1)[1].split("</td>", 1)[0]
    messages = [html.unescape(m) for m in re.findall(r'<p class="error">(.*?)</p>', cell)]
    assert messages == [expected(app, "ar", "Enter a number from %(min)s to %(max)s.", -(10**15), 10**15)]


def test_the_what_if_weeks_in_words_get_one_message(app, client, world):
    reader(client, "fr")
    response = client.get(f"/roadmaps/{world['kenya']}/what-if", query_string={"key": "O1", "weeks": "soon"})
    assert response.status_code == 400
    assert error_of(response.get_data(as_text=True), "weeks") == expected(app, "fr", WEEKS, 1, 520)
