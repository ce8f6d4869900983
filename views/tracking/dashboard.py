"""The dashboard: how every country the user may see is getting on, pillar by pillar, and as CSV.

Countries are listed by name or by their last update, never ranked by a score: the figures are for
following each country's own plan, not for comparing countries.
"""

from __future__ import annotations

import math

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from models.operations.following import follow, unfollow
from models.queries.dashboard import DashboardPage, regions
from roadmap.countries import ITU_D_REGIONS
from roadmap.vocabulary import Pillar, RoadmapStatus
from views.access import sees_every_country, visible_roadmaps
from views.admin.auth import is_safe_next
from views.files.table_files import csv_download, xlsx_download
from views.labels import baseline_label, country_label, itu_region_label, status_label
from views.tracking.dashboard_filters import Filters, dashboard_page, read_filters

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
    "planned": lambda n: _("%(percent)d %% planned by today", percent=n),
    "replies": lambda n: ngettext("%(num)d comment waiting for a reply", "%(num)d comments waiting for a reply", n),
    "critical": lambda n: ngettext("%(num)d blocked on the critical path", "%(num)d blocked on the critical path", n),
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


def _rows(per_page: int | None) -> tuple[Filters, list[str], DashboardPage]:
    visible = visible_roadmaps(current_user)
    known = regions(visible)
    filters = read_filters(request.args, known)
    found = dashboard_page(visible, filters, filters.page, per_page)
    return filters, known, found


@bp.route("/dashboard")
@login_required
def index():
    filters, known, found = _rows(PER_PAGE)
    return render_template(
        "dashboard/index.html",
        filters=filters,
        criteria=filters.criteria,
        regions=known,
        itu_regions=[(r, itu_region_label(r)) for r in ITU_D_REGIONS],
        statuses=list(RoadmapStatus),
        found=found,
        rows=found.rows,
        first=(found.page - 1) * PER_PAGE + 1,
        pillars=list(Pillar),
        pillar_names={p: _(p.label) for p in Pillar},
        status_names={s: status_label(s) for s in RoadmapStatus},
        follows=sees_every_country(current_user),
        words=Words(),
    )


def _table() -> tuple[list[str], list[list[object]]]:
    """The dashboard as one table, for the CSV and XLSX downloads: every matching roadmap, every figure."""
    rows = _rows(None)[2].rows
    header = [_("Country"), _("ISO code"), _("UN region"), _("ITU-D region"), _("Roadmap"), _("Status")]
    for name in [_(p.label) for p in Pillar] + [_("Whole roadmap")]:
        header += [
            _("%(part)s: deliverables", part=name),
            _("%(part)s: percent done", part=name),
            _("%(part)s: overdue", part=name),
            _("%(part)s: blocked", part=name),
        ]
    header += [
        _("Percent planned by today"),
        _("Forecast finish"),
        _("Measured against"),
        _("Finish slip (days)"),
        _("Blocked on the critical path"),
        _("Comments waiting for a reply"),
        _("Last update (UTC)"),
    ]
    own_plan = _("its own plan (no approved baseline)")
    lines = []
    for r in rows:
        line = [
            country_label(r.country_code),  # in the reader's language, as on the page
            r.country_code,
            r.region,
            itu_region_label(r.itu_region) if r.itu_region else None,
            r.title,
            status_label(r.status),
        ]
        for f in [r.pillars[p] for p in Pillar] + [r.total]:
            line += [f.deliverables, f.percent, f.overdue, f.blocked]
        line += [
            r.planned_percent,
            r.forecast_finish,
            baseline_label(r.baseline_label) if r.baseline_label else own_plan,
            r.slip_days,
            r.critical_blocked,
            r.waiting_replies,
            r.last_update,
        ]
        lines.append(line)
    return header, lines


@bp.route("/dashboard.csv")
@login_required
def csv_file():
    header, lines = _table()
    return csv_download(header, lines, "cop-dashboard.csv")


@bp.route("/dashboard.xlsx")
@login_required
def xlsx_file():
    header, lines = _table()
    widths = [24, 8, 14, 14, 36, 14] + [12] * (len(header) - 13) + [12, 14, 30, 12, 12, 12, 18]
    return xlsx_download(_("Dashboard"), header, lines, "cop-dashboard.xlsx", widths)


@bp.route("/dashboard/countries/<code>/follow", methods=["POST"])
@login_required
def follow_country(code: str):
    """Put a country on the adviser's own list (or take it off), then go back to the same view."""
    if not sees_every_country(current_user):
        abort(403)  # a country team's list is its own countries already
    stop = request.form.get("stop") == "1"
    found = (unfollow if stop else follow)(current_user.id, code)
    if found is None:
        abort(404)
    if stop:
        flash(_("%(country)s is no longer on your list.", country=country_label(found)), "info")
    else:
        flash(_("%(country)s is on your list: “My countries” shows it.", country=country_label(found)), "info")
    back = request.form.get("back")
    # The form is ours, but a crafted one must not send people to another site.
    return redirect(back if is_safe_next(back) else url_for("dashboard.index"))
