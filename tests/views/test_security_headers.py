import pytest


@pytest.mark.parametrize("path", ["/login", "/", "/static/site.css", "/no-such-page"])
def test_every_response_carries_the_security_headers(client, path):
    with client.get(path) as response:
        csp = response.headers["Content-Security-Policy"]
        headers = response.headers
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp and "frame-ancestors 'self'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers  # plain HTTP here


def test_hsts_is_sent_over_https(client):
    response = client.get("/login", base_url="https://cop.example.org")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_session_cookie_is_httponly_and_lax(client, world):
    from tests.views.conftest import login

    response = login(client, "editor@example.org")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_behind_a_proxy_the_forwarded_scheme_counts(tmp_path, monkeypatch):
    from models import db
    from tests.conftest import make_app

    app = make_app(tmp_path, monkeypatch, PROXY_FIX=True)
    with app.app_context():
        response = app.test_client().get("/login", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "1.2.3.4"})
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")
        db.engine.dispose()


def test_a_signed_in_persons_pages_and_a_new_token_are_never_stored_by_a_cache(client, world):
    from tests.views.conftest import login

    assert "no-store" not in client.get("/login").headers.get("Cache-Control", "")  # nothing private
    login(client, "editor@example.org")
    for path in ("/", f"/roadmaps/{world['kenya']}", "/account/tokens"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path
    from tests.factories import PASSWORD
    from tests.views.api.test_api import form_id

    shown = client.get("/account/tokens")
    made = client.post("/account/tokens", data={"name": "Monthly report", "password": PASSWORD, "once": form_id(shown)})
    assert made.status_code == 200 and made.headers["Cache-Control"] == "no-store"
