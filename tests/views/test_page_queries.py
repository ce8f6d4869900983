"""A roadmap's pages cost a fixed number of SQL statements, whatever the roadmap's size."""

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from bench.pdf import large_plan
from models import db
from models.operations import Actor, import_plan
from tests.conftest import make_app
from tests.views.conftest import login

PAGES = [
    "/roadmaps/{id}",
    "/roadmaps/{id}/pillars",
    "/roadmaps/{id}/pillars?page=2",
    "/roadmaps/{id}/timeline",
    "/roadmaps/{id}/graph",
    "/roadmaps/{id}/wizard/review",
    "/roadmaps/{id}/wizard/dependencies",
    "/roadmaps/{id}/wizard/dependencies?add=L1-1",
    "/roadmaps/{id}/wizard/legal",
    "/roadmaps/{id}/stakeholders/?once=" + "T" * 32,  # as its page is opened: with a one-time token
    "/roadmaps/{id}/threats",
    "/roadmaps/{id}/history",
    "/roadmaps/{id}/progress",
    "/roadmaps/{id}/review",
]


@pytest.fixture
def app(tmp_path, monkeypatch):
    """The app without the sessions' clean-up, which deletes expired rows on a request drawn at random:
    one more statement on one page, now and then, is not the roadmap's size showing."""
    application = make_app(tmp_path, monkeypatch, SESSION_CLEANUP_N_REQUESTS=0)
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


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
def test_the_number_of_queries_does_not_grow_with_the_roadmap(app, client, world, page):
    small = import_plan(large_plan(30), Actor("test"))
    large = import_plan(large_plan(300), Actor("test"))
    login(client, "admin@example.org")
    counts = {}
    for n, rid in ((30, small), (300, large)):
        url = page.format(id=rid)
        # Each request in an app context of its own, as served: the test's would carry the objects an
        # earlier request loaded (or expired) into the next, and the count with them.
        with app.app_context():
            assert client.get(url).status_code == 200
        with app.app_context(), counted() as statements:
            assert client.get(url).status_code == 200
        counts[n] = len(statements)
    assert counts[300] == counts[30], counts
    assert counts[30] <= 20, counts


WORKSPACE = [
    "/roadmaps/{id}",
    "/roadmaps/{id}/pillars",
    "/roadmaps/{id}/timeline",
    "/roadmaps/{id}/graph",
    "/roadmaps/{id}/threats",
    "/roadmaps/{id}/history",
    "/roadmaps/{id}/stakeholders/?once=" + "T" * 32,  # as its page is opened: with a one-time token
    "/roadmaps/{id}/wizard/review",
    "/roadmaps/{id}/wizard/dependencies",
    "/roadmaps/{id}/wizard/dependencies?add=L1-1",
    "/roadmaps/{id}/wizard/legal",
    "/roadmaps/{id}/what-if?key=L1-1&weeks=4",
    "/roadmaps/{id}/progress",
    "/roadmaps/{id}/review",
]
STYLESHEET = "/static/site.css"


def test_every_workspace_page_of_300_deliverables_weighs_at_most_200_kb(client, world):
    """HTML and CSS together (the pages load no script): what a slow connection has to fetch."""
    rid = import_plan(large_plan(300), Actor("test"))
    login(client, "admin@example.org")
    stylesheet = client.get(STYLESHEET)
    css = len(stylesheet.data)
    stylesheet.close()
    for page in WORKSPACE:
        response = client.get(page.format(id=rid))
        assert response.status_code == 200, page
        html = response.get_data(as_text=True)
        assert "<script" not in html, page
        assert len(response.data) + css <= 200 * 1024, (page, len(response.data) // 1024)
