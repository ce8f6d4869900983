"""A roadmap's deliverables with their schedule and progress, as CSV and as an XLSX workbook."""

from __future__ import annotations

from flask import Blueprint
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from roadmap.duedates import schedule_marks
from roadmap.followup import is_overdue
from views.files.table_files import csv_download, xlsx_download
from views.labels import slack_label, status_label
from views.tracking import progress as tracking
from views.workspace.roadmaps import plan_and_schedule

bp = Blueprint("table_exports", __name__, url_prefix="/roadmaps/<int:roadmap_id>")

# (heading, column width in characters) — widths fit a typical value, titles wrap at about 50.
COLUMNS = [
    (_l("Key"), 10),
    (_l("Pillar"), 26),
    (_l("Title"), 50),
    (_l("Lead"), 28),
    (_l("Status"), 13),
    (_l("Percent complete"), 10),
    (_l("Duration (weeks)"), 10),
    (_l("Phase"), 7),
    (_l("Planned start"), 13),
    (_l("Planned finish"), 13),
    (_l("Slack (weeks)"), 8),
    # Below zero the number alone reads oddly beside "not on the critical path": the words say which due date.
    (_l("Slack in words"), 30),
    (_l("On the critical path"), 9),
    (_l("Due by"), 13),
    (_l("Late by (weeks)"), 8),
    (_l("Holds up"), 12),
    (_l("Actual start"), 13),
    (_l("Actual finish"), 13),
    (_l("Forecast finish"), 13),
    (_l("Baseline finish"), 13),
    (_l("Overdue"), 9),
]


def _table(roadmap_id: int):
    roadmap, plan, schedule = plan_and_schedule(roadmap_id)
    today = tracking.today()
    ahead = tracking.forecast_context(roadmap, plan, today)
    expected, planned = ahead["forecast"], ahead["planned"]
    names = {s.key: s.name for s in plan.stakeholders}
    by_key = {d.key: d for d in plan.deliverables}
    marks = schedule_marks(plan, schedule)
    yes, no = _("yes"), _("no")
    rows = []
    for s in schedule.deliverables:
        d = by_key[s.key]
        was = planned.get(d.key)
        rows.append(
            [
                d.key,
                _(d.pillar.label),
                d.title,
                names.get(d.lead, "") if d.lead else "",
                status_label(d.status),
                d.percent_complete,
                d.duration_weeks,
                s.phase,
                s.start,
                s.finish,
                s.slack,
                slack_label(s.slack, marks[s.key]),
                # The critical path and lateness are two columns: work on a late one's chain holds it up.
                yes if marks[s.key].on_critical_path else no,
                d.due_by,
                marks[s.key].late_weeks,
                ", ".join(marks[s.key].holds_up),
                d.actual_start,
                d.actual_finish,
                expected.get(d.key).finish,
                was.finish if was else None,
                yes if is_overdue(d.status, d.due_by, was.finish if was else None, today) else no,
            ]
        )
    header = [str(name) for name, _width in COLUMNS]
    return roadmap, plan, header, rows


def _name(roadmap, ext: str) -> str:
    return f"{roadmap.country.code.lower()}-roadmap-{roadmap.id}-deliverables.{ext}"


@bp.route("/deliverables.csv")
@login_required
def csv_file(roadmap_id: int):
    roadmap, _plan, header, rows = _table(roadmap_id)
    return csv_download(header, rows, _name(roadmap, "csv"))


@bp.route("/deliverables.xlsx")
@login_required
def xlsx_file(roadmap_id: int):
    roadmap, _plan, header, rows = _table(roadmap_id)
    widths = [width for _heading, width in COLUMNS]
    return xlsx_download(_("Deliverables"), header, rows, _name(roadmap, "xlsx"), widths)
