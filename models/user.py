"""People who sign in, and the countries they belong to."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from models.base import UTCDateTime, db, enum_column, utcnow
from models.country import Country


class GlobalRole(StrEnum):
    """What a user may do across all countries."""

    ADMIN = "admin"  # users, countries, everything
    ADVISER = "adviser"  # reads every country, comments, approves
    MEMBER = "member"  # only what their memberships allow


class MailChoice(StrEnum):
    """How a person hears of their inbox by e-mail (only when the server has a mail relay set up)."""

    EACH = "each"  # a mail for each notice, as it happens
    DAILY = "daily"  # one digest a day of what is still unread
    OFF = "off"  # the inbox only


class MembershipRole(StrEnum):
    """What a member may do with one country's roadmaps."""

    EDITOR = "editor"
    VIEWER = "viewer"


class User(db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-case
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[GlobalRole] = mapped_column(enum_column(GlobalRole, "role"), default=GlobalRole.MEMBER)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Counted up when the account is stopped or its password changes: a session signed in under an
    # earlier count is no longer valid (views/extensions.py), on every device.
    session_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    mail_notices: Mapped[MailChoice] = mapped_column(
        enum_column(MailChoice, "mail_choice"), default=MailChoice.EACH, server_default=MailChoice.EACH.value
    )
    # The interface language the person last chose (views/language.py): their e-mails are written in
    # it. None until they choose one; their mail is then in the site's default language.
    language: Mapped[str | None] = mapped_column(String(5))

    memberships: Mapped[list[Membership]] = relationship(back_populates="user", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"

    def set_password(self, password: str) -> None:
        """Set a new password, ending the sessions signed in with the old one."""
        self.password_hash = generate_password_hash(password, method="scrypt")
        self.session_epoch = (self.session_epoch or 0) + 1

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    # The four members Flask-Login asks of a user object.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)


class Membership(db.Model):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "country_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    country_id: Mapped[int] = mapped_column(ForeignKey("countries.id", ondelete="CASCADE"))
    role: Mapped[MembershipRole] = mapped_column(enum_column(MembershipRole, "role"))

    user: Mapped[User] = relationship(back_populates="memberships")
    country: Mapped[Country] = relationship(back_populates="memberships")

    def __repr__(self) -> str:
        return f"<Membership user={self.user_id} country={self.country_id} {self.role}>"


class FollowedCountry(db.Model):
    """A country on an adviser's own list: the dashboard can show just these, and news of them is theirs."""

    __tablename__ = "followed_countries"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    country_id: Mapped[int] = mapped_column(ForeignKey("countries.id", ondelete="CASCADE"), primary_key=True)
    since: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<FollowedCountry user={self.user_id} country={self.country_id}>"
