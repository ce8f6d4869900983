"""Two people recording the same deliverable's progress: the second reads the statuses in words and keeps
theirs or takes the saved value field by field."""

from werkzeug.datastructures import MultiDict

from roadmap.vocabulary import DeliverableStatus
from tests.views.conftest import login
from tests.views.deliverables.test_merge import merge_form
from tests.views.tracking.test_tracking_pages import item, progress_data


def test_statuses_in_words_and_a_merge_of_the_two_updates(client, world):
    rid = world["kenya"]
    login(client, "editor@example.org")
    o1 = item(rid, "O1")
    url, stale = f"/roadmaps/{rid}/deliverables/{o1.id}/progress", progress_data(o1)
    assert client.post(url, data=stale).status_code == 302
    again = client.post(
        url, data={**stale, "status": "blocked", "percent_complete": "70", "note": "Waiting on the decree"}
    )
    assert again.status_code == 409
    html = again.get_data(as_text=True)
    assert '<td dir="auto">Blocked</td><td dir="auto">In progress</td>' in html
    form = merge_form(html)
    assert set(form.radios) == {"pick-status", "pick-percent_complete", "pick-note"}
    picks = [("pick-status", "theirs"), ("pick-percent_complete", "theirs"), ("pick-note", "mine")]
    assert client.post(url, data=MultiDict([*form.fields, *picks])).status_code == 302
    o1 = item(rid, "O1")
    assert (o1.status, o1.percent_complete, o1.progress_note) == (
        DeliverableStatus.IN_PROGRESS,
        40,
        "Waiting on the decree",
    )
