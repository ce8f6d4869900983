"""How sequencing scales: ``sequence()`` against a bare networkx pass on the same large plans.

Run from the repository root with ``python -m bench.sequencing`` (what ``make bench`` does);
``python bench/sequencing.py`` works too, as the repository root is put on ``sys.path`` first.

``random_plan(n, seed)`` builds a large, acyclic, seeded plan that other benchmarks can import.
The bare pass (build a DiGraph, one topological sort) is the floor any networkx-based sequencer
pays, so the ratio shows the cost of the rules themselves and stays steady across machines.
The growth figure time(20k) / time(5k) should be about 4 for linear work; the goal is ≤ 4.5.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import gc
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import networkx as nx

from roadmap.plan import Deliverable, Dependency, Plan
from roadmap.sequencing import sequence
from roadmap.vocabulary import DependencyType, Pillar

SIZES = (1_000, 5_000, 20_000)
RUNS = 5
GROWTH_GOAL = 4.5
START = date(2027, 1, 4)
_KINDS = (DependencyType.FINISH_TO_START, DependencyType.START_TO_START, DependencyType.FINISH_TO_FINISH)
_PILLARS = tuple(Pillar)
_PREDECESSOR_COUNTS = (0, 1, 1, 2, 2, 3)  # 1.5 links per deliverable on average
_WINDOW = 400  # predecessors come from the last few hundred, so the plan has many phases, as real ones do


def random_plan(n: int, seed: int = 1) -> Plan:
    """A seeded acyclic plan of n deliverables with about 1.5 links each, of every type and random lags."""
    rnd = random.Random(seed)
    # Keys are shuffled against the link order so that neither key nor listing order is topological.
    keys = [f"D{i:05d}" for i in range(n)]
    rnd.shuffle(keys)
    deliverables = []
    for key in keys:
        roll = rnd.random()
        deliverables.append(
            Deliverable(
                key=key,
                pillar=rnd.choice(_PILLARS),
                title=f"Deliverable {key}",
                duration_weeks=0 if roll < 0.05 else rnd.randint(1, 26),
                not_before=START + timedelta(days=rnd.randint(0, 700)) if 0.05 <= roll < 0.10 else None,
                due_by=START + timedelta(days=rnd.randint(100, 3000)) if 0.10 <= roll < 0.15 else None,
            )
        )
    dependencies = []
    for j in range(1, n):
        window = range(max(0, j - _WINDOW), j)
        for i in rnd.sample(window, min(len(window), rnd.choice(_PREDECESSOR_COUNTS))):
            kind = rnd.choices(_KINDS, weights=(70, 15, 15))[0]
            dependencies.append(Dependency(keys[i], keys[j], kind, rnd.randint(-4, 8)))
    rnd.shuffle(deliverables)
    rnd.shuffle(dependencies)
    return Plan(
        country="KEN",
        title=f"Benchmark roadmap of {n} deliverables",
        start_date=START,
        deliverables=tuple(deliverables),
        dependencies=tuple(dependencies),
    )


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of several timed runs, in seconds: the least disturbed by the rest of the machine."""
    best = float("inf")
    for _ in range(runs):
        gc.collect()  # each run starts from the same heap, not from the last run's garbage
        began = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - began)
    return best


def bare_networkx(plan: Plan) -> list[str]:
    """The floor: build the DiGraph and take one topological order, nothing else."""
    graph = nx.DiGraph()
    graph.add_nodes_from(d.key for d in plan.deliverables)
    graph.add_edges_from((x.predecessor, x.successor) for x in plan.dependencies)
    return list(nx.topological_sort(graph))


@dataclass(frozen=True)
class Timing:
    """One size's measurement."""

    n: int
    links: int
    sequence_s: float
    bare_s: float

    @property
    def ratio(self) -> float:
        """How many bare networkx passes one sequence() costs."""
        return self.sequence_s / self.bare_s


def measure_sequencing(sizes: tuple[int, ...] = SIZES, runs: int = RUNS) -> list[Timing]:
    """Time sequence() and the bare pass on a random plan of each size."""
    timings = []
    for n in sizes:
        plan = random_plan(n, seed=n)
        timings.append(
            Timing(
                n,
                len(plan.dependencies),
                best_of(runs, lambda p=plan: sequence(p)),
                best_of(runs, lambda p=plan: bare_networkx(p)),
            )
        )
    return timings


def report_sequencing(timings: list[Timing]) -> None:
    """Print the table, and the growth from 5k to 20k of sequence() and of the bare pass beside it."""
    print(f"sequence() against a bare networkx pass (build DiGraph + topological sort), best of {RUNS}")
    print(f"{'n':>8} {'links':>8} {'sequence s':>11} {'bare s':>9} {'ratio':>7}")
    for t in timings:
        print(f"{t.n:>8} {t.links:>8} {t.sequence_s:>11.4f} {t.bare_s:>9.4f} {t.ratio:>7.2f}")
    by_n = {t.n: t for t in timings}
    if 5_000 in by_n and 20_000 in by_n:
        small, large = by_n[5_000], by_n[20_000]
        growth = large.sequence_s / small.sequence_s
        verdict = "ok" if growth <= GROWTH_GOAL else "above the goal"
        print(f"growth time(20k) / time(5k) = {growth:.2f} (goal ≤ {GROWTH_GOAL}): {verdict}")
        # Caches and the allocator make even the bare pass grow faster than 4× on some machines;
        # its growth, measured in the same run, says how much of the figure is the machine's.
        print(f"bare networkx growth, same run = {large.bare_s / small.bare_s:.2f}")


def main() -> int:
    """Run every measurement in turn and print it; the figures are for reading, so the status is 0."""
    report_sequencing(measure_sequencing())
    return 0


if __name__ == "__main__":
    sys.exit(main())
