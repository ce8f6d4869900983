"""The advisers' dashboard: every visible roadmap's figures per pillar, in a fixed number of queries.

Counts, percent done, blocked work and due-by dates are aggregated by the database in one GROUP BY.
What needs a schedule — the forecast finish and its slip against the latest baseline (or the own plan
without one), the percent planned by today, blocked work on the critical path, and work past the
finish a baseline planned — comes from models.queries.dashboard_schedules. The rules are in
``roadmap.followup``.

Filters on those figures (slipping, overdue, blocked on the critical path) need them for every
matching roadmap, not only the page shown; they are kept per roadmap and day, so that is one
working out a day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, and_, case, func, select

from models.base import db
from models.country import Country
from models.deliverable import Deliverable
from models.journal import JournalEntry
from models.queries.dashboard_schedules import ScheduleFigures, schedule_figures
from models.roadmap import Roadmap
from models.tracking import Baseline, Comment, CommentThread
from models.user import FollowedCountry, GlobalRole, User
from roadmap.countries import ITU_D_REGIONS, itu_d_region
from roadmap.followup import MILESTONE_WEIGHT
from roadmap.vocabulary import DeliverableStatus, Pillar, RoadmapStatus

SORTS = ("country", "update")
__all__ = ["SORTS", "Criteria", "DashboardPage", "DashboardRow", "Figures", "dashboard", "regions", "warm_figures"]


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
    itu_region: str | None
    last_update: datetime | None
    baseline_label: str | None  # None: measured against the roadmap's own current plan
    forecast_finish: date | None
    slip_days: int | None  # None when the plan cannot be scheduled
    planned_percent: float | None  # percent of the work planned to be done by today
    critical_blocked: int  # blocked deliverables on the critical path
    waiting_replies: int  # open comment threads whose last word is the country team's
    followed: bool  # the country is on the user's own list
    pillars: dict[Pillar, Figures]
    total: Figures


@dataclass(frozen=True, slots=True)
class Criteria:
    """What the dashboard is narrowed to; every criterion given must hold."""

    region: str | None = None  # a UN region
    itu_region: str | None = None  # an ITU-D region (roadmap.countries.ITU_D_REGIONS)
    status: RoadmapStatus | None = None
    slipping_over: int | None = None  # forecast finish more than this many days after the planned one
    overdue: bool = False
    critical_blocked: bool = False
    waiting_review: bool = False  # in review, in one of the user's own countries (any, when they follow none)
    unanswered: bool = False  # comments from the country team waiting for an adviser's reply
    mine: bool = False  # only the user's own countries

    @property
    def needs_figures(self) -> bool:
        """Whether the schedule's figures decide which roadmaps match."""
        return self.slipping_over is not None or self.overdue or self.critical_blocked


def regions(visible: Select) -> list[str]:
    """The UN regions of the countries whose roadmaps the user may see, for the region filter (archived
    roadmaps, left off the dashboard, bring none)."""
    ids = visible.with_only_columns(Roadmap.id).scalar_subquery()
    query = (
        select(Country.region)
        .join(Roadmap, Roadmap.country_id == Country.id)
        .where(Roadmap.id.in_(ids), Country.region.is_not(None), Roadmap.archived_at.is_(None))
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
    user_id: int | None = None,
    criteria: Criteria = Criteria(),
    sort: str = "country",
    page: int = 1,
    per_page: int | None = None,
) -> DashboardPage:
    """The roadmaps in ``visible`` (a query of roadmaps the user may read), filtered, sorted and paged.

    Every matching roadmap's heading is read (one small row each) so that sorting and counting see
    them all; the figures are worked out only for the page shown, unless a criterion needs them.
    ``per_page=None`` is one page. ``user_id`` is whose own list of countries counts.
    """
    # Table columns rather than ORM attributes: plain rows, without the ORM's per-row loading.
    rt, R, C = Roadmap.__table__, Roadmap.__table__.c, Country.__table__.c
    J = JournalEntry.__table__.c
    last_update = select(func.max(J.at)).where(J.roadmap_id == R.id).correlate(rt).scalar_subquery()
    latest_baseline = _latest_baseline()
    followed = select(FollowedCountry.country_id).where(FollowedCountry.user_id == user_id)
    query = (
        select(R.id, R.title, R.status, R.start_date, R.updated_at, C.code, C.name, C.region)
        .add_columns(
            last_update.label("last_update"),
            latest_baseline.label("baseline_id"),
            _waiting_replies(rt).label("waiting_replies"),
            C.id.in_(followed).label("followed"),
        )
        .join(Country.__table__, C.id == R.country_id)
        .where(R.id.in_(visible.with_only_columns(Roadmap.id).scalar_subquery()))
        .where(R.archived_at.is_(None))  # archived roadmaps are kept, but no longer followed up
    )
    c = criteria
    if c.region:
        query = query.where(C.region == c.region)
    if c.itu_region:
        query = query.where(C.code.in_(sorted(ITU_D_REGIONS.get(c.itu_region, ()))))
    if c.status:
        query = query.where(R.status == c.status)
    if c.mine:
        query = query.where(C.id.in_(followed))
    if c.waiting_review:
        # "My review": the user's own countries, or every country for an adviser who keeps no list.
        keeps_list = select(FollowedCountry.user_id).where(FollowedCountry.user_id == user_id).exists()
        query = query.where(R.status == RoadmapStatus.IN_REVIEW, C.id.in_(followed) | ~keeps_list)
    heads = db.session.execute(query).all()
    if c.unanswered:
        heads = [h for h in heads if h.waiting_replies]
    figures: dict[int, ScheduleFigures] | None = None
    if c.needs_figures:
        figures = schedule_figures(heads, today)
        heads = [h for h in heads if _figures_match(c, figures.get(h.id))]
    heads.sort(key=lambda h: (h.name.casefold(), h.title.casefold(), h.id))
    if sort == "update":
        # Most recently updated first; roadmaps never changed since they were made go last.
        heads.sort(key=lambda h: h.last_update.timestamp() if h.last_update else float("-inf"), reverse=True)
    size = per_page or max(len(heads), 1)
    pages = max(1, -(-len(heads) // size))
    page = min(max(page, 1), pages)
    shown = heads[(page - 1) * size : page * size]
    return DashboardPage(_rows(shown, today, figures) if shown else [], len(heads), page, pages)


def _latest_baseline():
    """The id of a roadmap's latest baseline, correlated to the roadmaps table."""
    rt, B = Roadmap.__table__, Baseline.__table__.c
    latest = select(B.id).where(B.roadmap_id == rt.c.id).order_by(B.approved_at.desc(), B.id.desc()).limit(1)
    return latest.correlate(rt).scalar_subquery()


def warm_figures(today: date, batch: int = 100) -> int:
    """Work out and keep the day's schedule figures of every roadmap not archived; returns how many.

    The worker runs it just after midnight (views/jobs/figures.py), so that the first dashboard of the
    day, and a filter that needs every roadmap's figures, find them kept instead of waiting for them.
    In batches, so that memory holds a batch of plans, not all of them.
    """
    R = Roadmap.__table__.c
    query = select(R.id, R.start_date, R.updated_at, _latest_baseline().label("baseline_id"))
    heads = db.session.execute(query.where(R.archived_at.is_(None)).order_by(R.id)).all()
    for first in range(0, len(heads), batch):
        schedule_figures(heads[first : first + batch], today)
    return len(heads)


def _figures_match(c: Criteria, f: ScheduleFigures | None) -> bool:
    if f is None:
        return False
    if c.slipping_over is not None and (f.slip_days is None or f.slip_days <= c.slipping_over):
        return False
    if c.overdue and not any(f.overdue.values()):
        return False
    return not c.critical_blocked or f.critical_blocked > 0


def _waiting_replies(rt):
    """Open threads of the roadmap whose latest comment is not an adviser's or an admin's: the country
    team is waiting for an answer."""
    T, M, U = CommentThread.__table__.c, Comment.__table__.c, User.__table__.c
    latest = select(func.max(M.id)).where(M.thread_id == T.id).correlate(CommentThread.__table__).scalar_subquery()
    answered_by_adviser = (
        select(U.id).where(U.id == M.user_id, U.role.in_([GlobalRole.ADVISER, GlobalRole.ADMIN])).exists()
    )
    return (
        select(func.count())
        .select_from(CommentThread.__table__.join(Comment.__table__, and_(M.thread_id == T.id, M.id == latest)))
        .where(T.roadmap_id == rt.c.id, T.resolved.is_(False), ~answered_by_adviser)
        .correlate(rt)
        .scalar_subquery()
    )


def _rows(heads: list, today: date, figures: dict[int, ScheduleFigures] | None) -> list[DashboardRow]:
    sums = _pillar_sums([h.id for h in heads], today)
    derived = figures if figures is not None else schedule_figures(heads, today)
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
                itu_region=itu_d_region(h.code),
                last_update=h.last_update,
                baseline_label=extra.baseline_label if extra else None,
                forecast_finish=extra.forecast_finish if extra else None,
                slip_days=extra.slip_days if extra else None,
                planned_percent=extra.planned_percent if extra else None,
                critical_blocked=extra.critical_blocked if extra else 0,
                waiting_replies=h.waiting_replies or 0,
                followed=bool(h.followed),
                pillars=pillars,
                total=Figures(count, done / weight if weight else None, overdue, blocked),
            )
        )
    return rows


def _pillar_sums(roadmap_ids: list[int], today: date) -> dict[tuple[int, Pillar], tuple[int, int, int, int, int]]:
    """(roadmap, pillar) → (deliverables, Σ weight × percent, Σ weight, blocked, past due-by): one query."""
    D = Deliverable.__table__.c
    counted = D.status.not_in([DeliverableStatus.CANCELLED, DeliverableStatus.IN_PLACE])  # not work of the plan
    weight = case((D.duration_weeks < MILESTONE_WEIGHT, MILESTONE_WEIGHT), else_=D.duration_weeks)
    percent = case((D.status == DeliverableStatus.DONE, 100), else_=D.percent_complete)
    closed = D.status.in_([DeliverableStatus.DONE, DeliverableStatus.CANCELLED, DeliverableStatus.IN_PLACE])
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
