"""Managing accounts: global roles, deactivation and country memberships.

Each function runs in one transaction and refuses, with an OperationError, whatever would leave the
product without an active administrator. The journal belongs to roadmaps, so these changes are
written to the ``cop_roadmap.audit`` log instead.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlalchemy import delete, func, select, update

from models.api_token import ApiToken
from models.base import db, utcnow
from models.country import Country
from models.operations.checks import show
from models.operations.core import Actor, OperationError, transaction
from models.roadmap import Roadmap
from models.user import GlobalRole, Membership, MembershipRole, User
from roadmap.countries import country_facts
from roadmap.i18n import N_, Phrase
from roadmap.vocabulary import NAME_MAX

MIN_PASSWORD = 8

audit = logging.getLogger("cop_roadmap.audit")


def ensure_country(code: str) -> Country:
    """The country with this ISO alpha-3 code, created from ISO 3166 data on first use (not committed)."""
    facts = country_facts(code)
    if facts is None:
        raise OperationError(N_("unknown ISO 3166-1 alpha-3 country code %(code)s"), code=show(code))
    country = db.session.scalar(select(Country).where(Country.code == facts.code))
    if country is None:
        country = Country(code=facts.code, name=facts.name, region=facts.region, subregion=facts.subregion)
        db.session.add(country)
        db.session.flush()
    return country


def create_user(
    email: str, name: str, password: str, role: GlobalRole, memberships: Iterable[tuple[str, MembershipRole]] = ()
) -> User:
    """Create an account with its country memberships, all or nothing."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise OperationError(N_("%(email)s is not an e-mail address"), email=show(email))
    if len(password) < MIN_PASSWORD:
        raise OperationError(N_("the password must have at least %(most)d characters"), most=MIN_PASSWORD)
    if len(name.strip()) > NAME_MAX:
        raise OperationError(
            N_("the %(what)s has %(count)d characters; at most %(most)d are allowed"),
            what=Phrase(N_("name")),
            count=len(name.strip()),
            most=NAME_MAX,
        )
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        raise OperationError(N_("a user with the e-mail %(email)s already exists"), email=email)
    try:
        user = User(email=email, name=name.strip() or email, role=role, active=True)
        user.set_password(password)
        db.session.add(user)
        seen = set()
        for code, member_role in memberships:
            country = ensure_country(code)
            if country.id in seen:
                raise OperationError(N_("the country %(code)s is given twice"), code=country.code)
            seen.add(country.id)
            user.memberships.append(Membership(country=country, role=member_role))
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return user


def _lock_admins() -> None:
    """Lock the active administrators' rows, so two changes cannot each remove "the other" last admin.

    On PostgreSQL a second transaction waits here and then sees the first one's change; on SQLite the
    UPDATE that follows takes the database's single write lock.
    """
    query = select(User.id).where(User.role == GlobalRole.ADMIN, User.active.is_(True))
    if db.session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    db.session.execute(query).all()


def _refuse_no_admin_left() -> None:
    count = db.session.scalar(select(func.count(User.id)).where(User.role == GlobalRole.ADMIN, User.active.is_(True)))
    if not count:
        raise OperationError(N_("this would leave no active administrator: make someone else an administrator first"))


def _user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise OperationError(N_("no such user"))
    return user


def set_role(actor: Actor, user_id: int, role: GlobalRole) -> None:
    """Change a user's global role; never the acting admin's own, never the last active admin's."""
    role = GlobalRole(role)
    if user_id == actor.user_id:
        raise OperationError(N_("you cannot change your own role: ask another administrator"))
    with transaction():
        _lock_admins()
        user = _user(user_id)
        old = user.role
        if old == role:
            return
        db.session.execute(update(User).where(User.id == user_id).values(role=role))
        _refuse_no_admin_left()
        audit.info("%s changed the role of %s from %s to %s", actor.name, user.email, old.value, role.value)


def set_active(actor: Actor, user_id: int, active: bool) -> None:
    """Let a user sign in again, or stop them (their session ends at their next request)."""
    if user_id == actor.user_id and not active:
        raise OperationError(N_("you cannot deactivate your own account: ask another administrator"))
    with transaction():
        _lock_admins()
        user = _user(user_id)
        if user.active == active:
            return
        if active:
            db.session.execute(update(User).where(User.id == user_id).values(active=True))
        else:
            # Stopped for good: their sessions end on every device, and their API tokens and the
            # calendar links they made are revoked, so reactivating the account brings none back.
            db.session.execute(
                update(User).where(User.id == user_id).values(active=False, session_epoch=User.session_epoch + 1)
            )
            t = ApiToken.__table__.c
            db.session.execute(
                update(ApiToken.__table__)
                .where(t.user_id == user_id, t.revoked_at.is_(None))
                .values(revoked_at=utcnow())
            )
            r = Roadmap.__table__.c
            db.session.execute(
                update(Roadmap.__table__).where(r.feed_token_by_id == user_id).values(feed_token_hash=None)
            )
        _refuse_no_admin_left()
        audit.info("%s %s %s", actor.name, "reactivated" if active else "deactivated", user.email)


def set_membership(actor: Actor, user_id: int, country_code: str, role: MembershipRole) -> bool:
    """Make the user an editor or viewer of a country; True if new, False if an existing role changed."""
    role = MembershipRole(role)
    with transaction():
        user = _user(user_id)
        country = ensure_country(country_code)
        membership = db.session.scalar(
            select(Membership).where(Membership.user_id == user.id, Membership.country_id == country.id)
        )
        created = membership is None
        if created:
            db.session.add(Membership(user_id=user.id, country_id=country.id, role=role))
        elif membership.role == role:
            return False
        else:
            membership.role = role
        audit.info("%s made %s %s of %s", actor.name, user.email, role.value, country.code)
    return created


def remove_membership(actor: Actor, user_id: int, membership_id: int) -> str:
    """Take a user out of a country; returns the country's name."""
    with transaction():
        row = db.session.execute(
            select(Country.name, Country.code, User.email)
            .join(Membership, Membership.country_id == Country.id)
            .join(User, User.id == Membership.user_id)
            .where(Membership.id == membership_id, Membership.user_id == user_id)
        ).one_or_none()
        if row is None:
            raise OperationError(N_("no such membership"))
        db.session.execute(delete(Membership).where(Membership.id == membership_id))
        audit.info("%s removed %s from %s", actor.name, row.email, row.code)
    return row.name
