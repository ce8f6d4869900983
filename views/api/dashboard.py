"""The advisers' dashboard in the API: the same rows and filters as the page, as JSON.

The filters are the page's URL parameters; where the page drops a value it cannot read with a word,
the API answers 400 naming the parameter, since a script should not get every country when it asked
for one region.
"""

from __future__ import annotations

from typing import Any

from flask import request, url_for
from flask_login import current_user

from models.queries.dashboard import DashboardRow, Figures, regions
from roadmap.countries import ITU_D_REGIONS
from roadmap.vocabulary import Pillar, RoadmapStatus
from views.access import visible_roadmaps
from views.api.blueprint import bp
from views.api.http import ApiProblem, as_json, page_args, page_of
from views.tracking.dashboard_filters import MAX_SLIP_DAYS, dashboard_page, read_filters


def _switch(name: str, description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "description": description, "schema": {"type": "string", "enum": ["1"]}}


DASHBOARD_FILTERS = [
    {
        "name": "region",
        "in": "query",
        "description": "A UN region among the user's countries",
        "schema": {"type": "string"},
    },
    {"name": "itu_region", "in": "query", "schema": {"type": "string", "enum": list(ITU_D_REGIONS)}},
    {"name": "status", "in": "query", "schema": {"type": "string", "enum": [s.value for s in RoadmapStatus]}},
    {
        "name": "slipping",
        "in": "query",
        "description": "Only roadmaps whose forecast finish is more than this many days after the planned one",
        "schema": {"type": "integer", "minimum": 0, "maximum": MAX_SLIP_DAYS},
    },
    _switch("overdue", "Only roadmaps with overdue work"),
    _switch("critical", "Only roadmaps with blocked work on the critical path"),
    _switch("review", "Only roadmaps in review in the user's own countries (any, when the user follows none)"),
    _switch("unanswered", "Only roadmaps with comment threads whose last word is the country team's"),
    _switch("mine", "Only the countries on the user's own list"),
    {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["country", "update"]}},
]


# The dashboard's part of the OpenAPI document (views/api/openapi.py), beside the route it describes.
DASHBOARD_SCHEMAS: dict[str, Any] = {
    "DashboardFigures": {
        "type": "object",
        "required": ["deliverables", "percent_done", "overdue", "blocked"],
        "properties": {
            "deliverables": {"type": "integer"},
            "percent_done": {"type": ["number", "null"], "description": "Weighted by duration; null: none left"},
            "overdue": {"type": "integer"},
            "blocked": {"type": "integer"},
        },
    },
    "DashboardRow": {
        "type": "object",
        "required": [
            "roadmap_id",
            "url",
            "country",
            "title",
            "status",
            "baseline",
            "forecast_finish",
            "slip_days",
            "percent_planned",
            "critical_blocked",
            "waiting_replies",
            "pillars",
            "total",
        ],
        "properties": {
            "roadmap_id": {"type": "integer"},
            "url": {"type": "string"},
            "country": {"type": "string", "description": "ISO 3166-1 alpha-3"},
            "country_name": {"type": "string"},
            "title": {"type": "string"},
            "status": {"enum": [s.value for s in RoadmapStatus]},
            "un_region": {"type": ["string", "null"]},
            "itu_region": {"enum": [*ITU_D_REGIONS, None]},
            "last_update": {"type": ["string", "null"], "format": "date-time"},
            "baseline": {
                "type": ["string", "null"],
                "description": "The label of the baseline measured against; null: against the roadmap's own plan",
            },
            "forecast_finish": {"type": ["string", "null"], "format": "date"},
            "slip_days": {"type": ["integer", "null"], "description": "null when the plan cannot be scheduled"},
            "percent_planned": {"type": ["number", "null"], "description": "Planned to be done by today"},
            "critical_blocked": {"type": "integer", "description": "Blocked deliverables on the critical path"},
            "waiting_replies": {"type": "integer", "description": "Open threads whose last word is the team's"},
            "followed": {"type": "boolean", "description": "The country is on the token user's own list"},
            "pillars": {
                "type": "object",
                "properties": {p.value: {"$ref": "#/components/schemas/DashboardFigures"} for p in Pillar},
            },
            "total": {"$ref": "#/components/schemas/DashboardFigures"},
        },
    },
}


def _figures(f: Figures) -> dict:
    return {"deliverables": f.deliverables, "percent_done": f.percent, "overdue": f.overdue, "blocked": f.blocked}


def _row(r: DashboardRow) -> dict:
    return {
        "roadmap_id": r.roadmap_id,
        "url": url_for("api.get_roadmap", roadmap_id=r.roadmap_id),
        "country": r.country_code,
        "country_name": r.country_name,
        "title": r.title,
        "status": r.status.value,
        "un_region": r.region,
        "itu_region": r.itu_region,
        "last_update": r.last_update.isoformat() if r.last_update else None,
        "baseline": r.baseline_label,
        "forecast_finish": r.forecast_finish.isoformat() if r.forecast_finish else None,
        "slip_days": r.slip_days,
        "percent_planned": r.planned_percent,
        "critical_blocked": r.critical_blocked,
        "waiting_replies": r.waiting_replies,
        "followed": r.followed,
        "pillars": {p.value: _figures(r.pillars[p]) for p in Pillar},
        "total": _figures(r.total),
    }


@bp.get("/dashboard")
def get_dashboard():
    visible = visible_roadmaps(current_user)
    filters = read_filters(request.args, regions(visible))
    if filters.problems:
        raise ApiProblem(400, "Bad query parameter", filters.problems[0], filters.bad[0])
    page, per_page = page_args()
    found = dashboard_page(visible, filters, page, per_page)
    headers = page_of(found.total, "api.get_dashboard", **filters.query())[2]
    # Past the last page, the page shows the last; a script asking for page 9 of 2 gets none.
    rows = found.rows if found.page == page else []
    return as_json({"items": [_row(r) for r in rows], "total": found.total}, headers=headers)
