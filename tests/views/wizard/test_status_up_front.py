"""A roadmap in review or approved says so at the top of every step, which opens read-only with the move
that opens it again; the review step submits; step numbers agree; the home page offers what one can do."""

import re

from sqlalchemy import func, select

from models import Deliverable, MembershipRole, Roadmap, db
from models.operations import Actor, move_roadmap
from models.operations.workflow import Step
from tests.factories import make_user
from tests.views.conftest import login

STEP_PAGES = ["wizard/basics", "wizard/legal", "wizard/dependencies", "deliverables/new"]


def _submit(rid: int) -> None:
    move_roadmap(Actor("Team"), rid, Step.SUBMIT, editor=True, reviewer=False)


def _locked(html: str) -> bool:
    return re.search(r'<fieldset class="plain" disabled>', html) is not None


def test_in_review_every_step_says_so_first_and_opens_read_only(client, world):
    rid = world["kenya"]
    _submit(rid)
    login(client, "editor@example.org")
    for page in STEP_PAGES:
        html = client.get(f"/roadmaps/{rid}/{page}", follow_redirects=True).get_data(as_text=True)
        notice = html.index("This roadmap is in review")
        assert notice < html.index('<fieldset class="plain" disabled>'), page  # before anything can be typed
        assert "What follows is shown read-only." in html
        assert "ask the reviewing adviser to return it to draft" in html
        assert _locked(html), page


def test_someone_who_may_review_is_offered_the_return_to_draft(client, world):
    rid = world["kenya"]
    _submit(rid)
    login(client, "admin@example.org")  # edits and reviews
    html = client.get(f"/roadmaps/{rid}/wizard/legal").get_data(as_text=True)
    assert "Return to draft with a comment" in html and f'href="/roadmaps/{rid}/review#status-h"' in html
    assert "ask the reviewing adviser" not in html


def test_approved_an_editor_reopens_it_from_the_step_itself(client, world):
    rid = world["kenya"]
    _submit(rid)
    move_roadmap(Actor("Adviser"), rid, Step.APPROVE, editor=False, reviewer=True)
    login(client, "editor@example.org")
    html = client.get(f"/roadmaps/{rid}/wizard/legal").get_data(as_text=True)
    assert "This roadmap is approved" in html and _locked(html)
    assert re.search(r'name="move" value="revise">\s*<button type="submit">Reopen for revision</button>', html)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    reopened = client.post(f"/roadmaps/{rid}/status", data={"move": "revise", "csrf_token": token})
    assert reopened.status_code == 302
    db.session.expire_all()
    assert db.session.get(Roadmap, rid).status == "draft"
    html = client.get(f"/roadmaps/{rid}/wizard/legal").get_data(as_text=True)
    assert not _locked(html) and "What follows is shown read-only." not in html


def test_a_draft_opens_for_editing_and_its_review_step_submits_it(client, world):
    rid = world["kenya"]
    login(client, "editor@example.org")
    for page in STEP_PAGES:
        assert not _locked(client.get(f"/roadmaps/{rid}/{page}").get_data(as_text=True)), page
    review = client.get(f"/roadmaps/{rid}/wizard/review").get_data(as_text=True)
    before = review.index("Before you submit")
    assert review.index("Submit for review</button>") > before
    client.post(f"/roadmaps/{rid}/status", data={"move": "submit"})
    db.session.expire_all()
    assert db.session.get(Roadmap, rid).status == "in_review"
    assert "Submit for review</button>" not in client.get(f"/roadmaps/{rid}/wizard/review").get_data(as_text=True)


def test_a_viewer_sees_no_submit_button_on_the_review_step(client, world):
    login(client, "adviser@example.org")  # may review, not submit: the team submits
    html = client.get(f"/roadmaps/{world['kenya']}/wizard/review").get_data(as_text=True)
    assert "Submit for review</button>" not in html


def test_a_pillar_steps_number_is_the_one_its_heading_gives(client, world):
    login(client, "editor@example.org")
    html = client.get(f"/roadmaps/{world['kenya']}/wizard/legal").get_data(as_text=True)
    assert re.search(r'aria-current="step">\s*<span class="n">1</span> Legal Measures</a>', html)
    assert '<span class="swatch" aria-hidden="true"></span>1. Legal Measures</h1>' in html
    assert re.search(r'<span class="n">5</span> International Cooperation', html)
    assert not re.search(r'<span class="n">\d+</span> (Basics|Dependencies|Review)<', html)


def test_the_home_page_offers_what_its_user_can_do(client, world):
    make_user("starter@example.org", GHA=MembershipRole.EDITOR)  # edits a country with no roadmap yet
    login(client, "starter@example.org")
    html = client.get("/").get_data(as_text=True)
    assert "Start a new roadmap" in html and "Start your country's roadmap with the button above" in html
    assert "An administrator gives you access" not in html
    client.post("/logout")
    login(client, "nobody@example.org")
    html = client.get("/").get_data(as_text=True)
    assert "Start a new roadmap" not in html and "An administrator gives you access" in html


def test_an_indicator_with_figures_but_no_name_is_an_error_on_its_row(client, world):
    rid = world["kenya"]
    login(client, "editor@example.org")
    count = select(func.count()).select_from(Deliverable).where(Deliverable.roadmap_id == rid)
    before = db.session.scalar(count)
    response = client.post(
        f"/roadmaps/{rid}/deliverables/new",
        data={
            "pillar": "legal",
            "title": "Draft the regulations",
            "duration_weeks": "8",
            "priority": "medium",
            "lead": "MOICT",
            "indicators-0-name": "Regulations gazetted",
            "indicators-0-target": "1",
            "indicators-1-name": "",
            "indicators-1-baseline": "0",
            "indicators-1-target": "12",
        },
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert html.count("Name this indicator, or empty its other boxes to leave it out.") == 1
    assert 'value="Regulations gazetted"' in html and re.search(r'name="indicators-1-target"[^>]*value="12"', html)
    assert db.session.scalar(count) == before
