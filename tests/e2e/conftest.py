"""A live server on a real SQLite file, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import shutil
import threading

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from models import db
from models.operations import Actor, import_plan
from roadmap.demo import demo_plan
from tests.conftest import make_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def seeded_instance(tmp_path_factory):
    """An instance folder with the demo seeded, made once per test process: every browser test starts
    from a copy of it, as if `cop-roadmap seed-demo` had just run, without paying for the seeding again."""
    folder = tmp_path_factory.mktemp("seeded")
    with pytest.MonkeyPatch.context() as monkeypatch:
        app = make_app(folder, monkeypatch)
        with app.app_context():
            result = app.test_cli_runner().invoke(
                args=["seed-demo"], env={"COP_ROADMAP_DEMO_PASSWORD": "demo-password"}
            )
            assert result.exit_code == 0, result.output
            db.session.remove()
            db.engine.dispose()  # closes the file, so the copy holds every write
    return folder / "instance"


@pytest.fixture
def live_app(tmp_path, monkeypatch, seeded_instance):
    shutil.copytree(seeded_instance, tmp_path / "instance")
    app = make_app(tmp_path, monkeypatch, WTF_CSRF_ENABLED=True, SESSION_COOKIE_SECURE=False)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


LARGE = "Roadmap of every catalog template"


@pytest.fixture
def large_roadmap(live_app) -> str:
    """A second Ghana roadmap made of every catalog template, more than sixty deliverables: for what a page
    does with a large roadmap (pages by pillar, charts on pages of their own). The seeded demo stays smaller."""
    with live_app.app_context():
        import_plan(demo_plan("GHA", LARGE), Actor("test"))
        db.session.remove()
    return LARGE


@pytest.fixture
def live_server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the test process; each test gets its own context (cookies, storage, viewport),
    so tests stay apart as in separate browsers, without paying for a launch each."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    yield page
    context.close()
    assert refused == [], f"the Content Security Policy refused: {refused}"
