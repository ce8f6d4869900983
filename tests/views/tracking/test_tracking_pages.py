"""Tracking in the browser's terms: progress, measurements, the review steps, baselines and comments."""

from datetime import date, timedelta

from sqlalchemy import select

from models import Deliverable, Measurement, Roadmap, db
from models.operations.comments import threads
from roadmap.vocabulary import DeliverableStatus, RoadmapStatus
from tests.factories import import_small
from tests.views.conftest import login

# Actual dates cannot be in the future, so they are taken back from today; the plan itself starts in 2027.
STARTED = (date.today() - timedelta(days=30)).isoformat()
LATER = (date.today() - timedelta(days=10)).isoformat()


def item(rid, key):
    db.session.expire_all()
    return db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == key))


def progress_data(d, **changes):
    data = {
        "status": "in_progress",
        "percent_complete": "40",
        "actual_start": STARTED,
        "actual_finish": "",
        "note": "Decree drafted",
        "version": str(d.version),
    }
    data.update(changes)
    return data


def test_an_editor_records_progress_and_sees_it_on_the_overview(client, world):
    rid = world["kenya"]
    login(client, "editor@example.org")
    o1 = item(rid, "O1")
    page = client.get(f"/roadmaps/{rid}/deliverables/{o1.id}/tracking")
    assert page.status_code == 200 and "Save progress" in page.text
    saved = client.post(f"/roadmaps/{rid}/deliverables/{o1.id}/progress", data=progress_data(o1))
    assert saved.status_code == 302
    o1 = item(rid, "O1")
    assert (o1.status, o1.percent_complete, o1.progress_note) == (DeliverableStatus.IN_PROGRESS, 40, "Decree drafted")
    overview = client.get(f"/roadmaps/{rid}/progress?as_of=2027-03-01")
    assert overview.status_code == 200
    assert "Designate a lead agency" in overview.text and "40 %" in overview.text
    history = client.get(f"/roadmaps/{rid}/history")
    assert "Progress recorded" in history.text
    # Fields and statuses in the words of the forms, not the stored codes.
    assert "Percent complete" in history.text and "In progress" in history.text
    assert "percent_complete" not in history.text and "in_progress" not in history.text
    team = client.get(f"/roadmaps/{rid}/next")
    assert "Progress note" in team.text and "progress_note" not in team.text


def test_a_refused_progress_update_keeps_what_was_typed_next_to_the_field(client, world):
    rid = world["kenya"]
    login(client, "editor@example.org")
    o1 = item(rid, "O1")
    refused = client.post(
        f"/roadmaps/{rid}/deliverables/{o1.id}/progress",
        data=progress_data(o1, status="done", note="Signed by the minister"),
    )
    assert refused.status_code == 400
    assert "needs its actual finish date" in refused.text
    assert "Signed by the minister" in refused.text
    assert item(rid, "O1").status == DeliverableStatus.NOT_STARTED


def test_switching_language_on_a_refused_save_returns_to_the_form_page(client, world):
    # A refused save is shown at an address that only takes forms; the language switch must not send the
    # reader from there to some other page, but back to the page the form was on, in the new language.
    rid = world["kenya"]
    login(client, "editor@example.org")
    o1 = item(rid, "O1")
    form_page = f"/roadmaps/{rid}/deliverables/{o1.id}/tracking"
    refused = client.post(
        f"/roadmaps/{rid}/deliverables/{o1.id}/progress",
        data=progress_data(o1, status="done"),
        headers={"Referer": f"http://localhost{form_page}?tab=progress"},
    )
    assert refused.status_code == 400
    assert f'name="next" value="{form_page}?tab=progress"' in refused.text
    switched = client.post("/language", data={"lang": "fr", "next": f"{form_page}?tab=progress"})
    assert switched.status_code == 302 and switched.location.endswith(f"{form_page}?tab=progress")
    assert 'lang="fr"' in client.get(form_page).text
    # A referrer from another site is never a place to return to.
    elsewhere = client.post(
        f"/roadmaps/{rid}/deliverables/{o1.id}/progress",
        data=progress_data(o1, status="done"),
        headers={"Referer": "https://example.com/phish"},
    )
    assert 'name="next" value="/"' in elsewhere.text


def test_a_stale_progress_update_shows_the_conflict_page(client, world):
    rid = world["kenya"]
    login(client, "editor@example.org")
    o1 = item(rid, "O1")
    stale = progress_data(o1)
    assert client.post(f"/roadmaps/{rid}/deliverables/{o1.id}/progress", data=stale).status_code == 302
    again = client.post(
        f"/roadmaps/{rid}/deliverables/{o1.id}/progress", data={**stale, "percent_complete": "70", "note": "Mine"}
    )
    assert again.status_code == 409
    assert "Mine" in again.text and "Decree drafted" in again.text
    assert item(rid, "O1").percent_complete == 40


def test_a_measurement_is_recorded_and_listed(client, world):
    rid = world["kenya"]
    login(client, "editor@example.org")
    o1 = item(rid, "O1")
    indicator_id = o1.indicators[0].id
    url = f"/roadmaps/{rid}/deliverables/{o1.id}/measurements"
    bad = client.post(
        url, data={"measure-indicator": str(indicator_id), "measure-measured_on": "", "measure-value": "1"}
    )
    assert bad.status_code == 400 and "Give the date of the measurement." in bad.text
    future = (date.today() + timedelta(days=30)).isoformat()
    bad = client.post(
        url, data={"measure-indicator": str(indicator_id), "measure-measured_on": future, "measure-value": "1"}
    )
    assert bad.status_code == 400 and "in the future" in bad.text
    # O1's indicator is yes/no: 5 or 12 is no reading of it, refused next to the value with the rule.
    for value in ("5", "12", "0.5"):
        bad = client.post(
            url, data={"measure-indicator": str(indicator_id), "measure-measured_on": STARTED, "measure-value": value}
        )
        assert bad.status_code == 400 and "A yes/no indicator reads 1 for yes or 0 for no." in bad.text
    assert db.session.scalar(select(Measurement.value)) is None  # nothing saved
    ok = client.post(
        url,
        data={
            "measure-indicator": str(indicator_id),
            "measure-measured_on": STARTED,
            "measure-value": "1",
            "measure-note": "Gazette",
        },
    )
    assert ok.status_code == 302
    page = client.get(f"/roadmaps/{rid}/deliverables/{o1.id}/tracking")
    assert "Gazette" in page.text
    assert db.session.scalar(select(Measurement.value)) == 1


def test_a_viewer_reads_progress_but_gets_no_forms(client, world):
    rid = world["kenya"]
    login(client, "viewer@example.org")
    o1 = item(rid, "O1")
    page = client.get(f"/roadmaps/{rid}/deliverables/{o1.id}/tracking")
    assert page.status_code == 200
    assert "Save progress" not in page.text and "Start a thread" not in page.text
    refused = client.post(f"/roadmaps/{rid}/deliverables/{o1.id}/progress", data=progress_data(o1))
    assert refused.status_code == 403
    assert item(rid, "O1").status == DeliverableStatus.NOT_STARTED


def test_submit_approve_and_compare_with_the_baseline(client, world):
    # A roadmap that began a year ago, so its actual dates can be in the past whatever today is.
    begun = date.today() - timedelta(days=364 + date.today().weekday())
    rid = import_small(start_date=begun.isoformat(), title="Kenya roadmap under way")
    login(client, "editor@example.org")
    review = client.get(f"/roadmaps/{rid}/review")
    assert "Submit for review" in review.text and "Approve" not in review.text
    assert client.post(f"/roadmaps/{rid}/status", data={"move": "approve"}).status_code == 400
    assert client.post(f"/roadmaps/{rid}/status", data={"move": "submit"}).status_code == 302
    client.post("/logout")
    login(client, "adviser@example.org")
    review = client.get(f"/roadmaps/{rid}/review")
    assert "Approve and freeze a baseline" in review.text and "Return to draft" in review.text
    refused = client.post(f"/roadmaps/{rid}/status", data={"move": "return", "comment": ""})
    assert refused.status_code == 400 and "Say what needs changing" in refused.text
    approved = client.post(f"/roadmaps/{rid}/status", data={"move": "approve", "label": "Cabinet decision 12"})
    assert approved.status_code == 302
    db.session.expire_all()
    assert db.session.get(Roadmap, rid).status == RoadmapStatus.APPROVED
    review = client.get(f"/roadmaps/{rid}/review")
    assert "Cabinet decision 12" in review.text
    baseline_link = review.text.split(f"/roadmaps/{rid}/baselines/")[1].split('"')[0]
    unchanged = client.get(f"/roadmaps/{rid}/baselines/{baseline_link}")
    assert "Nothing has changed since this baseline." in unchanged.text
    client.post("/logout")
    # The team starts the work late: the comparison shows the field and the dates that moved.
    login(client, "editor@example.org")
    # The approved plan is what was signed: no drafting from its page, and a step posted anyway is refused.
    page = client.get(f"/roadmaps/{rid}")
    assert "Continue drafting" not in page.text and "Download the print-ready PDF" in page.text
    refused = client.post(f"/roadmaps/{rid}/wizard/legal", data={"maturity": "3", "notes": "Changed after approval"})
    assert refused.status_code == 400 and "reopen it for revision" in refused.text
    o1 = item(rid, "O1")
    started = begun + timedelta(days=7)
    client.post(
        f"/roadmaps/{rid}/deliverables/{o1.id}/progress", data=progress_data(o1, actual_start=started.isoformat())
    )
    changed = client.get(f"/roadmaps/{rid}/baselines/{baseline_link}")
    assert "Actual start" in changed.text and f"{started.day} {started:%b %Y}" in changed.text
    # As of week 10, O1 (8 weeks, begun in week 1) is 40 % done: 5 weeks left, so it finishes at week 15,
    # 7 weeks (49 days) after the approved week 8; everything after it moves with it.
    as_of = (begun + timedelta(days=70)).isoformat()
    overview = client.get(f"/roadmaps/{rid}/progress?as_of={as_of}")
    row = overview.text.split("Designate a lead agency")[1].split("</tr>")[0]
    assert row.rstrip().endswith('<td class="num">+49</td>')
    assert "Slip of the finish" in overview.text


def test_other_countries_cannot_see_or_touch_the_review(client, world):
    rid = world["kenya"]
    login(client, "other@example.org")
    assert client.get(f"/roadmaps/{rid}/review").status_code == 404
    assert client.post(f"/roadmaps/{rid}/status", data={"move": "submit"}).status_code == 404
    assert client.post(f"/roadmaps/{rid}/comments", data={"body": "hi"}).status_code == 404
    db.session.expire_all()
    assert db.session.get(Roadmap, rid).status == RoadmapStatus.DRAFT
    assert threads(rid) == []


def test_an_adviser_comments_the_team_replies_and_resolves(client, world):
    rid = world["kenya"]
    t1 = item(rid, "T1")
    login(client, "adviser@example.org")
    empty = client.post(f"/roadmaps/{rid}/deliverables/{t1.id}/comments", data={"body": "  "})
    assert empty.status_code == 400 and "Write the comment." in empty.text
    assert (
        client.post(f"/roadmaps/{rid}/deliverables/{t1.id}/comments", data={"body": "Budget line?"}).status_code == 302
    )
    client.post("/logout")
    login(client, "editor@example.org")
    (thread,) = threads(rid)
    empty = client.post(f"/roadmaps/{rid}/comments/{thread.id}/reply", data={"body": ""}, follow_redirects=True)
    assert "Write the reply." in empty.text
    assert client.post(f"/roadmaps/{rid}/comments/{thread.id}/reply", data={"body": "Line 4.2"}).status_code == 302
    assert client.post(f"/roadmaps/{rid}/comments/{thread.id}/resolve", data={}).status_code == 302
    page = client.get(f"/roadmaps/{rid}/deliverables/{t1.id}/tracking")
    assert "1 resolved thread" in page.text and "Line 4.2" in page.text
    (thread,) = threads(rid)
    assert thread.resolved
    client.post("/logout")
    login(client, "viewer@example.org")
    assert client.post(f"/roadmaps/{rid}/comments/{thread.id}/reply", data={"body": "me too"}).status_code == 403
    assert len(threads(rid)[0].comments) == 2


def test_a_bad_as_of_date_is_named_and_today_used(client, world):
    rid = world["kenya"]
    login(client, "viewer@example.org")
    page = client.get(f"/roadmaps/{rid}/progress?as_of=yesterday")
    assert page.status_code == 200
    assert "is not a date" in page.text


def test_blocked_work_on_the_critical_path_is_flagged_with_its_reason_and_holds_the_forecast_back(client, world):
    rid = world["kenya"]
    login(client, "editor@example.org")
    o1 = item(rid, "O1")  # the first deliverable of the critical path
    before = client.get(f"/roadmaps/{rid}/progress?as_of=2027-03-01").text
    assert "Blocked on the critical path" not in before
    blocked = progress_data(o1, status="blocked", note="")
    refused = client.post(f"/roadmaps/{rid}/deliverables/{o1.id}/progress", data=blocked)
    assert refused.status_code == 400 and "what the deliverable is blocked on" in refused.text
    blocked["note"] = "Waiting for the Cabinet's decision"
    assert client.post(f"/roadmaps/{rid}/deliverables/{o1.id}/progress", data=blocked).status_code == 302
    page = client.get(f"/roadmaps/{rid}/progress?as_of=2027-03-01").text
    assert "Blocked on the critical path" in page and "Waiting for the Cabinet&#39;s decision" in page
