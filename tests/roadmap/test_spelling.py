"""Stored values in words: what the history, the "what changed" page and the printed annex show."""

from datetime import date
from decimal import Decimal

from roadmap.spelling import Speller

# A reader whose language marks every translated word, so a test sees what went through translation.
FR = Speller(
    gettext=lambda s: f"«{s}»",
    ngettext=lambda s, p, n: f"«{s if n == 1 else p}»",
    format_date=lambda d: d.strftime("%d/%m/%Y"),
    format_number=lambda n: f"{n:,}".replace(",", " "),
)


def test_codes_become_translated_words():
    assert FR.value("pillar", "legal") == "«Legal Measures»"
    assert FR.value("status", "in_progress") == "«In progress»"
    assert FR.value("status", "in_review") == "«In review»"
    assert FR.value("priority", "high") == "«High»"
    assert FR.value("kind", "law_enforcement") == "«Law enforcement»"
    assert FR.value("threats", ["csam", "grooming"]) == (
        "«Child sexual abuse material»; «Grooming and sexual solicitation»"
    )
    assert FR.value("language", "ar") == "العربية"  # each language by its own name
    assert FR.link("finish_to_finish", 2) == "««finish to finish», ««2 weeks» later»»"
    assert FR.link("start_to_start", 0) == "««start to start», «no lag»»"


def test_days_numbers_and_amounts_in_the_readers_format():
    assert FR.value("due_by", "2027-03-01") == "01/03/2027"
    assert FR.value("duration_weeks", 12) == "«12 weeks»"
    assert FR.value("percent_complete", 40) == "«40%»"
    assert FR.value("cost", {"amount": "25000.00", "currency": "EUR", "source": None}) == "25 000 EUR"
    assert FR.amount(Decimal("1250.50"), "USD") == "1 250.5 USD"
    assert FR.value("maturity", 3) == "3 — «Established»"


def test_nothing_reads_as_none_and_unknown_codes_stay_as_they_are():
    assert FR.value("due_by", None) == "«(none)»"
    assert FR.value("partners", []) == "«(none)»"
    assert FR.value("pillar", "space") == "space"
    assert FR.day(date(2027, 1, 4)) == "04/01/2027"
