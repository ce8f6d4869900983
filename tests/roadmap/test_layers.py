"""The layer arrows: roadmap/ knows nothing of the web or the database; models/ nothing of views/."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
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


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0]


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_does_not_import_upwards(layer):
    offenders = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in (ROOT / layer).rglob("*.py")
        for module in imported_modules(path)
        if module in FORBIDDEN[layer]
    ]
    assert offenders == []
