"""Several people saving at once: each change waits its turn instead of failing with "database is locked"."""

import threading
import time

from sqlalchemy import func, select

from models import Roadmap, Stakeholder, db
from models.operations import Actor, add_stakeholder
from roadmap.vocabulary import StakeholderKind
from tests.factories import import_small


def test_concurrent_changes_after_a_read_all_land(db_app):
    with db_app.app_context():
        rid = import_small()
        before = db.session.scalar(select(func.count(Stakeholder.id)))
        db.session.remove()
    errors = []

    def worker(n: int) -> None:
        with db_app.app_context():
            try:
                for i in range(5):
                    db.session.get(Roadmap, rid)  # the access check reads first, as every request does
                    time.sleep(0.01)  # others commit meanwhile
                    add_stakeholder(Actor(f"user {n}"), rid, f"Partner {n}-{i}", StakeholderKind.CIVIL_SOCIETY)
            except Exception as exc:  # collected, so the test names every failure
                errors.append(f"{type(exc).__name__}: {exc}")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with db_app.app_context():
        assert db.session.scalar(select(func.count(Stakeholder.id))) == before + 30
