"""Calling the API as a script does: with a personal token of one of the world's users."""

import json

import pytest
from sqlalchemy import select

from models import User, db
from models.operations.tokens import issue_token


def token_for(email):
    user = db.session.scalar(select(User).where(User.email == email))
    return issue_token(user.id, "test script")


@pytest.fixture
def api(client, world):
    tokens = {}

    def call(method, path, email="editor@example.org", body=None, headers=None, raw=None):
        if email not in tokens:
            tokens[email] = token_for(email)
        sent = {"Authorization": f"Bearer {tokens[email]}", **(headers or {})}
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        kind = "application/json" if data is not None else None
        return client.open(f"/api/v1{path}", method=method, data=data, headers=sent, content_type=kind)

    return call
