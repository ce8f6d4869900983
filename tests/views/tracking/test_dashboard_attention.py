"""The dashboard shows where to look: forecast and planned percent for every roadmap, the attention
filters, ITU-D regions, an adviser's own list of countries and the XLSX download."""

import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from models import Country, Deliverable, FollowedCountry, User, db
from models.base import utcnow
from models.operations import Actor
from models.operations.comments import add_thread, reply
from models.operations.progress import Progress, record_progress
from models.operations.workflow import archive_roadmap
from roadmap.vocabulary import DeliverableStatus
from tests.factories import import_small
from tests.views.conftest import login
from tests.views.tracking.test_dashboard import approve, csv_rows, hand_made


def _stalled_ghana(today):
    """Approved 3 weeks ago: X (blocked, 4 weeks) leads to Y, so the blocked work decides the finish."""
    start = today - timedelta(days=21)
    ghana = import_small(
        country="GHA",
        title="Ghana COP roadmap",
        start_date=start.isoformat(),
        stakeholders=[],
        assessments=[],
        deliverables=[
            {"key": "X", "pillar": "legal", "title": "Draft the bill", "duration_weeks": 4},
            {"key": "Y", "pillar": "legal", "title": "Adopt the bill", "duration_weeks": 2},
            {"key": "Z", "pillar": "capacity", "title": "Train teachers", "duration_weeks": 1},
        ],
        dependencies=[{"from": "X", "to": "Y"}],
    )
    approve(ghana, "Cabinet approval")
    actor = Actor("test")
    x = db.session.scalars(select(Deliverable).where(Deliverable.roadmap_id == ghana, Deliverable.key == "X")).one()
    record_progress(
        actor,
        ghana,
        x.id,
        x.version,
        Progress(DeliverableStatus.BLOCKED, 25, actual_start=start, note="Waiting for the Attorney General"),
        today,
    )
    return ghana


@pytest.fixture
def many(world):
    today = utcnow().date()
    fiji = import_small(**hand_made(today))
    ghana = _stalled_ghana(today)
    return {**world, "fiji": fiji, "ghana": ghana, "today": today}


def names(client, **query):
    return sorted(r["Country"] for r in csv_rows(client.get("/dashboard.csv", query_string=query)))


def test_every_roadmap_has_a_forecast_and_a_planned_percent(client, many):
    login(client, "adviser@example.org")
    rows = {r["Country"]: r for r in csv_rows(client.get("/dashboard.csv"))}
    # Kenya and Uganda are drafts with no baseline: measured against their own plans, never "—".
    for name in ("Kenya", "Uganda"):
        assert rows[name]["Measured against"] == "its own plan (no approved baseline)"
        assert rows[name]["Forecast finish"] and rows[name]["Finish slip (days)"]
        assert rows[name]["Percent planned by today"]
    ghana = rows["Ghana"]
    assert ghana["Measured against"] == "Cabinet approval"
    # 3 weeks into a plan whose first 4-week task is blocked: 3 of 4 weeks of X and the one-week Z
    # were planned by today, (3 + 1) of 7 weighted weeks; recorded is 25 % of X: 1 of 7.
    assert ghana["Percent planned by today"] == "57.1"
    assert ghana["Whole roadmap: percent done"] == "14.3"
    assert ghana["Blocked on the critical path"] == "1"
    # X resumes next week (week 4) with 3 of 4 weeks left, then Y: week 9 instead of week 6.
    assert ghana["Finish slip (days)"] == "21"
    page = client.get("/dashboard").get_data(as_text=True)
    assert "57 % planned by today" in page and "14 % done" in page
    assert "1 blocked on the critical path" in page
    assert "against the baseline “Cabinet approval”" in page
    assert "against its own plan: no approved baseline yet" in page


def test_the_attention_filters(client, many, ctx):
    login(client, "adviser@example.org")
    everyone = names(client)
    assert everyone == ["Fiji", "Ghana", "Kenya", "Uganda"]
    assert names(client, critical="1") == ["Ghana"]
    assert names(client, slipping="100") == ["Fiji"]  # 196 days; Ghana is 21 days late
    assert "Ghana" in names(client, slipping="20") and "Ghana" not in names(client, slipping="21")
    # Fiji: A2 and B1 past their due-by dates; Ghana: Z past the finish its baseline planned.
    assert names(client, overdue="1") == ["Fiji", "Ghana"]
    assert names(client, review="1") == ["Fiji"]  # in review, and this adviser keeps no list
    # Filters add up: each one given must hold.
    assert names(client, critical="1", overdue="1") == ["Ghana"]
    assert names(client, critical="1", itu_region="Asia-Pacific") == []
    page = client.get("/dashboard", query_string={"critical": "1"}).get_data(as_text=True)
    assert 'id="critical" name="critical" value="1" checked' in page  # the form shows what is applied
    assert "Clear the filters" in page


def test_unanswered_comments_are_those_whose_last_word_is_the_country_team(client, many, ctx):
    kenya = many["kenya"]
    editor = db.session.scalar(select(User).where(User.email == "editor@example.org"))
    adviser = db.session.scalar(select(User).where(User.email == "adviser@example.org"))
    thread = add_thread(Actor.of(editor), kenya, None, "Could you look at the timeline of the bill?")
    login(client, "adviser@example.org")
    assert names(client, unanswered="1") == ["Kenya"]
    assert "1 comment waiting for a reply" in client.get("/dashboard").get_data(as_text=True)
    reply(Actor.of(adviser), kenya, thread, "Yes: six months is short for a bill; plan nine.")
    assert names(client, unanswered="1") == []
    reply(Actor.of(editor), kenya, thread, "Done, thank you.")
    assert names(client, unanswered="1") == ["Kenya"]


def test_an_advisers_own_countries(client, many, ctx):
    login(client, "adviser@example.org")
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Add Kenya to my list" in page
    answer = client.post("/dashboard/countries/KEN/follow", data={"back": "/dashboard?sort=update"})
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/dashboard?sort=update")
    client.post("/dashboard/countries/KEN/follow")  # a second click does no harm
    assert names(client, mine="1") == ["Kenya"]
    assert "Take Kenya off my list" in client.get("/dashboard").get_data(as_text=True)
    # "Waiting for my review" now means the reviews of my own countries: Fiji is not one of them.
    assert names(client, review="1") == []
    client.post("/dashboard/countries/FJI/follow")
    assert names(client, review="1") == ["Fiji"]
    client.post("/dashboard/countries/KEN/follow", data={"stop": "1"})
    assert names(client, mine="1") == ["Fiji"]
    kept = db.session.scalars(select(Country.code).join(FollowedCountry)).all()
    assert kept == ["FJI"]


def test_following_is_for_advisers_and_answers_plainly(client, many, ctx):
    login(client, "adviser@example.org")
    assert client.post("/dashboard/countries/XXX/follow").status_code == 404
    assert client.post("/dashboard/countries/TOOLONG/follow").status_code == 404
    # A crafted "back" address outside the dashboard is not followed.
    answer = client.post("/dashboard/countries/KEN/follow", data={"back": "https://example.com/dashboard"})
    assert answer.headers["Location"].endswith("/dashboard")
    answer = client.post("/dashboard/countries/KEN/follow", data={"back": "//example.com/dashboard"})
    assert answer.headers["Location"].endswith("/dashboard")
    client.post("/logout")
    login(client, "editor@example.org")
    assert client.post("/dashboard/countries/UGA/follow").status_code == 403
    assert "to my list" not in client.get("/dashboard").get_data(as_text=True)
    assert 'name="mine"' not in client.get("/dashboard").get_data(as_text=True)


def test_itu_d_regions_beside_un_regions(client, many):
    login(client, "adviser@example.org")
    assert names(client, itu_region="Africa") == ["Ghana", "Kenya", "Uganda"]
    assert names(client, itu_region="Asia-Pacific") == ["Fiji"]
    assert names(client, itu_region="Arab States") == []
    page = client.get("/dashboard", query_string={"itu_region": "Africa"}).get_data(as_text=True)
    assert "ITU-D: Africa" in page
    client.post("/language", data={"lang": "fr", "next": "/"})
    with client.application.app_context():  # as served: the language is chosen afresh for each request
        page = client.get("/dashboard").get_data(as_text=True)
    assert "États arabes" in page  # the region names are translated


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"itu_region": "Oceania"}, "is not an ITU-D region"),
        ({"slipping": "-5"}, "is not a number of days"),
        ({"slipping": "ten"}, "is not a number of days"),
        ({"slipping": "99999999999"}, "is not a number of days"),
    ],
)
def test_bad_values_of_the_new_filters_are_ignored_with_a_word(client, many, query, message):
    login(client, "adviser@example.org")
    page = client.get("/dashboard", query_string=query)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert message in text
    for name in ("Fiji", "Ghana", "Kenya", "Uganda"):
        assert name in text


def test_the_table_downloads_as_a_spreadsheet(client, many):
    login(client, "adviser@example.org")
    answer = client.get("/dashboard.xlsx", query_string={"itu_region": "Africa"})
    assert answer.status_code == 200
    assert answer.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(answer.data)).active
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, [c.value for c in row], strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert sorted(r["Country"] for r in rows) == ["Ghana", "Kenya", "Uganda"]
    ghana = next(r for r in rows if r["Country"] == "Ghana")
    assert ghana["Finish slip (days)"] == 21 and ghana["Blocked on the critical path"] == 1
    assert ghana["ITU-D region"] == "Africa" and ghana["UN region"] == "Africa"
    assert abs(ghana["Percent planned by today"] - 57.14) < 0.01
    # Week 9 of a plan that started 21 days ago: its last day is 9 × 7 − 1 − 21 days from today.
    assert ghana["Forecast finish"].date() == many["today"] + timedelta(days=41)


def test_archived_roadmaps_bring_no_region_and_an_imported_baseline_is_named_in_the_readers_language(client, many, ctx):
    login(client, "adviser@example.org")
    assert 'value="Oceania"' in client.get("/dashboard").get_data(as_text=True)
    archive_roadmap(Actor("test"), many["fiji"], editor=True)
    assert 'value="Oceania"' not in client.get("/dashboard").get_data(as_text=True)
    assert "Fiji" not in names(client)
    import_small(country="SEN", title="Senegal roadmap", status="approved")
    client.post("/language", data={"lang": "fr", "next": "/"})
    with client.application.app_context():  # as served: the language is chosen afresh for each request
        rows = csv_rows(client.get("/dashboard.csv"))
    senegal = next(r for r in rows if r["Pays"] == "Sénégal")
    assert senegal["Mesuré par rapport à"] == "Référence à l’import"
