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


def _codes(text: str) -> list[str]:
    return text.split()


# The six regions of the ITU Telecommunication Development Sector (ITU-D), by which ITU's regional
# offices and advisers follow countries; they differ from the UN M49 regions kept above: the Arab
# States take in North Africa and the Gulf, and the CIS is a region of its own. Membership as listed
# for the ITU-D regional presence (the CIS as in its 2009 regional profile, with Georgia, Moldova and
# Ukraine). Palau, not an ITU member, is placed with its neighbours in Asia-Pacific; territories that
# are not states belong to none.
ITU_D_REGIONS: dict[str, frozenset[str]] = {
    "Africa": frozenset(
        _codes(
            "AGO BEN BWA BFA BDI CMR CPV CAF TCD COG CIV COD GNQ ERI SWZ ETH GAB GMB GHA GIN GNB KEN LSO LBR MDG "
            "MWI MLI MUS MOZ NAM NER NGA RWA STP SEN SYC SLE ZAF SSD TZA TGO UGA ZMB ZWE"
        )
    ),
    "Americas": frozenset(
        _codes(
            "ATG ARG BHS BRB BLZ BOL BRA CAN CHL COL CRI CUB DMA DOM ECU SLV GRD GTM GUY HTI HND JAM MEX NIC PAN "
            "PRY PER KNA LCA VCT SUR TTO USA URY VEN"
        )
    ),
    "Arab States": frozenset(
        _codes("DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN SYR TUN ARE YEM")
    ),
    "Asia-Pacific": frozenset(
        _codes(
            "AFG AUS BGD BTN BRN KHM CHN PRK FJI IND IDN IRN JPN KIR KOR LAO MYS MDV MHL FSM MNG MMR NRU NPL NZL "
            "PAK PLW PNG PHL WSM SGP SLB LKA THA TLS TON TUV VUT VNM"
        )
    ),
    "CIS": frozenset(_codes("ARM AZE BLR GEO KAZ KGZ MDA RUS TJK TKM UKR UZB")),
    "Europe": frozenset(
        _codes(
            "ALB AND AUT BEL BIH BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN ISL IRL ISR ITA LVA LIE LTU LUX MLT "
            "MCO MNE NLD MKD NOR POL PRT ROU SMR SRB SVK SVN ESP SWE CHE TUR GBR VAT"
        )
    ),
}
_ITU_D_REGION_OF = {code: region for region, codes in ITU_D_REGIONS.items() for code in codes}


def itu_d_region(code: str) -> str | None:
    """The ITU-D region of an ISO 3166-1 alpha-3 code, or None for a territory in none."""
    return _ITU_D_REGION_OF.get(code.upper())
