"""What the benchmarks that go through the app share: the app on a fresh SQLite file, a signed-in
test client, and the best time of several requests."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def app_on_sqlite(name: str) -> Iterator:
    """The app on a new SQLite file in a folder of its own, its tables made, inside an app context."""
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["COP_ROADMAP_INSTANCE"] = tmp
        from models import db
        from views import create_app

        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/{name}.sqlite3",
                "WTF_CSRF_ENABLED": False,
                "SESSION_COOKIE_SECURE": False,
            }
        )
        with app.app_context():
            db.create_all()
            try:
                yield app
            finally:
                db.engine.dispose()


def signed_in(app, email: str, role):
    """A test client signed in as a new user of that global role."""
    from models.operations import create_user

    create_user(email, "Bench", "bench-password", role)
    client = app.test_client()
    client.post("/login", data={"email": email, "password": "bench-password"})
    return client


def best_of(client, url: str, runs: int, before: Callable[[], None] | None = None) -> float:
    """The best of ``runs`` requests, in seconds; ``before`` runs ahead of each, untimed."""
    best = float("inf")
    for _ in range(runs):
        if before is not None:
            before()
        began = time.perf_counter()
        response = client.get(url)
        best = min(best, time.perf_counter() - began)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return best
