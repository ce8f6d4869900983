"""Words shown for stored codes, translated at render time."""

from __future__ import annotations

from babel.dates import get_date_format, get_datetime_format
from flask import Flask
from flask_babel import format_date as babel_date
from flask_babel import format_datetime as babel_datetime
from flask_babel import format_decimal, get_locale, gettext, ngettext
from flask_babel import lazy_gettext as _l

from models.operations.workflow import IMPORTED_LABEL
from roadmap.countries import country_name
from roadmap.duedates import DueDateAtRisk, Marks, due_dates_at_risk, explain, schedule_marks, slack_words
from roadmap.i18n import bdi
from roadmap.spelling import PRIORITY_WORDS, STATUS_WORDS, Speller

_STATUS = {**STATUS_WORDS, **PRIORITY_WORDS}


def status_label(code) -> str:
    """The translated word for a status or priority code."""
    return gettext(_STATUS[code]) if code in _STATUS else str(code)


def baseline_label(label: str) -> str:
    """A baseline's label as shown: one the application wrote itself (a roadmap imported as approved) in
    the reader's language, one a person typed as they typed it."""
    return gettext(label) if label == IMPORTED_LABEL else label


# A date a reader in any country reads one way: the month in words, never "12/6/26". Babel's medium form
# does that in most languages; English (its US order) and Arabic (all digits) get a named month instead.
_DAY_PATTERNS = {"en": "d MMM y", "ar": "d MMMM y"}


def _day_pattern(locale) -> str:
    return _DAY_PATTERNS.get(locale.language) or get_date_format("medium", locale=locale).pattern


def format_date(value=None, format: str | None = None) -> str:
    """A day in the reader's locale ("6 Dec 2026"); ``format`` ("long", "MMM y", …) as Babel takes it."""
    return babel_date(value, format or _day_pattern(get_locale()))


def format_datetime(value=None, format: str | None = None) -> str:
    """A moment in the reader's locale with a 24-hour time and its time zone ("6 Dec 2026, 05:50 UTC")."""
    if format is None:
        locale = get_locale()
        glue = get_datetime_format("medium", locale=locale)
        format = glue.replace("{1}", _day_pattern(locale)).replace("{0}", "HH:mm z")
    return babel_datetime(value, format)


def number(value) -> str:
    """A measured or target value in the reader's locale, "—" when there is none (1.0 reads as 1)."""
    return "—" if value is None else format_decimal(value, format="#,##0.###")


def country_label(country) -> str:
    """A country (a row with a code, or an ISO alpha-3 code) named in the reader's language."""
    code = country if isinstance(country, str) else country.code
    return country_name(code, str(get_locale() or "en"))


# The ITU-D regions' names as ITU writes them in each language.
_ITU_D_REGIONS = {
    "Africa": _l("Africa"),
    "Americas": _l("Americas"),
    "Arab States": _l("Arab States"),
    "Asia-Pacific": _l("Asia-Pacific"),
    "CIS": _l("CIS (Commonwealth of Independent States)"),
    "Europe": _l("Europe"),
}


def itu_region_label(region: str) -> str:
    """An ITU-D region (roadmap.countries.ITU_D_REGIONS) named in the reader's language."""
    return str(_ITU_D_REGIONS.get(region, region))


def sentence(reason: object) -> str:
    """An operation's one-line reason ("the roadmap is in review: …") as a sentence on a page."""
    text = str(reason).strip()
    if text.endswith((".", "!", "?", "。", "？", "！", "؟")):
        return text[:1].upper() + text[1:]
    # Chinese ends a sentence with its own full stop.
    return text[:1].upper() + text[1:] + ("。" if str(get_locale() or "") == "zh" else ".")


def due_date_words(risk: DueDateAtRisk) -> str:
    """A due date at risk in plain sentences, its dates in the reader's language ("14 Mar 2027")."""
    return explain(risk, gettext, ngettext, format_date)


def slack_label(slack: int, marks: Marks) -> str:
    """A deliverable's slack in words, in the reader's language (roadmap.duedates.slack_words)."""
    return slack_words(slack, marks, ngettext)


# Stored values in the reader's words; Flask-Babel's functions read the request's language when called.
_SPELL = Speller(gettext, ngettext, format_date, number)


def signed_weeks(weeks: int) -> str:
    """A shift in whole weeks with its sign and each language's plural: "+4 weeks", "−2 weeks", "0 weeks"."""
    sign = "+" if weeks > 0 else "−" if weeks < 0 else ""
    return sign + _SPELL.weeks(abs(weeks))


def register(app: Flask) -> None:
    """Make the label and formatting helpers available to every template, and the ``bdi`` filter that
    sets a person's text apart in its own direction (roadmap/bidi.py)."""
    app.jinja_env.filters["bdi"] = bdi
    app.jinja_env.globals.update(
        status_label=status_label,
        spell=_SPELL,
        baseline_label=baseline_label,
        country_label=country_label,
        itu_region_label=itu_region_label,
        format_date=format_date,
        format_datetime=format_datetime,
        get_locale=get_locale,
        number=number,
        due_dates_at_risk=due_dates_at_risk,
        due_date_words=due_date_words,
        schedule_marks=schedule_marks,
        slack_label=slack_label,
        signed_weeks=signed_weeks,
    )
