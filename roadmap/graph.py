"""The dependency graph of a plan, and naming the loop when there is one."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from roadmap.i18n import N_, Explained


class DependencyLoopError(Explained):
    """The dependencies close a loop; ``loop`` lists its keys in order, first repeated last."""

    def __init__(self, loop: list[str]):
        super().__init__(N_("dependency loop: %(loop)s"), loop=" → ".join(loop))
        self.loop = loop


def build_graph(keys: Iterable[str], links: Iterable[tuple[str, str]]) -> nx.DiGraph:
    """A directed graph with one node per key and one edge per (predecessor, successor)."""
    graph = nx.DiGraph()
    graph.add_nodes_from(keys)
    graph.add_edges_from(links)
    return graph


def find_loop(graph: nx.DiGraph) -> list[str] | None:
    """One loop in the graph as keys in order (first repeated last), or None if it is acyclic."""
    # A topological sort is linear; nx.find_cycle on a large acyclic graph is not (it restarts
    # its search from every node), so it only runs inside one strongly connected component.
    if nx.is_directed_acyclic_graph(graph):
        return None
    cyclic = [c for c in nx.strongly_connected_components(graph) if len(c) > 1 or graph.has_edge(*[min(c)] * 2)]
    component = min(cyclic, key=min)
    edges = nx.find_cycle(graph.subgraph(component), source=min(component))
    loop = [edges[0][0]] + [v for _, v in edges]
    return _rotate_to_smallest(loop)


def check_acyclic(keys: Iterable[str], links: Iterable[tuple[str, str]]) -> None:
    """Raise DependencyLoopError naming the loop if the links close one."""
    loop = find_loop(build_graph(keys, links))
    if loop is not None:
        raise DependencyLoopError(loop)


def _rotate_to_smallest(loop: list[str]) -> list[str]:
    # The same loop can be entered at any node; starting from the smallest key makes the
    # message the same whatever order the links were stored in.
    ring = loop[:-1]
    i = ring.index(min(ring))
    ring = ring[i:] + ring[:i]
    return [*ring, ring[0]]
