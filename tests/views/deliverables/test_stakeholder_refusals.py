"""A stakeholder the model layer refuses: the reason shows beside the field it is about (a key another
stakeholder has beside the key, a name that cannot be stored beside the name), or for the whole form when
it is about the roadmap (in review) or a stakeholder gone meanwhile; in the reader's language, with what
was typed kept. Which field comes from the refusal itself, so it is the same in every language."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from models import Stakeholder, db
from tests.factories import import_small, make_user
from tests.views.conftest import login
from tests.views.test_refusals_in_every_language import pattern
from views.extensions import LANGUAGES

TAKEN = "another stakeholder already has the key %(key)s"
IN_REVIEW = "the roadmap is in review: it can be changed again once the reviewer returns it to draft"
NUL = "the %(what)s contains a NUL character"
GONE = "no such stakeholder in this roadmap"


@pytest.fixture
def kenya(app):
    # Each request gets its own app context (an outer one would keep Flask-Babel's locale from the first).
    with app.app_context():
        rid = import_small()
        make_user("editor@example.org", KEN="editor")
        ids = dict(
            db.session.execute(select(Stakeholder.key, Stakeholder.id).where(Stakeholder.roadmap_id == rid)).all()
        )
    return rid, ids


def editor_in(app, lang: str):
    client = app.test_client()
    login(client, "editor@example.org")
    client.post("/language", data={"lang": lang, "next": "/"})
    return client


def error(page: str, element_id: str) -> str | None:
    """The text of the error paragraph with this id, or None when the page has none."""
    found = re.search(rf'<p class="error"[^>]*id="{element_id}"[^>]*>(.*?)</p>', page, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip() if found else None


def value_of(page: str, name: str) -> str:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
    return html.unescape(re.search(r'value="([^"]*)"', tag).group(1))


def says(shown: str | None, lang: str, msgid: str, **values: str) -> bool:
    return shown is not None and pattern(lang, msgid, **values).search(shown) is not None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_key_another_stakeholder_has_shows_beside_the_key_with_what_was_typed(app, kenya, lang):
    rid, ids = kenya
    client = editor_in(app, lang)
    typed = {"add-name": "Data Protection Authority", "add-kind": "regulator", "add-key": "moict"}
    refused = client.post(f"/roadmaps/{rid}/stakeholders/", data=typed)
    page = refused.text
    assert refused.status_code == 400
    assert says(error(page, "add-key-error"), lang, TAKEN, key="moict"), error(page, "add-key-error")
    assert error(page, "add-name-error") is None and error(page, "add-form-error") is None
    assert value_of(page, "add-name") == "Data Protection Authority" and value_of(page, "add-key") == "moict"
    assert re.search(r'<option (selected value="regulator"|value="regulator" selected)>', page)

    police = ids["POLICE"]
    typed = {
        f"s{police}-name": "National Police Service",
        f"s{police}-kind": "law_enforcement",
        f"s{police}-key": "NGO",
    }
    refused = client.post(f"/roadmaps/{rid}/stakeholders/{police}", data=typed)
    page = refused.text
    assert refused.status_code == 400
    assert says(error(page, f"s{police}-key-error"), lang, TAKEN, key="NGO")
    assert error(page, f"s{police}-name-error") is None and error(page, f"s{police}-form-error") is None
    assert value_of(page, f"s{police}-name") == "National Police Service" and value_of(page, f"s{police}-key") == "NGO"


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_a_name_that_cannot_be_stored_shows_beside_the_name(app, kenya, lang):
    rid, _ = kenya
    client = editor_in(app, lang)
    refused = client.post(
        f"/roadmaps/{rid}/stakeholders/",
        data={"add-name": "Data\x00Authority", "add-kind": "regulator", "add-key": "DA"},
    )
    page = refused.text
    assert refused.status_code == 400
    assert says(error(page, "add-name-error"), lang, NUL), error(page, "add-name-error")
    assert error(page, "add-key-error") is None and error(page, "add-form-error") is None
    assert value_of(page, "add-key") == "DA"


@pytest.mark.parametrize("lang", ["en", "fr", "ru"])
def test_a_refusal_about_the_roadmap_is_said_for_the_whole_form(app, kenya, lang):
    rid, ids = kenya
    client = editor_in(app, lang)
    assert client.post(f"/roadmaps/{rid}/status", data={"move": "submit"}).status_code == 302
    typed = {"add-name": "Data Protection Authority", "add-kind": "regulator", "add-key": "DPA"}
    refused = client.post(f"/roadmaps/{rid}/stakeholders/", data=typed)
    page = refused.text
    assert refused.status_code == 400
    assert says(error(page, "add-form-error"), lang, IN_REVIEW), error(page, "add-form-error")
    assert error(page, "add-name-error") is None and error(page, "add-key-error") is None
    assert value_of(page, "add-name") == "Data Protection Authority" and value_of(page, "add-key") == "DPA"

    ngo = ids["NGO"]
    typed = {f"s{ngo}-name": "Child Rights Alliance", f"s{ngo}-kind": "civil_society", f"s{ngo}-key": "CRA"}
    refused = client.post(f"/roadmaps/{rid}/stakeholders/{ngo}", data=typed)
    page = refused.text
    assert refused.status_code == 400
    assert says(error(page, f"s{ngo}-form-error"), lang, IN_REVIEW)
    assert error(page, f"s{ngo}-name-error") is None and error(page, f"s{ngo}-key-error") is None
    assert value_of(page, f"s{ngo}-name") == "Child Rights Alliance" and value_of(page, f"s{ngo}-key") == "CRA"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_saving_a_stakeholder_deleted_meanwhile_says_so_above_the_list(app, kenya, lang):
    rid, _ = kenya
    client = editor_in(app, lang)
    client.post(f"/roadmaps/{rid}/stakeholders/", data={"add-name": "ITU", "add-kind": "international"})
    with app.app_context():
        itu = db.session.scalar(select(Stakeholder.id).where(Stakeholder.roadmap_id == rid, Stakeholder.key == "ITU"))
    assert client.post(f"/roadmaps/{rid}/stakeholders/{itu}/delete").status_code == 302
    refused = client.post(
        f"/roadmaps/{rid}/stakeholders/{itu}", data={f"s{itu}-name": "ITU Africa", f"s{itu}-kind": "international"}
    )
    assert refused.status_code == 400
    assert says(error(refused.text, "edit-form-error"), lang, GONE), error(refused.text, "edit-form-error")
