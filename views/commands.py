"""The ``cop-roadmap`` subcommands: init-db, seed-demo, create-user, import, export, schedule, backup,
restore, worker and send-digest.

Errors are one line on stderr and exit status 1; nothing is half-written."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

import click
from flask import Flask, current_app
from sqlalchemy import inspect, select
from sqlalchemy.exc import SQLAlchemyError

from models import GlobalRole, MembershipRole, Roadmap, User, db
from models.backup import BackupError, backup_sqlite, restore_sqlite
from models.operations import MIN_PASSWORD, Actor, OperationError, create_user, import_plan
from models.operations.workflow import baseline_documents
from models.queries.loading import load_plan
from roadmap.catalog import load_catalog
from roadmap.demo import GHANA_TITLE, demo_plan, ghana_plan
from roadmap.duedates import schedule_marks, with_marks
from roadmap.exchange import interchange
from roadmap.forecast import forecast, forecast_document
from roadmap.graph import DependencyLoopError
from roadmap.printing.render import RenderError
from roadmap.sequencing import ScheduleError, schedule_document, sequence
from roadmap.vocabulary import EARLIEST_DATE, LATEST_DATE, NAME_MAX, Pillar
from views.converters import MAX_ID
from views.files.printing import export_html, export_pdf, paper_named
from views.files.project_file import export_mspdi
from views.jobs.mail import send_digest_command
from views.jobs.worker import worker_command
from views.migrations import set_up_migrations
from views.text_tables import schedule_table

DEMO_PASSWORD = "demo-password"  # noqa: S105 -- documented demo accounts, never for production
DEMO_USERS = (
    ("admin@example.org", "Amina Admin", GlobalRole.ADMIN, ()),
    ("adviser@example.org", "Ana Adviser", GlobalRole.ADVISER, ()),
    ("editor@example.org", "Kwame Editor", GlobalRole.MEMBER, (("GHA", MembershipRole.EDITOR),)),
    ("viewer@example.org", "Efua Viewer", GlobalRole.MEMBER, (("GHA", MembershipRole.VIEWER),)),
    ("editor.fiji@example.org", "Litia Editor", GlobalRole.MEMBER, (("FJI", MembershipRole.EDITOR),)),
)
DEMO_ROADMAPS = (
    ("GHA", GHANA_TITLE, None),
    ("FJI", "Child Online Protection Action Plan (demo)", 3),  # three templates per pillar
)
# Titles the demos were loaded under before: a database seeded then is not given a second copy.
FORMER_DEMO_TITLES = {GHANA_TITLE: ("National Child Online Protection Roadmap 2027–2030 (demo)",)}


def fail(message: str) -> None:
    """Stop the command with one line on stderr and exit status 1."""
    raise click.ClickException(message)


def _first_line(exc: Exception) -> str:
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:200]


def _require_database() -> None:
    try:
        ready = inspect(db.engine).has_table("roadmaps")
    except SQLAlchemyError as exc:
        fail(f"cannot reach the database: {_first_line(exc)}")
    if not ready:
        fail("the database is not set up yet; run `cop-roadmap init-db` first")


def _roadmap_id(value: str) -> int:
    if not (value.isascii() and value.isdigit()) or int(value) > MAX_ID:
        fail(f'"{value}" is not a roadmap id (a whole number, as `cop-roadmap import` prints)')
    roadmap_id = int(value)
    if db.session.get(Roadmap, roadmap_id) is None:
        fail(f"no roadmap has the id {roadmap_id}")
    return roadmap_id


def write_atomically(out: str, data: bytes) -> None:
    """Write to a file (or stdout for "-") so that a reader never sees half of it."""
    if out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(out)
    if target.is_dir():
        fail(f"{out}: is a directory; give a file name")
    if not target.parent.exists():
        fail(f"{target.parent}: no such directory")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        # mkstemp makes the file private; an export gets the usual permissions of a new file.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        fail(f"{out}: cannot write: {exc.strerror}")


@click.command("init-db")
def init_db() -> None:
    """Create or upgrade the database to the current schema (safe to run again)."""
    from flask_migrate import upgrade

    set_up_migrations(current_app._get_current_object())
    try:
        upgrade()
    except SQLAlchemyError as exc:
        fail(f"cannot set up the database: {_first_line(exc)}")
    click.echo(f"Database ready: {_safe_url()}")


def _safe_url() -> str:
    return db.engine.url.render_as_string(hide_password=True)


@click.command("seed-demo")
def seed_demo() -> None:
    """Load the demo roadmaps and demo users (safe to run again)."""
    _require_database()
    password = os.environ.get("COP_ROADMAP_DEMO_PASSWORD", DEMO_PASSWORD)
    if len(password) < MIN_PASSWORD:
        fail(f"COP_ROADMAP_DEMO_PASSWORD must have at least {MIN_PASSWORD} characters")
    for country, title, per_pillar in DEMO_ROADMAPS:
        titles = (title, *FORMER_DEMO_TITLES.get(title, ()))
        exists = db.session.execute(select(Roadmap.id, Roadmap.title).where(Roadmap.title.in_(titles))).first()
        if exists:
            click.echo(f"Demo roadmap already there: {exists.title} (id {exists.id})")
            continue
        if country == "GHA":
            plan = ghana_plan(title)  # from the public record: what Ghana has, and what remains
        else:
            templates = load_catalog()
            if per_pillar:
                templates = tuple(t for p in Pillar for t in [x for x in templates if x.pillar == p][:per_pillar])
            plan = demo_plan(country, title, templates)
        roadmap_id = import_plan(plan, Actor("cop-roadmap seed-demo"))
        click.echo(
            f"Demo roadmap loaded: {title} (id {roadmap_id}, {len(plan.deliverables)} deliverables, "
            f"{len(plan.dependencies)} dependencies)"
        )
    for email, name, role, memberships in DEMO_USERS:
        if db.session.scalar(select(User.id).where(User.email == email)) is None:
            create_user(email, name, password, role, memberships)
            click.echo(f"Demo user created: {email} ({role})")


@click.command("create-user")
@click.argument("email")
@click.option("--role", "role", default="member", show_default=True, help="admin, adviser or member")
@click.option(
    "--country",
    "countries",
    multiple=True,
    metavar="ISO3:ROLE",
    help="Membership such as KEN:editor or KEN:viewer; may be repeated.",
)
@click.option("--name", default="", help="Full name shown in the journal (default: the e-mail).")
def create_user_command(email: str, role: str, countries: tuple[str, ...], name: str) -> None:
    """Create an account. The password comes from COP_ROADMAP_PASSWORD or a prompt."""
    _require_database()
    if role not in {r.value for r in GlobalRole}:
        fail(f'unknown role "{role}" (expected admin, adviser or member)')
    memberships = []
    for item in countries:
        code, _, member_role = item.partition(":")
        if member_role not in {r.value for r in MembershipRole}:
            fail(f"--country {item}: expected ISO3:editor or ISO3:viewer, e.g. KEN:editor")
        memberships.append((code.strip().upper(), MembershipRole(member_role)))
    password = os.environ.get("COP_ROADMAP_PASSWORD")
    if password is None:
        try:
            password = click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
        except click.Abort:
            fail("no password given; type it at the prompt or set COP_ROADMAP_PASSWORD")
    try:
        user = create_user(email, name, password, GlobalRole(role), memberships)
    except OperationError as exc:
        fail(str(exc))
    click.echo(f"User created: {user.email} ({user.role})")


@click.command("import")
@click.argument("file")
def import_command(file: str) -> None:
    """Import a cop-roadmap/1 file as a new roadmap and print its id."""
    _require_database()
    try:
        plan = interchange.read_file(file)
        roadmap_id = import_plan(plan, Actor(f"cop-roadmap import {Path(file).name}"[:NAME_MAX]))
    except (interchange.FormatError, OperationError) as exc:
        fail(f"{file}: {exc}")
    except SQLAlchemyError as exc:
        fail(f"{file}: the database refused the import, nothing was saved ({_first_line(exc)})")
    click.echo(roadmap_id)


@click.command("export")
@click.argument("roadmap_id", metavar="ID")
@click.option("--format", "fmt", default="json", show_default=True, help="json, pdf, html or mspdi")
@click.option("-o", "--output", "out", required=True, help='File to write, or "-" for standard output.')
@click.option("--no-cache", is_flag=True, help="Print the PDF afresh: use neither a kept PDF nor its kept parts.")
@click.option("--pdfa", is_flag=True, help="PDF/A-3b with the cop-roadmap/1 file attached (pdf only).")
@click.option("--paper", default="a4", show_default=True, help="The chart pages' sheet, a4 or a3 (pdf and html).")
def export_command(roadmap_id: str, fmt: str, out: str, no_cache: bool, pdfa: bool, paper: str) -> None:
    """Export a roadmap: cop-roadmap/1 JSON, the printed PDF, its HTML, or Microsoft Project XML (mspdi)."""
    _require_database()
    rid = _roadmap_id(roadmap_id)
    if fmt not in ("json", "pdf", "html", "mspdi"):
        fail(f'unknown format "{fmt}" (expected json, pdf, html or mspdi)')
    if pdfa and fmt != "pdf":
        fail("--pdfa applies to --format pdf only")
    try:
        paper = paper_named(paper or "?")  # given empty, it is not a paper either
    except ValueError:
        fail(f'unknown paper "{paper}" (expected a4 or a3)')
    if paper != "a4" and fmt not in ("pdf", "html"):
        fail("--paper applies to --format pdf and html only")
    roadmap = db.session.get(Roadmap, rid)
    if fmt == "json":
        data = interchange.dumps(load_plan(rid)).encode("utf-8")
    elif fmt == "html":
        data = export_html(roadmap, paper=paper).data
    elif fmt == "mspdi":
        try:
            data = export_mspdi(roadmap)
        except (DependencyLoopError, ScheduleError) as exc:
            fail(str(exc))
    else:
        try:
            data = export_pdf(roadmap, pdfa=pdfa, use_cache=not no_cache, paper=paper).data
        except RenderError as exc:
            fail(str(exc))
    write_atomically(out, data)
    if out != "-":
        click.echo(f"Wrote {out}", err=True)


@click.command("schedule")
@click.argument("roadmap_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print the schedule as JSON.")
@click.option(
    "--as-of",
    "as_of_text",
    metavar="DATE",
    help="Forecast with the recorded progress as of DATE (YYYY-MM-DD, or 'today'), "
    "with each deliverable's slip against the latest approved baseline.",
)
def schedule_command(roadmap_id: str, as_json: bool, as_of_text: str | None) -> None:
    """Sequence a roadmap: phases, dates, slack and the critical path."""
    as_of = _as_of(as_of_text)
    _require_database()
    rid = _roadmap_id(roadmap_id)
    plan = load_plan(rid)
    try:
        schedule = sequence(plan) if as_of is None else forecast(plan, as_of)
    except (DependencyLoopError, ScheduleError) as exc:
        fail(str(exc))
    if as_of is not None and as_json:
        latest = baseline_documents(rid)
        document = forecast_document(
            schedule, rid, as_of, latest[2] if latest else None, latest[0].label if latest else None
        )
        click.echo(readable_json(document))
    elif as_json:
        click.echo(readable_json(with_marks(schedule_document(schedule, rid), plan, schedule)))
    else:
        click.echo(schedule_table(schedule, marks=schedule_marks(plan, schedule)))


def readable_json(document: dict) -> str:
    """JSON for people and programs alike: a field per line, and each item of a list on a line of its own.

    Each line is written by json's C encoder: asking json to indent every nested field sends it through
    its pure-Python encoder instead, which was a fifth of `schedule --json` on 20,000 deliverables."""

    def field(value: object) -> str:
        if isinstance(value, list) and value:
            return "[\n" + ",\n".join("    " + json.dumps(item, ensure_ascii=False) for item in value) + "\n  ]"
        return json.dumps(value, ensure_ascii=False)

    return "{\n" + ",\n".join(f"  {json.dumps(key)}: {field(value)}" for key, value in document.items()) + "\n}"


def _as_of(text: str | None) -> date | None:
    if text is None:
        return None
    if text == "today":
        return datetime.now(UTC).date()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        fail(f'--as-of: "{text}" is not a date; give it as YYYY-MM-DD (for example 2027-06-30) or "today"')
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        fail(f"--as-of: {day.isoformat()} is outside {EARLIEST_DATE.year}–{LATEST_DATE.year}")
    return day


def _sqlite_file() -> Path:
    url = db.engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        fail(
            "backup and restore work on the SQLite database; for PostgreSQL use pg_dump and pg_restore "
            "(see README, Running it for real)"
        )
    return Path(url.database)


@click.command("backup")
@click.argument("out")
def backup_command(out: str) -> None:
    """Write a consistent copy of the database to OUT, even while the app is in use."""
    target = Path(out)
    if target.is_dir() or not target.parent.exists():
        fail(f"{out}: give a file name in an existing folder")
    try:
        backup_sqlite(_sqlite_file(), target)
    except (BackupError, OSError) as exc:
        fail(str(exc))
    click.echo(f"Backup written to {out}", err=True)


@click.command("restore")
@click.argument("file")
@click.option("--yes", is_flag=True, help="Confirm that the current data is to be replaced.")
def restore_command(file: str, yes: bool) -> None:
    """Replace the whole database with a backup made by `cop-roadmap backup`."""
    database = _sqlite_file()
    if not yes:
        fail("restore replaces every roadmap in the database with the backup's; run again with --yes to confirm")
    db.session.remove()
    db.engine.dispose()
    try:
        restore_sqlite(Path(file), database)
    except (BackupError, OSError) as exc:
        fail(str(exc))
    click.echo(f"Restored {file}", err=True)


COMMANDS = (
    backup_command,
    restore_command,
    init_db,
    seed_demo,
    create_user_command,
    import_command,
    export_command,
    schedule_command,
    worker_command,
    send_digest_command,
)


def register_commands(app: Flask) -> None:
    """Put the commands on ``flask --app views`` and on ``cop-roadmap``."""
    for command in COMMANDS:
        app.cli.add_command(command)
