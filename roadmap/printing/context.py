"""What the printed roadmap shows, worked out once from the plan and its schedule: the templates only lay it out."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from roadmap.charts import PILLAR_COLOURS
from roadmap.duedates import due_dates_at_risk, explain, schedule_marks, slack_words
from roadmap.plan import Deliverable, Dependency, Plan
from roadmap.printing.text import Words
from roadmap.sequencing import Schedule, planned_work
from roadmap.vocabulary import DeliverableStatus, Pillar

DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class PillarInfo:
    """A pillar as printed: anchor, name and colour (the name is always printed beside the colour)."""

    pillar: Pillar
    slug: str
    label: str
    colour: str


@dataclass(frozen=True)
class LinkLine:
    """The deliverable at the other end of a link, and how the link ties the two."""

    key: str
    title: str
    how: str


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator of a deliverable, its numbers formatted."""

    key: str
    name: str
    unit: str
    baseline: str
    target: str
    source: str = ""


@dataclass(frozen=True)
class CostLine:
    """A deliverable's cost, formatted; parts not given are empty."""

    amount: str
    currency: str
    source: str


@dataclass(frozen=True)
class DeliverableView:
    """Everything printed about one deliverable."""

    key: str
    title: str
    pillar: PillarInfo
    row: int
    phase: int
    milestone: bool
    duration: str
    dates: str
    critical: bool
    on_path: bool
    slack: int
    lead: str
    partners: tuple[str, ...]
    status: str
    priority: str
    objective: str | None
    paragraphs: tuple[tuple[str, ...], ...]
    waits_on: tuple[LinkLine, ...]
    hands_on: tuple[LinkLine, ...]
    indicators: tuple[IndicatorRow, ...]
    cost: CostLine | None
    threats: tuple[str, ...]
    # Against a due date, apart from the critical path: its own due date ("" without one), how many weeks
    # it misses it by, and the late deliverables whose chain it is in.
    due: str = ""
    late_weeks: int = 0
    holds_up: tuple[str, ...] = ()
    slack_text: str = ""  # the slack in words, as the pages write it (roadmap.duedates.slack_words)
    # Work already in place is not scheduled: no duration, dates, slack or row of the Gantt chart (row 0),
    # only since when it is in place when the plan records it ("" when it does not).
    in_place: bool = False
    since: str = ""


@dataclass(frozen=True)
class PillarSection:
    """One pillar's part of the roadmap: its self-assessment and its deliverables in sequence order."""

    info: PillarInfo
    maturity: str | None
    notes: str | None
    deliverables: tuple[DeliverableView, ...]
    critical: int
    milestones: int
    in_place: int = 0  # of its deliverables, those already in place: not planned work

    @property
    def planned(self) -> int:
        """Its deliverables that are work of the plan."""
        return len(self.deliverables) - self.in_place


def pillar_infos(_: Words) -> dict[Pillar, PillarInfo]:
    """Each pillar's printed name, colour and anchor."""
    return {p: PillarInfo(p, p.value, _(p.label), PILLAR_COLOURS[p]) for p in Pillar}


def deliverable_views(
    plan: Plan, schedule: Schedule, _: Words, pillars: dict[Pillar, PillarInfo]
) -> dict[str, DeliverableView]:
    """Every deliverable as printed, keyed by its key, in sequence order."""
    names = {s.key: s.name for s in plan.stakeholders}
    titles = {d.key: d.title for d in plan.deliverables}
    before: dict[str, list[Dependency]] = defaultdict(list)
    after: dict[str, list[Dependency]] = defaultdict(list)
    for dep in plan.dependencies:
        before[dep.successor].append(dep)
        after[dep.predecessor].append(dep)
    rank = {d.key: i for i, d in enumerate(schedule.deliverables)}

    def lines(deps: list[Dependency], end: str) -> tuple[LinkLine, ...]:
        # The other ends in sequence order, so the lists read in the order the work happens.
        ends = sorted(deps, key=lambda x: rank[getattr(x, end)])
        return tuple(LinkLine(getattr(x, end), titles[getattr(x, end)], _.link(x)) for x in ends)

    by_key = {d.key: d for d in plan.deliverables}
    on_path = set(schedule.critical_path)
    marks = schedule_marks(plan, schedule)
    # Rows count the planned work only, as the Gantt chart and the sequence tables number it.
    rows = {d.key: row for row, d in enumerate(planned_work(schedule).deliverables, start=1)}
    out = {}
    for s in schedule.deliverables:
        d = by_key[s.key]
        since = d.actual_finish or d.actual_start if s.in_place else None
        out[s.key] = DeliverableView(
            key=s.key,
            title=d.title,
            pillar=pillars[d.pillar],
            row=rows.get(s.key, 0),
            phase=s.phase,
            milestone=d.is_milestone and not s.in_place,
            duration="" if s.in_place else _("Milestone") if d.is_milestone else _.weeks(d.duration_weeks),
            # Existing work is not scheduled: "Already in place" stands where its dates would.
            dates=_.code(d.status) if s.in_place else _.span(s.start, s.finish),
            critical=s.critical,
            on_path=s.key in on_path,
            slack=s.slack,
            lead=names.get(d.lead, d.lead) if d.lead else "—",
            partners=tuple(names.get(k, k) for k in d.partners),
            status=_.code(d.status),
            priority=_.code(d.priority),
            objective=d.objective,
            paragraphs=_paragraphs(d.description),
            waits_on=lines(before[s.key], "predecessor"),
            hands_on=lines(after[s.key], "successor"),
            indicators=tuple(
                IndicatorRow(
                    s.key,
                    i.name,
                    i.unit or "",
                    _("unknown") if i.baseline is None else _.number(i.baseline),
                    _.number(i.target),
                    i.source or "",
                )
                for i in d.indicators
            ),
            cost=_cost(d, _),
            threats=tuple(_(t.label) for t in d.threats),
            due=_.date(d.due_by) if d.due_by else "",
            late_weeks=marks[s.key].late_weeks,
            holds_up=marks[s.key].holds_up,
            slack_text="" if s.in_place else slack_words(s.slack, marks[s.key], _.ngettext),
            in_place=s.in_place,
            since=_.date(since) if since else "",
        )
    return out


def pillar_sections(
    plan: Plan, views: dict[str, DeliverableView], _: Words, pillars: dict[Pillar, PillarInfo]
) -> tuple[PillarSection, ...]:
    """The five pillar sections in canonical order, each with its deliverables in sequence order."""
    assessed = {a.pillar: a for a in plan.assessments}
    out = []
    for p in Pillar:
        items = tuple(v for v in views.values() if v.pillar.pillar is p)
        a = assessed.get(p)
        out.append(
            PillarSection(
                info=pillars[p],
                maturity=_.maturity(a.maturity) if a else None,
                notes=a.notes if a else None,
                deliverables=items,
                critical=sum(v.on_path for v in items),  # on the critical path: lateness is told apart
                milestones=sum(v.milestone for v in items),
                in_place=sum(v.in_place for v in items),
            )
        )
    return tuple(out)


def cost_totals(plan: Plan, _: Words) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """The total cost per currency (sorted by currency), and the keys of deliverables with no amount.

    Work already in place is not the plan's to pay for: without a cost it is not listed as missing one.
    """
    totals: dict[str, Decimal] = defaultdict(Decimal)
    missing = []
    for d in plan.deliverables:
        if d.cost is None or d.cost.amount is None:
            if d.status is not DeliverableStatus.IN_PLACE:
                missing.append(d.key)
            continue
        totals[d.cost.currency or _("currency not stated")] += d.cost.amount
    return tuple((c, _.number(totals[c])) for c in sorted(totals)), tuple(missing)


def months(weeks: int) -> int:
    """A number of weeks as whole months, rounded."""
    return round(weeks * 7 / DAYS_PER_MONTH)


def _paragraphs(text: str | None) -> tuple[tuple[str, ...], ...]:
    # Blank lines part paragraphs and single newlines break lines, as the author typed them.
    if not text:
        return ()
    blocks = [b for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return tuple(tuple(line for line in b.strip().split("\n")) for b in blocks)


def _cost(d: Deliverable, _: Words) -> CostLine | None:
    c = d.cost
    if c is None or (c.amount is None and not c.currency and not c.source):
        return None
    return CostLine("" if c.amount is None else _.number(c.amount), c.currency or "", c.source or "")


@dataclass(frozen=True)
class AtRisk:
    """A deliverable that misses its own due date on the current schedule, said in words with its chain."""

    view: DeliverableView
    due: str
    late: str
    sentence: str
    chain: tuple[DeliverableView, ...]


@dataclass(frozen=True)
class Summary:
    """The executive summary's facts, formatted."""

    start: str
    finish: str
    weeks: str
    months: str
    count: int  # planned work, not what is already in place
    milestones: int
    phases: int
    chain: tuple[DeliverableView, ...]
    at_risk: tuple[AtRisk, ...]
    costs: tuple[tuple[str, str], ...]
    uncosted: tuple[DeliverableView, ...]
    in_place: tuple[DeliverableView, ...] = ()  # existing work the plan builds on, in sequence order


def summary(plan: Plan, schedule: Schedule, views: dict[str, DeliverableView], _: Words) -> Summary:
    """The executive summary of a sequenced plan."""
    costs, uncosted = cost_totals(plan, _)
    missing = set(uncosted)
    return Summary(
        start=_.date(schedule.start_date),
        finish=_.date(schedule.finish_date),
        weeks=_.weeks(schedule.duration_weeks),
        months=_.ngettext("about %(num)d month", "about %(num)d months", months(schedule.duration_weeks)),
        count=sum(not v.in_place for v in views.values()),
        milestones=sum(v.milestone for v in views.values()),
        phases=sum(1 for keys in planned_work(schedule).phases if keys),
        chain=tuple(views[k] for k in schedule.critical_path),
        at_risk=tuple(
            AtRisk(
                views[r.key],
                _.date(r.due_by),
                _.weeks(r.late_weeks),
                explain(r, _, _.ngettext, _.date),
                tuple(views[step.key] for step in r.chain),
            )
            for r in due_dates_at_risk(plan, schedule)
        ),
        costs=costs,
        uncosted=tuple(v for v in views.values() if v.key in missing),
        in_place=tuple(v for v in views.values() if v.in_place),
    )
