"""The app under load as deployed: gunicorn with 4 workers, on a SQLite file and on PostgreSQL.

Edits: 20 clients sign in and each makes 10 edits of deliverables (read the edit page, send it back
with the version it read, a few clients on each deliverable). Every answer must be a save (302) or
a conflict (409): no 5xx, no "database is locked"; and the data at the end must be exactly the
successful edits (per deliverable, each version saved once, the last title kept).

Reads: 8 clients request the roadmap page for a few seconds; requests per second and the 95th
percentile latency are printed as ratios against the app's trivial /healthz in the same run.

Run from the repository root: ``python -m bench load`` (``make bench`` runs every benchmark).
PostgreSQL is used when ``BENCH_POSTGRES_URL`` (default ``postgresql://postgres@127.0.0.1:5432/postgres``)
answers; a database ``bench_load`` is created there and dropped afterwards.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

WORKERS = 4
CLIENTS = 20
EDITS = 10
SHARED = 5  # deliverables the clients edit, so several clients edit each one at once
READERS = 8
READ_SECONDS = 4.0
PASSWORD = "bench-password"
PG_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_DATABASE = "bench_load"


class Browser:
    """One person's browser: keeps the session cookie, follows no redirect."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for cookie in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = cookie.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
            return response.status, text
        finally:
            connection.close()

    def sign_in(self, email: str) -> None:
        _, page = self.request("GET", "/login")
        status, _ = self.request("POST", "/login", {**form_fields(page), "email": email, "password": PASSWORD})
        if status != 302:
            raise SystemExit(f"signing in as {email} answered {status}")


class _FormFields(HTMLParser):
    """The fields a browser would send for the page's form without an action (the page's own form)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action"), "fields": defaultdict(list)})
        elif not self.forms:
            return
        fields = self.forms[-1]["fields"]
        if tag == "input" and a.get("name"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            if a.get("type") not in ("submit", "button"):
                fields[a["name"]].append(a.get("value") or "")
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            fields[self._select].append(a.get("value") or "")
        elif tag == "textarea":
            self._textarea = a.get("name")
            fields[self._textarea].append("")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea][-1] += data


def form_fields(html: str) -> dict[str, list[str]]:
    parser = _FormFields()
    parser.feed(html)
    own = [f for f in parser.forms if not f["action"]] or parser.forms
    return dict(own[0]["fields"])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _prepare(url: str, instance: str) -> tuple[int, list[int]]:
    """Tables, one roadmap of 30 deliverables and the clients' accounts; returns the ids to edit."""
    os.environ["COP_ROADMAP_INSTANCE"] = instance
    from bench.pdf import large_plan
    from models import GlobalRole, MembershipRole, db
    from models.operations import Actor, create_user, import_plan
    from views import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.create_all()
        plan = large_plan(30)
        rid = import_plan(plan, Actor("bench"))
        for n in range(CLIENTS):
            create_user(
                f"client{n}@example.org",
                f"Client {n}",
                PASSWORD,
                GlobalRole.MEMBER,
                [(plan.country, MembershipRole.EDITOR)],
            )
        from sqlalchemy import select

        from models import Deliverable

        ids = list(
            db.session.scalars(
                select(Deliverable.id).where(Deliverable.roadmap_id == rid).order_by(Deliverable.id).limit(SHARED)
            )
        )
        db.session.remove()
        db.engine.dispose()
    return rid, ids


@contextmanager
def _gunicorn(url: str, instance: str, log: Path):
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "COP_ROADMAP_INSTANCE": instance,
        "SECRET_KEY": "bench-load-secret",
        "COP_ROADMAP_SESSION_COOKIE_SECURE": "false",
        # Every client signs in from 127.0.0.1: the per-address sign-in limit is not what is measured.
        "COP_ROADMAP_LOGIN_RATE_LIMIT": "100000 per minute",
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(WORKERS),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "views:create_app()",
    ]
    with log.open("w") as err:
        server = subprocess.Popen(command, env=env, stdout=err, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if Browser(port).request("GET", "/healthz")[0] == 200:
                        break
                except OSError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"gunicorn did not start: {log.read_text()[-2000:]}")
                time.sleep(0.2)
            yield port
        finally:
            server.terminate()
            server.wait(timeout=30)


def _edits(port: int, rid: int, ids: list[int]) -> dict:
    browsers = [Browser(port) for _ in range(CLIENTS)]
    for n, browser in enumerate(browsers):
        browser.sign_in(f"client{n}@example.org")
    saved: dict[int, list[tuple[int, str]]] = defaultdict(list)
    outcomes: dict[str, int] = defaultdict(int)
    problems: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(CLIENTS)

    def client(n: int) -> None:
        start.wait()
        for i in range(EDITS):
            did = ids[(n + i) % len(ids)]
            path = f"/roadmaps/{rid}/deliverables/{did}/edit"
            status, page = browsers[n].request("GET", path)
            fields = form_fields(page) if status == 200 else {}
            title = f"client {n} edit {i}"
            if fields:
                status, page = browsers[n].request("POST", path, {**fields, "title": title})
            with lock:
                outcomes[str(status)] += 1
                if status == 302:
                    saved[did].append((int(fields["version"][0]), title))
                elif status != 409:
                    locked = " (database is locked)" if "database is locked" in page else ""
                    problems.append(f"{path}: {status}{locked}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"saved": saved, "outcomes": outcomes, "problems": problems, "seconds": time.perf_counter() - began}


def _check_final(url: str, instance: str, saved: dict[int, list[tuple[int, str]]]) -> list[str]:
    """Per deliverable: every version saved exactly once, and the last save's title is the one stored."""
    from models import Deliverable, db
    from views import create_app

    os.environ["COP_ROADMAP_INSTANCE"] = instance
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    wrong = []
    with app.app_context():
        for did, saves in saved.items():
            row = db.session.get(Deliverable, did)
            versions = sorted(v for v, _ in saves)
            first = versions[0]
            if versions != list(range(first, first + len(saves))):
                wrong.append(f"deliverable {did}: versions saved {versions}, each should be saved once")
            last = max(saves)[1]
            if (row.title, row.version) != (last, first + len(saves)):
                wrong.append(f"deliverable {did}: stored {row.title!r} v{row.version}, expected {last!r}")
        db.session.remove()
        db.engine.dispose()
    return wrong


def _reads(port: int, path: str, browser: Browser) -> tuple[float, float]:
    """Requests per second and 95th percentile latency (s) of READERS clients for READ_SECONDS."""
    latencies: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()
    stop = time.perf_counter() + READ_SECONDS

    def reader() -> None:
        me = Browser(port)
        me.cookies = dict(browser.cookies)
        while time.perf_counter() < stop:
            began = time.perf_counter()
            status, _ = me.request("GET", path)
            with lock:
                latencies.append(time.perf_counter() - began)
                if status != 200:
                    failures.append(status)

    threads = [threading.Thread(target=reader) for _ in range(READERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise SystemExit(f"{path} answered {sorted(set(failures))}")
    latencies.sort()
    return len(latencies) / READ_SECONDS, latencies[int(len(latencies) * 0.95)]


def run(name: str, url: str) -> bool:
    """Edits then reads on one database; prints the figures and returns whether every check held."""
    with tempfile.TemporaryDirectory() as instance:
        rid, ids = _prepare(url, instance)
        log = Path(instance) / "gunicorn.log"
        with _gunicorn(url, instance, log) as port:
            result = _edits(port, rid, ids)
            reader = Browser(port)
            reader.sign_in("client0@example.org")
            health = _reads(port, "/healthz", reader)
            page = _reads(port, f"/roadmaps/{rid}", reader)
        wrong = _check_final(url, instance, result["saved"])
        server_log = log.read_text()
    outcomes = dict(sorted(result["outcomes"].items()))
    saves = sum(len(s) for s in result["saved"].values())
    locked = "database is locked" in server_log or any("locked" in p for p in result["problems"])
    print(
        f"{name}: {CLIENTS} clients × {EDITS} edits in {result['seconds']:.1f} s; answers {outcomes}; "
        f"{saves} saved, the rest refused as conflicts"
    )
    print(
        f"{name}: 5xx or other answers: {len(result['problems'])}; database is locked: {'yes' if locked else 'no'}; "
        f"final data equals the successful edits: {'yes' if not wrong else 'NO'}"
    )
    for line in (result["problems"] + wrong)[:10]:
        print(f"    {line}")
    print(
        f"{name}: reads, {READERS} clients × {READ_SECONDS:.0f} s: /healthz {health[0]:.0f} req/s p95 "
        f"{health[1] * 1000:.1f} ms; roadmap page {page[0]:.0f} req/s p95 {page[1] * 1000:.1f} ms; "
        f"throughput {page[0] / health[0]:.2f}× healthz, p95 {page[1] / health[1]:.1f}× healthz"
    )
    return not (result["problems"] or wrong or locked)


@contextmanager
def _postgres_database():
    """A fresh database on the PostgreSQL server, dropped afterwards; None when no server answers."""
    try:
        import psycopg
    except ImportError:
        yield None
        return
    try:
        admin = psycopg.connect(PG_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        yield None
        return
    with admin:
        admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {PG_DATABASE}")
        try:
            yield PG_URL.rsplit("/", 1)[0] + f"/{PG_DATABASE}"
        finally:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")


def main() -> int:
    """Run the load on SQLite, then on PostgreSQL when a server answers."""
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        ok &= run("sqlite", f"sqlite:///{tmp}/load.sqlite3")
    with _postgres_database() as url:
        if url is None:
            print(f"postgresql: skipped, no server answers at {PG_URL}")
        else:
            ok &= run("postgresql", url)
    print("every request saved or got a conflict, and the data matches" if ok else "SOME CHECKS FAILED (see above)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
