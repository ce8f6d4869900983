"""Four people download the PDFs of four 156-deliverable roadmaps at once while a fifth reads pages.

As deployed: gunicorn with 4 workers and `cop-roadmap worker` beside it, on a SQLite file. The baseline
is the same roadmap page read with nothing printing, in the same run; the figures are the page's 95th
percentile and slowest answer while the four prints run, as ratios against that baseline, the time
until each PDF arrived, and a cached download against /healthz.

Run from the repository root: ``python -m bench load`` (it runs after the editing load test).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

from bench.load import PASSWORD, Browser, _gunicorn

DOWNLOADERS = 4
DELIVERABLES = 156
GOAL_P95_S = 1.0
GOAL_MAX_S = 3.0
GIVE_UP_S = 600


def _prepare(url: str, instance: str) -> list[int]:
    """Four roadmaps of 156 deliverables and five accounts; returns the roadmaps' ids."""
    os.environ["COP_ROADMAP_INSTANCE"] = instance
    from bench.pdf import large_plan
    from models import GlobalRole, MembershipRole, db
    from models.operations import Actor, create_user, import_plan
    from views import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.create_all()
        plan = large_plan(DELIVERABLES)
        # Four different roadmaps: four prints, none shared.
        ids = [import_plan(replace(plan, title=f"{plan.title} {n}"), Actor("bench")) for n in range(DOWNLOADERS)]
        for n in range(DOWNLOADERS + 1):
            create_user(
                f"client{n}@example.org",
                f"Client {n}",
                PASSWORD,
                GlobalRole.MEMBER,
                [(plan.country, MembershipRole.VIEWER)],
            )
        db.session.remove()
        db.engine.dispose()
    return ids


def _worker(url: str, instance: str, log: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url, "COP_ROADMAP_INSTANCE": instance, "SECRET_KEY": "bench-load-secret"}
    script = Path(sys.executable).parent / "cop-roadmap"
    return subprocess.Popen([str(script), "worker"], env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)


def _page_latencies(path: str, reader: Browser, until) -> list[float]:
    """One reader requesting ``path`` back to back while ``until()`` is false."""
    latencies = []
    while not until():
        began = time.perf_counter()
        status, _ = reader.request("GET", path)
        latencies.append(time.perf_counter() - began)
        if status != 200:
            raise SystemExit(f"{path} answered {status} during the prints")
        time.sleep(0.05)  # a person clicking fast, not a flood
    return latencies


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def _download(port: int, n: int, rid: int, arrived: dict) -> None:
    me = Browser(port)
    me.sign_in(f"client{n}@example.org")
    began = time.perf_counter()
    while time.perf_counter() - began < GIVE_UP_S:
        status, body = me.request("GET", f"/roadmaps/{rid}/roadmap.pdf")
        if status == 200:
            arrived[n] = time.perf_counter() - began
            return
        if status != 202:
            arrived[n] = f"answered {status}: {body[:200]}"
            return
        time.sleep(2)  # what the progress page does without JavaScript
    arrived[n] = "gave up"


def run(url: str) -> bool:
    with tempfile.TemporaryDirectory() as instance:
        ids = _prepare(url, instance)
        worker = _worker(url, instance, Path(instance) / "worker.log")
        try:
            with _gunicorn(url, instance, Path(instance) / "gunicorn.log") as port:
                reader = Browser(port)
                reader.sign_in(f"client{DOWNLOADERS}@example.org")
                page = f"/roadmaps/{ids[0]}"
                # Each gunicorn worker's first answers load what later ones reuse: not the baseline.
                _page_latencies(page, reader, _after(2.0))
                stop_idle = time.perf_counter() + 4
                idle = _page_latencies(page, reader, lambda: time.perf_counter() > stop_idle)

                arrived: dict[int, float | str] = {}
                threads = [
                    threading.Thread(target=_download, args=(port, n, rid, arrived)) for n, rid in enumerate(ids)
                ]
                began = time.perf_counter()
                for t in threads:
                    t.start()
                busy = _page_latencies(page, reader, lambda: len(arrived) == DOWNLOADERS)
                for t in threads:
                    t.join()
                all_prints = time.perf_counter() - began

                health = _page_latencies("/healthz", reader, _after(2.0))
                cached = []
                for _ in range(10):
                    began = time.perf_counter()
                    status, _ = reader.request("GET", f"/roadmaps/{ids[0]}/roadmap.pdf")
                    cached.append(time.perf_counter() - began)
                    if status != 200:
                        raise SystemExit(f"the cached PDF answered {status}")
        finally:
            worker.terminate()
            worker.wait(30)
    failed = {n: v for n, v in arrived.items() if isinstance(v, str)}
    times = sorted(v for v in arrived.values() if not isinstance(v, str))
    print(
        f"roadmap page with nothing printing: p95 {_p95(idle) * 1000:.0f} ms over {len(idle)} requests; "
        f"while {DOWNLOADERS} people downloaded {DELIVERABLES}-deliverable PDFs ({all_prints:.0f} s): "
        f"p95 {_p95(busy) * 1000:.0f} ms ({_p95(busy) / _p95(idle):.1f}× idle), slowest {max(busy) * 1000:.0f} ms "
        f"over {len(busy)} requests"
    )
    print(
        f"PDFs complete: {len(times)} of {DOWNLOADERS}, arrived after "
        + ", ".join(f"{t:.0f} s" for t in times)
        + (f"; failed: {failed}" if failed else "")
    )
    print(
        f"cached download: best {min(cached) * 1000:.1f} ms, p95 of 10 {_p95(cached) * 1000:.1f} ms "
        f"({min(cached) / min(health):.1f}× /healthz at {min(health) * 1000:.1f} ms)"
    )
    ok = not failed and len(times) == DOWNLOADERS and _p95(busy) <= GOAL_P95_S and max(busy) <= GOAL_MAX_S
    verdict = "met" if ok else "NOT MET"
    print(f"goal p95 ≤ {GOAL_P95_S:.1f} s, none over {GOAL_MAX_S:.0f} s, all {DOWNLOADERS} PDFs: {verdict}")
    return ok


def _after(seconds: float):
    stop = time.perf_counter() + seconds
    return lambda: time.perf_counter() > stop


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        return 0 if run(f"sqlite:///{tmp}/printing.sqlite3") else 1


if __name__ == "__main__":
    sys.exit(main())
