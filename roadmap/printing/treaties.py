"""The treaty gap analysis annex: the checklist as the team marked it, group by group, with the
deliverable planned for each gap. Printed only when the team has marked at least one provision."""

from __future__ import annotations

from dataclasses import dataclass

from roadmap.plan import Plan
from roadmap.printing.text import Words
from roadmap.treaties import PROVISIONS, GapStatus, Group
from roadmap.treaties.gaps import GAPS


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
