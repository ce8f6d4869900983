"""How a roadmap's pages scale: 30 against 300 deliverables, through the app and a real SQLite file.

Each page is requested through Flask's test client (no network), best of several runs, with the
sign-in page of the same app as the baseline. Goal: each page at 300 deliverables within 3× its
time at 30.

Run from the repository root: ``python -m bench.pages`` (``make bench`` runs every benchmark).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

from bench.pdf import large_plan

PAGES = {
    "sequence": "/roadmaps/{id}",
    "by pillar": "/roadmaps/{id}/pillars",
    "timeline": "/roadmaps/{id}/timeline",
    "graph": "/roadmaps/{id}/graph",
    "threats": "/roadmaps/{id}/threats",
    "history": "/roadmaps/{id}/history",
    "dependencies": "/roadmaps/{id}/wizard/dependencies",
    "review": "/roadmaps/{id}/wizard/review",
}
RUNS = 5
GOAL = 3.0


def _best(client, url: str) -> float:
    best = float("inf")
    for _ in range(RUNS):
        began = time.perf_counter()
        response = client.get(url)
        best = min(best, time.perf_counter() - began)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return best


def main() -> int:
    """Print each page's time at 30 and 300 deliverables, and their ratio."""
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["COP_ROADMAP_INSTANCE"] = tmp
        from models import GlobalRole, db
        from models.operations import Actor, create_user, import_plan
        from views import create_app

        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/pages.sqlite3",
                "WTF_CSRF_ENABLED": False,
                "SESSION_COOKIE_SECURE": False,
            }
        )
        with app.app_context():
            db.create_all()
            ids = {n: import_plan(large_plan(n), Actor("bench")) for n in (30, 300)}
            create_user("bench@example.org", "Bench", "bench-password", GlobalRole.ADMIN)
            client = app.test_client()
            client.post("/login", data={"email": "bench@example.org", "password": "bench-password"})
            baseline = _best(client, "/")
            print(f"roadmap pages at 30 and 300 deliverables, best of {RUNS}; home page {baseline * 1000:.1f} ms")
            print(f"{'page':>14} {'30 ms':>8} {'300 ms':>8} {'300/30':>7} {'300/home':>12}")
            for name, url in PAGES.items():
                small, large = (_best(client, url.format(id=ids[n])) for n in (30, 300))
                verdict = "" if large / small <= GOAL else "  above the goal"
                print(
                    f"{name:>14} {small * 1000:>8.1f} {large * 1000:>8.1f} {large / small:>7.2f} "
                    f"{large / baseline:>12.1f}{verdict}"
                )
            print(f"goal: 300 deliverables within {GOAL}× of 30")
            db.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
