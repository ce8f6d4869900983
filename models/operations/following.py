"""An adviser's own list of countries: which countries they follow.

Following is the adviser's own business, not a change to any roadmap, so it is not journalled; it is
idempotent, so a form sent twice (a double click, a back button) does no harm.
"""

from __future__ import annotations

from sqlalchemy import delete, select

from models.base import db
from models.country import Country
from models.operations.core import transaction
from models.user import FollowedCountry


def _country(code: str) -> Country | None:
    return db.session.scalar(select(Country).where(Country.code == code.upper())) if len(code) == 3 else None


def follow(user_id: int, code: str) -> str | None:
    """Put the country with this ISO code on the user's list; its code, or None when no such country is held."""
    country = _country(code)
    if country is None:
        return None
    with transaction():
        known = db.session.get(FollowedCountry, (user_id, country.id))
        if known is None:
            db.session.add(FollowedCountry(user_id=user_id, country_id=country.id))
    return country.code


def unfollow(user_id: int, code: str) -> str | None:
    """Take the country off the user's list; its code, or None when no such country is held."""
    country = _country(code)
    if country is None:
        return None
    with transaction():
        db.session.execute(
            delete(FollowedCountry).where(FollowedCountry.user_id == user_id, FollowedCountry.country_id == country.id)
        )
    return country.code


def followed_codes(user_id: int) -> list[str]:
    """The ISO codes of the countries on the user's list."""
    query = select(Country.code).join(FollowedCountry, FollowedCountry.country_id == Country.id)
    return sorted(db.session.scalars(query.where(FollowedCountry.user_id == user_id)))
