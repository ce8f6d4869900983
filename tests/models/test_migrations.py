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


def test_a_roadmap_keeps_its_plan_when_migrations_rebuild_its_table(empty_app):
    # SQLite rebuilds a table to change its constraints: with foreign keys enforced, dropping the old
    # roadmaps table once emptied every deliverable, link and stakeholder of every roadmap (0011's
    # foreign key, both ways). Made at the head, then taken down past 0011 and up again.
    from sqlalchemy import func, select

    from models import Deliverable, Dependency, Indicator, Stakeholder
    from tests.factories import import_small

    def counts():
        tables = (Deliverable, Dependency, Stakeholder, Indicator)
        return {m.__name__: db.session.scalar(select(func.count()).select_from(m.__table__)) for m in tables}

    upgrade()
    import_small()
    before = counts()
    assert all(before.values())
    db.session.remove()
    downgrade(revision="0010")
    assert counts() == before
    db.session.remove()
    upgrade()
    assert counts() == before


def test_new_stakeholder_kinds_are_accepted_and_a_downgrade_files_them_under_old_kinds(empty_app):
    # 0016 widened the kind CHECK: a parliament is kept at the head; taken below 0016 it becomes
    # the government it was filed under before, instead of the downgrade failing on the old CHECK.
    from sqlalchemy import select, update

    from models import Stakeholder
    from tests.factories import import_small

    upgrade()
    import_small()
    first_id = db.session.scalars(select(Stakeholder.id).order_by(Stakeholder.id)).first()
    db.session.execute(update(Stakeholder).where(Stakeholder.id == first_id).values(kind="parliament"))
    db.session.commit()
    db.session.remove()
    downgrade(revision="0015")
    kind = select(Stakeholder.__table__.c.kind).where(Stakeholder.__table__.c.id == first_id)
    assert db.session.execute(kind).scalar_one() == "government"
    db.session.remove()
    upgrade()
    faith = update(Stakeholder).where(Stakeholder.id == first_id).values(kind="faith_traditional_leaders")
    db.session.execute(faith)
    db.session.commit()
    assert db.session.execute(kind).scalar_one() == "faith_traditional_leaders"


def test_new_threats_are_accepted_and_a_downgrade_drops_only_their_tags(empty_app):
    # 0020 widened the threat CHECK. Below it no old code means the same as a new one, so the new tags
    # go and the old ones stay; 0022's indicator sources go with their column.
    from sqlalchemy import func, insert, select, update

    from models import Deliverable, DeliverableThreat, Indicator
    from tests.factories import import_small

    upgrade()
    import_small()
    deliverable_id = db.session.scalars(select(Deliverable.id).order_by(Deliverable.id)).first()
    db.session.execute(insert(DeliverableThreat).values(deliverable_id=deliverable_id, threat="trafficking"))
    db.session.execute(update(Indicator).values(source="Police administrative records"))
    db.session.commit()
    threats = DeliverableThreat.__table__
    tags = select(func.count()).select_from(threats)
    before = db.session.scalar(tags)
    db.session.remove()
    downgrade(revision="0017")
    assert db.session.scalar(tags) == before - 1
    assert db.session.scalar(select(func.count()).where(threats.c.threat == "trafficking")) == 0
    db.session.remove()
    upgrade()
    db.session.execute(insert(DeliverableThreat).values(deliverable_id=deliverable_id, threat="discrimination"))
    db.session.commit()
    assert db.session.scalar(tags) == before
