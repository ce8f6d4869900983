"""The signed token in every e-mail's unsubscribe link: it names the person and turns their mail off
without signing in. Signed with the app's SECRET_KEY, so it cannot be forged for someone else; it does
not expire, since an old mail's link must still work."""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

_SALT = "cop-roadmap mail off"


def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def mail_off_token(user_id: int) -> str:
    """The token that turns this user's e-mail off."""
    return _signer().dumps({"user": user_id})


def user_of_token(token: str) -> int | None:
    """The user a token names, or None for a token that was not made here (or was altered)."""
    try:
        data = _signer().loads(token)
    except BadSignature:
        return None
    user_id = data.get("user") if isinstance(data, dict) else None
    return user_id if isinstance(user_id, int) else None
