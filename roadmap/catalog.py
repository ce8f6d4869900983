"""The starter catalog: deliverable templates a country team can add to its roadmap."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from roadmap.threats import Threat
from roadmap.vocabulary import DependencyType, Pillar, StakeholderKind

CATALOG_PATH = Path(__file__).with_name("catalog.json")


@dataclass(frozen=True, slots=True)
class TemplateIndicator:
    """A suggested indicator with its target, where its figures come from, and its baseline if one is known.

    The baseline is None ("unknown") where it depends on the country: the baseline analysis measures it
    rather than the catalog inventing it.
    """

    name: str
    unit: str
    baseline: float | None
    target: float
    source: str = ""


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
    # The Model National Response capabilities (1-21) the template advances, and the section of UN CRC
    # General Comment No. 25 it answers to, when one does (roadmap/mnr holds both lists).
    mnr: tuple[int, ...] = ()
    gc25: str | None = None


@cache
def load_catalog(path: Path = CATALOG_PATH) -> tuple[Template, ...]:
    """All templates in the catalog, in file order (grouped by pillar)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    return tuple(_template(t) for t in raw["templates"])


def templates_by_key(extra: Iterable[Template] = ()) -> dict[str, Template]:
    """The catalog, with any extra templates (those accepted from the library), by template key."""
    return {t.key: t for t in (*load_catalog(), *extra)}


def templates_for(pillar: Pillar, extra: Iterable[Template] = ()) -> list[Template]:
    """The templates of one pillar, in catalog order, then the extra ones given."""
    return [t for t in (*load_catalog(), *extra) if t.pillar == pillar]


def translated(template: Template, gettext: Callable[[str], str]) -> Template:
    """The template in another language: title, description and indicators through ``gettext``.

    The English of catalog.json is the message id (roadmap/catalog_messages.py extracts it), so a
    new template is translated in the .po files like any other string, with no code to change.
    """
    return replace(
        template,
        title=gettext(template.title),
        description=gettext(template.description),
        indicators=tuple(
            replace(i, name=gettext(i.name), unit=gettext(i.unit), source=gettext(i.source) if i.source else "")
            for i in template.indicators
        ),
    )


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
            TemplateIndicator(
                x["name"],
                x["unit"],
                None if x.get("baseline") is None else float(x["baseline"]),
                float(x["target"]),
                x.get("source", ""),
            )
            for x in t["indicators"]
        ),
        threats=tuple(Threat(c) for c in t["threats"]),
        mnr=tuple(int(n) for n in t.get("mnr", ())),
        gc25=t.get("gc25"),
    )
