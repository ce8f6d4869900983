from collections import Counter

import networkx as nx

from roadmap.catalog import load_catalog, templates_by_key, templates_for
from roadmap.threats import Threat
from roadmap.vocabulary import Pillar


def test_catalog_is_large_enough_in_every_pillar():
    catalog = load_catalog()
    assert len(catalog) >= 40
    per_pillar = Counter(t.pillar for t in catalog)
    assert all(per_pillar[p] >= 6 for p in Pillar), per_pillar


def test_keys_are_unique():
    keys = [t.key for t in load_catalog()]
    assert len(keys) == len(set(keys))


def test_dependencies_resolve_and_never_point_at_themselves():
    by_key = templates_by_key()
    for t in load_catalog():
        for link in t.depends_on:
            assert link.template in by_key, f"{t.key} depends on unknown {link.template}"
            assert link.template != t.key


def test_template_graph_is_acyclic():
    graph = nx.DiGraph((link.template, t.key) for t in load_catalog() for link in t.depends_on)
    assert nx.is_directed_acyclic_graph(graph)


def test_every_template_is_complete():
    for t in load_catalog():
        assert t.title and len(t.title) <= 200
        assert len(t.description) > 80, f"{t.key}: description is too short to guide a user"
        assert 0 <= t.duration_weeks <= 520
        assert 1 <= len(t.indicators) <= 2, t.key
        assert all(i.name and i.unit for i in t.indicators), t.key


def test_every_threat_is_addressed_somewhere():
    covered = {threat for t in load_catalog() for threat in t.threats}
    assert covered == set(Threat)


def test_templates_for_keeps_catalog_order():
    legal = templates_for(Pillar.LEGAL)
    assert legal and all(t.pillar == Pillar.LEGAL for t in legal)
    order = [t.key for t in load_catalog() if t.pillar == Pillar.LEGAL]
    assert [t.key for t in legal] == order
