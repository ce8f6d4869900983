"""Dates in the reader's locale, in a form no reader takes for another day: the month in words, 24-hour
times with their time zone ("6 Dec 2026, 05:50 UTC", never "12/6/26, 5:50 AM")."""

import re
from datetime import UTC, date, datetime

import pytest
from flask_babel import force_locale

from models import Roadmap, db
from tests.views.conftest import login
from views.labels import format_date, format_datetime

MOMENT = datetime(2026, 12, 6, 5, 50, tzinfo=UTC)

EXPECTED = {
    "en": ("6 Dec 2026", "6 Dec 2026, 05:50 UTC"),
    "fr": ("6 déc. 2026", "6 déc. 2026, 05:50 TU"),
    "es": ("6 dic 2026", "6 dic 2026, 05:50 UTC"),
    "ar": ("6 ديسمبر 2026", "6 ديسمبر 2026، 05:50 التوقيت العالمي"),
    "ru": ("6 дек. 2026\u202fг.", "6 дек. 2026\u202fг., 05:50 UTC"),
    "zh": ("2026年12月6日", "2026年12月6日 05:50 UTC"),
}


@pytest.mark.parametrize("lang", sorted(EXPECTED))
def test_each_language_writes_days_and_moments_in_its_own_unambiguous_form(app, lang):
    with app.test_request_context(), force_locale(lang):
        assert format_date(MOMENT.date()) == EXPECTED[lang][0]
        assert format_datetime(MOMENT) == EXPECTED[lang][1]


def test_a_named_format_still_works(app):
    with app.test_request_context(), force_locale("en"):
        assert format_date(date(2027, 3, 1), "long") == "March 1, 2027"
        assert format_date(date(2027, 3, 1), "MMM y") == "Mar 2027"


def _last_change(client) -> str:
    with client.application.app_context():  # a fresh context: the locale is chosen per request
        html = client.get("/").get_data(as_text=True)
    return re.search(r'data-label="[^"]*">([^<]*UTC|[^<]*التوقيت العالمي|[^<]*TU)</td>', html).group(1)


def test_the_home_page_shows_the_last_change_in_english_french_and_arabic(client, world):
    db.session.get(Roadmap, world["kenya"]).updated_at = MOMENT
    db.session.commit()
    login(client, "editor@example.org")
    assert _last_change(client) == "6 Dec 2026, 05:50 UTC"
    with client.application.app_context():
        client.post("/language", data={"lang": "fr", "next": "/"})
    assert _last_change(client) == "6 déc. 2026, 05:50 TU"
    with client.application.app_context():
        client.post("/language", data={"lang": "ar", "next": "/"})
    assert _last_change(client) == "6 ديسمبر 2026، 05:50 التوقيت العالمي"
