"""Signed-in browser sessions, kept on the server so that signing out, or an administrator stopping an
account, ends them: a copied session cookie then opens nothing.

The rows are written by Flask-Session (views/sessions.py); the cookie holds only the row's random id.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db


class WebSession(db.Model):
    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[str] = mapped_column(String(255), unique=True)
    data: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Naive UTC, as Flask-Session writes it; expired rows are deleted as they are met.
    expiry: Mapped[datetime | None] = mapped_column(DateTime, index=True)

    def __init__(self, session_id: str, data: bytes, expiry: datetime) -> None:
        # The three arguments Flask-Session's SQLAlchemy store passes when it adds a session.
        super().__init__(session_id=session_id, data=data, expiry=expiry)

    def __repr__(self) -> str:
        return f"<WebSession {self.id}>"
