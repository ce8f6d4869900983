import pytest

from roadmap.graph import DependencyLoopError, build_graph, check_acyclic, find_loop


def test_acyclic_graph_passes():
    check_acyclic(["A", "B", "C"], [("A", "B"), ("B", "C"), ("A", "C")])


def test_loop_is_named_in_order_from_its_smallest_key():
    with pytest.raises(DependencyLoopError) as err:
        check_acyclic(["O1", "O4", "X"], [("O4", "O1"), ("O1", "O4"), ("X", "O1")])
    assert str(err.value) == "dependency loop: O1 → O4 → O1"
    assert err.value.loop == ["O1", "O4", "O1"]


def test_longer_loop_follows_the_links():
    loop = find_loop(build_graph("ABCD", [("C", "D"), ("B", "C"), ("D", "B"), ("A", "B")]))
    assert loop == ["B", "C", "D", "B"]


def test_the_message_does_not_depend_on_link_order():
    links = [("P", "Q"), ("Q", "R"), ("R", "P")]
    assert find_loop(build_graph("PQR", links)) == find_loop(build_graph("RQP", list(reversed(links))))
