"""The printed roadmap's two checklist annexes, each printed only when the team has marked something:

- the MNR self-assessment: the 21 Model National Response capabilities group by group, each with the
  phase the team rated it on and the evidence;
- the treaty gap analysis: the checklist as the team marked it, group by group, with the deliverable
  planned for each gap.
"""

from __future__ import annotations

from dataclasses import dataclass

from roadmap.mnr import GROUPS, PHASES, in_group, phase
from roadmap.plan import Plan
from roadmap.printing.text import Words
from roadmap.treaties import PROVISIONS, GapStatus, Group
from roadmap.treaties.gaps import GAPS


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


@dataclass(frozen=True, slots=True)
class ProvisionLine:
    """One provision as printed: what the law must do, its articles, the mark, the note, the plan."""

    text: str
    cited: str
    status: str
    gap: bool
    note: str | None
    deliverable: str | None


@dataclass(frozen=True, slots=True)
class TreatyAnnex:
    """The annex: headline counts and the provisions group by group."""

    counts: tuple[tuple[str, int], ...]
    groups: tuple[tuple[str, tuple[ProvisionLine, ...]], ...]


def treaty_annex(plan: Plan, _: Words) -> TreatyAnnex | None:
    """The annex of the plan's treaty marks in its language, or None when nothing is marked."""
    if not plan.treaty_marks:
        return None
    marks = {m.provision: m for m in plan.treaty_marks}
    # A gap may be planned by a deliverable made from the template that closes it, as on the page.
    by_template = {d.template: d.key for d in plan.deliverables if d.template}
    counts = dict.fromkeys((*GapStatus, None), 0)
    groups = []
    for group in Group:
        lines = []
        for provision in (p for p in PROVISIONS if p.group is group):
            mark = marks.get(provision.id)
            status = mark.status if mark else None
            counts[status] += 1
            planned = None
            if status in GAPS:
                planned = mark.deliverable or by_template.get(provision.template or "")
            lines.append(
                ProvisionLine(
                    text=_(provision.text),
                    cited=provision.cite(_),
                    status=_(status.label) if status else _("Not assessed yet"),
                    gap=status in GAPS,
                    note=mark.note if mark else None,
                    deliverable=planned,
                )
            )
        groups.append((_(group.label), tuple(lines)))
    return TreatyAnnex(
        counts=tuple((_(s.label) if s else _("Not assessed yet"), n) for s, n in counts.items()),
        groups=tuple(groups),
    )
