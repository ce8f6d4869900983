"""What to build next, from the MNR self-assessment: the capabilities rated lowest, each with the
catalog templates that advance it.

Rules:
- Only rated capabilities count; a capability rated at maturity (phase 4) needs nothing new.
- The lowest phase comes first; within a phase, the MNR's order (1 to 21).
- Under each capability, the templates that advance it and that the roadmap does not hold yet (a
  deliverable made from a template holds it, whatever its status: work already in place is not built
  again), in catalog order.
- A template is offered once, under the lowest-rated capability it advances, so the list reads as one
  order of work rather than the same template again and again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from roadmap.catalog import Template
from roadmap.mnr import HIGHEST, Capability, capability
from roadmap.plan import CapabilityRating


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A capability rated low, its phase, and the templates not yet in the roadmap that advance it."""

    capability: Capability
    phase: int
    templates: tuple[Template, ...]


def lowest_first(ratings: Iterable[CapabilityRating]) -> list[CapabilityRating]:
    """The ratings below maturity, the lowest phase first, then in MNR order."""
    return sorted((r for r in ratings if r.phase < HIGHEST), key=lambda r: (r.phase, r.number))


def suggestions(
    ratings: Iterable[CapabilityRating], taken: Iterable[str | None], templates: Iterable[Template], *, limit: int = 5
) -> tuple[Suggestion, ...]:
    """Up to ``limit`` of the lowest-rated capabilities, each with the untaken templates advancing it."""
    held = {t for t in taken if t}
    pool = [t for t in templates if t.key not in held]
    offered: set[str] = set()
    result = []
    for rating in lowest_first(ratings)[:limit]:
        advancing = tuple(t for t in pool if rating.number in t.mnr and t.key not in offered)
        offered.update(t.key for t in advancing)
        result.append(Suggestion(capability(rating.number), rating.phase, advancing))
    return tuple(result)
