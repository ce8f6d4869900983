"""The shape of the code: the layer arrows, no import cycle, packages a newcomer can read.

roadmap/ knows nothing of the web or the database; models/ nothing of views/. Inside the layers,
modules import each other without a loop, every package says what it holds, and no folder grows
past what a reader can take in at a glance.
"""

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("roadmap", "models", "views")
FORBIDDEN = {
    "roadmap": {
        "flask",
        "flask_sqlalchemy",
        "flask_login",
        "flask_wtf",
        "flask_babel",
        "sqlalchemy",
        "models",
        "views",
    },
    "models": {"views", "flask_login", "flask_wtf", "flask_babel"},
}
MAX_MODULES_PER_FOLDER = 20


def product_files():
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            # Alembic's revision files are generated history, not modules anyone imports.
            if "versions" not in path.relative_to(ROOT).parts:
                yield path


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def import_targets(tree: ast.Module, modules: set[str]):
    """Every module an import statement names, wherever it stands (inside functions too), except under
    ``if TYPE_CHECKING:``, which never runs. ``from a import b`` names ``a.b`` when that is a module."""
    typing_only = {id(inner) for node in ast.walk(tree) if _is_type_checking(node) for inner in ast.walk(node)}
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                yield submodule if submodule in modules else node.module


def import_graph() -> nx.DiGraph:
    paths = {module_name(path): path for path in product_files()}
    graph = nx.DiGraph()
    graph.add_nodes_from(paths)
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph.add_edges_from((name, target) for target in import_targets(tree, set(paths)) if target in paths)
    graph.remove_edges_from(nx.selfloop_edges(graph))
    return graph


def test_the_import_graph_is_read_from_the_code():
    graph = import_graph()
    # A few edges that must be there, so an empty or broken graph cannot pass the test below.
    assert graph.has_edge("views.cli", "views")
    assert graph.has_edge("models.operations", "models.operations.editing")
    assert graph.has_edge("models.operations.editing", "models.operations.core")
    assert graph.number_of_edges() > 300


def test_no_import_cycle_among_product_modules():
    cycles = [" → ".join([*cycle, cycle[0]]) for cycle in nx.simple_cycles(import_graph())]
    assert cycles == []


def test_imports_only_for_type_checking_are_left_out():
    tree = ast.parse("from models.operations import core\nif TYPE_CHECKING:\n    import views.cli\n")
    assert list(import_targets(tree, {"models.operations.core", "views.cli"})) == ["models.operations.core"]


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_does_not_import_upwards(layer):
    offenders = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in (ROOT / layer).rglob("*.py")
        for module in import_targets(ast.parse(path.read_text(encoding="utf-8")), set())
        if module.split(".")[0] in FORBIDDEN[layer]
    ]
    assert offenders == []


def test_every_package_says_what_it_holds():
    undocumented = [
        str(init.parent.relative_to(ROOT))
        for init in (path for path in product_files() if path.name == "__init__.py")
        if not ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
    ]
    assert undocumented == []


def test_no_folder_holds_more_than_twenty_modules():
    folders = {path.parent for path in product_files()}
    folders |= {path.parent for folder in ("tests", "bench") for path in (ROOT / folder).rglob("*.py")}
    crowded = {
        str(folder.relative_to(ROOT)): count
        for folder in folders
        if (count := len(list(folder.glob("*.py")))) > MAX_MODULES_PER_FOLDER
    }
    assert crowded == {}


def test_no_import_is_placed_late_to_dodge_a_cycle():
    late = [str(path.relative_to(ROOT)) for path in product_files() if "noqa: E402" in path.read_text("utf-8")]
    assert late == []
