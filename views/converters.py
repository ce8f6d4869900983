"""The URL converter every ``<int:…>`` part of a URL goes through.

A number larger than any id (``/roadmaps/1/deliverables/99999999999999999999/edit``) would reach the
database and overflow its integer column, a server error. Read here, once for every route, such a
number becomes 0, which no row has (ids count from 1): the route answers 404 as for any id not
found. Refusing the match instead would let Werkzeug answer another route's 405 for a PUT or DELETE.
"""

from __future__ import annotations

from werkzeug.routing import IntegerConverter

# The largest value of a PostgreSQL integer column, which every id is (SQLite's are larger).
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """``int`` in URLs: a number past MAX_ID is read as 0, an id no row has."""

    def to_python(self, value: str) -> int:
        number = super().to_python(value)
        return number if number <= MAX_ID else 0


def register(app) -> None:
    """Install the converter before any route is added: a rule binds its converters when added."""
    app.url_map.converters["int"] = IdConverter
