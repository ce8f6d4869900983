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


def run_queued_jobs(app) -> int:
    """Run the jobs waiting on the app's queue here, as a worker would; returns how many ran."""
    from flask import has_app_context

    from models import db
    from views.jobs.printing import print_task
    from views.jobs.queue import queue_for

    print_task(app)  # what a worker knows how to run
    queue = queue_for(app)
    ran = 0
    while (task := queue.dequeue()) is not None:
        queue.execute(task)
        ran += 1
    if has_app_context():
        db.session.expire_all()  # the worker wrote the job's rows through its own session
    return ran


def fetch_pdf(client, url: str):
    """Download a PDF as a browser without JavaScript does: the link, the print queued and run, the link again."""
    response = client.get(url)
    if response.status_code == 202:
        run_queued_jobs(client.application)
        response = client.get(url)
    return response
