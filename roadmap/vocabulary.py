"""The closed vocabularies of a roadmap: pillars, stakeholder kinds, statuses, link types."""

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
