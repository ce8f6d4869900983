"""Printed PDFs kept in the database, on SQLite and on PostgreSQL: what one machine's worker stores,
another machine's web server reads, and the table stays within its size cap."""

from datetime import timedelta

from sqlalchemy import select, update

from models import PrintedFile, db
from models.base import utcnow
from models.operations.printed_files import DatabaseFileStore


def stored() -> set[str]:
    db.session.expire_all()
    return set(db.session.scalars(select(PrintedFile.key)))


def test_a_stored_pdf_is_read_back_whole_and_a_second_writer_changes_nothing(db_ctx):
    store = DatabaseFileStore(10**6)
    assert store.get("a" * 64) is None
    store.put("a" * 64, b"%PDF-1.7 first")
    store.put("a" * 64, b"%PDF-1.7 first")  # another worker printed the same content
    assert DatabaseFileStore(10**6).get("a" * 64) == b"%PDF-1.7 first"  # a store made elsewhere sees it
    assert stored() == {"a" * 64}


def test_past_its_cap_the_files_used_longest_ago_go_but_never_the_new_one(db_ctx):
    store = DatabaseFileStore(2500)
    for n, key in enumerate(("a", "b", "c")):
        store.put(key * 64, b"x" * 1000)
        db.session.execute(
            update(PrintedFile).where(PrintedFile.key == key * 64).values(used_at=utcnow() - timedelta(hours=3 - n))
        )
        db.session.commit()
    assert stored() == {"b" * 64, "c" * 64}  # 3,000 bytes > 2,500: the oldest went
    assert store.get("b" * 64) is not None  # read now: the most recently used
    store.put("d" * 64, b"x" * 1000)
    assert stored() == {"b" * 64, "d" * 64}
    store.put("e" * 64, b"x" * 5000)  # bigger than the cap: kept, someone is waiting for it
    assert stored() == {"e" * 64}
