"""End to end through the installed command: `import` of large roadmaps and `schedule ID --json`.

The baseline, measured in the same run, is a bare script that reads the same roadmap from its JSON
file and runs a plain networkx critical-path pass (forward and backward) — what anyone would write
without the product. Goals: `schedule` within 2× of it at 20,000 deliverables; `import` of 20,000
deliverables in under a minute.

Run from the repository root: ``python -m bench.schedule_e2e`` (``make bench`` runs every benchmark).
"""

from __future__ import annotations

import compileall
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.sequencing import random_plan
from roadmap.exchange import interchange

SIZES = (5_000, 20_000)
RUNS = 3
SCHEDULE_GOAL = 2.0
IMPORT_GOAL_S = 60.0

# The baseline: read the JSON, one networkx topological order, forward and backward passes.
BARE_CPM = r"""
import json, sys
import networkx as nx
doc = json.load(open(sys.argv[1], encoding="utf-8"))
dur = {d["key"]: d["duration_weeks"] for d in doc["deliverables"]}
g = nx.DiGraph()
g.add_nodes_from(dur)
for x in doc["dependencies"]:
    g.add_edge(x["from"], x["to"], type=x["type"], lag=x["lag_weeks"])
order = list(nx.topological_sort(g))
es, ef = {}, {}
for v in order:
    s = 0
    for p, _, e in g.in_edges(v, data=True):
        t, lag = e["type"], e["lag"]
        s = max(s, ef[p] + lag if t == "finish_to_start" else es[p] + lag if t == "start_to_start"
                else ef[p] + lag - dur[v])
    es[v], ef[v] = s, s + dur[v]
end = max(ef.values(), default=0)
lf, ls = {}, {}
for v in reversed(order):
    f = end
    for _, s, e in g.out_edges(v, data=True):
        t, lag = e["type"], e["lag"]
        f = min(f, ls[s] - lag if t == "finish_to_start" else ls[s] - lag + dur[v] if t == "start_to_start"
                else lf[s] - lag)
    lf[v], ls[v] = f, f - dur[v]
json.dump({"duration_weeks": end, "deliverables": [{"key": k, "es": es[k], "ef": ef[k], "ls": ls[k], "lf": lf[k],
           "slack": ls[k] - es[k]} for k in order]}, sys.stdout)
"""


def _command() -> str:
    found = shutil.which("cop-roadmap", path=str(Path(sys.executable).parent)) or shutil.which("cop-roadmap")
    if not found:
        raise SystemExit("cop-roadmap is not installed; run `make bench`, which installs it")
    return found


def _timed(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    began = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args[:2])} failed: {done.stderr.strip()}")
    return elapsed, done.stdout


def main() -> int:
    """Import and schedule large roadmaps through the command line, against the bare script."""
    command = _command()
    # An installed package has its bytecode compiled (pip does it at install). This checkout is installed
    # in editable mode, and where PYTHONDONTWRITEBYTECODE is set every run would compile the product's
    # modules again, which the bare script, importing only installed packages, never pays.
    root = Path(__file__).resolve().parents[1]
    for package in ("roadmap", "models", "views"):
        compileall.compile_dir(root / package, quiet=1)
    print(f"`cop-roadmap schedule ID --json` against a bare networkx CPM script on the same JSON (best of {RUNS})")
    print(f"{'n':>8} {'import s':>9} {'schedule s':>11} {'bare s':>8} {'ratio':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("COP_ROADMAP_") and k != "DATABASE_URL"}
        env["COP_ROADMAP_INSTANCE"] = str(Path(tmp) / "instance")
        _timed([command, "init-db"], env)
        for n in SIZES:
            path = Path(tmp) / f"plan-{n}.json"
            path.write_text(interchange.dumps(random_plan(n, seed=n)), encoding="utf-8")
            import_s, out = _timed([command, "import", str(path)], env)
            roadmap_id = out.strip()
            schedule_s = min(_timed([command, "schedule", roadmap_id, "--json"], env)[0] for _ in range(RUNS))
            bare_s = min(_timed([sys.executable, "-c", BARE_CPM, str(path)], env)[0] for _ in range(RUNS))
            print(f"{n:>8} {import_s:>9.2f} {schedule_s:>11.2f} {bare_s:>8.2f} {schedule_s / bare_s:>7.2f}")
            if n == max(SIZES):
                ok = "ok" if schedule_s / bare_s <= SCHEDULE_GOAL else "above the goal"
                print(f"schedule at {n}: {schedule_s / bare_s:.2f}× the bare script (goal ≤ {SCHEDULE_GOAL}): {ok}")
                ok = "ok" if import_s <= IMPORT_GOAL_S else "above the goal"
                print(f"import of {n} deliverables: {import_s:.1f} s (goal < {IMPORT_GOAL_S:.0f} s): {ok}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
