import uuid

import pytest
from sqlalchemy import update

from models import User, db
from tests.conftest import make_app
from tests.views.conftest import login


def test_login_page_has_a_labelled_form(client):
    page = client.get("/login")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<label for="email">' in html and '<label for="password">' in html
    assert 'autocomplete="current-password"' in html


def test_pages_need_a_login(client):
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")


def test_right_password_signs_in_and_goes_home(client, world):
    response = login(client, "editor@example.org")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Kenya COP roadmap" in client.get("/").get_data(as_text=True)


def test_email_is_not_case_sensitive(client, world):
    assert login(client, "Editor@Example.ORG").status_code == 302


def test_wrong_password_and_unknown_user_get_the_same_answer(client, world):
    wrong = login(client, "editor@example.org", "not the password")
    unknown = login(client, "ghost@example.org", "not the password")
    assert wrong.status_code == unknown.status_code == 400
    assert "The e-mail or password is not right." in wrong.get_data(as_text=True)
    assert wrong.get_data(as_text=True) == unknown.get_data(as_text=True).replace("ghost@", "editor@")


def test_the_email_typed_is_kept_after_a_failed_login(client, world):
    html = login(client, "editor@example.org", "nope").get_data(as_text=True)
    assert 'value="editor@example.org"' in html
    assert "nope" not in html  # the password is never sent back


def test_an_inactive_account_cannot_sign_in(client, world):
    db.session.execute(update(User).where(User.email == "editor@example.org").values(active=False))
    db.session.commit()
    assert login(client, "editor@example.org").status_code == 400


def test_next_goes_to_a_path_on_this_site(client, world):
    response = login(client, "editor@example.org", next=f"/roadmaps/{world['kenya']}")
    assert response.headers["Location"] == f"/roadmaps/{world['kenya']}"


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "/\\evil.example",
        "////evil.example",
        "javascript:alert(1)",
        "https://evil.example/",
        "http:/evil.example",
        "/\t/evil.example",
        "evil.example",
    ],
)
def test_next_never_leaves_the_site(client, world, target):
    response = login(client, "editor@example.org", next=target)
    assert response.headers["Location"] == "/"


def test_logout_needs_a_post_and_ends_the_session(client, world):
    login(client, "editor@example.org")
    # Opened as a page, the address leads home (views/errors.py) and signs nobody out.
    assert client.get("/logout").status_code in (302, 405)
    assert client.get("/").status_code == 200
    assert client.post("/logout").status_code == 302
    assert client.get("/").status_code == 302


def test_login_starts_a_new_session(client, world):
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    login(client, "editor@example.org")
    with client.session_transaction() as session:
        assert "planted" not in session


def test_login_form_needs_its_csrf_token(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, WTF_CSRF_ENABLED=True)
    with app.app_context():
        response = app.test_client().post("/login", data={"email": "a@example.org", "password": "x"})
        assert response.status_code == 400
        html = response.get_data(as_text=True)
        assert "The page had expired. Please type your password again." in html
        assert 'value="a@example.org"' in html and 'name="csrf_token"' in html
        db.engine.dispose()


def test_repeated_login_attempts_are_slowed_down(client, world):
    for _ in range(10):
        assert login(client, "editor@example.org", "guess").status_code == 400
    response = login(client, "editor@example.org")  # even the right password must wait now
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)


def test_the_rate_limit_can_use_redis(tmp_path, monkeypatch):
    import redis

    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis server answers on 127.0.0.1:6379")
    app = make_app(
        tmp_path,
        monkeypatch,
        RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/15",
        LOGIN_RATE_LIMIT="2 per minute",
        RATELIMIT_KEY_PREFIX=f"test-{uuid.uuid4().hex}",
    )
    with app.app_context():
        client = app.test_client()
        codes = [client.post("/login", data={"email": "x@example.org", "password": "y"}).status_code for _ in range(3)]
        assert codes == [400, 400, 429]
        db.engine.dispose()


def test_an_idle_session_is_signed_out(client, world, app):
    login(client, "editor@example.org")
    assert client.get("/").status_code == 200
    with client.session_transaction() as session:
        session["last_seen"] -= app.config["IDLE_TIMEOUT_MINUTES"] * 60 + 1
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert "signed out after a period without activity" in client.get("/login").get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_attempts_on_one_account_from_many_addresses_are_stopped_too(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, LOGIN_RATE_LIMIT="100 per minute", LOGIN_ACCOUNT_RATE_LIMIT="3 per hour")
    with app.app_context():
        client = app.test_client()

        def attempt(email: str, address: str) -> int:
            sent = {"email": email, "password": "guess"}
            return client.post("/login", data=sent, environ_base={"REMOTE_ADDR": address}).status_code

        assert [attempt("ed@example.org", f"10.0.0.{n}") for n in range(4)] == [400, 400, 400, 429]
        assert attempt("someone.else@example.org", "10.0.0.9") == 400  # another account is not held up
        db.engine.dispose()


def test_a_deactivated_account_costs_the_same_password_check_as_an_active_one(client, world, monkeypatch):
    # The time a refusal takes must not tell a deactivated account apart: its password is checked too.
    import models.user

    checked = []
    real = models.user.check_password_hash
    monkeypatch.setattr(models.user, "check_password_hash", lambda h, p: checked.append(p) or real(h, p))
    db.session.execute(update(User).where(User.email == "editor@example.org").values(active=False))
    db.session.commit()
    assert login(client, "editor@example.org").status_code == 400
    assert login(client, "viewer@example.org", "wrong").status_code == 400
    assert len(checked) == 2
