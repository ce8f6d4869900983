"""Administration: accounts, their global role, whether they may sign in, and their countries."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models import GlobalRole, Membership, MembershipRole, User, db
from models.operations import Actor, OperationError, create_user
from models.operations.accounts import audit, set_membership
from models.operations.accounts import remove_membership as remove_membership_op
from models.operations.accounts import set_active as set_active_op
from models.operations.accounts import set_role as set_role_op
from views.admin.forms import MEMBERSHIP_LABELS, ROLE_LABELS, ActiveForm, MembershipForm, NewUserForm, RoleForm
from views.forms import already_saved, once_guard, settle_once, spending
from views.messages import explain

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def _admins_only():
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    if current_user.role != GlobalRole.ADMIN:
        abort(403)
    return None


def _labels() -> dict:
    return {"role_labels": ROLE_LABELS, "membership_labels": MEMBERSHIP_LABELS}


@bp.route("/users")
def users():
    rows = db.session.scalars(
        select(User).options(selectinload(User.memberships).selectinload(Membership.country)).order_by(User.email)
    ).all()
    return render_template("admin/users.html", users=rows, **_labels())


@bp.route("/users/new", methods=["GET", "POST"])
def new_user():
    form = NewUserForm()
    if again := once_guard(form, url_for("admin.users")):
        return again
    if form.validate_on_submit():
        try:
            with spending(form):
                user = create_user(form.email.data, form.name.data, form.password.data, GlobalRole(form.role.data))
        except OperationError as exc:
            if again := already_saved(form, url_for("admin.users")):
                return again  # the same page sent twice at once: the other send created it
            form.email.errors.append(explain(exc))
        else:
            settle_once(form, url_for("admin.user", user_id=user.id))
            audit.info("%s created the account %s (%s)", current_user.email, user.email, user.role.value)
            flash(_("Account created for %(email)s. Now give them their countries.", email=user.email), "info")
            return redirect(url_for("admin.user", user_id=user.id))
    return render_template("admin/new_user.html", form=form), 400 if form.errors else 200


def _target(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


def _user_page(user: User, *, role_form=None, active_form=None, membership_form=None, status: int = 200):
    if role_form is None:
        role_form = RoleForm(formdata=None, role=user.role.value)
    memberships = db.session.scalars(
        select(Membership)
        .options(selectinload(Membership.country))
        .where(Membership.user_id == user.id)
        .order_by(Membership.id)
    ).all()
    return render_template(
        "admin/user.html",
        user=user,
        memberships=memberships,
        role_form=role_form,
        active_form=active_form or ActiveForm(formdata=None),
        membership_form=membership_form or MembershipForm(prefix="m", formdata=None),
        is_self=user.id == current_user.id,
        **_labels(),
    ), status


@bp.route("/users/<int:user_id>")
def user(user_id: int):
    return _user_page(_target(user_id))


@bp.route("/users/<int:user_id>/role", methods=["POST"])
def set_role(user_id: int):
    user = _target(user_id)
    form = RoleForm()
    if form.validate_on_submit():
        try:
            set_role_op(Actor.of(current_user), user.id, GlobalRole(form.role.data))
        except OperationError as exc:
            form.role.errors.append(explain(exc))
        else:
            flash(_("Role saved."), "info")
            return redirect(url_for("admin.user", user_id=user.id))
    db.session.expire_all()
    return _user_page(user, role_form=form, status=400)


@bp.route("/users/<int:user_id>/active", methods=["POST"])
def set_active(user_id: int):
    user = _target(user_id)
    form = ActiveForm()
    if form.validate_on_submit():
        active = form.active.data == "yes"
        try:
            set_active_op(Actor.of(current_user), user.id, active)
        except OperationError as exc:
            form.active.errors.append(explain(exc))
        else:
            if active:
                flash(_("%(email)s may sign in again.", email=user.email), "info")
            else:
                flash(_("%(email)s can no longer sign in.", email=user.email), "info")
            return redirect(url_for("admin.user", user_id=user.id))
    db.session.expire_all()
    return _user_page(user, active_form=form, status=400)


@bp.route("/users/<int:user_id>/memberships", methods=["POST"])
def add_membership(user_id: int):
    user = _target(user_id)
    form = MembershipForm(prefix="m")
    if form.validate_on_submit():
        try:
            created = set_membership(Actor.of(current_user), user.id, form.country.data, MembershipRole(form.role.data))
        except OperationError as exc:
            form.country.errors.append(explain(exc))
        else:
            flash(_("Country added.") if created else _("Role in that country changed."), "info")
            return redirect(url_for("admin.user", user_id=user.id))
    return _user_page(user, membership_form=form, status=400)


@bp.route("/users/<int:user_id>/memberships/<int:membership_id>/remove", methods=["POST"])
def remove_membership(user_id: int, membership_id: int):
    user = _target(user_id)
    try:
        country = remove_membership_op(Actor.of(current_user), user.id, membership_id)
    except OperationError:
        abort(404)
    flash(_("%(email)s is no longer a member for %(country)s.", email=user.email, country=country), "info")
    return redirect(url_for("admin.user", user_id=user.id))
