"""A country team's "What's next" page: due soon, overdue, blocked, open threads, recent changes."""

from datetime import timedelta

from models.base import utcnow
from models.operations import Actor
from models.operations.comments import add_thread, set_resolved
from tests.factories import import_small
from tests.views.conftest import login


def test_the_team_sees_what_is_due_late_and_stuck(client, world, ctx):
    today = utcnow().date()
    ago = lambda days: (today - timedelta(days=days)).isoformat()  # noqa: E731
    rid = import_small(
        country="KEN",
        title="Kenya tracking roadmap",
        start_date=ago(70),
        stakeholders=[],
        dependencies=[],
        assessments=[],
        deliverables=[
            {
                "key": "LATE",
                "pillar": "legal",
                "title": "Draft the bill",
                "duration_weeks": 30,
                "status": "in_progress",
                "percent_complete": 50,
                "actual_start": ago(60),
                "due_by": ago(3),
            },
            {
                "key": "SOON",
                "pillar": "technical",
                "title": "Portal pilot",
                "duration_weeks": 12,
                "status": "in_progress",
                "percent_complete": 75,
                "actual_start": ago(63),
            },
            {
                "key": "STUCK",
                "pillar": "capacity",
                "title": "Train judges",
                "duration_weeks": 40,
                "status": "blocked",
                "percent_complete": 10,
                "actual_start": ago(50),
            },
            {
                "key": "DONE",
                "pillar": "organizational",
                "title": "Lead agency",
                "duration_weeks": 2,
                "status": "done",
                "percent_complete": 100,
                "actual_start": ago(70),
                "actual_finish": ago(58),
                "due_by": ago(40),
            },
        ],
    )
    actor = Actor("Adviser")
    add_thread(actor, rid, None, "Please say who funds the portal.")
    closed = add_thread(actor, rid, None, "Settled question")
    set_resolved(actor, rid, closed, True)
    login(client, "viewer@example.org")
    page = client.get(f"/roadmaps/{rid}/next")
    assert page.status_code == 200
    text = page.get_data(as_text=True)

    def section(title):
        start = text.index(f">{title}")
        return text[start : text.index("</section>", start)]

    assert "Draft the bill" in section("Overdue") and "Lead agency" not in section("Overdue")
    # 12 weeks at 75 %: three weeks of work left, so it is expected within the six weeks ahead.
    assert "Portal pilot" in section("Due in the coming weeks")
    assert "Train judges" not in section("Due in the coming weeks")
    assert "Train judges" in section("Blocked")
    threads = section("Open comment threads")
    assert "(1)" in threads and "who funds the portal" in threads and "Settled question" not in threads
    # Each open thread links to where it can be answered.
    assert f'href="/roadmaps/{rid}/review#thread-' in threads
    assert "Imported from a file" in section("Recent changes")


def test_the_home_page_links_each_roadmap_to_whats_next(client, world):
    login(client, "editor@example.org")
    assert f'href="/roadmaps/{world["kenya"]}/next"' in client.get("/").get_data(as_text=True)
    client.post("/logout")
    login(client, "other@example.org")
    assert client.get(f"/roadmaps/{world['kenya']}/next").status_code == 404
