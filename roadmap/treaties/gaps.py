"""A team's marks on the treaty checklist, and the legal work they call for.

A provision is marked "in law", "partly" or "missing", with a note (which act and section, say); one not
marked is not assessed. What is missing or only partly in law becomes suggested work: the catalog
template that usually answers it when the roadmap does not hold one yet, otherwise a deliverable of
its own named after the provision. Provisions whose template is in the roadmap already, or for which
the team added a deliverable from the checklist, are reported as planned, with that deliverable.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from roadmap.i18n import N_
from roadmap.treaties.provisions import PROVISIONS, Provision


class GapStatus(StrEnum):
    """How far the country's law covers a provision."""

    IN_LAW = "in_law"
    PARTLY = "partly"
    MISSING = "missing"

    @property
    def label(self) -> str:
        """English words for the status, marked for translation."""
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    GapStatus.IN_LAW: N_("In law"),
    GapStatus.PARTLY: N_("Partly"),
    GapStatus.MISSING: N_("Missing"),
}
GAPS = frozenset({GapStatus.PARTLY, GapStatus.MISSING})
NOTE_MAX = 2000  # characters of a note: which act and section, what is lacking
PROVISION_ID_MAX = 40  # characters of a provision id, as stored


@dataclass(frozen=True, slots=True)
class TreatyMark:
    """A team's mark on one provision of the checklist (its id), with an optional note."""

    provision: str
    status: GapStatus
    note: str | None = None
    # The key of the deliverable the team added for this gap from the checklist, if it did.
    deliverable: str | None = None


@dataclass(frozen=True, slots=True)
class TemplateGap:
    """Provisions missing or partly in law that one catalog template answers."""

    template: str
    provisions: tuple[Provision, ...]


@dataclass(frozen=True, slots=True)
class PlannedGap:
    """Provisions missing or partly in law that a deliverable of the roadmap already plans: one added for
    them from the checklist, or one made from the template that answers them (None: no template)."""

    deliverable: str
    template: str | None
    provisions: tuple[Provision, ...]


@dataclass(frozen=True, slots=True)
class Suggestions:
    """What the gaps call for: templates to add, provisions with no template, and what is planned already."""

    templates: tuple[TemplateGap, ...]
    own: tuple[Provision, ...]
    planned: tuple[PlannedGap, ...]

    def __bool__(self) -> bool:
        return bool(self.templates or self.own or self.planned)


def gap_suggestions(
    marks: Iterable[TreatyMark], planned_by: Mapping[str, str], known_templates: Iterable[str]
) -> Suggestions:
    """The work the gaps call for, in checklist order.

    ``planned_by`` maps a template key to the key of the roadmap's deliverable made from it;
    ``known_templates`` are the catalog's keys: a provision whose template is gone from the catalog
    gets a deliverable of its own.
    """
    gaps = {m.provision: m for m in marks if m.status in GAPS}
    known = set(known_templates)
    by_template: dict[str, list[Provision]] = {}
    planned: dict[tuple[str, str | None], list[Provision]] = {}
    own: list[Provision] = []
    for provision in PROVISIONS:
        mark = gaps.get(provision.id)
        if mark is None:
            continue
        template = provision.template if provision.template in known else None
        if mark.deliverable:
            planned.setdefault((mark.deliverable, template), []).append(provision)
        elif template is None:
            own.append(provision)
        elif template in planned_by:
            planned.setdefault((planned_by[template], template), []).append(provision)
        else:
            by_template.setdefault(template, []).append(provision)
    return Suggestions(
        templates=tuple(TemplateGap(t, tuple(ps)) for t, ps in by_template.items()),
        own=tuple(own),
        planned=tuple(PlannedGap(d, t, tuple(ps)) for (d, t), ps in planned.items()),
    )
