"""Every interface of COP Roadmap: the web app, its JSON API and the ``cop-roadmap`` command.

This module is the composition root (``create_app``). At the top of the package sit what every
feature shares — access checks, security headers, errors, extensions, labels, paging, charts, the
CLI and its commands; each feature is a package of its own holding its routes, forms and helpers
(``wizard``, ``workspace``, ``deliverables``, ``tracking``, ``review``, ``library``, ``files``,
``admin``, ``api``). Page templates live in ``views/templates/<feature>/``. May import everything:
``models``, ``roadmap`` and the web libraries.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask

from views.extensions import babel, csrf, limiter, login_manager, select_locale
from views.migrations import MigrationCommands
from views.sessions import init_sessions


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then instance config.py, then the environment, then test_config."""
    instance = os.environ.get("COP_ROADMAP_INSTANCE")
    app = Flask(__name__, instance_relative_config=True, instance_path=os.path.abspath(instance) if instance else None)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    app.config.from_mapping(
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{Path(app.instance_path) / 'cop-roadmap.sqlite3'}",
        SQLALCHEMY_ENGINE_OPTIONS={},
        MAX_CONTENT_LENGTH=25 * 1024 * 1024,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        BABEL_DEFAULT_LOCALE="en",
        RATELIMIT_STORAGE_URI="memory://",
        RATELIMIT_HEADERS_ENABLED=True,
        LOGIN_RATE_LIMIT="10 per minute",
        LOGIN_ACCOUNT_RATE_LIMIT="20 per hour",
        IDLE_TIMEOUT_MINUTES=60,
        # How long a session is kept on the server after its last request (the cookie itself ends
        # with the browser session; IDLE_TIMEOUT_MINUTES signs a quiet session out sooner).
        PERMANENT_SESSION_LIFETIME=timedelta(hours=12),
        # The session row is written when it changes (sign-in, a message, last_seen once a minute),
        # not on every request.
        SESSION_REFRESH_EACH_REQUEST=False,
        BABEL_TRANSLATION_DIRECTORIES=str(Path(__file__).with_name("translations")),
    )
    app.config.from_pyfile("config.py", silent=True)
    _config_from_environment(app)
    if os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    if os.environ.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    if test_config:
        app.config.update(test_config)
    app.config["SQLALCHEMY_DATABASE_URI"] = _normalise_database_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    # Cookies travel only over HTTPS in production; debug and tests run on plain HTTP.
    app.config.setdefault("SESSION_COOKIE_SECURE", not (app.debug or app.testing))
    app.config.setdefault("REMEMBER_COOKIE_SECURE", app.config["SESSION_COOKIE_SECURE"])

    if app.config.get("PROXY_FIX"):
        # Behind one HTTPS reverse proxy: trust its X-Forwarded-For/Proto so that client addresses
        # (rate limits), HTTPS detection (HSTS, Secure cookies) and generated URLs are right.
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
    _init_extensions(app)
    _register_blueprints(app)
    return app


# Settings that are read elsewhere and must not land in app.config (a password least of all).
_NOT_CONFIG = {"INSTANCE", "PASSWORD", "DEMO_PASSWORD"}


def _config_from_environment(app: Flask) -> None:
    # COP_ROADMAP_FOO=value sets FOO; values that parse as JSON (numbers, true/false) are typed.
    prefix = "COP_ROADMAP_"
    for name, value in os.environ.items():
        key = name[len(prefix) :]
        if not name.startswith(prefix) or key in _NOT_CONFIG:
            continue
        try:
            app.config[key] = json.loads(value)
        except json.JSONDecodeError:
            app.config[key] = value


def _normalise_database_url(url: str) -> str:
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants the driver named.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _instance_secret(instance: Path) -> str:
    path = instance / "secret_key"
    if not path.exists():
        # Several workers may start at once: each writes a complete private file and links it into
        # place; the first link wins and every worker reads that one, never a half-written file.
        draft = instance / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


def _init_extensions(app: Flask) -> None:
    from models import db
    from models.engine import configure_engine

    db.init_app(app)
    with app.app_context():
        configure_engine(db.engine)
    app.cli.add_command(MigrationCommands("db", help="Make and run the schema's migrations (Flask-Migrate)."))
    init_sessions(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=select_locale)


def _register_blueprints(app: Flask) -> None:
    # Imported here, not at the top: a command that never serves a page (schedule, export) does not
    # load every page's module.
    from views import api, converters, errors, health, labels, language, messages, security
    from views.admin import account, auth
    from views.admin import routes as admin
    from views.capabilities import routes as capabilities
    from views.commands import register_commands
    from views.deliverables import routes as deliverables
    from views.deliverables import stakeholders
    from views.files import deliverable_tables, downloads, spreadsheets
    from views.inbox import routes as inbox
    from views.jobs.mail import install_mail_hook
    from views.library import browse, flow, lessons
    from views.review import routes as review
    from views.tracking import calendar_feed, dashboard, indicators, progress, readings, team
    from views.treaties import routes as treaties
    from views.wizard import routes as wizard
    from views.workspace import lifecycle, pages, roadmaps

    converters.register(app)
    for blueprint in (
        auth.bp,
        roadmaps.bp,
        downloads.bp,
        wizard.bp,
        deliverables.bp,
        stakeholders.bp,
        pages.bp,
        lifecycle.bp,
        admin.bp,
        health.bp,
        progress.bp,
        readings.bp,
        api.bp,
        account.bp,
        review.bp,
        dashboard.bp,
        indicators.bp,
        team.bp,
        deliverable_tables.bp,
        calendar_feed.bp,
        spreadsheets.bp,
        browse.bp,
        flow.bp,
        lessons.bp,
        inbox.bp,
        treaties.bp,
        capabilities.bp,
    ):
        app.register_blueprint(blueprint)
    errors.register(app)
    labels.register(app)
    messages.register(app)
    language.register(app)
    security.register(app)
    register_commands(app)
    install_mail_hook()
