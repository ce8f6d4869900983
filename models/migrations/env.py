"""Alembic environment: runs migrations on the app's own engine and metadata."""

import logging

from alembic import context
from flask import current_app

# Migrations run from the command line and from tests; only warnings are worth printing.
logging.getLogger("alembic").setLevel(logging.WARNING)

config = context.config
target_db = current_app.extensions["migrate"].db


def render_item(type_, obj, autogen_context):
    # UTC timestamps are stored as plain timezone-aware DateTime; migrations must not
    # import application code that may change after they are written.
    from models.base import UTCDateTime

    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations_offline() -> None:
    context.configure(
        url=target_db.engine.url.render_as_string(hide_password=False),
        target_metadata=target_db.metadata,
        literal_binds=True,
        **current_app.extensions["migrate"].configure_args,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    def skip_empty(ctx, revision, directives):
        # `db migrate` with no model change should not write an empty revision file.
        if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
            directives[:] = []

    conf_args = dict(current_app.extensions["migrate"].configure_args)
    conf_args.setdefault("process_revision_directives", skip_empty)
    conf_args.setdefault("render_item", render_item)
    with target_db.engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # SQLite changes a table's constraints by copying it to a new table and dropping the old
            # one; with foreign keys enforced (models/engine.py), that drop would cascade and empty
            # every table referring to it. Off for the migration (outside a transaction, or SQLite
            # ignores it), checked afterwards, and on again.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        context.configure(connection=connection, target_metadata=target_db.metadata, **conf_args)
        with context.begin_transaction():
            context.run_migrations()
        if sqlite:
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
            if broken:
                raise RuntimeError(f"the migration left rows pointing at missing rows: {broken[:5]}")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
