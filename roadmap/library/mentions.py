"""Finding a country, or an organisation, wherever a text names it, in any of the six languages.

A team that withholds its country expects every mention gone, not only the English name: "Гане",
"بغانا", "加纳", "Ghanaian", "Accra", "GH" and ".gh" all say which country wrote the plan. The names
come from ISO 3166 (pycountry and its translations), the Unicode CLDR (Babel) and countryinfo
(capital, demonym, country-code domain, other spellings). Matching ignores case and accents; Russian
names match with any ending ("Гана", "Гане", "Ганы"), Arabic ones with the prefixes written joined to
them ("بغانا", "والغانية" does not count: only و ف ب ل ك and ال), and codes match in capitals only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import pycountry
from babel import Locale
from countryinfo import CountryInfo

from roadmap.countries import iso_translations

LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh")
# Words too common to stand for a country on their own: a name's other words still do ("Congo").
_GENERIC = {
    "and",
    "the",
    "of",
    "de",
    "del",
    "la",
    "le",
    "les",
    "des",
    "du",
    "et",
    "y",
    "republic",
    "republique",
    "republica",
    "democratic",
    "democratique",
    "democratica",
    "people",
    "peoples",
    "federal",
    "federation",
    "federated",
    "states",
    "state",
    "united",
    "kingdom",
    "islands",
    "island",
    "north",
    "south",
    "east",
    "west",
    "central",
    "new",
    "saint",
    "coast",
    "cote",
    "costa",
    "former",
    "plurinational",
    "bolivarian",
    "islamic",
    "arab",
    "socialist",
    "union",
    "commonwealth",
    "territory",
    "estado",
    "estados",
    "etats",
    "unidos",
    "unis",
    "reino",
    "royaume",
    "isla",
    "islas",
    "iles",
    "республика",
    "федерация",
    "демократическая",
    "народная",
    "объединенные",
    "соединенные",
    "штаты",
    "королевство",
    "острова",
    "остров",
    "федеративные",
    "жумхурият",
    "جمهورية",
    "الجمهورية",
    "الديمقراطية",
    "المتحدة",
    "الاتحادية",
    "مملكة",
    "المملكة",
    "جزر",
    "دولة",
    "ولايات",
}
_PREFIXES_AR = "(?:[وف]?[بلك]?(?:ال)?)"
_CYRILLIC_ENDINGS = "аяоеёыийьую"


def fold(text: str) -> tuple[str, list[int]]:
    """The text without accents and case, and for each of its characters the index it came from."""
    out: list[str] = []
    where: list[int] = []
    for index, ch in enumerate(text):
        plain = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).casefold()
        for c in plain:  # a lone accent or vowel mark folds to nothing
            out.append(c)
            where.append(index)
    return "".join(out), where


@dataclass(frozen=True)
class Mentions:
    """Finds and replaces the mentions of a set of names (and codes, matched in capitals only)."""

    names: re.Pattern[str] | None
    codes: re.Pattern[str] | None

    def spans(self, text: str) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        if self.names is not None:
            folded, where = fold(text)
            for m in self.names.finditer(folded):
                start, end = where[m.start()], where[m.end() - 1] + 1
                found.append((start, end))
        if self.codes is not None:
            found += [(m.start(), m.end()) for m in self.codes.finditer(text)]
        merged: list[tuple[int, int]] = []
        for start, end in sorted(found):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def found(self, text: str | None) -> list[str]:
        """The mentions in a text, as written there."""
        return [] if not text else [text[s:e] for s, e in self.spans(text)]

    def replace(self, text: str | None, by: str) -> str | None:
        if not text:
            return text
        for start, end in reversed(self.spans(text)):
            text = text[:start] + by + text[end:]
        return text


def _script(word: str) -> str:
    for ch in word:
        if "\u0600" <= ch <= "\u06ff":
            return "arabic"
        if "\u0400" <= ch <= "\u04ff":
            return "cyrillic"
        if "\u4e00" <= ch <= "\u9fff":
            return "han"
    return "latin"


def _pattern(name: str, endings: bool = True) -> str | None:
    """A regular expression for one folded name, with its script's inflections (none without ``endings``)."""
    name = " ".join(fold(name)[0].split())
    if len(name) < 2:
        return None
    body = r"\s+".join(re.escape(w) for w in name.split(" "))
    script = _script(name)
    if script == "han":
        return body  # no spaces between words: a name is found anywhere
    if not endings:
        return rf"(?<!\w){_PREFIXES_AR if script == 'arabic' else ''}{body}(?!\w)"
    if script == "arabic":
        return rf"(?<!\w){_PREFIXES_AR}{body}\w*"
    if script == "cyrillic":
        last = name.split(" ")[-1]
        if len(last) >= 4 and last[-1] in _CYRILLIC_ENDINGS:
            body = body[: -len(re.escape(last[-1]))]
        return rf"(?<!\w){body}\w*"
    # Latin: "Kenya" also finds "Kenyan" and "Kenyans"; a short name only as a whole word.
    return rf"(?<!\w){body}\w*" if len(name) >= 4 else rf"(?<!\w){body}(?!\w)"


def _pieces(name: str) -> set[str]:
    """A name, its parts between commas, dashes and brackets, and its distinctive words."""
    out = {name.strip()}
    for part in re.split(r"[,،]|\s[-–]\s|[()（）]|-", name):
        part = part.strip()
        if part:
            out.add(part)
            if " " in part:
                words = [w for w in part.split() if fold(w.strip("'’"))[0] not in _GENERIC]
                out.update(w for w in words if len(w) >= 4 and not w.lower().startswith(("d'", "d’")))
    # A piece must say something: two Chinese characters at least ("金" alone is "gold"), three
    # letters in other scripts (codes are matched apart, in capitals).
    return {
        p
        for p in out
        if fold(p)[0] not in _GENERIC and sum(ch.isalpha() for ch in p) >= (2 if _script(p) == "han" else 3)
    }


@cache
def country_names(code: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names (any language) and the codes a country is written as; code is its ISO alpha-3."""
    record = pycountry.countries.get(alpha_3=code.upper())
    if record is None:
        return (), (code.upper(),)
    names: set[str] = set()
    english = [getattr(record, a, None) for a in ("name", "official_name", "common_name")]
    for text in filter(None, english):
        names |= _pieces(text)
    for language in LANGUAGES:
        for text in filter(None, english):
            names |= _pieces(iso_translations(language).gettext(text))
        cldr = Locale.parse(language).territories.get(record.alpha_2)
        if cldr:
            names |= _pieces(cldr)
    codes = {record.alpha_2, record.alpha_3}
    try:
        info = CountryInfo(record.alpha_3).info()
    except KeyError:
        info = {}
    for spelling in info.get("altSpellings") or []:
        (codes if re.fullmatch(r"[A-Z]{2,3}", spelling) else names).add(spelling)
    for key in ("capital", "demonym", "nativeName"):
        if info.get(key):
            names |= _pieces(str(info[key]))
    for language, translated in (info.get("translations") or {}).items():
        if language in LANGUAGES:  # its German or Japanese names tell nothing the six languages do not
            names |= _pieces(translated)
    for domain in info.get("tld") or []:
        names.add(domain)
    return tuple(sorted(names, key=len, reverse=True)), tuple(sorted(codes))


def country_mentions(code: str) -> Mentions:
    """What finds the country with this ISO alpha-3 code in a text."""
    names, codes = country_names(code)
    return mentions(names, codes)


def mentions(names: Iterable[str], codes: Iterable[str] = (), *, endings: bool = True) -> Mentions:
    """What finds these names (ignoring case and accents; with ``endings``, in their inflected forms
    too) and codes (as written, as whole words)."""
    patterns = sorted({p for n in names if (p := _pattern(n, endings))}, key=len, reverse=True)
    code_list = sorted({c for c in codes if c}, key=len, reverse=True)
    # A domain such as ".gh" is a name with a dot: its pattern's \w* and lookbehind still apply.
    return Mentions(
        re.compile("|".join(patterns)) if patterns else None,
        re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, code_list)) + r")(?!\w)") if code_list else None,
    )
