"""Printed PDFs and parts kept in the database, on SQLite and on PostgreSQL: what one machine's worker
stores, another machine's web server reads, a render's own process stores too, and each kind stays
within its size cap."""

import multiprocessing
import pickle
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError

from models import PrintedFile, db
from models.base import utcnow
from models.stores.database import DatabaseFileStore
from tests.models.stores.conftest import claimed_at_once


def store(max_bytes: int, kind: str = "pdf") -> DatabaseFileStore:
    return DatabaseFileStore(db.engine.url.render_as_string(hide_password=False), max_bytes, kind=kind)


def stored() -> set[str]:
    db.session.expire_all()
    return set(db.session.scalars(select(PrintedFile.key)))


def test_a_stored_pdf_is_read_back_whole_and_a_second_writer_changes_nothing(db_ctx):
    kept = store(10**6)
    assert kept.get("a" * 64) is None
    kept.put("a" * 64, b"%PDF-1.7 first")
    kept.put("a" * 64, b"%PDF-1.7 first")  # another worker printed the same content
    assert store(10**6).get("a" * 64) == b"%PDF-1.7 first"  # a store made elsewhere sees it
    assert stored() == {"a" * 64}


def test_past_its_cap_the_files_used_longest_ago_go_but_never_the_new_one(db_ctx):
    files = store(2500)
    for n, key in enumerate(("a", "b", "c")):
        files.put(key * 64, b"x" * 1000)
        db.session.execute(
            update(PrintedFile).where(PrintedFile.key == key * 64).values(used_at=utcnow() - timedelta(hours=3 - n))
        )
        db.session.commit()
    assert stored() == {"b" * 64, "c" * 64}  # 3,000 bytes > 2,500: the oldest went
    assert files.get("b" * 64) is not None  # read now: the most recently used
    files.put("d" * 64, b"x" * 1000)
    assert stored() == {"b" * 64, "d" * 64}
    files.put("e" * 64, b"x" * 5000)  # bigger than the cap: kept, someone is waiting for it
    assert stored() == {"e" * 64}


def test_each_kind_keeps_to_its_own_cap(db_ctx):
    pdfs, parts = store(2500), store(2500, kind="part")
    pdfs.put("a" * 64, b"x" * 2000)
    for key in "bcd":
        parts.put(key * 64, b"y" * 1000)
    # The parts went past their cap and dropped their oldest; the whole PDF was not theirs to drop.
    assert stored() == {"a" * 64, "c" * 64, "d" * 64}
    kinds = dict(db.session.execute(select(PrintedFile.key, PrintedFile.kind)).all())
    assert kinds == {"a" * 64: "pdf", "c" * 64: "part", "d" * 64: "part"}


def _keep_in_child(pickled: bytes) -> None:
    pickle.loads(pickled).put("f" * 64, b"%PDF-1.7 from a render's process")


def test_a_render_process_keeps_what_it_printed_with_connections_of_its_own(db_ctx):
    files = store(10**6, kind="part")
    assert files.get("0" * 64) is None  # this process has connected already
    # A render runs in a child of a fork server, which gets the store pickled.
    child = multiprocessing.get_context("forkserver").Process(target=_keep_in_child, args=(pickle.dumps(files),))
    child.start()
    child.join(60)
    assert child.exitcode == 0
    assert files.get("f" * 64) == b"%PDF-1.7 from a render's process"


def test_a_database_that_cannot_answer_makes_a_part_a_miss_but_fails_a_whole_pdf(db_ctx, tmp_path):
    gone = f"sqlite:///{tmp_path / 'missing' / 'nowhere.sqlite3'}"  # a folder that does not exist
    parts = DatabaseFileStore(gone, 10**6, kind="part")
    assert parts.get("a" * 64) is None  # printed anew instead
    parts.put("a" * 64, b"%PDF-1.7 part")  # not kept, and the print goes on
    with pytest.raises(SQLAlchemyError):
        DatabaseFileStore(gone, 10**6).get("a" * 64)


def _claim(url: str, key: str, results) -> None:
    results.put(DatabaseFileStore(url, 10**6, kind="part").claim(key))


def test_of_workers_claiming_a_part_at_once_exactly_one_has_it_and_its_beats_show(db_ctx):
    """What hands a part to one worker among several (roadmap/printing/away.py), each in its own process."""
    url = db.engine.url.render_as_string(hide_password=False)
    assert claimed_at_once(_claim, url, "c" * 64) == [False, False, False, True]

    parts = store(10**6, kind="part")
    assert parts.age("d" * 64) is None  # never claimed
    db.session.execute(update(PrintedFile).values(used_at=utcnow() - timedelta(seconds=40)))
    db.session.commit()
    assert 39 < parts.age("c" * 64) < 60  # a worker that has not beaten for 40 s
    parts.touch("c" * 64)  # its beat
    assert parts.age("c" * 64) < 5
    parts.put("e" * 64, b"laid out")
    parts.delete("c" * 64, "e" * 64, "f" * 64)  # one of them was never there
    assert stored() == set()
