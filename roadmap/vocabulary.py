"""The closed vocabularies of a roadmap: pillars, stakeholder kinds, statuses, link types; and the keys
that stakeholder names give."""

import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from enum import StrEnum

from roadmap.i18n import N_


class Pillar(StrEnum):
    """The five strategic pillars of the ITU COP Global Initiative, in their canonical order."""

    LEGAL = "legal"
    TECHNICAL = "technical"
    ORGANIZATIONAL = "organizational"
    CAPACITY = "capacity"
    COOPERATION = "cooperation"

    @property
    def order(self) -> int:
        """1-based position in the canonical order."""
        return _PILLAR_ORDER[self]

    @property
    def label(self) -> str:
        """English name, marked for translation."""
        return _PILLAR_LABELS[self]


_PILLAR_ORDER = {p: i for i, p in enumerate(Pillar, start=1)}
_PILLAR_LABELS = {
    Pillar.LEGAL: N_("Legal Measures"),
    Pillar.TECHNICAL: N_("Technical & Procedural Measures"),
    Pillar.ORGANIZATIONAL: N_("Organizational Structures"),
    Pillar.CAPACITY: N_("Capacity Building"),
    Pillar.COOPERATION: N_("International Cooperation"),
}


class StakeholderKind(StrEnum):
    """Kinds of organisation that lead or support a deliverable."""

    GOVERNMENT = "government"
    REGULATOR = "regulator"
    LAW_ENFORCEMENT = "law_enforcement"
    JUDICIARY = "judiciary"
    INDUSTRY = "industry"
    CIVIL_SOCIETY = "civil_society"
    ACADEMIA = "academia"
    INTERNATIONAL = "international"
    CHILDREN_YOUTH = "children_youth"
    # Added after cop-roadmap/1 first shipped: the values above keep their meaning so old files import.
    PARLIAMENT = "parliament"
    HUMAN_RIGHTS_INSTITUTION = "human_rights_institution"
    STATISTICS_OFFICE = "statistics_office"
    HEALTH = "health"
    LOCAL_GOVERNMENT = "local_government"
    FAITH_TRADITIONAL_LEADERS = "faith_traditional_leaders"
    PRISONS_PROBATION = "prisons_probation"

    @property
    def label(self) -> str:
        """English name, marked for translation."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    StakeholderKind.GOVERNMENT: N_("Government"),
    StakeholderKind.REGULATOR: N_("Regulator"),
    StakeholderKind.LAW_ENFORCEMENT: N_("Law enforcement"),
    StakeholderKind.JUDICIARY: N_("Judiciary and prosecution"),
    StakeholderKind.INDUSTRY: N_("Industry"),
    StakeholderKind.CIVIL_SOCIETY: N_("Civil society"),
    StakeholderKind.ACADEMIA: N_("Academia and research"),
    StakeholderKind.INTERNATIONAL: N_("International partner"),
    StakeholderKind.CHILDREN_YOUTH: N_("Children and young people"),
    StakeholderKind.PARLIAMENT: N_("Parliament"),
    StakeholderKind.HUMAN_RIGHTS_INSTITUTION: N_("National human rights institution"),
    StakeholderKind.STATISTICS_OFFICE: N_("National statistics office"),
    StakeholderKind.HEALTH: N_("Health services"),
    StakeholderKind.LOCAL_GOVERNMENT: N_("Local government"),
    StakeholderKind.FAITH_TRADITIONAL_LEADERS: N_("Faith and traditional leaders"),
    StakeholderKind.PRISONS_PROBATION: N_("Prisons and probation"),
}


class DependencyType(StrEnum):
    """How a successor is tied to its predecessor."""

    FINISH_TO_START = "finish_to_start"
    START_TO_START = "start_to_start"
    FINISH_TO_FINISH = "finish_to_finish"

    @property
    def label(self) -> str:
        """English name, marked for translation."""
        return _TYPE_LABELS[self]


_TYPE_LABELS = {
    DependencyType.FINISH_TO_START: N_("finish to start"),
    DependencyType.START_TO_START: N_("start to start"),
    DependencyType.FINISH_TO_FINISH: N_("finish to finish"),
}


class Priority(StrEnum):
    """How urgent a deliverable is to the country team."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class DeliverableStatus(StrEnum):
    """Where the work on a deliverable stands."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    BLOCKED = "blocked"
    CANCELLED = "cancelled"
    # Work that exists before the roadmap starts (a law already in force, a hotline already running):
    # listed so the plan shows it and builds on it, never scheduled, never suggested again.
    IN_PLACE = "in_place"


class RoadmapStatus(StrEnum):
    """Where a roadmap stands in its review workflow."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    ARCHIVED = "archived"


class Language(StrEnum):
    """The six UN languages a roadmap can be written and printed in."""

    AR = "ar"
    ZH = "zh"
    EN = "en"
    FR = "fr"
    RU = "ru"
    ES = "es"


# Limits shared by the interchange format, the database and the forms.
TITLE_MAX = 200
KEY_MAX = 40
NAME_MAX = 200
DURATION_MAX_WEEKS = 520
LAG_MAX_WEEKS = 520
KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$"
DESCRIPTION_MAX = 10_000
OBJECTIVE_MAX = 500
NOTES_MAX = 5_000
UNIT_MAX = 40
SOURCE_MAX = 200
COST_AMOUNT_MAX = 99_999_999_999_999  # Numeric(16, 2) in the database
# Far enough for any national plan, near enough that every schedule stays on the calendar.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2200, 12, 31)


# Stakeholder names: the short key a name gives, and whether two names are likely the same organisation.
#
# Rules for a key made from a name (people read keys in charts and tables, so they must be recognisable):
#
# - An acronym the name already gives in brackets wins: "Rwanda Investigation Bureau (RIB)" → "RIB".
# - A name of one word is that word in capitals: "ITU" → "ITU", "Police" → "POLICE".
# - Otherwise the initials of the words that carry meaning, with linking words ("of", "and", "de", "la",
#   …) left out, and acronyms and numbers inside the name kept whole:
#   "Ministry of Information and Communication Technology" → "MICT", "Ministry of ICT" → "MICT". In a name
#   typed all in capitals only words of up to three letters count as acronyms ("MINISTRY OF ICT" → "MICT").
# - Accents fall away ("Éducation" → "Education"); a name with no Latin letters or digits gives "S".
# - Within a roadmap a key is unique regardless of case: "MICT", then "MICT2", "MICT3"…
#
# Two names are near duplicates when they are the same once case, accents and punctuation are set aside
# ("Ministry of ICT" and "ministry of I.C.T."), or when they give the same acronym ("ITU" and
# "International Telecommunication Union"): the team is asked before a second one is added.

_DERIVED_MAX = 12  # a derived key stays short enough to read in a chart label
_FALLBACK = "S"

# Words that link the others in the names of organisations, in the roadmap languages written in Latin letters.
_LINKING = frozenset(
    [
        *("of", "and", "the", "for", "on", "in", "to", "at", "by", "with", "a", "an"),  # English
        *("de", "du", "des", "la", "le", "les", "l", "d", "et", "pour", "en", "au", "aux"),  # French
        *("del", "el", "los", "las", "y", "e", "para", "por", "con"),  # Spanish
    ]
)
_BRACKETED = re.compile(r"\(([^()]*)\)")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9]+", _ascii(text))


def _is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper() and word.isalnum()


def acronym(name: str) -> str:
    """The acronym a name gives before it is made unique ("" when it has no Latin letter or digit)."""
    for inside in reversed(_BRACKETED.findall(name)):
        words = _words(inside)
        if len(words) == 1 and _is_acronym(words[0]):
            return words[0][:_DERIVED_MAX]
    words = _words(_BRACKETED.sub(" ", name)) or _words(name)
    if len(words) == 1:
        return words[0].upper()[:_DERIVED_MAX]
    meaningful = [w for w in words if w.lower() not in _LINKING] or words
    if not any(c.islower() for c in name):
        # A name typed in capitals ("MINISTRY OF ICT"): only its short words are taken for acronyms.
        whole = [len(w) <= 3 for w in meaningful]
    else:
        whole = [_is_acronym(w) for w in meaningful]
    base = "".join(w if keep or w.isdigit() else w[0] for w, keep in zip(meaningful, whole, strict=True)).upper()
    if len(base) < 2 and words:
        # One meaningful word among linking ones ("The Police"): its initial alone would say nothing.
        base = meaningful[0].upper()
    return base[:_DERIVED_MAX]


def stakeholder_key(name: str, taken: Iterable[str]) -> str:
    """A readable key for a new stakeholder named ``name``, unique among the keys ``taken`` (any case)."""
    base = acronym(name) or _FALLBACK
    lower = {k.lower() for k in taken}  # "Mict" beside "MICT" would only confuse
    key, n = base, 1
    while key.lower() in lower:
        n += 1
        key = f"{base[: KEY_MAX - len(str(n))]}{n}"
    return key


def normalised(name: str) -> str:
    """A name with case, accents and punctuation set aside, for comparing two names."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Dots inside acronyms join their letters ("I.C.T." is "ICT"); other punctuation separates words.
    letters = re.sub(r"(?<=\w)\.(?=\w)", "", letters)
    return " ".join(re.findall(r"\w+", letters))


def near_duplicate(name: str, others: Iterable[tuple[str, str]]) -> tuple[str, str] | None:
    """The first of ``others`` (key, name) that looks like the same organisation as ``name``, if any."""
    mine, initials = normalised(name), acronym(name)
    for key, other in others:
        if mine and mine == normalised(other):
            return key, other
        if initials and len(initials) > 1 and initials == acronym(other):
            return key, other
    return None
