"""The backup drill: a consistent copy taken while the app writes, checked, and restored."""

import sqlite3
import threading

from sqlalchemy import func, select

from models import Deliverable, Roadmap, db
from tests.factories import import_small


def counts():
    return (db.session.scalar(select(func.count(Roadmap.id))), db.session.scalar(select(func.count(Deliverable.id))))


def test_backup_while_writing_then_restore(app, ctx, tmp_path):
    from flask_migrate import stamp

    from views.migrations import set_up_migrations

    set_up_migrations(app)
    stamp()  # the test schema comes from the models; mark it as migrated, as init-db would
    import_small()
    runner = app.test_cli_runner()
    stop = threading.Event()

    def keep_writing():
        with app.app_context():
            while not stop.is_set():
                import_small(title="written during the backup")
            db.session.remove()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        result = runner.invoke(args=["backup", str(tmp_path / "copy.sqlite3")])
    finally:
        stop.set()
        writer.join()
    assert result.exit_code == 0, result.output
    with sqlite3.connect(tmp_path / "copy.sqlite3") as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        roadmaps, deliverables = copy.execute(
            "SELECT (SELECT count(*) FROM roadmaps), (SELECT count(*) FROM deliverables)"
        ).fetchone()
    assert roadmaps >= 1 and deliverables == roadmaps * 4  # whole roadmaps only: a consistent snapshot

    import_small(title="made after the backup")
    assert counts()[0] > roadmaps
    refused = runner.invoke(args=["restore", str(tmp_path / "copy.sqlite3")])
    assert refused.exit_code == 1 and "--yes" in refused.stderr
    restored = runner.invoke(args=["restore", str(tmp_path / "copy.sqlite3"), "--yes"])
    assert restored.exit_code == 0, restored.output
    db.session.remove()
    assert counts() == (roadmaps, deliverables)


def test_restore_refuses_a_file_that_is_not_a_backup(app, ctx, tmp_path):
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_bytes(b"this is not a database")
    result = app.test_cli_runner().invoke(args=["restore", str(bogus), "--yes"])
    assert result.exit_code == 1 and "is not an SQLite database" in result.stderr
