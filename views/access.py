"""The one access check every view that touches a roadmap goes through."""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import Select, select

from models import Country, GlobalRole, Membership, MembershipRole, Roadmap, User, db


def sees_every_country(user: User) -> bool:
    """Admins and advisers read every country's roadmaps."""
    return user.role in (GlobalRole.ADMIN, GlobalRole.ADVISER)


def membership_role(user: User, country_id: int) -> MembershipRole | None:
    """The user's role in a country, or None if they are not a member."""
    return db.session.scalar(
        select(Membership.role).where(Membership.user_id == user.id, Membership.country_id == country_id)
    )


def can_read(user: User, country_id: int) -> bool:
    """Whether the user may read this country's roadmaps."""
    return sees_every_country(user) or membership_role(user, country_id) is not None


def can_edit(user: User, country_id: int) -> bool:
    """Whether the user may change this country's roadmaps (admins and the country's editors)."""
    return user.role == GlobalRole.ADMIN or membership_role(user, country_id) == MembershipRole.EDITOR


def can_comment(user: User, country_id: int) -> bool:
    """Whether the user may comment on this country's roadmaps: advisers, admins and the country's editors."""
    return sees_every_country(user) or can_edit(user, country_id)


def can_review(user: User) -> bool:
    """Whether the user may approve a roadmap or return it to draft: advisers and admins."""
    return sees_every_country(user)


def editable_countries() -> list[tuple[str, str]]:
    """(code, name) of the countries the current user may make roadmaps for: every one for admins."""
    from views.wizard.forms import country_choices  # the one list of country names, in the reader's language

    if current_user.role == GlobalRole.ADMIN:
        return country_choices(None)
    codes = db.session.scalars(
        select(Country.code)
        .join(Membership, Membership.country_id == Country.id)
        .where(Membership.user_id == current_user.id, Membership.role == MembershipRole.EDITOR)
    ).all()
    return country_choices(list(codes))


def visible_roadmaps(user: User) -> Select:
    """A query for the roadmaps the user may read."""
    query = select(Roadmap)
    if not sees_every_country(user):
        member_of = select(Membership.country_id).where(Membership.user_id == user.id)
        query = query.where(Roadmap.country_id.in_(member_of))
    return query


def roadmap_for(roadmap_id: int, *, edit: bool = False) -> Roadmap:
    """The roadmap if the current user may read it (or edit it, when asked); 404 or 403 otherwise.

    A roadmap the user may not read answers 404, so its existence is not disclosed.
    """
    roadmap = db.session.get(Roadmap, roadmap_id)
    if roadmap is None or not can_read(current_user, roadmap.country_id):
        abort(404)
    if edit and not can_edit(current_user, roadmap.country_id):
        abort(403)
    return roadmap
