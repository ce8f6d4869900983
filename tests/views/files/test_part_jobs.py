"""A print's parts printed by other workers: two real `cop-roadmap worker` processes (as on two machines)
on Redis, the printed files in the database; the worker that takes the print hands its parts to the
queue, the other prints them, and the PDF reads as one printed in one place."""

import re
import uuid

import pypdf
import pytest
import redis

from models import MembershipRole, db
from tests.conftest import make_app
from tests.factories import import_small, make_user
from tests.views.conftest import login
from tests.views.files.test_print_worker import Worker, large_roadmap, wait_for
from views.files.printing import export_pdf
from views.jobs.parts import parts_on_queue
from views.jobs.queue import queue_for

QUEUE = "redis://127.0.0.1:6379/14"


@pytest.fixture(params=["database on SQLite", "database on PostgreSQL", "S3 bucket"])
def shared_app(request, tmp_path, monkeypatch):
    """The app as installed on several machines: its queue on Redis, its printed files in the database
    or an S3 bucket; and the settings its workers start with."""
    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis server answers on 127.0.0.1:6379")
    url = request.getfixturevalue("pg_schema") if "PostgreSQL" in request.param else None
    name = f"cop-roadmap-test-{uuid.uuid4().hex[:8]}"
    settings = {"QUEUE_URL": QUEUE, "QUEUE_NAME": name, "PDF_STORE": "database", "PRINT_PARTS_ON_QUEUE": True}
    if "S3" in request.param:
        bucket = request.getfixturevalue("s3_bucket")
        settings.update(
            PDF_STORE="s3",
            S3_BUCKET=bucket["bucket"],
            S3_ENDPOINT_URL=bucket["endpoint_url"],
            S3_REGION=bucket["region"],
            S3_ACCESS_KEY_ID=bucket["access_key"],
            S3_SECRET_ACCESS_KEY=bucket["secret_key"],
        )
    app = make_app(tmp_path, monkeypatch, url, **settings)
    app.config["TEST_WORKER_SETTINGS"] = {
        **{f"COP_ROADMAP_{k}": str(v).lower() if isinstance(v, bool) else v for k, v in settings.items()},
        **({"DATABASE_URL": url} if url else {}),
    }
    yield app
    queue_for(app).storage.flush_all()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def page_words(data: bytes) -> list[list[str]]:
    from io import BytesIO

    return [sorted(page.extract_text().split()) for page in pypdf.PdfReader(BytesIO(data)).pages]


def test_a_prints_parts_are_printed_by_another_worker(shared_app, tmp_path):
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    workers = []
    try:
        with shared_app.app_context():
            assert parts_on_queue(shared_app)
            rid = large_roadmap(12)  # every part is there however few the deliverables
            make_user("viewer@example.org", KEN=MembershipRole.VIEWER)
            client = shared_app.test_client()
            login(client, "viewer@example.org")
            url = f"/roadmaps/{rid}/roadmap.pdf"
            # Two workers of one print at a time each: the one that takes the print is busy with it,
            # so its parts can only be printed by the other.
            workers = [Worker(shared_app, log, **shared_app.config["TEST_WORKER_SETTINGS"]) for log in logs]
            assert client.get(url).status_code == 202
            got = wait_for(lambda: (r := client.get(url)).status_code == 200 and r, 180, "the PDF", logs[0])
            texts = [log.read_text(errors="replace") for log in logs]
            printer, other = (0, 1) if "print job" in texts[0] else (1, 0)
            assert re.search(r"print job \d+: printing roadmap \d+, its parts on the queue", texts[printer])
            printed_elsewhere = re.findall(r"part job \w+: printed", texts[other])
            assert len(printed_elsewhere) >= 5, texts
            assert "part job" not in texts[printer]

            # The same roadmap printed in one process, nothing kept, reads page for page the same.
            from models import Roadmap

            alone = export_pdf(db.session.get(Roadmap, rid), use_cache=False)
            assert page_words(got.data) == page_words(alone.data)
    finally:
        for worker in workers:
            worker.stop()


def test_parts_stay_with_the_print_unless_asked_and_only_where_other_machines_can_take_them(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch)
    assert not parts_on_queue(app)  # off by default
    app.config["PRINT_PARTS_ON_QUEUE"] = True  # but the SQLite queue and the instance folder: one machine
    with pytest.raises(ValueError, match="needs a Redis queue"):
        parts_on_queue(app)
    app.config.update(QUEUE_URL=QUEUE, PDF_STORE="database")
    assert parts_on_queue(app)
    app.config["PRINT_PARTS_ON_QUEUE"] = "sometimes"
    with pytest.raises(ValueError, match="PRINT_PARTS_ON_QUEUE must be true or false"):
        parts_on_queue(app)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_a_small_roadmap_prints_with_its_parts_on_the_queue_run_here(shared_app):
    """The web's print, its part jobs and the print job all run by one in-process worker loop."""
    from tests.views.conftest import run_queued_jobs

    with shared_app.app_context():
        kenya = import_small()
        make_user("viewer@example.org", KEN=MembershipRole.VIEWER)
        client = shared_app.test_client()
        login(client, "viewer@example.org")
        assert client.get(f"/roadmaps/{kenya}/roadmap.pdf").status_code == 202
        # One loop, one job at a time: the print's parts wait for nobody and are printed by the print.
        assert run_queued_jobs(shared_app) >= 1
        assert client.get(f"/roadmaps/{kenya}/roadmap.pdf").data.startswith(b"%PDF")
