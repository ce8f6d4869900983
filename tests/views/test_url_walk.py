"""Every route of the site and the API, asked with ids too large to be ids, odd text in its other parts and
empty forms, as each kind of user: none answers with a server error."""

import re

import pytest

from models.operations import Actor
from models.operations.workflow import Step, move_roadmap
from tests.views.api.conftest import token_for
from tests.views.conftest import login

# Past a PostgreSQL integer, past a 64-bit integer, and no id at all.
HUGE_IDS = ("2147483648", "99999999999999999999", "0")
ODD_TEXT = ("x" * 300, "%F0%9F%98%80")
# Last, so that what they undo does not hide the routes asked after them.
UNDOING = re.compile(r"logout|delete|remove|revoke|deactivate|archive")
_PART = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
ROLES = (
    None,
    "viewer@example.org",
    "editor@example.org",
    "other@example.org",
    "adviser@example.org",
    "admin@example.org",
)


def urls(rule, real: dict[str, str]) -> list[str]:
    """The rule's URL with every part real, then with each part in turn odd."""
    parts = [(m.group(1) or "default", m.group(2)) for m in _PART.finditer(rule.rule)]

    def fill(values: dict[str, str]) -> str:
        return _PART.sub(lambda m: values[m.group(2)], rule.rule)

    base = {name: real.get(name, "1") if kind == "int" else real.get(name, "x") for kind, name in parts}
    out = [fill(base)]
    for kind, name in parts:
        for odd in HUGE_IDS if kind == "int" else ODD_TEXT:
            out.append(fill(base | {name: odd}))
    return out


@pytest.fixture
def every_request(app, world):
    rules = sorted(
        (r for r in app.url_map.iter_rules() if r.endpoint != "static"),
        key=lambda r: (bool(UNDOING.search(r.rule)), r.rule),
    )
    real = {"roadmap_id": str(world["kenya"]), "key": "L1"}
    return [
        (method, url)
        for rule in rules
        for url in urls(rule, real)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
    ]


CHANGERS = ("editor@example.org", "admin@example.org")
# The roadmap in each state: what may be changed, and so what each route refuses, differs with it.
MOVES = {"draft": (), "in review": (Step.SUBMIT,), "approved": (Step.SUBMIT, Step.APPROVE)}


# Readers meet each route the same whatever the roadmap's state; those who may change it, in each state.
CASES = [(email, "draft") for email in ROLES if email not in CHANGERS] + [
    (email, state) for email in CHANGERS for state in MOVES
]


@pytest.mark.parametrize(("email", "state"), CASES)
def test_no_route_answers_a_server_error_for_odd_input(app, world, every_request, email, state):
    for move in MOVES[state]:
        move_roadmap(Actor("Ed"), world["kenya"], move, editor=True, reviewer=True, label="Baseline")
    client = app.test_client()
    headers = {}
    if email:
        assert login(client, email).status_code == 302
        headers = {"Authorization": f"Bearer {token_for(email)}"}
    failures = []
    for method, url in every_request:
        sent = headers if url.startswith("/api/") else {}
        answer = client.open(url, method=method, data={} if method != "GET" else None, headers=sent)
        if answer.status_code >= 500:
            failures.append(f"{method} {url} → {answer.status_code}")
    assert not failures, "\n".join(failures)
    assert len(every_request) > 300  # the walk reached the whole map
