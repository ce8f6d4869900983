"""The schema's migrations (Alembic, through Flask-Migrate), set up only when something migrates.

Importing Alembic takes about 0.3 s: a seventh of `cop-roadmap schedule --json` on 20,000 deliverables,
and paid by every command and web worker that never migrates. So `db` is a group that loads
Flask-Migrate's commands when it is run, and `init-db` sets Flask-Migrate up before it upgrades.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask
from flask.cli import ScriptInfo

MIGRATIONS_DIR = str(Path(__file__).resolve().parent.parent / "models" / "migrations")


def set_up_migrations(app: Flask) -> None:
    """Flask-Migrate on this app, once: what its ``upgrade()`` and ``db`` commands read."""
    if "migrate" in app.extensions:
        return
    from flask_migrate import Migrate

    from models import db

    Migrate(app, db, directory=MIGRATIONS_DIR, render_as_batch=True, compare_type=True)


class MigrationCommands(click.Group):
    """``db``: Flask-Migrate's own group (migrate, upgrade, downgrade, …), loaded when it is run."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra
    ) -> click.Context:
        # Click runs whichever command the context it is handed belongs to: from here on, Flask-Migrate's.
        set_up_migrations((parent.find_object(ScriptInfo) if parent else ScriptInfo()).load_app())
        from flask_migrate.cli import db

        return db.make_context(info_name, args, parent=parent, **extra)
