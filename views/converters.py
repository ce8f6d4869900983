"""The URL converter every ``<int:…>`` part of a URL goes through.

A number larger than any id (``/roadmaps/1/deliverables/99999999999999999999/edit``) would reach the
database and overflow its integer column, a server error. Bounded here, once for every route, such a
URL simply matches no route: 404.
"""

from __future__ import annotations

from werkzeug.routing import IntegerConverter

# The largest value of a PostgreSQL integer column, which every id is (SQLite's are larger).
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """``int`` in URLs, at most MAX_ID unless a route says otherwise."""

    def __init__(self, map, *args, **kwargs) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def register(app) -> None:
    """Install the converter before any route is added: a rule binds its converters when added."""
    app.url_map.converters["int"] = IdConverter
