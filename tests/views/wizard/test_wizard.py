"""The guided flow, driven through the test client as a country team would use it."""

import re

import pytest
from sqlalchemy import func, select

from models import Deliverable, Dependency, PillarAssessment, Roadmap, db
from tests.views.conftest import login


def new_roadmap(client, **data):
    form = {"country": "KEN", "title": "Kenya roadmap 2027", "start_date": "2027-01-04", "language": "en"}
    form.update(data)
    return client.post("/roadmaps/new", data=form)


def roadmap_id_from(response) -> int:
    return int(re.search(r"/roadmaps/(\d+)/", response.headers["Location"]).group(1))


def test_an_editor_starts_a_roadmap_only_for_their_country(client, world):
    login(client, "editor@example.org")
    page = client.get("/roadmaps/new", follow_redirects=True).get_data(as_text=True)
    assert '<option value="KEN">Kenya</option>' in page and "UGA" not in page
    assert new_roadmap(client, country="UGA").status_code == 400
    response = new_roadmap(client)
    assert response.status_code == 302 and response.headers["Location"].endswith("/wizard/legal")
    roadmap = db.session.get(Roadmap, roadmap_id_from(response))
    assert roadmap.country.code == "KEN" and roadmap.title == "Kenya roadmap 2027"


def test_a_viewer_cannot_start_or_draft(client, world):
    login(client, "viewer@example.org")
    assert client.get("/roadmaps/new").status_code == 403
    assert client.get(f"/roadmaps/{world['kenya']}/wizard/legal").status_code == 403


def test_errors_keep_what_was_typed_next_to_the_field(client, world):
    login(client, "editor@example.org")
    response = new_roadmap(client, title="", start_date="31/02/2027")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert html.count('class="error"') >= 2 and 'value="31/02/2027"' in html
    assert db.session.scalar(select(func.count(Roadmap.id))) == 2


def test_a_pillar_step_saves_the_assessment_and_moves_on(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    page = client.get(f"/roadmaps/{rid}/wizard/technical").get_data(as_text=True)
    assert "Suggested from the catalog" in page and "Where can a child, parent or teacher report" in page
    response = client.post(
        f"/roadmaps/{rid}/wizard/technical",
        data={"maturity": "2", "notes": "Only a police email.", "direction": "next"},
    )
    assert response.headers["Location"].endswith("/wizard/organizational")
    saved = db.session.scalar(
        select(PillarAssessment).where(PillarAssessment.roadmap_id == rid, PillarAssessment.pillar == "technical")
    )
    assert (saved.maturity, saved.notes) == (2, "Only a police email.")
    back = client.post(f"/roadmaps/{rid}/wizard/technical", data={"maturity": "3", "direction": "back"})
    assert back.headers["Location"].endswith("/wizard/legal")


def test_a_missing_level_is_shown_and_the_notes_are_kept(client, world):
    login(client, "editor@example.org")
    response = client.post(f"/roadmaps/{world['kenya']}/wizard/legal", data={"notes": "Draft bill exists"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Choose the level that fits best." in html and "Draft bill exists" in html


def test_resume_goes_to_the_first_pillar_not_assessed(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]  # the small plan assessed only the legal pillar
    assert client.get(f"/roadmaps/{rid}/wizard").headers["Location"].endswith("/wizard/technical")


def test_add_from_a_template_is_prefilled_and_saved(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    form = client.get(
        f"/roadmaps/{rid}/deliverables/new?pillar=legal&template=legal_gap_analysis", follow_redirects=True
    ).get_data(as_text=True)
    assert "Legal gap analysis of child online protection laws" in form
    response = client.post(
        f"/roadmaps/{rid}/deliverables/new",
        data={
            "pillar": "legal",
            "title": "Legal gap analysis of COP laws (Kenya)",
            "duration_weeks": "12",
            "priority": "high",
            "lead": "MOICT",
            "threats": ["csam", "grooming"],
            "template": "legal_gap_analysis",
            "indicators-0-name": "Report validated",
            "indicators-0-unit": "yes/no",
            "indicators-0-baseline": "0",
            "indicators-0-target": "1",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    saved = db.session.scalar(
        select(Deliverable).where(
            Deliverable.roadmap_id == rid, Deliverable.title == "Legal gap analysis of COP laws (Kenya)"
        )
    )
    assert saved.key == "L2" and saved.template_key == "legal_gap_analysis" and saved.duration_weeks == 12
    assert [i.name for i in saved.indicators] == ["Report validated"]


def test_a_loop_is_refused_with_its_name_and_the_choice_kept(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    o1 = db.session.scalar(select(Deliverable.id).where(Deliverable.roadmap_id == rid, Deliverable.key == "O1"))
    before = db.session.scalar(select(func.count(Dependency.id)))
    response = client.post(
        f"/roadmaps/{rid}/deliverables/{o1}/links",
        data={"link-O1-predecessor": "M1", "link-O1-kind": "finish_to_start", "link-O1-lag_weeks": "3"},
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "dependency loop: L1 → T1 → M1 → O1 → L1" in html
    assert re.search(r'<option selected value="M1">|<option value="M1" selected>', html)
    assert 'value="3"' in html
    assert db.session.scalar(select(func.count(Dependency.id))) == before


def test_deleting_a_linked_deliverable_names_the_links_first(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    l1 = db.session.scalar(select(Deliverable.id).where(Deliverable.roadmap_id == rid, Deliverable.key == "L1"))
    page = client.get(f"/roadmaps/{rid}/deliverables/{l1}/delete").get_data(as_text=True)
    assert "<code>O1</code>" in page and "<code>T1</code>" in page
    assert client.post(f"/roadmaps/{rid}/deliverables/{l1}/delete", data={"remove_links": "yes"}).status_code == 302
    assert db.session.get(Deliverable, l1) is None


@pytest.mark.parametrize("step", ["basics", "legal", "dependencies", "review"])
def test_another_countrys_wizard_is_not_found(client, world, step):
    login(client, "editor@example.org")
    assert client.get(f"/roadmaps/{world['uganda']}/wizard/{step}").status_code == 404


def test_a_deliverable_of_another_roadmap_cannot_be_edited_through_mine(client, world):
    login(client, "editor@example.org")
    theirs = db.session.scalar(select(Deliverable.id).where(Deliverable.roadmap_id == world["uganda"]))
    assert client.get(f"/roadmaps/{world['kenya']}/deliverables/{theirs}/edit").status_code == 404
    assert client.post(f"/roadmaps/{world['kenya']}/deliverables/{theirs}/delete").status_code == 404


def test_review_shows_charts_with_text_beside_them_and_warnings(client, world):
    login(client, "editor@example.org")
    html = client.get(f"/roadmaps/{world['kenya']}/wizard/review").get_data(as_text=True)
    assert html.count("<svg") == 2 and "Critical path" in html and "Phase 1" in html
    assert "Pillars with no deliverable" in html and "International Cooperation" in html
    assert "Threats no deliverable addresses" in html


def test_editing_a_deliverable_keeps_its_progress(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    t1 = db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == "T1"))
    response = client.post(
        f"/roadmaps/{rid}/deliverables/{t1.id}/edit",
        data={
            "key": "T1",
            "pillar": "technical",
            "title": "National reporting portal (renamed)",
            "duration_weeks": "22",
            "priority": "medium",
            "lead": "POLICE",
            "version": str(t1.version),
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    t1 = db.session.get(Deliverable, t1.id)
    assert (t1.title, t1.duration_weeks) == ("National reporting portal (renamed)", 22)
    assert (t1.status, t1.percent_complete, str(t1.actual_start)) == ("in_progress", 25, "2027-03-01")


def test_a_stale_edit_gets_the_conflict_page_and_overwrites_nothing(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    l1 = db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == "L1"))
    stale = str(l1.version)
    base = {"key": "L1", "pillar": "legal", "duration_weeks": "16", "priority": "medium", "lead": "MOICT"}
    assert (
        client.post(
            f"/roadmaps/{rid}/deliverables/{l1.id}/edit", data={**base, "title": "First save", "version": stale}
        ).status_code
        == 302
    )
    response = client.post(
        f"/roadmaps/{rid}/deliverables/{l1.id}/edit", data={**base, "title": "Second, stale save", "version": stale}
    )
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Second, stale save" in html and "First save" in html
    db.session.expire_all()
    assert db.session.get(Deliverable, l1.id).title == "First save"


def test_a_link_with_no_predecessor_chosen_is_refused(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    m1 = db.session.scalar(select(Deliverable.id).where(Deliverable.roadmap_id == rid, Deliverable.key == "M1"))
    before = db.session.scalar(select(func.count(Dependency.id)))
    response = client.post(
        f"/roadmaps/{rid}/deliverables/{m1}/links",
        data={"link-M1-predecessor": "", "link-M1-kind": "finish_to_start", "link-M1-lag_weeks": "0"},
    )
    assert response.status_code == 400 and "Choose the deliverable it depends on." in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Dependency.id))) == before


def test_choosing_a_template_saves_the_assessment_first(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    response = client.post(
        f"/roadmaps/{rid}/wizard/capacity",
        data={"maturity": "1", "notes": "No training yet", "direction": "template:teacher_training"},
    )
    # The form's address carries the one-time token of the page it opens, so Back finds the same page.
    assert re.fullmatch(
        rf"/roadmaps/{rid}/deliverables/new\?once=[\w-]{{32}}&pillar=capacity&template=teacher_training",
        response.headers["Location"],
    )
    saved = db.session.scalar(
        select(PillarAssessment).where(PillarAssessment.roadmap_id == rid, PillarAssessment.pillar == "capacity")
    )
    assert (saved.maturity, saved.notes) == (1, "No training yet")


def test_a_large_roadmap_shows_one_link_form_at_a_time_and_stays_light(client, world):
    from models.operations import Actor, import_plan
    from roadmap.demo import demo_plan

    rid = import_plan(demo_plan("KEN", "Demo-sized"), Actor("test"))
    login(client, "editor@example.org")
    page = client.get(f"/roadmaps/{rid}/wizard/dependencies").get_data(as_text=True)
    assert 'name="link-L1-predecessor"' not in page and "Add a link to L1" in page
    assert len(page.encode()) < 200 * 1024
    page = client.get(f"/roadmaps/{rid}/wizard/dependencies?add=L1").get_data(as_text=True)
    assert re.findall(r'name="link-[^"]+-predecessor"', page) == ['name="link-L1-predecessor"']


def test_the_basics_name_who_issues_the_plan_and_a_name_too_long_is_refused_with_the_form_kept(client, world):
    login(client, "editor@example.org")
    rid = roadmap_id_from(new_roadmap(client, issuing_authority="  Ministry of ICT  "))
    assert db.session.get(Roadmap, rid).issuing_authority == "Ministry of ICT"
    page = client.get(f"/roadmaps/{rid}/wizard/basics").get_data(as_text=True)
    assert 'value="Ministry of ICT"' in page
    form = re.search(r'name="version" type="hidden" value="(\d+)"', page) or re.search(
        r'name="version" value="(\d+)"', page
    )
    data = {
        "title": "Kenya roadmap 2027",
        "start_date": "2027-01-04",
        "language": "en",
        "country": "KEN",
        "version": form.group(1),
        "issuing_authority": "M" * 201,
    }
    response = client.post(f"/roadmaps/{rid}/wizard/basics", data=data)
    assert response.status_code == 400 and "M" * 201 in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Roadmap, rid).issuing_authority == "Ministry of ICT"
    data["issuing_authority"] = ""  # cleared
    assert client.post(f"/roadmaps/{rid}/wizard/basics", data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(Roadmap, rid).issuing_authority is None
