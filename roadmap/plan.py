"""A national roadmap as plain frozen dataclasses: what every reader of a plan works from.

Models convert rows to these once; sequencing, charts, the PDF and the interchange
format never see an ORM object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from roadmap.threats import Threat
from roadmap.treaties.gaps import TreatyMark
from roadmap.vocabulary import (
    DeliverableStatus,
    DependencyType,
    Language,
    Pillar,
    Priority,
    RoadmapStatus,
    StakeholderKind,
)


@dataclass(frozen=True, slots=True)
class Cost:
    """What a deliverable costs and who funds it; any part may be unknown."""

    amount: Decimal | None = None
    currency: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Measurement:
    """One dated reading of an indicator."""

    on: date
    value: float
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Indicator:
    """A measure of a deliverable's result, with its baseline and target, and its readings oldest first."""

    name: str
    unit: str | None = None
    baseline: float | None = None
    target: float | None = None
    actual: float | None = None
    measurements: tuple[Measurement, ...] = ()
    # Where the figures come from (a survey, a hotline's statistics, administrative records): an
    # indicator nobody can measure is a wish. Last, so the positional fields above keep their places.
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Assessment:
    """A pillar's self-assessed maturity (1 start-up … 5 dynamic)."""

    pillar: Pillar
    maturity: int
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class CapabilityRating:
    """One MNR capability (1-21) rated on the maturity model's phases (1 building … 4 maturity), with
    the evidence for the rating."""

    number: int
    phase: int
    evidence: str | None = None


@dataclass(frozen=True, slots=True)
class Stakeholder:
    """An organisation that leads or supports deliverables, known by its key in the plan."""

    key: str
    name: str
    kind: StakeholderKind


@dataclass(frozen=True, slots=True)
class Deliverable:
    """One piece of work in the roadmap."""

    key: str
    pillar: Pillar
    title: str
    duration_weeks: int
    description: str | None = None
    lead: str | None = None
    partners: tuple[str, ...] = ()
    objective: str | None = None
    not_before: date | None = None
    due_by: date | None = None
    priority: Priority = Priority.MEDIUM
    status: DeliverableStatus = DeliverableStatus.NOT_STARTED
    percent_complete: int = 0
    actual_start: date | None = None
    actual_finish: date | None = None
    progress_note: str | None = None
    cost: Cost | None = None
    threats: tuple[Threat, ...] = ()
    template: str | None = None
    indicators: tuple[Indicator, ...] = ()

    @property
    def is_milestone(self) -> bool:
        """A deliverable of no duration marks a moment, not a span of work."""
        return self.duration_weeks == 0


@dataclass(frozen=True, slots=True)
class Dependency:
    """A link: the successor waits on the predecessor as its type and lag say."""

    predecessor: str
    successor: str
    type: DependencyType = DependencyType.FINISH_TO_START
    lag_weeks: int = 0


@dataclass(frozen=True, slots=True)
class Plan:
    """A whole national roadmap."""

    country: str
    title: str
    start_date: date
    language: Language = Language.EN
    status: RoadmapStatus = RoadmapStatus.DRAFT
    assessments: tuple[Assessment, ...] = ()
    stakeholders: tuple[Stakeholder, ...] = ()
    deliverables: tuple[Deliverable, ...] = ()
    dependencies: tuple[Dependency, ...] = field(default=())
    capabilities: tuple[CapabilityRating, ...] = ()
    # The team's marks on the treaty gap checklist (roadmap/treaties), one per provision assessed.
    treaty_marks: tuple[TreatyMark, ...] = ()

    def deliverable(self, key: str) -> Deliverable:
        """The deliverable with this key; KeyError if there is none."""
        for d in self.deliverables:
            if d.key == key:
                return d
        raise KeyError(key)
