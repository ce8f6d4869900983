"""The calendar feed behind its secret link: made once, read without signing in, revoked."""

import re

from icalendar import Calendar

from tests.views.conftest import login

LINK = re.compile(r'value="(http://localhost/calendar/([A-Za-z0-9_-]+)\.ics)"')


def make_link(client, roadmap_id):
    page = client.post(f"/roadmaps/{roadmap_id}/calendar/new")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "shown only this once" in text
    return LINK.search(text).group(1)


def events(response):
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_an_editor_makes_a_link_that_a_calendar_reads_without_signing_in(app, client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    assert "no calendar link" in client.get(f"/roadmaps/{rid}/calendar").get_data(as_text=True)
    link = make_link(client, rid)
    assert link not in client.get(f"/roadmaps/{rid}/calendar").get_data(as_text=True)  # shown once
    reader = app.test_client()  # a calendar program: no session
    found = events(reader.get(link))
    summaries = sorted(str(e["SUMMARY"]) for e in found.values())
    # One event per deliverable's finish, and the milestone as a milestone.
    assert summaries == [
        "Finish: Designate a lead agency",
        "Finish: Legal gap analysis",
        "Finish: National reporting portal",
        "Milestone: Portal launch",
    ]
    lead_agency = next(e for e in found.values() if "lead agency" in str(e["SUMMARY"]))
    # Not yet started on its planned start in 2027, so it finishes as planned, on the last day of week 8.
    assert lead_agency.decoded("DTSTART").isoformat() == "2027-02-28"
    assert set(events(reader.get(link))) == set(found)  # the same UIDs on every reading


def test_a_revoked_or_replaced_link_opens_nothing(app, client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    first = make_link(client, rid)
    second = make_link(client, rid)
    reader = app.test_client()
    assert reader.get(first).status_code == 404
    assert reader.get(second).status_code == 200
    revoked = client.post(f"/roadmaps/{rid}/calendar/revoke", follow_redirects=True)
    assert "revoked" in revoked.get_data(as_text=True)
    assert reader.get(second).status_code == 404
    assert reader.get("/calendar/nonsense.ics").status_code == 404
    assert reader.get("/calendar/" + "x" * 300 + ".ics").status_code == 404


def test_only_editors_manage_the_link(client, world):
    rid = world["kenya"]
    login(client, "viewer@example.org")
    assert client.get(f"/roadmaps/{rid}/calendar").status_code == 403
    assert client.post(f"/roadmaps/{rid}/calendar/new").status_code == 403
    client.post("/logout")
    login(client, "other@example.org")
    assert client.post(f"/roadmaps/{rid}/calendar/new").status_code == 404


def test_the_feed_is_rate_limited(app, client, world):
    app.config["FEED_RATE_LIMIT"] = "3 per minute"
    reader = app.test_client()
    codes = [reader.get("/calendar/nonsense.ics").status_code for _ in range(5)]
    assert codes[:3] == [404, 404, 404] and codes[-1] == 429
