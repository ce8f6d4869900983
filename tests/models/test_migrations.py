"""Migrations build exactly the models' schema, and downgrade cleanly."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from models import db
from tests.conftest import make_app
from views.migrations import set_up_migrations


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_app(request, tmp_path, monkeypatch):
    url = request.getfixturevalue("pg_schema") if request.param == "postgresql" else None
    app = make_app(tmp_path, monkeypatch, url, create_schema=False)
    set_up_migrations(app)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def schema_differences():
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def test_upgrade_head_gives_exactly_the_models_schema(empty_app):
    upgrade()
    assert schema_differences() == []


def test_downgrade_removes_everything_and_upgrade_comes_back(empty_app):
    upgrade()
    downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade()
    assert schema_differences() == []


def test_upgrade_is_idempotent(empty_app):
    upgrade()
    upgrade()
    assert "roadmaps" in inspect(db.engine).get_table_names()
