"""The starter catalog: deliverable templates a country team can add to its roadmap."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from roadmap.threats import Threat
from roadmap.vocabulary import DependencyType, Pillar, StakeholderKind

CATALOG_PATH = Path(__file__).with_name("catalog.json")


@dataclass(frozen=True, slots=True)
class TemplateIndicator:
    """A suggested indicator with its usual baseline and target."""

    name: str
    unit: str
    baseline: float
    target: float


@dataclass(frozen=True, slots=True)
class TemplateLink:
    """A template this one usually waits on, and how."""

    template: str
    type: DependencyType = DependencyType.FINISH_TO_START
    lag_weeks: int = 0


@dataclass(frozen=True, slots=True)
class Template:
    """A deliverable as it usually looks, ready to be adapted to a country."""

    key: str
    pillar: Pillar
    title: str
    description: str
    lead_kind: StakeholderKind
    duration_weeks: int
    depends_on: tuple[TemplateLink, ...]
    indicators: tuple[TemplateIndicator, ...]
    threats: tuple[Threat, ...]


@cache
def load_catalog(path: Path = CATALOG_PATH) -> tuple[Template, ...]:
    """All templates in the catalog, in file order (grouped by pillar)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    return tuple(_template(t) for t in raw["templates"])


def templates_by_key() -> dict[str, Template]:
    """The catalog as a mapping from template key to template."""
    return {t.key: t for t in load_catalog()}


def templates_for(pillar: Pillar) -> list[Template]:
    """The templates of one pillar, in catalog order."""
    return [t for t in load_catalog() if t.pillar == pillar]


def _template(t: dict) -> Template:
    return Template(
        key=t["key"],
        pillar=Pillar(t["pillar"]),
        title=t["title"],
        description=t["description"],
        lead_kind=StakeholderKind(t["lead_kind"]),
        duration_weeks=int(t["duration_weeks"]),
        depends_on=tuple(
            TemplateLink(x["template"], DependencyType(x.get("type", "finish_to_start")), int(x.get("lag_weeks", 0)))
            for x in t["depends_on"]
        ),
        indicators=tuple(
            TemplateIndicator(x["name"], x["unit"], float(x["baseline"]), float(x["target"])) for x in t["indicators"]
        ),
        threats=tuple(Threat(c) for c in t["threats"]),
    )
