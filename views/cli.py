"""The ``cop-roadmap`` console script: a FlaskGroup over ``views.create_app`` carrying the commands of
``views.commands``, the same as ``flask --app views``."""

from __future__ import annotations

from flask.cli import FlaskGroup

from views import create_app

cli = FlaskGroup(
    create_app=create_app,
    add_version_option=False,
    help="COP Roadmap: draft, sequence, track and print national Child Online Protection roadmaps.",
)


def main() -> None:
    """Entry point of the ``cop-roadmap`` console script."""
    cli.main(prog_name="cop-roadmap")
