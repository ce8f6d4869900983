"""A roadmap's pages cost a fixed number of SQL statements, whatever the roadmap's size."""

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from bench.pdf import large_plan
from models import db
from models.operations import Actor, import_plan
from tests.views.conftest import login

PAGES = [
    "/roadmaps/{id}",
    "/roadmaps/{id}/pillars",
    "/roadmaps/{id}/wizard/review",
    "/roadmaps/{id}/wizard/dependencies",
    "/roadmaps/{id}/wizard/legal",
    "/roadmaps/{id}/stakeholders/",
    "/roadmaps/{id}/threats",
    "/roadmaps/{id}/history",
]


@contextmanager
def counted():
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


@pytest.mark.parametrize("page", PAGES)
def test_the_number_of_queries_does_not_grow_with_the_roadmap(client, world, page):
    small = import_plan(large_plan(30), Actor("test"))
    large = import_plan(large_plan(300), Actor("test"))
    login(client, "admin@example.org")
    counts = {}
    for n, rid in ((30, small), (300, large)):
        url = page.format(id=rid)
        assert client.get(url).status_code == 200
        with counted() as statements:
            assert client.get(url).status_code == 200
        counts[n] = len(statements)
    assert counts[300] == counts[30], counts
    assert counts[30] <= 20, counts
