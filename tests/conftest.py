"""Fixtures shared by the whole suite: apps on a real SQLite file, and on PostgreSQL when configured."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from models import db
from views import create_app

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def _pg_url(schema: str) -> str:
    base = TEST_DATABASE_URL.replace("postgresql://", "postgresql+psycopg://", 1)
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture
def pg_schema():
    """A fresh PostgreSQL schema for one test, dropped afterwards."""
    if not TEST_DATABASE_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(TEST_DATABASE_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _pg_url(schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def make_app(tmp_path: Path, monkeypatch, database_url: str | None = None, create_schema: bool = True, **config):
    """An app with its own instance folder and database; tables created from the models."""
    monkeypatch.setenv("COP_ROADMAP_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings = {"TESTING": True, "WTF_CSRF_ENABLED": False, "SECRET_KEY": "test-secret"}
    if database_url:
        settings["SQLALCHEMY_DATABASE_URI"] = database_url
    settings.update(config)
    app = create_app(settings)
    if create_schema:
        with app.app_context():
            db.create_all()
    return app


def _dispose(app) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def app(tmp_path, monkeypatch):
    """The app on a fresh SQLite file."""
    application = make_app(tmp_path, monkeypatch)
    yield application
    _dispose(application)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_app(request, tmp_path, monkeypatch):
    """The app on SQLite, and again on PostgreSQL when TEST_DATABASE_URL is set."""
    url = request.getfixturevalue("pg_schema") if request.param == "postgresql" else None
    application = make_app(tmp_path, monkeypatch, url)
    yield application
    _dispose(application)


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield app


@pytest.fixture
def db_ctx(db_app):
    with db_app.app_context():
        yield db_app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def mpxj_reader(tmp_path_factory):
    """MPXJ (the reader ProjectLibre and many planning tools use) in a JVM started once for the
    session, reading exported Microsoft Project files back; skipped only if no Java runtime starts."""
    jpype = pytest.importorskip("jpype")
    pytest.importorskip("mpxj")  # puts the MPXJ jars on the class path
    if not jpype.isJVMStarted():
        try:
            jpype.startJVM()
        except (OSError, RuntimeError) as exc:  # JVMNotFoundException is an OSError
            pytest.skip(f"no Java runtime could be started ({exc}); install one, e.g. default-jre-headless")
    from org.mpxj.reader import UniversalProjectReader

    folder = tmp_path_factory.mktemp("mspdi")

    def read(data: bytes):
        path = folder / "roadmap.xml"
        path.write_bytes(data)
        return UniversalProjectReader().read(str(path))

    return read
