"""The real `cop-roadmap worker` printing what the web queued: on the embedded SQLite queue, after a
worker was killed mid-print, and on Redis."""

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from sqlalchemy import select, update

from models import MembershipRole, PrintJob, PrintStatus, db
from models.base import utcnow
from tests.conftest import make_app
from tests.factories import import_small, make_user
from tests.views.conftest import login, run_queued_jobs
from views.jobs.queue import queue_for

SCRIPT = shutil.which("cop-roadmap", path=str(Path(sys.executable).parent)) or shutil.which("cop-roadmap")
PILLARS = ["legal", "technical", "organizational", "capacity", "cooperation"]


def large_roadmap(count: int) -> int:
    """A roadmap long enough that its print takes several seconds."""
    words = "The national team reviews each clause with the regulator and child-rights groups. " * 6
    deliverables = [
        {
            "key": f"D{i}",
            "pillar": PILLARS[i % 5],
            "title": f"Deliverable {i}",
            "duration_weeks": 4,
            "lead": "MOICT",
            "description": words,
        }
        for i in range(count)
    ]
    links = [{"from": f"D{i}", "to": f"D{i + 5}"} for i in range(count - 5)]
    return import_small(deliverables=deliverables, dependencies=links, title="Large roadmap")


class Worker:
    """`cop-roadmap worker` in its own process group, as a service manager would run it."""

    def __init__(self, app, log: Path, **settings: str):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("COP_ROADMAP_", "FLASK_"))}
        env.pop("DATABASE_URL", None)
        env["COP_ROADMAP_INSTANCE"] = app.instance_path
        env.update(settings)
        self.log = log.open("ab")
        self.process = subprocess.Popen(
            [SCRIPT, "worker", "--processes", "1"],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self) -> None:
        """Gone at once with everything it started, as when its machine loses power."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        self.log.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


@pytest.fixture
def workers(app, tmp_path):
    started = []

    def start() -> Worker:
        worker = Worker(app, tmp_path / "worker.log")
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def printing_for(instance: str) -> list[int]:
    """The processes still running with this instance folder (a worker, its renders, their parts)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            environ = (proc / "environ").read_bytes().split(b"\0")
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if f"COP_ROADMAP_INSTANCE={instance}".encode() in environ and state != "Z":
            found.append(int(proc.name))
    return found


def the_job() -> PrintJob:
    db.session.expire_all()
    return db.session.scalars(select(PrintJob)).one()


def wait_for(condition, seconds: float, what: str, log: Path | None = None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.25)
    detail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise AssertionError(f"waited {seconds} s for {what}\n{detail}")


def test_a_print_queued_while_no_worker_ran_is_printed_when_one_starts(client, world, app, workers, tmp_path):
    login(client, "viewer@example.org")
    url = f"/roadmaps/{world['kenya']}/roadmap.pdf"
    assert client.get(url).status_code == 202  # queued on the SQLite queue in the instance folder
    workers()
    done = wait_for(
        lambda: (r := client.get(url)).status_code == 200 and r, 120, "the worker's PDF", tmp_path / "worker.log"
    )
    assert done.data.startswith(b"%PDF")
    # The file is served from the moment it is stored; the job is marked done just after.
    wait_for(lambda: the_job().status == PrintStatus.DONE, 10, "the job to be marked done")


def test_a_worker_killed_mid_print_is_replaced_and_the_print_finishes(client, world, app, workers, tmp_path):
    rid = large_roadmap(30)  # long enough to be caught mid-print, short enough to print twice quickly
    login(client, "viewer@example.org")
    url = f"/roadmaps/{rid}/roadmap.pdf"
    client.get(url)
    status = f"/roadmaps/{rid}/prints/{the_job().id}"
    first = workers()
    wait_for(lambda: the_job().status == PrintStatus.RUNNING, 60, "the print to start", tmp_path / "worker.log")
    first.kill()
    assert the_job().status == PrintStatus.RUNNING  # nobody knows yet
    # Its render, and the parts that render forked, do not print on with nobody waiting for them.
    wait_for(lambda: not printing_for(app.instance_path), 6, "the orphaned render to stop")

    assert client.get(status).get_json()["status"] == "running"  # its last heartbeat is recent

    # Once it has been silent longer than a worker ever is, the next look queues the print again.
    db.session.execute(update(PrintJob).values(heartbeat_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    assert client.get(status).get_json()["status"] == "queued"

    workers()
    state = wait_for(
        lambda: (s := client.get(status).get_json())["status"] in ("done", "failed") and s,
        180,
        "the second attempt",
        tmp_path / "worker.log",
    )
    assert state["status"] == "done", state
    assert the_job().attempts == 2
    assert client.get(url).data.startswith(b"%PDF")


@pytest.fixture
def redis_app(tmp_path, monkeypatch):
    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis server answers on 127.0.0.1:6379")
    name = f"cop-roadmap-test-{uuid.uuid4().hex[:8]}"
    app = make_app(tmp_path, monkeypatch, QUEUE_URL="redis://127.0.0.1:6379/14", QUEUE_NAME=name)
    yield app
    queue_for(app).storage.flush_all()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_prints_queue_on_redis_when_configured(redis_app):
    with redis_app.app_context():
        kenya = import_small()
        make_user("viewer@example.org", KEN=MembershipRole.VIEWER)
        client = redis_app.test_client()
        login(client, "viewer@example.org")
        url = f"/roadmaps/{kenya}/roadmap.pdf"
        assert client.get(url).status_code == 202
        queue = queue_for(redis_app)
        assert type(queue.storage).__name__ == "RedisStorage" and queue.pending_count() == 1
        assert not (Path(redis_app.instance_path) / "queue.sqlite3").exists()
        assert run_queued_jobs(redis_app) == 1
        assert client.get(url).data.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("url", "said"),
    [("redis://127.0.0.1:9/0", "cannot reach the job queue: Error 111"), ("http://x", "must be a redis:// address")],
)
def test_a_worker_that_cannot_reach_its_queue_says_so_in_one_line(tmp_path, url, said):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COP_ROADMAP_", "FLASK_"))}
    env.update(COP_ROADMAP_INSTANCE=str(tmp_path / "instance"), COP_ROADMAP_QUEUE_URL=url)
    done = subprocess.run([SCRIPT, "worker"], env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1 and said in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_a_queue_out_of_reach_fails_the_print_with_try_again_at_once(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, QUEUE_URL="redis://127.0.0.1:9/0")
    with app.app_context():
        kenya = import_small()
        make_user("viewer@example.org", KEN=MembershipRole.VIEWER)
        client = app.test_client()
        login(client, "viewer@example.org")
        failed = client.get(f"/roadmaps/{kenya}/roadmap.pdf")
        assert failed.status_code == 503  # the printer could not be reached: it may be tried again at once
        page = failed.get_data(as_text=True)
        assert "the print queue could not be reached" in page and "Try again" in page
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize(
    ("settings", "said"),
    [
        ({"COP_ROADMAP_PDF_STORE": "s3"}, "COP_ROADMAP_S3_BUCKET must name the bucket"),
        ({"COP_ROADMAP_PDF_STORE": "shelf"}, 'must be "folder", "database" or "s3", not \'shelf\''),
        ({"COP_ROADMAP_PRINT_PARTS_ON_QUEUE": "true"}, "PRINT_PARTS_ON_QUEUE needs a Redis queue"),
        (
            {
                "COP_ROADMAP_PDF_STORE": "s3",
                "COP_ROADMAP_S3_BUCKET": "no-such-bucket",
                "COP_ROADMAP_S3_ENDPOINT_URL": "http://127.0.0.1:9",
                "AWS_ACCESS_KEY_ID": "k",
                "AWS_SECRET_ACCESS_KEY": "s",
            },
            "cannot reach the PDF store: the bucket 'no-such-bucket' on http://127.0.0.1:9: Could not connect",
        ),
    ],
)
def test_a_worker_whose_pdf_store_is_wrong_or_out_of_reach_says_so_in_one_line(tmp_path, settings, said):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COP_ROADMAP_", "FLASK_", "AWS_"))}
    env.update(COP_ROADMAP_INSTANCE=str(tmp_path / "instance"), **settings)
    done = subprocess.run([SCRIPT, "worker"], env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1 and said in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_a_worker_whose_bucket_does_not_exist_says_so(tmp_path, s3_bucket):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COP_ROADMAP_", "FLASK_", "AWS_"))}
    env.update(
        COP_ROADMAP_INSTANCE=str(tmp_path / "instance"),
        COP_ROADMAP_PDF_STORE="s3",
        COP_ROADMAP_S3_BUCKET=s3_bucket["bucket"] + "-missing",
        COP_ROADMAP_S3_ENDPOINT_URL=s3_bucket["endpoint_url"],
        COP_ROADMAP_S3_ACCESS_KEY_ID=s3_bucket["access_key"],
        COP_ROADMAP_S3_SECRET_ACCESS_KEY=s3_bucket["secret_key"],
    )
    done = subprocess.run([SCRIPT, "worker"], env=env, capture_output=True, text=True, timeout=60, check=False)
    missing = f"cannot reach the PDF store: the bucket '{s3_bucket['bucket']}-missing' on {s3_bucket['endpoint_url']}"
    assert done.returncode == 1 and missing in done.stderr and "404" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
