"""The OpenAPI document is true to the API: every route described, and Schemathesis finds no 5xx and
no answer that breaks the document."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import select

from models import GlobalRole, MembershipRole, User, db
from models.operations.tokens import issue_token
from tests.factories import import_small, make_user
from views.api.openapi import document


def _rules(app):
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/"):
            path = rule.rule.removeprefix("/api/v1")
            for part in rule.arguments:
                for converter in ("int:", ""):
                    path = path.replace(f"<{converter}{part}>", "{" + part + "}")
            found |= {(path, m.lower()) for m in rule.methods - {"HEAD", "OPTIONS"}}
    return found


def test_every_api_route_is_described_and_nothing_else(app):
    document = app.test_client().get("/api/v1/openapi.json").get_json()
    assert document["openapi"] == "3.1.0"
    described = {
        (path, method)
        for path, item in document["paths"].items()
        for method in item
        if method in {"get", "put", "post", "delete", "patch"}
    }
    assert described == _rules(app) - {("/openapi.json", "get")}


@pytest.fixture
def api_app(app):
    """The app with two countries' roadmaps and an editor of one of them, whose token the checks use."""
    with app.app_context():
        import_small()
        import_small(country="UGA", title="Uganda roadmap")
        make_user("editor@example.org", KEN=MembershipRole.EDITOR)
        make_user("admin@example.org", GlobalRole.ADMIN)
        user = db.session.scalar(select(User).where(User.email == "editor@example.org"))
        app.config["API_TEST_TOKEN"] = issue_token(user.id, "schemathesis")
    return app


# Built from the document itself (which needs no database), so each operation is its own test.
schema = schemathesis.openapi.from_dict(document())

# Schemathesis's parametrization runs no case inside a pytest-xdist worker, and would pass without
# checking anything: `make test` runs this module on its own, and a parallel run skips it, saying so.
in_parallel_worker = pytest.mark.skipif(
    "PYTEST_XDIST_WORKER" in os.environ, reason="Schemathesis runs no case under pytest-xdist: run this file without -n"
)


@in_parallel_worker
@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_the_api_keeps_to_its_document(case, api_app):
    case.operation.schema.app = api_app  # the WSGI app the calls go to
    with api_app.app_context():
        case.call_and_validate(
            app=api_app,
            headers={"Authorization": f"Bearer {api_app.config['API_TEST_TOKEN']}"},
            checks=[
                not_a_server_error,
                status_code_conformance,
                content_type_conformance,
                response_headers_conformance,
                response_schema_conformance,
            ],
        )
