"""The printed roadmap's matrices: who does what in each pillar, and which threats each pillar addresses."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from roadmap.plan import Plan
from roadmap.printing.text import Words
from roadmap.threats import RiskCategory, RiskNature, Threat, in_grid_order
from roadmap.vocabulary import Pillar


@dataclass(frozen=True)
class MatrixRow:
    """One row of a matrix: a name, a second column, the five pillar cells and a total."""

    name: str
    detail: str
    cells: tuple[str, ...]
    total: str


def stakeholder_rows(plan: Plan, _: Words) -> tuple[MatrixRow, ...]:
    """Who leads and who partners on how many deliverables of each pillar, in _."""
    lead: dict[tuple[str, Pillar], int] = defaultdict(int)
    partner: dict[tuple[str, Pillar], int] = defaultdict(int)
    for d in plan.deliverables:
        if d.lead:
            lead[d.lead, d.pillar] += 1
        for k in set(d.partners):
            partner[k, d.pillar] += 1

    def cell(leads: int, partners: int) -> str:
        # One line each (the template breaks at "\n"): a narrow column then never splits a phrase.
        parts = [_("Lead %(count)s", count=leads)] if leads else []
        parts += [_("Partner %(count)s", count=partners)] if partners else []
        return "\n".join(parts) or "—"

    return tuple(
        MatrixRow(
            s.name,
            _(s.kind.label),
            tuple(cell(lead[s.key, p], partner[s.key, p]) for p in Pillar),
            cell(sum(lead[s.key, p] for p in Pillar), sum(partner[s.key, p] for p in Pillar)),
        )
        for s in plan.stakeholders
    )


def threat_rows(plan: Plan, _: Words) -> tuple[tuple[MatrixRow, ...], tuple[str, ...]]:
    """How many deliverables of each pillar address each threat, and the threats none addresses."""
    count: dict[tuple[Threat, Pillar], int] = defaultdict(int)
    for d in plan.deliverables:
        for t in set(d.threats):
            count[t, d.pillar] += 1
    rows, uncovered = [], []
    for t in in_grid_order():
        total = sum(count[t, p] for p in Pillar)
        if not total:
            uncovered.append(_(t.label))
        rows.append(
            MatrixRow(
                _(t.label),
                # Both CO:RE axes, one a line (the template breaks at "\n").
                f"{_(t.category.label)}\n{_(t.nature.label)}",
                tuple(str(count[t, p]) if count[t, p] else "—" for p in Pillar),
                str(total) if total else "—",
            )
        )
    return tuple(rows), tuple(uncovered)


def threat_legend(_: Words) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """The two CO:RE axes explained: each axis's title, then its values as (name, meaning), in _."""
    return (
        (_("How the child meets the risk"), tuple((_(x.label), _(x.meaning)) for x in RiskCategory)),
        (_("Nature of the harm"), tuple((_(x.label), _(x.meaning)) for x in RiskNature)),
    )
