"""The advisers' dashboard: who sees which country, the figures, the filters, and its cost in queries."""

import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from bench.dashboard import populate
from models import Deliverable, ForecastFigures, GlobalRole, MembershipRole, db
from models.base import utcnow
from models.operations import Actor
from models.operations.progress import Progress, record_progress
from models.operations.workflow import move_roadmap
from roadmap.vocabulary import DeliverableStatus
from tests.factories import import_small, make_user
from tests.views.conftest import login
from tests.views.test_page_queries import counted


def hand_made(today):
    """Fiji: five deliverables whose figures are worked out by hand in the tests below."""
    ago = lambda days: (today - timedelta(days=days)).isoformat()  # noqa: E731
    return {
        "country": "FJI",
        "title": "Fiji COP roadmap",
        "start_date": ago(300),
        "status": "in_review",
        "stakeholders": [],
        "dependencies": [],
        "assessments": [],
        "deliverables": [
            {
                "key": "A1",
                "pillar": "legal",
                "title": "Gap analysis",
                "duration_weeks": 10,
                "status": "done",
                "percent_complete": 100,
                "actual_start": ago(290),
                "actual_finish": ago(220),
            },
            {
                "key": "A2",
                "pillar": "legal",
                "title": "Draft the bill",
                "duration_weeks": 30,
                "status": "in_progress",
                "percent_complete": 50,
                "actual_start": ago(200),
                "due_by": ago(20),
            },
            {"key": "A3", "pillar": "legal", "title": "Dropped study", "duration_weeks": 4, "status": "cancelled"},
            {"key": "B1", "pillar": "technical", "title": "Hotline agreed", "duration_weeks": 0, "due_by": ago(5)},
            {
                "key": "B2",
                "pillar": "technical",
                "title": "Reporting portal",
                "duration_weeks": 10,
                "status": "blocked",
                "percent_complete": 20,
                "actual_start": ago(100),
            },
        ],
    }


OCEANIA = '<option value="Oceania"'  # the region filter offers only the regions of countries one may see


@pytest.fixture
def countries(world):
    today = utcnow().date()
    fiji = import_small(**hand_made(today))
    return {**world, "fiji": fiji, "today": today}


def csv_rows(response):
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("email", "shown", "hidden"),
    [
        ("editor@example.org", ["Kenya"], ["Uganda", "Fiji", OCEANIA]),
        ("viewer@example.org", ["Kenya"], ["Uganda", "Fiji", OCEANIA]),
        ("other@example.org", ["Uganda"], ["Kenya", "Fiji", OCEANIA]),
        ("nobody@example.org", [], ["Kenya", "Uganda", "Fiji", OCEANIA]),
        ("adviser@example.org", ["Kenya", "Uganda", "Fiji", OCEANIA], []),
        ("admin@example.org", ["Kenya", "Uganda", "Fiji", OCEANIA], []),
    ],
)
def test_nobody_sees_a_country_they_may_not_read_in_the_page_or_the_csv(client, countries, email, shown, hidden):
    login(client, email)
    for query in ({}, {"region": "Oceania"}, {"region": "Africa", "sort": "update"}):
        page = client.get("/dashboard", query_string=query)
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        names = {r["Country"] for r in csv_rows(client.get("/dashboard.csv", query_string=query))}
        for name in hidden:
            assert name not in text, (email, query, name)
            assert name not in names
        if not query:
            for name in shown:
                assert name in text
            assert names == {n for n in shown if n != OCEANIA}
    for name, key in (("Kenya", "kenya"), ("Uganda", "uganda"), ("Fiji", "fiji")):
        link = f'href="/roadmaps/{countries[key]}"'
        assert (link in client.get("/dashboard").get_data(as_text=True)) == (name in shown)


def test_the_figures_are_those_worked_out_by_hand(client, countries):
    login(client, "adviser@example.org")
    rows = {r["Country"]: r for r in csv_rows(client.get("/dashboard.csv"))}
    fiji = rows["Fiji"]
    # Legal: done 10 weeks at 100 % and 30 weeks at 50 %; the cancelled study is left out.
    assert fiji["Legal Measures: deliverables"] == "3"
    assert fiji["Legal Measures: percent done"] == "62.5"  # (10×100 + 30×50) / 40
    assert fiji["Legal Measures: overdue"] == "1"  # A2, past its due-by date
    assert fiji["Legal Measures: blocked"] == "0"
    # Technical: a milestone weighs one week: (1×0 + 10×20) / 11.
    assert fiji["Technical & Procedural Measures: percent done"] == "18.2"
    assert fiji["Technical & Procedural Measures: overdue"] == "1"  # B1
    assert fiji["Technical & Procedural Measures: blocked"] == "1"  # B2
    assert fiji["International Cooperation: deliverables"] == "0"
    assert fiji["International Cooperation: percent done"] == ""
    assert fiji["Whole roadmap: deliverables"] == "5"
    assert fiji["Whole roadmap: percent done"] == "52.9"  # 2700 / 51
    assert (fiji["Whole roadmap: overdue"], fiji["Whole roadmap: blocked"]) == ("2", "1")
    # No baseline yet: measured against its own plan, whose last work (A2, 30 weeks) ended 91 days ago.
    # A2 resumes at the as-of week (43) with 15 of its 30 weeks left: week 58, 105 days from now.
    assert fiji["Measured against"] == "its own plan (no approved baseline)"
    assert fiji["Finish slip (days)"] == "196"
    assert fiji["Percent planned by today"] == "100.0"  # every planned week lies before today
    assert fiji["Blocked on the critical path"] == "0"  # B2 is blocked, but A2 decides the finish
    assert fiji["ITU-D region"] == "Asia-Pacific"
    assert fiji["UN region"] == "Oceania" and fiji["Status"] == "In review"
    kenya = rows["Kenya"]
    assert kenya["Whole roadmap: percent done"] == "11.1"  # 20 weeks at 25 % of 8 + 16 + 20 + 1
    page = client.get("/dashboard").get_data(as_text=True)
    assert "63 % done" in page and "2 overdue" in page and "1 blocked" in page


def test_the_slip_and_overdue_work_are_measured_against_the_latest_baseline(client, countries, ctx):
    _, start = _approved_ghana(countries["today"])
    login(client, "adviser@example.org")
    row = {r["Country"]: r for r in csv_rows(client.get("/dashboard.csv"))}["Ghana"]
    assert row["Finish slip (days)"] == "70"
    assert row["Measured against"] == "Cabinet approval"
    assert row["Forecast finish"] == (start + timedelta(days=14 * 7 - 1)).isoformat()
    assert row["International Cooperation: overdue"] == "1"  # past the finish the baseline planned
    assert row["Status"] == "Approved"
    assert "70 days late" in client.get("/dashboard").get_data(as_text=True)


def _approved_ghana(today):
    """A 4-week deliverable planned from 10 weeks ago, not started, approved: 70 days late today."""
    start = today - timedelta(days=70)
    ghana = import_small(
        country="GHA",
        title="Ghana COP roadmap",
        start_date=start.isoformat(),
        stakeholders=[],
        dependencies=[],
        assessments=[],
        deliverables=[{"key": "X", "pillar": "cooperation", "title": "Join the network", "duration_weeks": 4}],
    )
    approve(ghana, "Cabinet approval")
    return ghana, start


def approve(roadmap_id, label):
    """Submitted and approved: a baseline labelled ``label`` is frozen."""
    actor = Actor("test")
    move_roadmap(actor, roadmap_id, "submit", editor=True, reviewer=False)
    move_roadmap(actor, roadmap_id, "approve", editor=False, reviewer=True, label=label)


def test_kept_figures_never_outlive_a_change_a_new_baseline_or_the_day(client, countries, ctx):
    today = countries["today"]
    ghana, _ = _approved_ghana(today)
    login(client, "adviser@example.org")
    ghana_row = lambda: {r["Country"]: r for r in csv_rows(client.get("/dashboard.csv"))}["Ghana"]  # noqa: E731
    assert ghana_row()["Finish slip (days)"] == "70"
    kept = db.session.get(ForecastFigures, ghana)
    assert (kept.as_of, kept.slip_days) == (today, 70)

    # Progress: the work started two weeks ago and is half done, so 2 weeks remain, not 4.
    deliverable = db.session.scalars(select(Deliverable).where(Deliverable.roadmap_id == ghana)).one()
    record_progress(
        Actor("editor"),
        ghana,
        deliverable.id,
        deliverable.version,
        Progress(DeliverableStatus.IN_PROGRESS, 50, actual_start=today - timedelta(days=14)),
        today,
    )
    assert ghana_row()["Finish slip (days)"] == "56"

    # A new baseline (the same plan, approved again): measured against it from now on.
    actor = Actor("test")
    for move in ("revise", "submit"):
        move_roadmap(actor, ghana, move, editor=True, reviewer=False)
    move_roadmap(actor, ghana, "approve", editor=False, reviewer=True, label="Second review")
    row = ghana_row()
    assert (row["Measured against"], row["Finish slip (days)"]) == ("Second review", "56")

    # Figures kept on another day are worked out again, never shown as they were.
    db.session.execute(update(ForecastFigures).values(as_of=today - timedelta(days=1), slip_days=999))
    db.session.commit()
    assert ghana_row()["Finish slip (days)"] == "56"
    assert "999" not in client.get("/dashboard").get_data(as_text=True)


def test_filters_and_sorting(client, countries, ctx):
    login(client, "adviser@example.org")
    names = lambda **q: [r["Country"] for r in csv_rows(client.get("/dashboard.csv", query_string=q))]  # noqa: E731
    assert names() == ["Fiji", "Kenya", "Uganda"]
    assert names(region="Africa") == ["Kenya", "Uganda"]
    assert names(status="in_review") == ["Fiji"]
    assert names(status="approved") == []
    # Uganda changes now, so it is the latest update.
    move_roadmap(Actor("test"), countries["uganda"], "submit", editor=True, reviewer=False)
    assert names(sort="update")[0] == "Uganda"
    page = client.get("/dashboard", query_string={"sort": "update"}).get_data(as_text=True)
    assert page.index("Uganda") < page.index("Fiji") < page.index("Kenya") or page.index("Uganda") < page.index("Kenya")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"region": "Atlantis"}, "There is no region"),
        ({"status": "finished"}, "is not a roadmap status"),
        ({"sort": "score"}, "sorted by country"),
        ({"page": "-3"}, None),
        ({"page": "99999999999999999999"}, None),
    ],
)
def test_bad_filter_values_are_ignored_with_a_word(client, countries, query, message):
    login(client, "adviser@example.org")
    page = client.get("/dashboard", query_string=query)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    for name in ("Fiji", "Kenya", "Uganda"):
        assert name in text
    if message:
        assert message in text
    assert client.get("/dashboard.csv", query_string=query).status_code == 200


def test_the_dashboard_needs_signing_in(client, countries):
    assert "/login" in client.get("/dashboard").headers["Location"]
    assert "/login" in client.get("/dashboard.csv").headers["Location"]


def test_the_dashboard_link_is_offered_to_advisers_and_admins(client, countries):
    for email, offered in (("adviser@example.org", True), ("admin@example.org", True), ("editor@example.org", False)):
        login(client, email)
        assert ('href="/dashboard"' in client.get("/").get_data(as_text=True)) == offered
        client.post("/logout")


def test_the_number_of_queries_does_not_grow_with_the_countries(client, ctx):
    make_user("adviser@example.org", GlobalRole.ADVISER)
    make_user("member@example.org", ABW=MembershipRole.VIEWER)
    populate(0, 10, per_country=60)
    counts = {}
    for email in ("adviser@example.org", "member@example.org"):
        login(client, email)
        with counted() as statements:  # nothing remembered yet: every schedule is worked out
            assert client.get("/dashboard").status_code == 200
        counts[email, 10] = len(statements)
        client.post("/logout")
    populate(10, 183, per_country=60)
    for email in ("adviser@example.org", "member@example.org"):
        login(client, email)
        for what in ("/dashboard", "/dashboard.csv"):
            with counted() as statements:
                assert client.get(what).status_code == 200
            counts[email, what, 193] = len(statements)
        client.post("/logout")
    for email in ("adviser@example.org", "member@example.org"):
        assert counts[email, "/dashboard", 193] <= counts[email, 10], counts
        assert counts[email, "/dashboard.csv", 193] <= counts[email, 10], counts
    # Twelve for the page, and up to three for the server-side session's read and write (views/sessions.py).
    assert counts["adviser@example.org", 10] <= 15, counts
    login(client, "adviser@example.org")
    page = client.get("/dashboard")
    assert len(page.data) < 200 * 1024
    assert "193 roadmaps" in page.get_data(as_text=True)
    assert len(csv_rows(client.get("/dashboard.csv"))) == 193


def test_the_figures_are_the_same_on_every_database(db_app):
    with db_app.app_context():
        make_user("adviser@example.org", GlobalRole.ADVISER)
        import_small(**hand_made(utcnow().date()))
        client = db_app.test_client()
        login(client, "adviser@example.org")
        (fiji,) = csv_rows(client.get("/dashboard.csv"))
    assert fiji["Legal Measures: percent done"] == "62.5"
    assert fiji["Whole roadmap: percent done"] == "52.9"
    assert (fiji["Whole roadmap: overdue"], fiji["Whole roadmap: blocked"]) == ("2", "1")
