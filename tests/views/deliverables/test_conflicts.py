"""Two people saving the same roadmap basics: the second sees both versions, nothing is overwritten."""

from werkzeug.datastructures import MultiDict

from models import JournalEntry, Roadmap, db
from tests.views.conftest import login
from tests.views.deliverables.test_merge import merge_form


def basics(version: int, title: str, start: str = "2027-01-04", language: str = "en") -> dict[str, str]:
    return {
        "country": "KEN",
        "title": title,
        "start_date": start,
        "language": language,
        "version": str(version),
        "direction": "next",
    }


def test_a_stale_basics_save_gets_the_conflict_page_and_overwrites_nothing(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    opened_at = db.session.get(Roadmap, rid).version
    first = client.post(f"/roadmaps/{rid}/wizard/basics", data=basics(opened_at, "Saved first", language="fr"))
    assert first.status_code == 302
    stale = client.post(f"/roadmaps/{rid}/wizard/basics", data=basics(opened_at, "Typed second", "2028-03-06"))
    assert stale.status_code == 409
    html = stale.get_data(as_text=True)
    assert "Someone else saved this roadmap&#39;s basics while you were editing them" in html
    # The unsaved values beside the saved ones, choices by their names.
    assert "Typed second" in html and "Saved first" in html
    assert "6 Mar 2028" in html and "4 Jan 2027" in html  # days in the reader's locale
    assert "Français" in html and "English" in html
    assert f'href="/roadmaps/{rid}/wizard/basics"' in html
    db.session.expire_all()
    roadmap = db.session.get(Roadmap, rid)
    assert (roadmap.title, str(roadmap.start_date), roadmap.language) == ("Saved first", "2027-01-04", "fr")
    assert db.session.query(JournalEntry).filter_by(roadmap_id=rid, new_value="Typed second").count() == 0


def test_the_basics_form_carries_the_version_it_was_opened_at(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    version = db.session.get(Roadmap, rid).version
    html = client.get(f"/roadmaps/{rid}/wizard/basics").get_data(as_text=True)
    assert f'id="version" name="version" type="hidden" value="{version}"' in html


def test_a_tampered_version_is_a_conflict_not_a_server_error(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    for version in ("abc", "9" * 40, "-1", "١"):
        response = client.post(f"/roadmaps/{rid}/wizard/basics", data={**basics(0, "Tampered"), "version": version})
        assert response.status_code == 409, version
    db.session.expire_all()
    assert db.session.get(Roadmap, rid).title == "Kenya COP roadmap"


def test_the_health_check_answers_without_signing_in(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_data(as_text=True) == "ok\n"
    assert response.headers["Cache-Control"] == "no-store"


def test_a_stale_basics_save_is_merged_field_by_field_and_saved_once(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    url, opened_at = f"/roadmaps/{rid}/wizard/basics", db.session.get(Roadmap, rid).version
    assert client.post(url, data=basics(opened_at, "Saved first", language="fr")).status_code == 302
    stale = client.post(url, data=basics(opened_at, "Typed second", "2028-03-06"))
    assert stale.status_code == 409
    form = merge_form(stale.get_data(as_text=True))
    # Only what differs is asked about: the issuing authority, empty in both, is not.
    assert set(form.radios) == {"pick-title", "pick-start_date", "pick-language"}
    picks = [("pick-title", "mine"), ("pick-start_date", "mine"), ("pick-language", "theirs")]
    merged = client.post(url, data=MultiDict([*form.fields, *picks]))
    assert merged.status_code == 302 and merged.location.endswith("/wizard/legal")  # on, as "next" asked
    db.session.expire_all()
    roadmap = db.session.get(Roadmap, rid)
    assert (roadmap.title, str(roadmap.start_date), roadmap.language) == ("Typed second", "2028-03-06", "fr")
    assert roadmap.version == opened_at + 2
