"""The words of the printed roadmap: the print context, and translated, formatted phrases built from it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from roadmap.changes import SinceReview
from roadmap.forecast import BaselineDates
from roadmap.i18n import N_
from roadmap.plan import Dependency
from roadmap.spelling import PRIORITY_WORDS, STATUS_WORDS, Speller


def plain_number(value: Decimal | float | int) -> str:
    """A number with thousands grouped by commas and no needless decimals (the default number format)."""
    d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if d == d.to_integral_value():
        return f"{d:,.0f}"
    return f"{d:,f}"


@dataclass(frozen=True)
class Edition:
    """Which approved edition a print belongs to: the approvals so far and the latest of them."""

    revision: int  # how many times the plan was approved: 1 for the first approved plan
    label: str  # the latest baseline's label
    approved_by: str
    approved_on: date


@dataclass(frozen=True)
class PrintContext:
    """What a printed roadmap needs beyond the plan: who it is for, when, and in which language."""

    country_name: str
    version: int
    generated_on: date
    gettext: Callable[[str], str] = lambda s: s
    ngettext: Callable[[str, str, int], str] = lambda s, p, n: s if n == 1 else p
    format_date: Callable[[date], str] = lambda d: d.strftime("%-d %B %Y")
    today: date | None = None
    # Optional, after the agreed fields: a locale's number format (e.g. flask_babel.format_decimal).
    format_number: Callable[[Decimal | float | int], str] = field(default=plain_number)
    # Optional: the changes since the latest approved baseline, printed as the last annex.
    since_review: SinceReview | None = None
    # Optional: who issues the plan, and its approved edition (None until it is first approved). The
    # cover and the page footers print these, never ``version``, which counts saves.
    issuing_authority: str | None = None
    edition: Edition | None = None
    # Optional: each deliverable's dates in the latest approved baseline, for the progress annex.
    baseline_dates: dict[str, BaselineDates] | None = None
    # Optional: the cover's logo as a data: URI of the bytes roadmap/printing/logo.py made (never a link).
    logo: str | None = None
    # The sheet the landscape chart pages are printed on: "a4", or "a3" for larger charts (the text
    # pages stay A4); roadmap/printing/charts.py PAPERS sizes the charts to it.
    paper: str = "a4"


# Words for stored codes: the same tables as the history and the pages, so one translation serves all.
_CODES = {**STATUS_WORDS, **PRIORITY_WORDS}
# The five stages of the Oxford GCSCC maturity model, the scale of a pillar's self-assessment.
MATURITY = (N_("Start-up"), N_("Formative"), N_("Established"), N_("Strategic"), N_("Dynamic"))


@dataclass(frozen=True)
class Words:
    """Translated phrases for one printed roadmap; every printed word goes through here or the templates' ``_``."""

    context: PrintContext

    def __call__(self, text: str, **values: object) -> str:
        """The translation of text, with %(name)s placeholders filled from values."""
        out = self.context.gettext(text)
        return out % values if values else out

    # The name pybabel's default keywords look for, so the strings below are extracted for translation.
    _ = __call__

    def ngettext(self, singular: str, plural: str, num: int) -> str:
        """The translation for a count; %(num)d is filled (Flask-Babel's ngettext fills it itself)."""
        out = self.context.ngettext(singular, plural, num)
        return out % {"num": num} if "%(" in out else out

    def code(self, value: object) -> str:
        """The word for a status or priority code."""
        return self._(_CODES[value]) if value in _CODES else str(value)

    def date(self, day: date) -> str:
        """A date as the reader's locale writes it, on one line: a range then breaks between dates, not inside."""
        return self.context.format_date(day).replace(" ", "\u00a0")

    def span(self, start: date, finish: date) -> str:
        """A date range, or one date when it starts and ends on the same day."""
        if start == finish:
            return self.date(start)
        return self._("%(start)s – %(finish)s", start=self.date(start), finish=self.date(finish))

    def number(self, value: Decimal | float | int | None) -> str:
        """A number in the reader's format; an em dash when it is unknown."""
        return "—" if value is None else self.context.format_number(value)

    def weeks(self, num: int) -> str:
        """A duration in weeks, e.g. "16 weeks"."""
        return self.spell.weeks(num)

    def lag(self, weeks: int) -> str:
        """A link's lag in words: none, or a signed number of weeks."""
        return self.spell.lag(weeks)

    def link(self, dep: Dependency) -> str:
        """A link's type and lag, e.g. "finish to start, no lag"."""
        return self.spell.link(dep.type.value, dep.lag_weeks)

    def maturity(self, level: int) -> str:
        """A self-assessment level in words, e.g. "Level 2 of 5: Formative"."""
        name = self._(MATURITY[level - 1]) if 1 <= level <= len(MATURITY) else "—"
        return self._("Level %(level)s of 5: %(name)s", level=level, name=name)

    @property
    def spell(self) -> Speller:
        """Stored values in words (roadmap/spelling.py), in the printed roadmap's language and formats."""
        c = self.context
        return Speller(c.gettext, c.ngettext, self.date, c.format_number)

    def yes_no(self, value: bool) -> str:
        """Yes or No."""
        return self._("Yes") if value else self._("No")


def css_string(text: str) -> str:
    """Text as a quoted CSS string; every character but ASCII letters and digits is hex-escaped.

    Only generated words (translations, dates) go into CSS, but escaping everything else means no
    quote, backslash or "</style" can ever break out of the string or the <style> element. The space
    after each escape ends it and is consumed by the CSS parser, so it never shows.
    """
    out = []
    for ch in text:
        out.append(ch if ch.isascii() and ch.isalnum() else f"\\{ord(ch):x} ")
    return '"' + "".join(out) + '"'
