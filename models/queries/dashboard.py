"""The advisers' dashboard: every visible roadmap's figures per pillar, in a fixed number of queries.

Counts, percent done, blocked work and due-by dates are aggregated by the database in one GROUP BY.
What needs a schedule — the forecast finish's slip against the latest baseline, and work past the
finish that baseline planned — comes from models.queries.dashboard_schedules. The rules are in
``roadmap.followup``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, case, func, select

from models.base import db
from models.country import Country
from models.deliverable import Deliverable
from models.journal import JournalEntry
from models.queries.dashboard_schedules import schedule_figures
from models.roadmap import Roadmap
from models.tracking import Baseline
from roadmap.followup import MILESTONE_WEIGHT
from roadmap.vocabulary import DeliverableStatus, Pillar, RoadmapStatus

SORTS = ("country", "update")
__all__ = ["SORTS", "DashboardPage", "DashboardRow", "Figures", "dashboard", "regions"]


@dataclass(frozen=True, slots=True)
class Figures:
    """One pillar of one roadmap (or the whole roadmap) on the dashboard."""

    deliverables: int = 0
    percent: float | None = None
    overdue: int = 0
    blocked: int = 0


@dataclass(frozen=True, slots=True)
class DashboardRow:
    roadmap_id: int
    title: str
    status: RoadmapStatus
    country_code: str
    country_name: str
    region: str | None
    last_update: datetime | None
    baseline_label: str | None
    forecast_finish: date | None
    slip_days: int | None  # None when there is no baseline, or the plan cannot be scheduled
    pillars: dict[Pillar, Figures]
    total: Figures


def regions(visible: Select) -> list[str]:
    """The UN regions of the countries whose roadmaps the user may see, for the region filter."""
    ids = visible.with_only_columns(Roadmap.id).scalar_subquery()
    query = (
        select(Country.region)
        .join(Roadmap, Roadmap.country_id == Country.id)
        .where(Roadmap.id.in_(ids), Country.region.is_not(None))
        .distinct()
    )
    return sorted(db.session.scalars(query))


@dataclass(frozen=True, slots=True)
class DashboardPage:
    rows: list[DashboardRow]
    total: int  # roadmaps matching the filters, on every page
    page: int
    pages: int


def dashboard(
    visible: Select,
    today: date,
    *,
    region: str | None = None,
    status: RoadmapStatus | None = None,
    sort: str = "country",
    page: int = 1,
    per_page: int | None = None,
) -> DashboardPage:
    """The roadmaps in ``visible`` (a query of roadmaps the user may read), filtered, sorted and paged.

    Every matching roadmap's heading is read (one small row each) so that sorting and counting see
    them all; the figures are worked out only for the page shown. ``per_page=None`` is one page.
    """
    # Table columns rather than ORM attributes: plain rows, without the ORM's per-row loading.
    rt, R, C = Roadmap.__table__, Roadmap.__table__.c, Country.__table__.c
    J, B = JournalEntry.__table__.c, Baseline.__table__.c
    last_update = select(func.max(J.at)).where(J.roadmap_id == R.id).correlate(rt).scalar_subquery()
    latest_baseline = (
        select(B.id)
        .where(B.roadmap_id == R.id)
        .order_by(B.approved_at.desc(), B.id.desc())
        .limit(1)
        .correlate(rt)
        .scalar_subquery()
    )
    query = (
        select(R.id, R.title, R.status, R.start_date, R.updated_at, C.code, C.name, C.region)
        .add_columns(last_update.label("last_update"), latest_baseline.label("baseline_id"))
        .join(Country.__table__, C.id == R.country_id)
        .where(R.id.in_(visible.with_only_columns(Roadmap.id).scalar_subquery()))
    )
    if region:
        query = query.where(C.region == region)
    if status:
        query = query.where(R.status == status)
    heads = db.session.execute(query).all()
    heads.sort(key=lambda h: (h.name.casefold(), h.title.casefold(), h.id))
    if sort == "update":
        # Most recently updated first; roadmaps never changed since they were made go last.
        heads.sort(key=lambda h: h.last_update.timestamp() if h.last_update else float("-inf"), reverse=True)
    size = per_page or max(len(heads), 1)
    pages = max(1, -(-len(heads) // size))
    page = min(max(page, 1), pages)
    shown = heads[(page - 1) * size : page * size]
    return DashboardPage(_rows(shown, today) if shown else [], len(heads), page, pages)


def _rows(heads: list, today: date) -> list[DashboardRow]:
    sums = _pillar_sums([h.id for h in heads], today)
    derived = schedule_figures([h for h in heads if h.baseline_id is not None], today)
    rows = []
    for h in heads:
        extra = derived.get(h.id)
        pillars, total = {}, [0, 0, 0, 0, 0]
        for pillar in Pillar:
            count, done, weight, blocked, overdue = sums.get((h.id, pillar), (0, 0, 0, 0, 0))
            if extra is not None:
                overdue = extra.overdue.get(pillar, 0)
            pillars[pillar] = Figures(count, done / weight if weight else None, overdue, blocked)
            total = [a + b for a, b in zip(total, (count, done, weight, blocked, overdue), strict=True)]
        count, done, weight, blocked, overdue = total
        rows.append(
            DashboardRow(
                roadmap_id=h.id,
                title=h.title,
                status=h.status,
                country_code=h.code,
                country_name=h.name,
                region=h.region,
                last_update=h.last_update,
                baseline_label=extra.baseline_label if extra else None,
                forecast_finish=extra.forecast_finish if extra else None,
                slip_days=extra.slip_days if extra else None,
                pillars=pillars,
                total=Figures(count, done / weight if weight else None, overdue, blocked),
            )
        )
    return rows


def _pillar_sums(roadmap_ids: list[int], today: date) -> dict[tuple[int, Pillar], tuple[int, int, int, int, int]]:
    """(roadmap, pillar) → (deliverables, Σ weight × percent, Σ weight, blocked, past due-by): one query."""
    D = Deliverable.__table__.c
    counted = D.status != DeliverableStatus.CANCELLED
    weight = case((D.duration_weeks < MILESTONE_WEIGHT, MILESTONE_WEIGHT), else_=D.duration_weeks)
    percent = case((D.status == DeliverableStatus.DONE, 100), else_=D.percent_complete)
    closed = D.status.in_([DeliverableStatus.DONE, DeliverableStatus.CANCELLED])
    query = (
        select(
            D.roadmap_id,
            D.pillar,
            func.count(),
            func.sum(case((counted, weight * percent), else_=0)),
            func.sum(case((counted, weight), else_=0)),
            func.sum(case((D.status == DeliverableStatus.BLOCKED, 1), else_=0)),
            func.sum(case((D.due_by < today, case((closed, 0), else_=1)), else_=0)),
        )
        .where(D.roadmap_id.in_(roadmap_ids))
        .group_by(D.roadmap_id, D.pillar)
    )
    return {(r[0], r[1]): tuple(int(x or 0) for x in r[2:]) for r in db.session.execute(query)}
