"""The starter catalog's words for pybabel: titles, descriptions and indicators are translated like
any interface string, so adding a template to catalog.json needs no code, only `make translations`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO

TRANSLATED_FIELDS = ("title", "description")
INDICATOR_FIELDS = ("name", "unit", "source")


def catalog_messages(raw: dict) -> Iterator[str]:
    """Every translatable string of a parsed catalog.json, in file order."""
    for template in raw["templates"]:
        for name in TRANSLATED_FIELDS:
            yield template[name]
        for indicator in template["indicators"]:
            for name in INDICATOR_FIELDS:
                if indicator.get(name):
                    yield indicator[name]


def extract(fileobj: IO[bytes], keywords: object, comment_tags: object, options: object) -> Iterator[tuple]:
    """A Babel extraction method (see babel.cfg): (lineno, funcname, message, comments) per string."""
    for message in catalog_messages(json.loads(fileobj.read().decode("utf-8"))):
        yield 0, None, message, []
