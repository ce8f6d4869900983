"""The dashboard: how every country the user may see is getting on, pillar by pillar, and as CSV.

Countries are listed by name or by their last update, never ranked by a score: the figures are for
following each country's own plan, not for comparing countries.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from models.base import utcnow
from models.queries.dashboard import SORTS, DashboardPage, dashboard, regions
from roadmap.vocabulary import Pillar, RoadmapStatus
from views.access import visible_roadmaps
from views.files.table_files import csv_download
from views.labels import status_label

bp = Blueprint("dashboard", __name__)

PER_PAGE = 50  # rows of the grid on one page: a page stays light on a slow link; the CSV has them all


# The grid repeats the same few phrases hundreds of times; each is translated once per count.
_WORDING = {
    "done": lambda n: _("%(percent)d %% done", percent=n),
    "deliverables": lambda n: ngettext("%(num)d deliverable", "%(num)d deliverables", n),
    "overdue": lambda n: ngettext("%(num)d overdue", "%(num)d overdue", n),
    "blocked": lambda n: ngettext("%(num)d blocked", "%(num)d blocked", n),
    "late": lambda n: ngettext("%(num)d day late", "%(num)d days late", n),
    "early": lambda n: ngettext("%(num)d day early", "%(num)d days early", n),
}


class Words:
    """Translated phrases with a count, remembered for one request."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, int], str] = {}

    def __call__(self, kind: str, number: float) -> str:
        key = (kind, math.floor(number + 0.5))  # half up: 62.5 % is shown as 63 %, as people round
        if key not in self._seen:
            self._seen[key] = _WORDING[kind](key[1])
        return self._seen[key]


@dataclass(frozen=True, slots=True)
class Filters:
    region: str | None
    status: RoadmapStatus | None
    sort: str
    page: int
    problems: tuple[str, ...]

    def query(self) -> dict[str, str]:
        """The filters as URL parameters, for the CSV link and the sort links."""
        chosen = {"region": self.region, "status": self.status.value if self.status else None, "sort": self.sort}
        return {k: v for k, v in chosen.items() if v}

    def on_page(self, page: int) -> dict[str, str | int]:
        return {**self.query(), "page": page}


def _filters(known_regions: list[str]) -> Filters:
    # Unknown values (an old bookmark, a hand-edited URL) are dropped with a word, never an error page.
    problems = []
    region = request.args.get("region", "").strip() or None
    if region is not None and region not in known_regions:
        problems.append(_("There is no region “%(region)s” among your countries; showing every region.", region=region))
        region = None
    status_text = request.args.get("status", "").strip()
    status = None
    if status_text:
        try:
            status = RoadmapStatus(status_text)
        except ValueError:
            problems.append(_("“%(status)s” is not a roadmap status; showing every status.", status=status_text))
    sort = request.args.get("sort", "country")
    if sort not in SORTS:
        problems.append(_("The list can be sorted by country or by last update; sorted by country."))
        sort = "country"
    page_text = request.args.get("page", "1")
    page = int(page_text) if page_text.isdigit() and len(page_text) < 6 else 1
    return Filters(region, status, sort, page, tuple(problems))


def _rows(per_page: int | None) -> tuple[Filters, list[str], DashboardPage]:
    visible = visible_roadmaps(current_user)
    known = regions(visible)
    filters = _filters(known)
    found = dashboard(
        visible,
        utcnow().date(),
        region=filters.region,
        status=filters.status,
        sort=filters.sort,
        page=filters.page,
        per_page=per_page,
    )
    return filters, known, found


@bp.route("/dashboard")
@login_required
def index():
    filters, known, found = _rows(PER_PAGE)
    return render_template(
        "dashboard/index.html",
        filters=filters,
        regions=known,
        statuses=list(RoadmapStatus),
        found=found,
        rows=found.rows,
        first=(found.page - 1) * PER_PAGE + 1,
        pillars=list(Pillar),
        pillar_names={p: _(p.label) for p in Pillar},
        status_names={s: status_label(s) for s in RoadmapStatus},
        words=Words(),
    )


@bp.route("/dashboard.csv")
@login_required
def csv_file():
    rows = _rows(None)[2].rows
    header = [_("Country"), _("ISO code"), _("Region"), _("Roadmap"), _("Status")]
    for name in [_(p.label) for p in Pillar] + [_("Whole roadmap")]:
        header += [
            _("%(part)s: deliverables", part=name),
            _("%(part)s: percent done", part=name),
            _("%(part)s: overdue", part=name),
            _("%(part)s: blocked", part=name),
        ]
    header += [_("Forecast finish"), _("Baseline"), _("Finish slip (days)"), _("Last update (UTC)")]
    lines = []
    for r in rows:
        line = [r.country_name, r.country_code, r.region, r.title, status_label(r.status)]
        for f in [r.pillars[p] for p in Pillar] + [r.total]:
            line += [f.deliverables, f.percent, f.overdue, f.blocked]
        line += [r.forecast_finish, r.baseline_label, r.slip_days, r.last_update]
        lines.append(line)
    return csv_download(header, lines, "cop-dashboard.csv")
