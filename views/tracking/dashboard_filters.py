"""The dashboard's filters as read from a URL: the page, the downloads and the API share them.

Unknown values (an old bookmark, a hand-edited URL) are dropped with a sentence saying so, never an
error page: the adviser still sees a dashboard, and is told what was not applied.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import Select

from models.base import utcnow
from models.queries.dashboard import SORTS, Criteria, DashboardPage, dashboard
from roadmap.countries import ITU_D_REGIONS
from roadmap.vocabulary import RoadmapStatus

# The switches of the form, each one URL parameter set to "1" when on: (parameter, Criteria field).
SWITCHES = (
    ("overdue", "overdue"),
    ("critical", "critical_blocked"),
    ("review", "waiting_review"),
    ("unanswered", "unanswered"),
    ("mine", "mine"),
)
MAX_SLIP_DAYS = 36500  # a hundred years: anything above is a typing slip, not a threshold


@dataclass(frozen=True, slots=True)
class Filters:
    criteria: Criteria
    sort: str
    page: int
    problems: tuple[str, ...]
    bad: tuple[str, ...] = ()  # the parameters the problems are about, in the same order

    def query(self) -> dict[str, str]:
        """The filters as URL parameters, for the download links, the sort links and the pager."""
        c = self.criteria
        chosen = {
            "region": c.region,
            "itu_region": c.itu_region,
            "status": c.status.value if c.status else None,
            "slipping": None if c.slipping_over is None else str(c.slipping_over),
            "sort": self.sort,
        }
        chosen |= {name: "1" for name, field in SWITCHES if getattr(c, field)}
        return {k: v for k, v in chosen.items() if v}

    def on_page(self, page: int) -> dict[str, str | int]:
        return {**self.query(), "page": page}

    @property
    def narrowed(self) -> bool:
        """Whether any filter leaves roadmaps out (for the words of an empty result)."""
        return any(k not in ("sort",) for k in self.query())


def read_filters(args: Mapping[str, str], un_regions: list[str]) -> Filters:
    """The filters in a request's query string; ``un_regions`` are those among the user's countries."""
    problems, bad = [], []
    region = args.get("region", "").strip() or None
    if region is not None and region not in un_regions:
        problems.append(_("There is no region “%(region)s” among your countries; showing every region.", region=region))
        bad.append("region")
        region = None
    itu_region = args.get("itu_region", "").strip() or None
    if itu_region is not None and itu_region not in ITU_D_REGIONS:
        problems.append(_("“%(region)s” is not an ITU-D region; showing every ITU-D region.", region=itu_region))
        bad.append("itu_region")
        itu_region = None
    status_text = args.get("status", "").strip()
    status = None
    if status_text:
        try:
            status = RoadmapStatus(status_text)
        except ValueError:
            problems.append(_("“%(status)s” is not a roadmap status; showing every status.", status=status_text))
            bad.append("status")
    slipping_text = args.get("slipping", "").strip()
    slipping = None
    if slipping_text:
        if slipping_text.isdigit() and int(slipping_text) <= MAX_SLIP_DAYS:
            slipping = int(slipping_text)
        else:
            problems.append(
                _(
                    "“%(days)s” is not a number of days from 0 to %(most)d; not filtered by slip.",
                    days=slipping_text,
                    most=MAX_SLIP_DAYS,
                )
            )
            bad.append("slipping")
    switches = {field: args.get(name, "") in ("1", "on", "true") for name, field in SWITCHES}
    sort = args.get("sort", "country")
    if sort not in SORTS:
        problems.append(_("The list can be sorted by country or by last update; sorted by country."))
        bad.append("sort")
        sort = "country"
    page_text = args.get("page", "1")
    page = int(page_text) if page_text.isdigit() and len(page_text) < 6 else 1
    criteria = Criteria(region=region, itu_region=itu_region, status=status, slipping_over=slipping, **switches)
    return Filters(criteria, sort, page, tuple(problems), tuple(bad))


def dashboard_page(visible: Select, filters: Filters, page: int, per_page: int | None) -> DashboardPage:
    """The dashboard as of today for the signed-in user (whose own list of countries counts), filtered."""
    return dashboard(
        visible,
        utcnow().date(),
        user_id=current_user.id,
        criteria=filters.criteria,
        sort=filters.sort,
        page=page,
        per_page=per_page,
    )
