"""Managing a roadmap's stakeholders from the web."""

import re

from sqlalchemy import select

from models import Deliverable, Stakeholder, db
from tests.views.conftest import login


def stakeholder_id(roadmap_id, key):
    return db.session.scalar(select(Stakeholder.id).where(Stakeholder.roadmap_id == roadmap_id, Stakeholder.key == key))


def test_add_rename_and_delete_an_unused_stakeholder(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    page = client.get(f"/roadmaps/{rid}/stakeholders/", follow_redirects=True).get_data(as_text=True)
    assert "Ministry of ICT" in page
    response = client.post(
        f"/roadmaps/{rid}/stakeholders/", data={"add-name": "Data Protection Authority", "add-kind": "regulator"}
    )
    assert response.status_code == 302
    new_id = db.session.scalar(select(Stakeholder.id).where(Stakeholder.name == "Data Protection Authority"))
    client.post(
        f"/roadmaps/{rid}/stakeholders/{new_id}",
        data={f"s{new_id}-name": "Office of the Data Commissioner", f"s{new_id}-kind": "regulator"},
    )
    db.session.expire_all()
    assert db.session.get(Stakeholder, new_id).name == "Office of the Data Commissioner"
    client.post(f"/roadmaps/{rid}/stakeholders/{new_id}/delete")
    db.session.expire_all()
    assert db.session.get(Stakeholder, new_id) is None


def test_a_blank_name_is_refused_and_nothing_added(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    before = db.session.scalars(select(Stakeholder.id)).all()
    response = client.post(f"/roadmaps/{rid}/stakeholders/", data={"add-name": "  ", "add-kind": "industry"})
    assert response.status_code == 400 and 'class="error"' in response.get_data(as_text=True)
    assert db.session.scalars(select(Stakeholder.id)).all() == before


def test_merge_moves_the_leads_to_the_one_kept(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    keep, gone = stakeholder_id(rid, "MOICT"), stakeholder_id(rid, "POLICE")
    response = client.post(
        f"/roadmaps/{rid}/stakeholders/merge", data={"merge-keep": str(keep), "merge-merge": str(gone)}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Stakeholder, gone) is None
    t1 = db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == "T1"))
    assert t1.lead_id == keep


def test_another_countrys_stakeholders_are_out_of_reach(client, world):
    login(client, "editor@example.org")
    theirs = stakeholder_id(world["uganda"], "NGO")
    assert client.get(f"/roadmaps/{world['uganda']}/stakeholders/").status_code == 404
    client.post(f"/roadmaps/{world['kenya']}/stakeholders/{theirs}/delete")
    client.post(
        f"/roadmaps/{world['kenya']}/stakeholders/{theirs}",
        data={f"s{theirs}-name": "Hijacked", f"s{theirs}-kind": "industry"},
    )
    db.session.expire_all()
    assert db.session.get(Stakeholder, theirs).name == "Child Rights Network"


def test_a_near_duplicate_is_asked_about_then_added_anyway(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    count = len(db.session.scalars(select(Stakeholder.id).where(Stakeholder.roadmap_id == rid)).all())
    asked = client.post(
        f"/roadmaps/{rid}/stakeholders/", data={"add-name": "ministry of I.C.T.", "add-kind": "government"}
    )
    page = asked.get_data(as_text=True)
    assert asked.status_code == 409
    assert "looks like Ministry of ICT (MOICT) already in this roadmap: add anyway?" in page
    assert "Add anyway" in page and 'value="ministry of I.C.T."' in page
    assert len(db.session.scalars(select(Stakeholder.id).where(Stakeholder.roadmap_id == rid)).all()) == count
    added = client.post(
        f"/roadmaps/{rid}/stakeholders/",
        data={"add-name": "ministry of I.C.T.", "add-kind": "government", "add-similar_ok": "ministry of I.C.T."},
    )
    assert added.status_code == 302
    assert stakeholder_id(rid, "MICT")


def test_a_readable_key_is_made_and_can_be_changed(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    client.post(
        f"/roadmaps/{rid}/stakeholders/",
        data={"add-name": "Rwanda Investigation Bureau (RIB)", "add-kind": "law_enforcement"},
    )
    rib = stakeholder_id(rid, "RIB")
    assert rib
    client.post(
        f"/roadmaps/{rid}/stakeholders/{rib}",
        data={f"s{rib}-name": "Investigation Bureau", f"s{rib}-kind": "law_enforcement", f"s{rib}-key": "IB"},
    )
    db.session.expire_all()
    assert db.session.get(Stakeholder, rib).key == "IB"
    refused = client.post(
        f"/roadmaps/{rid}/stakeholders/{rib}",
        data={f"s{rib}-name": "Investigation Bureau", f"s{rib}-kind": "law_enforcement", f"s{rib}-key": "moict"},
    )
    assert refused.status_code == 400 and "already has the key moict" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Stakeholder, rib).key == "IB"


DRAFT = {
    "pillar": "legal",
    "title": "Child online protection bill",
    "description": "Draft the bill & consult on it",
    "duration_weeks": "30",
    "priority": "high",
    "partners": ["NGO"],
    "threats": ["csam", "grooming"],
    "indicators-0-name": "Bill tabled",
}


def test_without_javascript_a_step_adds_the_stakeholder_and_brings_the_deliverable_back_as_typed(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    back = f"/roadmaps/{rid}/deliverables/new?pillar=legal"
    step = client.post(
        f"/roadmaps/{rid}/stakeholders/for-deliverable", data={**DRAFT, "add_stakeholder": "1", "return_to": back}
    )
    page = step.get_data(as_text=True)
    assert step.status_code == 200 and "<h1>Add a stakeholder</h1>" in page
    assert '<input type="hidden" name="title" value="Child online protection bill">' in page
    assert '<input type="hidden" name="description" value="Draft the bill &amp; consult on it">' in page
    answer = client.post(
        f"/roadmaps/{rid}/stakeholders/for-deliverable",
        data={**DRAFT, "return_to": back, "sh-name": "Office of the Attorney General", "sh-kind": "judiciary"},
    )
    form = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert f'action="{back}"' in form.replace("&amp;", "&")
    assert 'value="Child online protection bill"' in form and "Draft the bill &amp; consult on it</textarea>" in form
    assert re.search(r'<option (selected value="OAG"|value="OAG" selected)>', form)
    assert re.search(r'checked[^>]*value="NGO"|value="NGO"[^>]*checked', form)
    assert "Stakeholder added: Office of the Attorney General. It is the lead of this deliverable now." in form
    # Saved from there, the deliverable is what was typed, led by the new stakeholder.
    saved = client.post(back, data={**DRAFT, "lead": "OAG"})
    assert saved.status_code == 302
    new = db.session.scalar(select(Deliverable).where(Deliverable.title == "Child online protection bill"))
    assert new.lead_id == stakeholder_id(rid, "OAG")


def test_the_step_asks_about_a_near_duplicate_and_can_go_back_without_adding(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    back = f"/roadmaps/{rid}/deliverables/new?pillar=legal"
    data = {**DRAFT, "return_to": back, "sh-name": "national police", "sh-kind": "law_enforcement"}
    asked = client.post(f"/roadmaps/{rid}/stakeholders/for-deliverable", data=data)
    assert asked.status_code == 409 and "add anyway?" in asked.get_data(as_text=True)
    home = client.post(f"/roadmaps/{rid}/stakeholders/for-deliverable", data={**data, "go": "back"})
    assert home.status_code == 200 and 'value="Child online protection bill"' in home.get_data(as_text=True)
    assert stakeholder_id(rid, "NP") is None


def test_the_step_returns_only_to_this_roadmaps_deliverable_forms(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    for address in (
        "https://elsewhere.example/x",
        "//elsewhere.example/x",
        f"/roadmaps/{world['uganda']}/deliverables/new",
        "/",
    ):
        answer = client.post(
            f"/roadmaps/{rid}/stakeholders/for-deliverable",
            data={**DRAFT, "add_stakeholder": "1", "return_to": address},
        )
        assert answer.status_code == 400, address


def test_with_javascript_the_dialog_adds_the_stakeholder_and_answers_its_key(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    fragment = client.get(f"/roadmaps/{rid}/stakeholders/quick").get_data(as_text=True)
    assert 'name="dlg-name"' in fragment
    added = client.post(f"/roadmaps/{rid}/stakeholders/quick", data={"dlg-name": "ITU", "dlg-kind": "international"})
    assert added.status_code == 200 and added.get_json()["key"] == "ITU" and added.get_json()["name"] == "ITU"
    again = client.post(f"/roadmaps/{rid}/stakeholders/quick", data={"dlg-name": "ITU", "dlg-kind": "international"})
    assert (
        again.status_code == 409
        and "ITU looks like ITU (ITU) already in this roadmap: add anyway?" in again.get_data(as_text=True)
    )
    blank = client.post(f"/roadmaps/{rid}/stakeholders/quick", data={"dlg-name": " ", "dlg-kind": "international"})
    assert blank.status_code == 400 and 'class="error"' in blank.get_data(as_text=True)


def _once(html: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
    return re.search(r'value="([^"]+)"', found).group(1)


def _count(rid: int, name: str) -> int:
    return len(
        db.session.scalars(select(Stakeholder.id).where(Stakeholder.roadmap_id == rid, Stakeholder.name == name)).all()
    )


def test_the_stakeholders_page_sent_again_shows_the_one_added_instead_of_a_copy(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    opened = client.get(f"/roadmaps/{rid}/stakeholders/?back=legal")
    assert opened.status_code == 302 and "once=" in opened.location and "back=legal" in opened.location
    page = client.get(opened.location)
    token = _once(page.get_data(as_text=True), "add-once")
    assert f"once={token}" in page.request.url
    data = {"add-name": "Communications Authority", "add-kind": "regulator", "add-once": token}
    assert client.post(page.request.url, data=data).status_code == 302
    again = client.post(page.request.url, data=data, follow_redirects=True)
    text = again.get_data(as_text=True)
    assert again.status_code == 200 and "This was already saved, so it was not added again." in text
    assert "add anyway?" not in text and _count(rid, "Communications Authority") == 1


def test_the_step_sent_again_brings_back_the_stakeholder_it_added(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    back = f"/roadmaps/{rid}/deliverables/new?pillar=legal"
    form = client.get(back, follow_redirects=True).get_data(as_text=True)
    given = _once(form, "sh-once")
    arrived = client.post(
        f"/roadmaps/{rid}/stakeholders/for-deliverable",
        data={**DRAFT, "add_stakeholder": "1", "return_to": back, "sh-once": given},
    ).get_data(as_text=True)
    assert _once(arrived, "sh-once") == given  # the same page sent to the step again gives it the same token
    data = {**DRAFT, "return_to": back, "sh-name": "Office of the Attorney General", "sh-kind": "judiciary"}
    first = client.post(f"/roadmaps/{rid}/stakeholders/for-deliverable", data={**data, "sh-once": given})
    assert first.status_code == 200 and _once(first.get_data(as_text=True), "sh-once") != given
    again = client.post(f"/roadmaps/{rid}/stakeholders/for-deliverable", data={**data, "sh-once": given})
    text = again.get_data(as_text=True)
    assert again.status_code == 200 and "add anyway?" not in text
    assert "Office of the Attorney General was already added, so it was not added again." in text
    assert re.search(r'<option (selected value="OAG"|value="OAG" selected)>', text)
    assert 'value="Child online protection bill"' in text
    assert _count(rid, "Office of the Attorney General") == 1


def test_the_dialog_sent_twice_answers_the_stakeholder_added_the_first_time(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    token = _once(client.get(f"/roadmaps/{rid}/stakeholders/quick").get_data(as_text=True), "dlg-once")
    data = {"dlg-name": "UNICEF country office", "dlg-kind": "international", "dlg-once": token}
    first = client.post(f"/roadmaps/{rid}/stakeholders/quick", data=data)
    again = client.post(f"/roadmaps/{rid}/stakeholders/quick", data=data)
    assert first.status_code == again.status_code == 200
    assert again.get_json()["key"] == first.get_json()["key"]
    assert "was already added, so it was not added again" in again.get_json()["message"]
    assert _count(rid, "UNICEF country office") == 1
