"""Every refusal the model layer (and the domain errors that reach pages, the problems of an imported
file among them) can raise is a message id marked for translation, and each of those ids is translated
in the six catalogs."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

# Loaded so that every error class is known.
import models.operations
import models.operations.printing  # noqa: F401
import roadmap.exchange.spreadsheet
import roadmap.sequencing
import roadmap.whatif  # noqa: F401
import views.files.upload_store  # noqa: F401
from roadmap.i18n import Explained, Phrase
from views.extensions import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
# Where the errors that carry a message id are raised.
SOURCES = [ROOT / "models" / "operations", ROOT / "roadmap" / "graph.py", ROOT / "roadmap" / "sequencing.py"]
SOURCES += [ROOT / "roadmap" / "whatif.py", ROOT / "roadmap" / "followup.py", ROOT / "roadmap" / "printing" / "logo.py"]
SOURCES += [ROOT / "roadmap" / "exchange", ROOT / "views" / "files" / "upload_store.py"]


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    return found.union(*(_subclasses(c) for c in found)) if found else found


def _message_position(cls: type) -> int | None:
    """Where the class takes its message: the position of its ``message`` parameter, None if it makes its own."""
    names = [p.name for p in inspect.signature(cls.__init__).parameters.values()][1:]
    return names.index("message") if "message" in names else None


# Error class name -> where its message goes (VersionConflict takes what is saved first).
EXPLAINED = {c.__name__: _message_position(c) for c in {Explained, *_subclasses(Explained)}}
# Words put together for a page (a problem found in an uploaded spreadsheet) are marked the same way.
EXPLAINED[Phrase.__name__] = 0


def _files() -> list[Path]:
    return [f for s in SOURCES for f in ([s] if s.is_file() else sorted(s.rglob("*.py")))]


def _message_argument(call: ast.Call, position: int | None) -> ast.expr | None:
    if position is None:
        return None
    given = {k.arg: k.value for k in call.keywords}
    return call.args[position] if len(call.args) > position else given.get("message")


def _plain_text(node: ast.expr) -> bool:
    """Text that no extractor sees: a literal or an f-string not wrapped in N_, or str() of something."""
    if isinstance(node, ast.IfExp):
        return _plain_text(node.body) or _plain_text(node.orelse)
    if isinstance(node, ast.Constant | ast.JoinedStr | ast.BinOp):
        return True
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str"


def test_the_model_layer_raises_its_refusals_as_marked_message_ids():
    assert EXPLAINED["VersionConflict"] == 1 and EXPLAINED["OperationError"] == 0 and "PrintRefused" in EXPLAINED
    assert EXPLAINED["FormatError"] == 0 and EXPLAINED["SpreadsheetFileError"] == 0
    unmarked = []
    for path in _files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute)):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
            if name not in EXPLAINED or (message := _message_argument(node, EXPLAINED[name])) is None:
                continue
            if _plain_text(message):
                unmarked.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert unmarked == []


def _marked() -> set[str]:
    # Extracted as `make messages` extracts them: every N_ in the places the refusals are raised.
    found = set()
    for source in {s if s.is_dir() else s.parent for s in SOURCES}:
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(source), method_map=[("**.py", "python")], keywords={"N_": None}
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_refusal_is_translated_in_every_language(lang):
    marked = _marked()
    assert "dependency loop: %(loop)s" in marked and "another stakeholder already has the key %(key)s" in marked
    assert "%(value)s is not a whole number" in marked and 'no stakeholder has the key "%(key)s"' in marked
    with (ROOT / "views" / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f, locale=lang)
    missing = sorted(m for m in marked if not (catalog.get(m) and catalog.get(m).string))
    assert missing == [], f"{lang}: translate {missing[:5]}"
