"""Country facts from ISO 3166 (pycountry) and the UN M49 regions (countryinfo)."""

from __future__ import annotations

from dataclasses import dataclass

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
