"""The MNR self-assessment annex: the 21 Model National Response capabilities group by group, each with
the phase the team rated it on and the evidence. Printed only when at least one capability is rated."""

from __future__ import annotations

from dataclasses import dataclass

from roadmap.mnr import GROUPS, PHASES, in_group, phase
from roadmap.plan import Plan
from roadmap.printing.text import Words


@dataclass(frozen=True, slots=True)
class CapabilityLine:
    """One capability as printed: its number and name, the phase in words (or not rated), the evidence."""

    number: int
    name: str
    phase: str
    rated: bool
    evidence: str | None


@dataclass(frozen=True, slots=True)
class MnrAnnex:
    """The annex: how many capabilities sit in each phase, then the capabilities group by group."""

    counts: tuple[tuple[str, int], ...]
    groups: tuple[tuple[str, tuple[CapabilityLine, ...]], ...]


def mnr_annex(plan: Plan, _: Words) -> MnrAnnex | None:
    """The annex of the plan's capability ratings in its language, or None when nothing is rated."""
    if not plan.capabilities:
        return None
    rated = {r.number: r for r in plan.capabilities}
    counts = dict.fromkeys((*(p.number for p in PHASES), None), 0)
    groups = []
    for group in GROUPS:
        lines = []
        for capability in in_group(group):
            rating = rated.get(capability.number)
            counts[rating.phase if rating else None] += 1
            lines.append(
                CapabilityLine(
                    number=capability.number,
                    name=_(capability.name),
                    # The number beside the name: the phases are an ordered scale, read at a glance.
                    phase=f"{rating.phase}. {_(phase(rating.phase).name)}" if rating else _("Not rated yet"),
                    rated=rating is not None,
                    evidence=rating.evidence if rating else None,
                )
            )
        groups.append((_(group.name), tuple(lines)))
    return MnrAnnex(
        counts=tuple((_(phase(n).name) if n else _("Not rated yet"), num) for n, num in counts.items()),
        groups=tuple(groups),
    )
