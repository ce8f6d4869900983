"""Sessions that end: signing out ends the session behind a copied cookie, stopping an account ends all of
its sessions and revokes its tokens and calendar links, and reactivating it brings none of them back."""

import uuid

import pytest
from sqlalchemy import func, select

from models import Membership, User, WebSession, db
from models.operations import Actor
from models.operations.accounts import remove_membership, set_active
from models.operations.feeds import new_feed_token
from models.operations.tokens import issue_token
from tests.conftest import make_app
from tests.factories import PASSWORD
from tests.views.conftest import login

ADMIN = Actor("Admin", user_id=None)


def user_id(email: str) -> int:
    return db.session.scalar(select(User.id).where(User.email == email))


def session_cookie(client) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def replayed(app, cookie: str, path: str = "/"):
    """The same request from another browser holding a copy of the cookie. In an app context of its
    own: the test's context would otherwise hand it the user Flask-Login loaded for an earlier request."""
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    with app.app_context():
        return thief.get(path)


def signed_in(response) -> bool:
    return response.status_code == 200


def test_the_cookie_holds_only_an_id_and_the_session_is_kept_in_the_database(client, world):
    login(client, "editor@example.org")
    cookie = session_cookie(client)
    assert "." not in cookie and len(cookie) < 64  # a random id, not signed session data
    assert db.session.scalar(select(func.count()).select_from(WebSession)) >= 1


def test_a_cookie_copied_before_signing_out_opens_nothing_after(app, client, world):
    login(client, "editor@example.org")
    cookie = session_cookie(client)
    assert signed_in(replayed(app, cookie))
    client.post("/logout")
    answer = replayed(app, cookie)
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]
    # Nor can the copy make an API token: it is not signed in, and a token needs the password anyway.
    made = replayed(app, cookie, "/account/tokens")
    assert made.status_code == 302


def test_signing_in_gives_a_new_session_id(app, client, world):
    client.get("/login")  # a session (and its id) before signing in
    before = client.get_cookie("session")
    login(client, "editor@example.org")
    assert before is None or session_cookie(client) != before.value


def test_stopping_an_account_ends_its_sessions_and_revokes_its_tokens_and_calendar_links(app, client, world):
    editor = user_id("editor@example.org")
    login(client, "editor@example.org")
    cookie = session_cookie(client)
    token = issue_token(editor, "report script")
    feed = new_feed_token(Actor("Ed", user_id=editor), world["kenya"])
    api = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/roadmaps", headers=api).status_code == 200
    assert app.test_client().get(f"/calendar/{feed}.ics").status_code == 200

    set_active(ADMIN, editor, False)
    assert not signed_in(replayed(app, cookie))
    assert client.get("/api/v1/roadmaps", headers=api).status_code == 401
    assert app.test_client().get(f"/calendar/{feed}.ics").status_code == 404

    # Reactivated: the account signs in afresh, and nothing it had before comes back.
    set_active(ADMIN, editor, True)
    assert not signed_in(replayed(app, cookie))
    assert client.get("/api/v1/roadmaps", headers=api).status_code == 401
    assert app.test_client().get(f"/calendar/{feed}.ics").status_code == 404
    fresh = app.test_client()
    assert login(fresh, "editor@example.org").status_code == 302
    assert signed_in(fresh.get("/"))


def test_a_calendar_link_answers_only_while_its_maker_may_read_the_roadmap(app, world):
    editor = user_id("editor@example.org")
    feed = new_feed_token(Actor("Ed", user_id=editor), world["kenya"])
    reader = app.test_client()
    assert reader.get(f"/calendar/{feed}.ics").status_code == 200
    membership = db.session.scalar(select(Membership.id).where(Membership.user_id == editor))
    remove_membership(ADMIN, editor, membership)
    assert reader.get(f"/calendar/{feed}.ics").status_code == 404


def test_a_new_password_ends_the_sessions_signed_in_with_the_old_one(app, client, world):
    login(client, "editor@example.org")
    cookie = session_cookie(client)
    user = db.session.get(User, user_id("editor@example.org"))
    user.set_password(PASSWORD + " and more")
    db.session.commit()
    assert not signed_in(replayed(app, cookie))


def test_sessions_can_be_kept_in_redis(tmp_path, monkeypatch):
    import redis

    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis server answers on 127.0.0.1:6379")
    app = make_app(tmp_path, monkeypatch, SESSION_URL=f"redis://127.0.0.1:6379/14?client_name={uuid.uuid4().hex}")
    with app.app_context():
        from tests.factories import make_user

        make_user("ed@example.org")
        client = app.test_client()
        assert login(client, "ed@example.org").status_code == 302
        cookie = session_cookie(client)
        stored = redis.Redis(host="127.0.0.1", port=6379, db=14).get(f"cop-roadmap-session:{cookie}")
        assert stored is not None  # in Redis, not in the database
        assert db.session.scalar(select(func.count()).select_from(WebSession)) == 0
        assert signed_in(replayed(app, cookie))
        client.post("/logout")
        assert not signed_in(replayed(app, cookie))
        db.engine.dispose()


def test_an_unknown_session_store_is_refused_at_start(tmp_path, monkeypatch):
    with pytest.raises(ValueError, match="SESSION_URL must be a redis:// URL"):
        make_app(tmp_path, monkeypatch, SESSION_URL="memcached://127.0.0.1")


def test_reading_pages_does_not_write_the_session_each_time(app, client, world):
    from sqlalchemy import event

    login(client, "editor@example.org")
    client.get("/")
    writes = []

    def count(conn, cursor, statement, *args):
        if "web_sessions" in statement and statement.lstrip().upper().startswith(("UPDATE", "INSERT")):
            writes.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        for _ in range(5):
            with app.app_context():
                assert client.get("/").status_code == 200
                with client.get("/static/site.css") as style:
                    assert style.status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert writes == []  # last_seen is written at most once a minute
