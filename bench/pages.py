"""How a roadmap's pages scale: 30 against 300 deliverables, through the app and a real SQLite file.

Each page is requested through Flask's test client (no network), best of several runs, with the
sign-in page of the same app as the baseline. Goal: each page at 300 deliverables within 3× its
time at 30.

Run from the repository root: ``python -m bench.pages`` (``make bench`` runs every benchmark).
"""

from __future__ import annotations

import sys

from bench.harness import app_on_sqlite, best_of, signed_in
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


def main() -> int:
    """Print each page's time at 30 and 300 deliverables, and their ratio."""
    with app_on_sqlite("pages") as app:
        from models import GlobalRole
        from models.operations import Actor, import_plan

        ids = {n: import_plan(large_plan(n), Actor("bench")) for n in (30, 300)}
        client = signed_in(app, "bench@example.org", GlobalRole.ADMIN)
        baseline = best_of(client, "/", RUNS)
        print(f"roadmap pages at 30 and 300 deliverables, best of {RUNS}; home page {baseline * 1000:.1f} ms")
        print(f"{'page':>14} {'30 ms':>8} {'300 ms':>8} {'300/30':>7} {'300/home':>12}")
        for name, url in PAGES.items():
            small, large = (best_of(client, url.format(id=ids[n]), RUNS) for n in (30, 300))
            verdict = "" if large / small <= GOAL else "  above the goal"
            print(
                f"{name:>14} {small * 1000:>8.1f} {large * 1000:>8.1f} {large / small:>7.2f} "
                f"{large / baseline:>12.1f}{verdict}"
            )
        print(f"goal: 300 deliverables within {GOAL}× of 30")
    return 0


if __name__ == "__main__":
    sys.exit(main())
