"""A team marks existing work 'Already in place': the schedule does not plan it and no page suggests
building it again."""

import re

from sqlalchemy import select

from models import Deliverable, db
from tests.views.conftest import login


def mark_in_place(client, rid, key, **fields):
    d = db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == key))
    data = {"status": "in_place", "percent_complete": "0", "version": str(d.version), **fields}
    return client.post(f"/roadmaps/{rid}/deliverables/{d.id}/progress", data=data)


def test_work_in_place_is_shown_as_such_and_not_scheduled_or_suggested(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    form = client.get(f"/roadmaps/{rid}/deliverables/{_id(rid, 'T1')}/tracking").get_data(as_text=True)
    assert '<option value="in_place">Already in place</option>' in form
    # T1 comes from the reporting portal template and has progress recorded: in place, it has none.
    refused = mark_in_place(client, rid, "T1", percent_complete="25", actual_start="2026-11-02")
    assert refused.status_code == 400 and "work already in place has no progress" in refused.get_data(as_text=True)
    assert mark_in_place(client, rid, "T1").status_code == 302

    sequence = client.get(f"/roadmaps/{rid}").get_data(as_text=True)
    row = sequence[sequence.index('id="d-T1"') :]
    row = row[: row.index("</tr>")]
    assert "Already in place" in row and '<span class="muted">No</span>' in row  # not on the critical path

    template = db.session.scalar(select(Deliverable.template_key).where(Deliverable.key == "T1"))
    client.post(f"/roadmaps/{rid}/capabilities", data={"phase_12": "1", "phase_16": "1"})
    page = client.get(f"/roadmaps/{rid}/capabilities").get_data(as_text=True)
    assert f"template={template}" not in page  # what exists is not suggested again


def _id(rid, key):
    return db.session.scalar(select(Deliverable.id).where(Deliverable.roadmap_id == rid, Deliverable.key == key))


def test_work_in_place_is_not_offered_to_the_what_if(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    assert mark_in_place(client, rid, "T1").status_code == 302
    for page in (f"/roadmaps/{rid}", f"/roadmaps/{rid}/what-if?key=O1&weeks=2"):
        html = client.get(page).get_data(as_text=True)
        assert '<option value="O1"' in html and '<option value="T1"' not in html, page
    # Asked for by its address, it is refused with a message, not slipped.
    answer = client.get(f"/roadmaps/{rid}/what-if?key=T1&weeks=2")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 400 and "Not a valid choice" in html and "Traceback" not in html


def test_the_progress_pages_show_work_in_place_without_dates_or_a_share_done(client, world):
    # Recorded, not planned: neither the overview nor its own page gives it a planned finish or "0 %".
    rid = world["kenya"]
    login(client, "editor@example.org")
    mark_in_place(client, rid, "O1")
    o1 = db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == "O1"))
    overview = client.get(f"/roadmaps/{rid}/progress").get_data(as_text=True)
    row = re.search(r"<tr>\s*<td><code>O1</code>.*?</tr>", overview, flags=re.S).group(0)
    assert "Already in place" in row and "%" not in row and re.search(r"\d{4}", row) is None
    own = client.get(f"/roadmaps/{rid}/deliverables/{o1.id}/tracking").get_data(as_text=True)
    facts = own.split('<dl class="facts">')[1].split("</dl>")[0]
    assert "Already in place" in facts and "%" not in facts and "Planned" not in facts
    assert "It is not scheduled, so it has no duration, dates or slack." in own
