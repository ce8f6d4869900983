import pytest

from models import GlobalRole, MembershipRole
from tests.factories import PASSWORD, import_small, make_user


@pytest.fixture
def world(ctx):
    """Two countries' roadmaps and one user of every kind."""
    kenya = import_small()
    uganda = import_small(country="UGA", title="Uganda COP roadmap")
    make_user("admin@example.org", GlobalRole.ADMIN)
    make_user("adviser@example.org", GlobalRole.ADVISER)
    make_user("editor@example.org", KEN=MembershipRole.EDITOR)
    make_user("viewer@example.org", KEN=MembershipRole.VIEWER)
    make_user("other@example.org", UGA=MembershipRole.EDITOR)
    make_user("nobody@example.org")
    return {"kenya": kenya, "uganda": uganda}


def login(client, email, password=PASSWORD, **query):
    return client.post("/login", data={"email": email, "password": password}, query_string=query)
