"""Run every benchmark in turn: ``python -m bench`` (what ``make bench`` does)."""

import sys

from bench import pages, pdf, schedule_e2e, sequencing

for module in (sequencing, schedule_e2e, pages, pdf):
    print(f"\n== {module.__name__} ==")
    module.main()
sys.exit(0)
