"""A layered drawing of a directed graph whose columns are given: order within columns, then heights.

This is the usual layered (Sugiyama) recipe cut down to what a roadmap needs. A link that skips
columns gets a chain of placeholder points, one per column it crosses, so it can be routed between
boxes instead of through them and takes part in the ordering like any node. Order: barycentre sweeps,
keeping the order with the fewest crossings seen (the starting order counts, so it never gets worse).
Heights: each column in turn is pulled towards its neighbours and then put back in order with its
spacing by isotonic regression, which moves the boxes as little as the spacing allows.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Layout:
    """Where everything goes: columns of node numbers top to bottom and each node's centre height.

    Numbers below ``real`` are the input keys in the order given; the rest are placeholder points.
    ``chains`` holds, for each input edge, the numbers its drawing passes through, source first.
    """

    real: int
    column: tuple[int, ...]
    columns: tuple[tuple[int, ...], ...]
    y: tuple[float, ...]
    chains: tuple[tuple[int, ...], ...]
    crossings: int
    initial_crossings: int


def layered_layout(
    columns: Sequence[Sequence[str]],
    edges: Sequence[tuple[str, str]],
    *,
    node_height: float,
    node_gap: float,
    point_gap: float,
    sweeps: int = 8,
) -> Layout:
    """Lay out keys in the given columns (initial order as given); every edge must run to a later column."""
    number = {key: i for i, key in enumerate(key for col in columns for key in col)}
    real = len(number)
    column = [c for c, col in enumerate(columns) for _ in col]
    layers = [[number[k] for k in col] for col in columns]
    up: list[list[int]] = [[] for _ in range(real)]
    down: list[list[int]] = [[] for _ in range(real)]
    chains = []
    placeholders: list[list[tuple[int, int]]] = [[] for _ in columns]
    for source, target in edges:
        u, v = number[source], number[target]
        if column[v] <= column[u]:
            raise ValueError(f"edge {source} → {target} does not run to a later column")
        chain = [u]
        for c in range(column[u] + 1, column[v]):
            point = len(column)
            column.append(c)
            up.append([])
            down.append([])
            placeholders[c].append((layers[column[u]].index(u), point))
            chain.append(point)
        chain.append(v)
        for p, s in itertools.pairwise(chain):
            down[p].append(s)
            up[s].append(p)
        chains.append(tuple(chain))
    # Placeholders start below the boxes, in the order of their sources: the sweeps move them.
    for c, extra in enumerate(placeholders):
        layers[c].extend(point for _, point in sorted(extra))

    pos = [0] * len(column)
    for layer in layers:
        for i, v in enumerate(layer):
            pos[v] = i
    initial = best = _crossings(layers, down, pos)
    best_layers = [list(layer) for layer in layers]
    for _ in range(sweeps):
        for downward in (True, False):
            _sweep(layers, up if downward else down, pos, downward)
            count = _crossings(layers, down, pos)
            if count < best:
                best, best_layers = count, [list(layer) for layer in layers]
    for layer in best_layers:
        for i, v in enumerate(layer):
            pos[v] = i

    height = [node_height if v < real else 0.0 for v in range(len(column))]
    y = _heights(best_layers, up, down, height, real, node_gap, point_gap)
    return Layout(
        real=real,
        column=tuple(column),
        columns=tuple(tuple(layer) for layer in best_layers),
        y=tuple(y),
        chains=tuple(chains),
        crossings=best,
        initial_crossings=initial,
    )


def _sweep(layers: list[list[int]], neighbours: list[list[int]], pos: list[int], downward: bool) -> None:
    # Each column sorted by the mean place of its neighbours in the column just fixed; a node with
    # none keeps its place as its key, and ties keep the current order, so the result is deterministic.
    order = range(1, len(layers)) if downward else range(len(layers) - 2, -1, -1)
    for c in order:
        layer = layers[c]
        keys = {}
        for v in layer:
            near = neighbours[v]
            keys[v] = (sum(pos[u] for u in near) / len(near) if near else pos[v], pos[v])
        layer.sort(key=keys.__getitem__)
        for i, v in enumerate(layer):
            pos[v] = i


def _crossings(layers: list[list[int]], down: list[list[int]], pos: list[int]) -> int:
    """Edge crossings between each pair of neighbouring columns, counted as inversions."""
    total = 0
    for layer in layers[:-1]:
        pairs = sorted((pos[u], pos[v]) for u in layer for v in down[u])
        size = max((b for _, b in pairs), default=0) + 1
        tree = [0] * (size + 1)  # a Fenwick tree over lower positions seen so far
        for seen, (_, b) in enumerate(pairs):
            i, below = b + 1, 0
            while i > 0:
                below += tree[i]
                i -= i & -i
            total += seen - below  # earlier edges ending strictly lower down cross this one
            i = b + 1
            while i <= size:
                tree[i] += 1
                i += i & -i
    return total


def _heights(layers, up, down, height, real, node_gap, point_gap) -> list[float]:
    y = [0.0] * len(height)
    for layer in layers:
        at = 0.0
        for i, v in enumerate(layer):
            if i:
                at += _gap(layer[i - 1], v, height, real, node_gap, point_gap)
            y[v] = at
    both = [a + b for a, b in zip(up, down, strict=True)]
    passes = [up, down] * 4 + [both, both]
    for neighbours in passes:
        columns = layers if neighbours is not down else layers[::-1]
        for layer in columns:
            want = [sum(y[u] for u in neighbours[v]) / len(neighbours[v]) if neighbours[v] else y[v] for v in layer]
            gaps = [_gap(a, b, height, real, node_gap, point_gap) for a, b in itertools.pairwise(layer)]
            weights = [1.0 if v < real else 0.6 for v in layer]  # boxes hold their ground; links bend
            for v, value in zip(layer, _spaced_fit(want, gaps, weights), strict=True):
                y[v] = value
    top = min((y[v] - height[v] / 2 for v in range(len(y))), default=0.0)
    return [value - top for value in y]


def _gap(a: int, b: int, height: list[float], real: int, node_gap: float, point_gap: float) -> float:
    return height[a] / 2 + height[b] / 2 + (node_gap if a < real and b < real else point_gap)


def _spaced_fit(want: list[float], gaps: list[float], weights: list[float]) -> list[float]:
    """The closest heights to ``want`` (weighted least squares) that keep the order and at least ``gaps`` apart."""
    offset = [0.0]
    for g in gaps:
        offset.append(offset[-1] + g)
    # With z = y − offset the spacing becomes plain non-decreasing order: pool adjacent violators.
    blocks: list[list[float]] = []  # [weighted mean, weight, count]
    for w, o, wt in zip(want, offset, weights, strict=True):
        blocks.append([w - o, wt, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, w2, n2 = blocks.pop()
            m1, w1, n1 = blocks.pop()
            blocks.append([(m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2, n1 + n2])
    z = [m for m, _, n in blocks for _ in range(int(n))]
    return [value + o for value, o in zip(z, offset, strict=True)]
