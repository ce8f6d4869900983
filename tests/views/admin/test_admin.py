"""Administrators manage accounts, roles and memberships from the web; nobody can lock the product out."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from models import Country, GlobalRole, Membership, MembershipRole, User, db
from models.operations import Actor, OperationError
from models.operations.accounts import set_active, set_role
from tests.factories import PASSWORD, make_user
from tests.views.conftest import login


def user(email: str) -> User:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


def error_of(html: str, field_id: str) -> str:
    """The error shown next to a field (the macro ties it to the field with aria-describedby)."""
    marker = f'<p class="error" id="{field_id}-error">'
    assert marker in html, f"no error next to {field_id}"
    return html.split(marker, 1)[1].split("</p>", 1)[0]


def test_only_admins_see_the_users_link(client, world):
    login(client, "editor@example.org")
    assert 'href="/admin/users"' not in client.get("/").get_data(as_text=True)
    client.post("/logout")
    login(client, "admin@example.org")
    assert 'href="/admin/users"' in client.get("/").get_data(as_text=True)
    page = client.get("/admin/users").get_data(as_text=True)
    assert "viewer@example.org" in page and "Kenya" in page


def test_an_admin_creates_an_account_that_can_sign_in(client, world, caplog):
    login(client, "admin@example.org")
    caplog.set_level(logging.INFO, logger="cop_roadmap.audit")
    response = client.post(
        "/admin/users/new",
        data={
            "email": " Amina@Example.ORG ",
            "name": "Amina Odhiambo",
            "password": "a long passphrase",
            "confirm": "a long passphrase",
            "role": "member",
        },
    )
    created = user("amina@example.org")
    assert response.status_code == 302 and response.headers["Location"] == f"/admin/users/{created.id}"
    assert (created.name, created.role, created.active) == ("Amina Odhiambo", GlobalRole.MEMBER, True)
    assert "admin@example.org created the account amina@example.org (member)" in caplog.text
    client.post("/logout")
    assert login(client, "amina@example.org", "a long passphrase").status_code == 302


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"password": "short", "confirm": "short"}, "password", "Use from 8 to 1024 characters."),
        ({"confirm": "something else"}, "confirm", "The passwords differ."),
        ({"email": "not-an-address"}, "email", "This is not an e-mail address."),
        ({"email": "viewer@example.org"}, "email", "a user with the e-mail viewer@example.org already exists"),
        ({"name": "N" * 201}, "name", "Field cannot be longer than 200 characters."),
        ({"role": "superuser"}, "role", "Not a valid choice."),
    ],
)
def test_a_refused_account_keeps_what_was_typed_and_names_the_problem(client, world, changes, field, message):
    login(client, "admin@example.org")
    data = {
        "email": "amina@example.org",
        "name": "Amina Odhiambo",
        "password": "a long passphrase",
        "confirm": "a long passphrase",
        "role": "adviser",
        **changes,
    }
    response = client.post("/admin/users/new", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    if field == "role":
        assert message in html
    else:
        assert message in error_of(html, field)
    assert f'value="{data["email"]}"' in html and f'value="{data["name"]}"' in html
    assert "a long passphrase" not in html  # passwords are never sent back to the browser
    assert db.session.scalar(select(User.id).where(User.email == "amina@example.org")) is None


def test_roles_change_but_never_the_admins_own(client, world):
    login(client, "admin@example.org")
    viewer, admin = user("viewer@example.org"), user("admin@example.org")
    assert client.post(f"/admin/users/{viewer.id}/role", data={"role": "adviser"}).status_code == 302
    assert user("viewer@example.org").role == GlobalRole.ADVISER
    response = client.post(f"/admin/users/{admin.id}/role", data={"role": "member"})
    assert response.status_code == 400
    assert "you cannot change your own role" in error_of(response.get_data(as_text=True), "role")
    assert user("admin@example.org").role == GlobalRole.ADMIN


def test_the_last_active_admin_cannot_be_demoted_or_deactivated(world):
    only = user("admin@example.org")
    for change in (
        lambda: set_role(Actor("cop-roadmap"), only.id, GlobalRole.ADVISER),
        lambda: set_active(Actor("cop-roadmap"), only.id, False),
    ):
        with pytest.raises(OperationError, match="no active administrator"):
            change()
    assert (user("admin@example.org").role, user("admin@example.org").active) == (GlobalRole.ADMIN, True)
    # With a second administrator, one may step down.
    second = make_user("second.admin@example.org", GlobalRole.ADMIN)
    set_role(Actor("Second", second.id), only.id, GlobalRole.ADVISER)
    assert user("admin@example.org").role == GlobalRole.ADVISER
    # A deactivated admin does not count: the remaining active one stays.
    with pytest.raises(OperationError, match="your own"):
        set_active(Actor("Second", second.id), second.id, False)


def test_a_deactivated_account_is_signed_out_and_cannot_sign_in(app):
    # Requests run outside any app context held here, so each one has its own g, as in production.
    with app.app_context():
        make_user("admin@example.org", GlobalRole.ADMIN)
        editor_id = make_user("editor@example.org").id
    admin_client, editor_client = app.test_client(), app.test_client()
    login(admin_client, "admin@example.org")
    login(editor_client, "editor@example.org")
    assert editor_client.get("/").status_code == 200
    assert admin_client.post(f"/admin/users/{editor_id}/active", data={"active": "no"}).status_code == 302
    with app.app_context():
        assert db.session.get(User, editor_id).active is False
    assert editor_client.get("/").status_code == 302  # the open session ends at its next request
    assert login(editor_client, "editor@example.org").status_code == 400
    assert "Reactivate" in admin_client.get(f"/admin/users/{editor_id}").get_data(as_text=True)
    assert admin_client.post(f"/admin/users/{editor_id}/active", data={"active": "yes"}).status_code == 302
    assert login(editor_client, "editor@example.org", PASSWORD).status_code == 302


def test_an_admin_cannot_deactivate_themselves(client, world):
    login(client, "admin@example.org")
    admin = user("admin@example.org")
    response = client.post(f"/admin/users/{admin.id}/active", data={"active": "no"})
    assert response.status_code == 400
    assert "you cannot deactivate your own account" in response.get_data(as_text=True)
    assert user("admin@example.org").active is True


def test_memberships_are_added_changed_and_removed(client, world, caplog):
    login(client, "admin@example.org")
    caplog.set_level(logging.INFO, logger="cop_roadmap.audit")
    nobody = user("nobody@example.org")
    url = f"/admin/users/{nobody.id}/memberships"
    assert client.post(url, data={"m-country": "UGA", "m-role": "viewer"}).status_code == 302
    assert client.post(url, data={"m-country": "UGA", "m-role": "editor"}).status_code == 302
    rows = db.session.execute(
        select(Country.code, Membership.role, Membership.id).join(Country).where(Membership.user_id == nobody.id)
    ).all()
    assert [(code, role) for code, role, _ in rows] == [("UGA", MembershipRole.EDITOR)]
    assert "made nobody@example.org editor of UGA" in caplog.text
    # The new editor now sees Uganda's roadmap.
    other = world["uganda"]
    client.post("/logout")
    login(client, "nobody@example.org")
    assert client.get(f"/roadmaps/{other}").status_code == 200
    client.post("/logout")
    login(client, "admin@example.org")
    assert client.post(f"{url}/{rows[0].id}/remove").status_code == 302
    assert db.session.scalar(select(Membership.id).where(Membership.user_id == nobody.id)) is None


def test_a_membership_without_a_country_names_the_problem(client, world):
    login(client, "admin@example.org")
    nobody = user("nobody@example.org")
    response = client.post(f"/admin/users/{nobody.id}/memberships", data={"m-country": "", "m-role": "editor"})
    assert response.status_code == 400
    assert "Choose a country." in error_of(response.get_data(as_text=True), "m-country")
    response = client.post(f"/admin/users/{nobody.id}/memberships", data={"m-country": "XXX", "m-role": "editor"})
    assert response.status_code == 400 and "Not a valid choice." in response.get_data(as_text=True)


def test_unknown_accounts_and_memberships_answer_404(client, world):
    login(client, "admin@example.org")
    assert client.get("/admin/users/999999").status_code == 404
    assert client.get(f"/admin/users/{2**70}").status_code == 404
    viewer = user("viewer@example.org")
    assert client.post(f"/admin/users/{viewer.id}/memberships/999999/remove").status_code == 404
