"""The advisers' dashboard at 10 and at 193 countries of 60 deliverables each, through the app.

Each country has one roadmap with some recorded progress, every other one with a baseline (the rest
are measured against their own plan), so every figure of the dashboard (including the forecast
slip, which needs a schedule) is worked out. The filters on those figures need them for every
country, not only the page shown: they are measured too. The app keeps each roadmap's forecast
figures for the day until the roadmap changes; the "afresh" lines drop them before every request, as
on the first view of a day when no worker ran the nightly job (views/jobs/figures.py), whose own
time is measured too, and "after night" is the page once it has run. Printed: the best of several requests at both
sizes, and their ratios. Goal: the page at 193 countries within 4× of 10.

Run from the repository root: ``python -m bench.dashboard`` (``make bench`` runs every benchmark).
"""

from __future__ import annotations

import json
import sys
import time
from datetime import timedelta

import pycountry
from sqlalchemy import delete, insert, select

from bench.harness import app_on_sqlite, best_of, signed_in
from bench.pdf import large_plan

PER_COUNTRY = 60
SIZES = (10, 193)
RUNS = 5
GOAL = 4.0


def populate(first: int, count: int, per_country: int = PER_COUNTRY) -> list[int]:
    """Bulk-insert ``count`` countries (from the ``first``-th ISO code on), each with an approved,
    baselined roadmap of ``per_country`` deliverables; returns the roadmaps' ids.

    Direct inserts, one statement per table, so 193 countries take well under a second.
    """
    from models import Country, Deliverable, Dependency, JournalEntry, Roadmap, db
    from models.base import utcnow
    from models.tracking import Baseline
    from roadmap.countries import country_facts
    from roadmap.exchange.interchange_write import to_document
    from roadmap.sequencing import schedule_document, sequence
    from roadmap.vocabulary import DeliverableStatus, RoadmapStatus

    plan = large_plan(per_country)
    schedule = sequence(plan)
    frozen = json.dumps(schedule_document(schedule, 0))
    document = json.dumps(to_document(plan))
    codes = sorted(c.alpha_3 for c in pycountry.countries)[first : first + count]
    known = set(db.session.scalars(select(Country.code).where(Country.code.in_(codes))))
    facts = [country_facts(code) for code in codes if code not in known]
    if facts:
        db.session.execute(
            insert(Country),
            [{"code": f.code, "name": f.name, "region": f.region, "subregion": f.subregion} for f in facts],
        )
    country_ids = dict(db.session.execute(select(Country.code, Country.id).where(Country.code.in_(codes))).all())
    now = utcnow()
    statuses = list(RoadmapStatus)
    db.session.execute(
        insert(Roadmap),
        [
            {
                "country_id": country_ids[code],
                "title": f"{code} COP roadmap",
                "start_date": plan.start_date,
                "status": statuses[i % len(statuses)],
                "updated_at": now,
                "created_at": now,
                "version": 1,
            }
            for i, code in enumerate(codes)
        ],
    )
    roadmap_ids = list(
        db.session.scalars(select(Roadmap.id).where(Roadmap.country_id.in_(country_ids.values())).order_by(Roadmap.id))
    )
    rows = []
    for r, rid in enumerate(roadmap_ids):
        for i, d in enumerate(plan.deliverables):
            # A spread of progress: some done, some under way, a few blocked.
            step = (i + r) % 6
            status = [DeliverableStatus.DONE, DeliverableStatus.IN_PROGRESS, DeliverableStatus.BLOCKED][step % 3]
            status = status if step < 3 else DeliverableStatus.NOT_STARTED
            entry = schedule.get(d.key)
            done = status is DeliverableStatus.DONE
            rows.append(
                {
                    "roadmap_id": rid,
                    "key": d.key,
                    "pillar": d.pillar,
                    "title": d.title,
                    "duration_weeks": d.duration_weeks,
                    "due_by": d.due_by,
                    "status": status,
                    "percent_complete": 100 if done else (40 if status is DeliverableStatus.IN_PROGRESS else 0),
                    "actual_start": entry.start if status is not DeliverableStatus.NOT_STARTED else None,
                    "actual_finish": entry.finish if done else None,
                    "priority": d.priority,
                    "version": 1,
                }
            )
    db.session.execute(insert(Deliverable), rows)
    ids = {
        (rid, key): did
        for rid, key, did in db.session.execute(
            select(Deliverable.roadmap_id, Deliverable.key, Deliverable.id).where(
                Deliverable.roadmap_id.in_(roadmap_ids)
            )
        )
    }
    db.session.execute(
        insert(Dependency),
        [
            {
                "roadmap_id": rid,
                "predecessor_id": ids[rid, x.predecessor],
                "successor_id": ids[rid, x.successor],
                "kind": x.type,
                "lag_weeks": x.lag_weeks,
            }
            for rid in roadmap_ids
            for x in plan.dependencies
        ],
    )
    db.session.execute(
        insert(Baseline),
        [
            {"roadmap_id": rid, "label": "Approved", "approved_by": "bench", "document": document, "schedule": frozen}
            for rid in roadmap_ids[::2]
        ],
    )
    db.session.execute(
        insert(JournalEntry),
        [
            {"roadmap_id": rid, "actor": "bench", "action": "progress recorded", "at": now - timedelta(hours=i)}
            for i, rid in enumerate(roadmap_ids)
        ],
    )
    db.session.commit()
    return roadmap_ids


def _forget() -> None:
    """Drop the kept forecast figures, as on the first view of a day, or after every roadmap shown
    has changed."""
    from models import ForecastFigures, db

    db.session.execute(delete(ForecastFigures))
    db.session.commit()


def _after_night() -> None:
    """The figures as the night left them: worked out afresh, off the request."""
    from models.base import utcnow
    from models.queries.dashboard import warm_figures

    _forget()
    warm_figures(utcnow().date())


def _night() -> float:
    """Seconds (best of RUNS) of the worker's nightly job that works out every roadmap's figures."""
    from models.base import utcnow
    from models.queries.dashboard import warm_figures

    best = float("inf")
    for _ in range(RUNS):
        _forget()
        began = time.perf_counter()
        warm_figures(utcnow().date())
        best = min(best, time.perf_counter() - began)
    return best


def _measure(count: int) -> dict[str, float]:
    """Seconds (best of RUNS) and the page's size at ``count`` countries."""
    with app_on_sqlite("dashboard") as app:
        from models import GlobalRole

        populate(0, count)
        client = signed_in(app, "adviser@example.org", GlobalRole.ADVISER)
        client.get("/dashboard")  # compiles the templates, which is not what is measured
        return {
            "page": best_of(client, "/dashboard", RUNS),
            "page, figures afresh": best_of(client, "/dashboard", RUNS, before=_forget),
            "page, latest update first": best_of(client, "/dashboard?sort=update", RUNS),
            "page, slipping > 7 days": best_of(client, "/dashboard?slipping=7", RUNS),
            "page, slipping, afresh": best_of(client, "/dashboard?slipping=7", RUNS, before=_forget),
            "page, critical blocked": best_of(client, "/dashboard?critical=1&overdue=1", RUNS),
            "XLSX, every row": best_of(client, "/dashboard.xlsx", RUNS),
            "CSV, every row": best_of(client, "/dashboard.csv", RUNS),
            "CSV, figures afresh": best_of(client, "/dashboard.csv", RUNS, before=_forget),
            "night job, every roadmap": _night(),
            "page, slipping, after night": best_of(client, "/dashboard?slipping=7", RUNS, before=_after_night),
            "KB": len(client.get("/dashboard").data) / 1024,
        }


def main() -> int:
    """Print the dashboard's times at 10 and 193 countries and their ratios."""
    small, large = SIZES
    results = {n: _measure(n) for n in SIZES}
    print(f"dashboard, {PER_COUNTRY} deliverables a country, every other one with a baseline, best of {RUNS};")
    print("the page shows 50 countries at most (then pages), the CSV every one")
    print(f"{'':>28} {small:>8} {large:>8} {'ratio':>7}")
    for what in results[small]:
        a, b = results[small][what], results[large][what]
        scale = 1 if what == "KB" else 1000
        unit = "" if what == "KB" else " ms"
        verdict = "  above the goal" if what.startswith("page") and b / a > GOAL else ""
        print(f"{what + unit:>28} {a * scale:>8.1f} {b * scale:>8.1f} {b / a:>7.2f}{verdict}")
    print(f"goal: the page at {large} countries within {GOAL}× of {small}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
