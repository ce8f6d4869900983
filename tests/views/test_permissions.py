"""Every route, GET and POST, for every kind of user: who is sent to sign in, refused, or served.

Routes are read from the app's URL map, so a new route without an access check fails here.
"""

from datetime import date
from io import BytesIO

import pytest
from PIL import Image
from sqlalchemy import select, update

from models import Deliverable, Dependency, Measurement, Membership, Notification, Roadmap, Stakeholder, User, db
from models.operations import Actor, add_thread, move_roadmap, record_measurement
from models.operations.lessons import propose_template
from models.operations.library import propose_entry, review_entry
from models.operations.printing import request_print
from models.operations.tokens import issue_token, tokens_of
from models.operations.workflow import Step
from models.queries.loading import load_plan
from roadmap.exchange.interchange import to_document
from roadmap.library import Redaction
from roadmap.printing.logo import clean_logo
from tests.views.conftest import login

READ = {
    "roadmaps.show",
    "roadmaps.pillars",
    "roadmaps.what_if",
    "exports.pdf",
    "exports.json_file",
    "exports.mspdi",
    "exports.print_status",
    "exports.print_retry",  # whoever may download the PDF may ask for it again
    "workspace.timeline",
    "workspace.graph",
    "workspace.threats",
    "capabilities.show",  # the MNR self-assessment: readers see the ratings, editors save them
    "treaties.show",  # the treaty gap analysis: readers see the checklist, editors mark it
    "workspace.history",
    "team.overview",
    "table_exports.csv_file",
    "table_exports.xlsx_file",
    "tracking.overview",
    "tracking.deliverable",
    "review_flow.review",
    "review_flow.changes",
    "wizard.logo",  # the cover's logo, shown on the Basics step
}
# Advisers comment and review every country; a country's editors comment and submit; viewers only read.
DISCUSS = {
    "review_flow.move",
    "review_flow.add_comment",
    "review_flow.add_deliverable_comment",
    "review_flow.reply_to",
    "review_flow.resolve",
}
PUBLIC = {"auth.login", "static", "health.healthz", "language.choose"}  # the language switcher is on every page
# The library: published roadmaps and shared lessons for everyone signed in; reviewing for advisers and admins.
LIBRARY_OPEN = {
    "library.index",
    "library.show",
    "library.timeline",
    "library.graph",
    "library.pdf",
    "library.print_status",
    "library.print_retry",
    "library.json_file",
    "library_flow.mine",
    "lessons.shared",
}
LIBRARY_REVIEW = {
    "library_flow.review",
    "library_flow.publish",
    "library_flow.send_back",
    "lessons.accept_template",
    "lessons.decline_template",
}
ROLES = ["anonymous", "viewer", "editor", "other_editor", "adviser", "admin"]
EMAILS = {
    "viewer": "viewer@example.org",
    "editor": "editor@example.org",
    "other_editor": "other@example.org",
    "adviser": "adviser@example.org",
    "admin": "admin@example.org",
}


def _png() -> bytes:
    out = BytesIO()
    Image.new("RGB", (40, 20), "navy").save(out, format="PNG")
    return out.getvalue()


def expected(endpoint: str, method: str, role: str) -> str:
    """login | denied (403) | hidden (404) | served."""
    if endpoint in PUBLIC or endpoint == "api.openapi":
        return "served"
    if endpoint.startswith("api."):
        return "token"  # the API takes a personal token only, never the browser session
    if endpoint in ("calendar.feed", "inbox.mail_off"):
        return "hidden"  # needs no sign-in, but a wrong token opens nothing, for anyone
    if role == "anonymous":
        return "login"
    if endpoint in ("roadmaps.home", "auth.logout", "account.tokens", "account.new_token", "account.mail"):
        return "served"
    if endpoint in ("inbox.index", "inbox.read_all"):
        return "served"  # one's own inbox
    if endpoint == "inbox.open_notice":
        return "served" if role == "viewer" else "hidden"  # the viewer's own notice; nobody else's
    if endpoint == "account.revoke":
        return "served" if role == "viewer" else "hidden"  # the viewer's own token; nobody else's
    if endpoint == "dashboard.follow_country":
        return "served" if role in ("adviser", "admin") else "denied"  # an adviser's own list of countries
    if endpoint.startswith(("dashboard.", "indicators.")):
        return "served"  # every signed-in user, showing only the countries they may see
    if endpoint.startswith("admin."):
        return "served" if role == "admin" else "denied"
    if endpoint in ("wizard.new", "spreadsheets.upload", "spreadsheets.confirm"):
        return "served" if role in ("editor", "other_editor", "admin") else "denied"
    if endpoint.startswith("spreadsheets.template"):
        return "served"  # the blank template, for anyone signed in
    if endpoint in LIBRARY_OPEN:
        return "served"
    if endpoint in LIBRARY_REVIEW:
        return "served" if role in ("adviser", "admin") else "denied"
    if endpoint == "library_flow.adapt":
        return "served" if role in ("editor", "other_editor", "admin") else "denied"  # into a country they edit
    if role == "other_editor":
        return "hidden"  # another country's roadmap is not disclosed
    if endpoint in READ:
        return "served"
    if endpoint in DISCUSS:
        return "served" if role in ("editor", "admin", "adviser") else "denied"
    return "served" if role in ("editor", "admin") else "denied"


def outcome(response) -> str:
    location = response.headers.get("Location", "")
    if response.status_code == 302 and "/login" in location and "next=" in location:
        return "login"
    return {401: "token", 403: "denied", 404: "hidden"}.get(response.status_code, "served")


def routes(app, ids):
    values = {
        "roadmap_id": ids["roadmap"],
        "deliverable_id": ids["deliverable"],
        "dependency_id": ids["dependency"],
        "stakeholder_id": ids["stakeholder"],
        "user_id": ids["user"],
        "membership_id": ids["membership"],
        "thread_id": ids["thread"],
        "token_id": ids["token"],
        "notice_id": ids["notice"],
        "job_id": ids["job"],
        "key": "L1",
        "baseline_id": ids["baseline"],
        "entry_id": ids["entry"],
        "template_id": ids["template"],
        "step": "legal",
        "filename": "site.css",
        "token": "not-a-feed-token",
        "code": "KEN",
        "template_key": "reporting_portal",
        "number_": 1,
    }
    found = []
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods & {"GET", "POST"}):
            # A print job is found only under what it prints: the library's routes get the entry's.
            given = {**values, "job_id": ids["entry_job"]} if rule.endpoint.startswith("library.") else values
            if "measurement_id" in rule.arguments:  # a reading is found only under its own deliverable
                given = {**given, "deliverable_id": ids["measured"], "measurement_id": ids["measurement"]}
            path = rule.build({k: given[k] for k in rule.arguments}, append_unknown=False)[1]
            found.append((rule.endpoint, method, path))
    # Changes that remove things go last, so the rest are checked against an intact roadmap.
    return sorted(found, key=lambda r: ("delete" in r[0] or "remove" in r[0] or "merge" in r[0], r[0], r[1]))


@pytest.mark.parametrize("role", ROLES)
def test_every_route_answers_each_role_as_expected(app, client, world, role):
    rid = world["kenya"]
    # A baseline (approved, then reopened for revision) and a comment thread, so their routes have ids.
    reviewer = Actor("Reviewer")
    move_roadmap(reviewer, rid, Step.SUBMIT, editor=True, reviewer=False)
    baseline = move_roadmap(reviewer, rid, Step.APPROVE, editor=False, reviewer=True)
    # While approved: a published library entry and a deliverable offered to the catalog.
    entry = propose_entry(reviewer, rid, title="Shared", summary="What worked", redaction=Redaction(), editor=True)
    review_entry(reviewer, entry, publish=True, reviewer=True)
    o1 = db.session.scalar(select(Deliverable.id).where(Deliverable.roadmap_id == rid, Deliverable.key == "O1"))
    template = propose_template(reviewer, rid, o1)
    move_roadmap(reviewer, rid, Step.REVISE, editor=True, reviewer=False)
    logo = clean_logo(_png())
    db.session.execute(
        update(Roadmap).where(Roadmap.id == rid).values(logo_data=logo.data, logo_media_type=logo.media_type)
    )
    db.session.commit()
    # O1 has an indicator, so its reading gives the measurement routes an id (L1 has none).
    record_measurement(
        reviewer, rid, o1, db.session.get(Deliverable, o1).indicators[0].id, date(2027, 1, 4), 1, None, date(2027, 6, 1)
    )
    entry_job = request_print("1" * 64, None, entry_id=entry, pdfa=False, user_id=None, per_user=3, queue_max=20)
    ids = {
        "entry_job": entry_job.job_id,
        "roadmap": rid,
        "thread": add_thread(reviewer, rid, None, "A question"),
        "token": _viewer_token(),
        "baseline": baseline,
        "entry": entry,
        "measured": o1,
        "measurement": db.session.scalar(select(Measurement.id)),
        "template": template,
        "job": request_print("0" * 64, rid, pdfa=False, user_id=None, per_user=3, queue_max=20).job_id,
        # L1 is linked and MOICT leads work, so the delete routes are refused rather than carried out.
        "deliverable": db.session.scalar(
            select(Deliverable.id).where(Deliverable.roadmap_id == rid, Deliverable.key == "L1")
        ),
        "dependency": db.session.scalar(select(Dependency.id).where(Dependency.roadmap_id == rid)),
        "stakeholder": db.session.scalar(
            select(Stakeholder.id).where(Stakeholder.roadmap_id == rid, Stakeholder.key == "MOICT")
        ),
        # The viewer's account: the admin routes change it, never the signed-in user's own.
        "user": db.session.scalar(select(User.id).where(User.email == "viewer@example.org")),
        "membership": db.session.scalar(select(Membership.id).join(User).where(User.email == "viewer@example.org")),
        # The viewer heard of the approval: a notice in their inbox, and in nobody else's.
        "notice": db.session.scalar(
            select(Notification.id)
            .join(User, User.id == Notification.recipient_id)
            .where(User.email == "viewer@example.org")
        ),
    }
    before = to_document(load_plan(rid))
    accounts_before = _accounts()
    if role != "anonymous":
        login(client, EMAILS[role])
    app.config["PDF_TIMEOUT"] = 60
    wrong = []
    for endpoint, method, path in routes(app, ids):
        if endpoint == "auth.logout":
            continue  # would end the session for the routes after it; covered in test_auth
        response = client.open(path, method=method, data={})
        got = outcome(response)
        response.close()
        want = expected(endpoint, method, role)
        if got != want:
            wrong.append(f"{method} {path} ({endpoint}): expected {want}, got {got} [{response.status_code}]")
    assert wrong == []
    if role not in ("editor", "admin"):
        db.session.expire_all()
        assert to_document(load_plan(rid)) == before, "a user who may not edit changed the roadmap"
    if role != "admin":
        assert _accounts() == accounts_before, "someone who is not an administrator changed an account"


def _viewer_token() -> int:
    viewer = db.session.scalar(select(User.id).where(User.email == "viewer@example.org"))
    issue_token(viewer, "report script")
    return tokens_of(viewer)[0].id


def _accounts():
    db.session.expire_all()
    users = db.session.execute(select(User.email, User.role, User.active).order_by(User.email)).all()
    members = db.session.execute(select(Membership.user_id, Membership.country_id, Membership.role)).all()
    return sorted(users), sorted(members)
