"""Run the benchmarks: ``python -m bench`` (what ``make bench`` does) runs the quick ones;
``python -m bench load`` runs the load tests under gunicorn (editing, and printing while others read; a
few minutes), ``python -m bench all`` both.
"""

import sys

from bench import dashboard, load, pages, pdf, printing_load, schedule_e2e, sequencing

QUICK = (sequencing, schedule_e2e, pages, dashboard, pdf)
chosen = sys.argv[1] if len(sys.argv) > 1 else "quick"
LOAD = (load, printing_load)
modules = {"quick": QUICK, "load": LOAD, "all": (*QUICK, *LOAD)}.get(chosen)
if modules is None:
    sys.exit(f"unknown benchmark set {chosen!r}: use quick, load or all")
failed = False
for module in modules:
    print(f"\n== {module.__name__} ==")
    failed |= bool(module.main())
if chosen == "quick":
    print("\n(the load test under gunicorn runs with: python -m bench load)")
sys.exit(1 if failed else 0)
