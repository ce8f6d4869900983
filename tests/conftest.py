"""Fixtures shared by the whole suite: apps on a real SQLite file, and on PostgreSQL when configured;
a bucket on a real S3 server when one is configured."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from models import db
from views import create_app

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
TEST_S3_ENDPOINT_URL = os.environ.get("TEST_S3_ENDPOINT_URL")
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


@pytest.fixture
def s3_bucket():
    """A fresh bucket on the S3 server at TEST_S3_ENDPOINT_URL (`make test` starts one with
    scripts/s3-test-server), with what a client needs to reach it; emptied and deleted afterwards."""
    if not TEST_S3_ENDPOINT_URL:
        pytest.skip("TEST_S3_ENDPOINT_URL is not set: no S3 server (make test starts one: scripts/s3-test-server)")
    import boto3  # only the S3 tests need it
    from botocore.config import Config

    settings = {
        "endpoint_url": TEST_S3_ENDPOINT_URL,
        "access_key": os.environ["TEST_S3_ACCESS_KEY"],
        "secret_key": os.environ["TEST_S3_SECRET_KEY"],
        "region": os.environ.get("TEST_S3_REGION") or "us-east-1",
        "bucket": f"t-{uuid.uuid4().hex[:12]}",
    }
    s3 = boto3.client(
        "s3",
        endpoint_url=settings["endpoint_url"],
        aws_access_key_id=settings["access_key"],
        aws_secret_access_key=settings["secret_key"],
        region_name=settings["region"],
        config=Config(s3={"addressing_style": "path"}),
    )
    bucket = settings["bucket"]
    s3.create_bucket(Bucket=bucket)
    try:
        yield settings
    finally:
        # Every version and unfinished upload goes first: S3 deletes only an empty bucket.
        for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
            gone = [
                {"Key": version["Key"], "VersionId": version["VersionId"]}
                for version in page.get("Versions", []) + page.get("DeleteMarkers", [])
            ]
            if gone:
                s3.delete_objects(Bucket=bucket, Delete={"Objects": gone, "Quiet": True})
        for page in s3.get_paginator("list_multipart_uploads").paginate(Bucket=bucket):
            for upload in page.get("Uploads", []):
                s3.abort_multipart_upload(Bucket=bucket, Key=upload["Key"], UploadId=upload["UploadId"])
        s3.delete_bucket(Bucket=bucket)
        s3.close()


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
