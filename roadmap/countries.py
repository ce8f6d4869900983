"""Country facts from ISO 3166 (pycountry) and the UN M49 regions (countryinfo)."""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import cache

import pycountry
from countryinfo import CountryInfo


@dataclass(frozen=True, slots=True)
class CountryFacts:
    """What the product needs to know about a country."""

    code: str
    name: str
    region: str | None
    subregion: str | None


def country_facts(code: str) -> CountryFacts | None:
    """Facts for an ISO 3166-1 alpha-3 code, or None if no country has it."""
    record = pycountry.countries.get(alpha_3=code.upper()) if code else None
    if record is None:
        return None
    name = getattr(record, "common_name", None) or record.name
    try:
        info = CountryInfo(record.alpha_3)
        region, subregion = info.region() or None, info.subregion() or None
    except KeyError:
        # A few territories (Antarctica, Heard Island) belong to no UN region.
        region = subregion = None
    return CountryFacts(record.alpha_3, name, region, subregion)


# pycountry ships the Debian iso-codes translations; Chinese is there as zh_CN (simplified script).
_ISO_LOCALES = {"zh": "zh_CN"}


@cache
def iso_translations(language: str) -> gettext.NullTranslations:
    """The Debian iso-codes translations of country names into one of the six languages."""
    locale = _ISO_LOCALES.get(language, language)
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale], fallback=True)


def country_name(code: str, language: str = "en") -> str:
    """A country's short name in one of the six UN languages (English when no translation exists)."""
    record = pycountry.countries.get(alpha_3=code.upper()) if code else None
    if record is None:
        return code
    names = iso_translations(language)
    # The short common name ("Bolivia") when it is translated, else the ISO name in that language.
    common = getattr(record, "common_name", None)
    if common and names.gettext(common) != common:
        return names.gettext(common)
    return names.gettext(record.name) if language != "en" else (common or record.name)
