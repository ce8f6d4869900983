"""Account changes made at the same moment still leave an active administrator."""

import threading

from sqlalchemy import func, select

from models import GlobalRole, User, db
from models.operations import Actor, OperationError
from models.operations.accounts import set_role
from tests.factories import make_user


def test_two_admins_demoting_each_other_at_once_leave_one_admin(db_app):
    with db_app.app_context():
        first, second = (make_user(f"{n}@example.org", GlobalRole.ADMIN).id for n in ("first", "second"))
        db.session.remove()
    barrier = threading.Barrier(2)
    refused, errors = [], []

    def demote(actor_id: int, target_id: int) -> None:
        with db_app.app_context():
            try:
                db.session.get(User, target_id)  # each read the other as an admin first, as the page does
                barrier.wait()
                set_role(Actor("admin", actor_id), target_id, GlobalRole.MEMBER)
            except OperationError as exc:
                refused.append(str(exc))
            except Exception as exc:  # collected, so the test names every failure
                errors.append(f"{type(exc).__name__}: {exc}")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=demote, args=pair) for pair in ((first, second), (second, first))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(refused) == 1 and "no active administrator" in refused[0]
    with db_app.app_context():
        assert db.session.scalar(select(func.count(User.id)).where(User.role == GlobalRole.ADMIN)) == 1
