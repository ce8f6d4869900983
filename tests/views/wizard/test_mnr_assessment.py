"""The MNR self-assessment page: editors rate the 21 capabilities with evidence, readers read them, and
what to build next starts from the capabilities rated lowest."""

from io import BytesIO

import pypdf
from sqlalchemy import select

from models import JournalEntry, db
from models.roadmap import CapabilityRating
from tests.factories import import_small, make_user
from tests.views.conftest import fetch_pdf, login


def ratings(rid):
    return {
        r.number: (r.phase, r.evidence)
        for r in db.session.scalars(select(CapabilityRating).where(CapabilityRating.roadmap_id == rid))
    }


def test_an_editor_rates_capabilities_with_evidence_and_sees_what_to_build_next(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    page = client.get(f"/roadmaps/{rid}/capabilities").get_data(as_text=True)
    assert "21. Universal terminology" in page and "Policy and Governance" in page
    assert "Rate the capabilities to see what to build next." in page

    response = client.post(
        f"/roadmaps/{rid}/capabilities",
        data={
            "phase_12": "1",
            "evidence_12": "No hotline; reports go to a police e-mail.",
            "phase_3": "3",
            "phase_21": "4",
        },
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/capabilities#next")
    assert ratings(rid) == {12: (1, "No hotline; reports go to a police e-mail."), 3: (3, None), 21: (4, None)}
    journal = db.session.scalars(select(JournalEntry.field).where(JournalEntry.action == "capability rated")).all()
    assert "mnr.12.phase" in journal and "mnr.12.evidence" in journal

    page = client.get(f"/roadmaps/{rid}/capabilities").get_data(as_text=True)
    assert "No hotline; reports go to a police e-mail." in page
    suggested = page[page.index('id="next"') :]
    # The hotline, rated building, comes before legislation, rated enhancing; terminology is at maturity.
    assert suggested.index("12. CSEA hotline") < suggested.index("3. Legislation")
    assert "21. Universal terminology" not in suggested
    assert "template=inhope_membership" in suggested

    # Clearing a phase and its evidence un-rates the capability.
    client.post(f"/roadmaps/{rid}/capabilities", data={"phase_12": "1", "evidence_12": "Still none.", "phase_3": ""})
    assert ratings(rid) == {12: (1, "Still none.")}


def test_evidence_without_a_phase_is_refused_with_the_form_kept(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    response = client.post(
        f"/roadmaps/{rid}/capabilities",
        data={"phase_1": "2", "evidence_4": "A cybercrime unit of six officers.", "phase_7": "9"},
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Choose the phase this evidence supports, or clear the evidence." in html
    assert "A cybercrime unit of six officers." in html  # what was typed stays
    assert 'value="2" checked' in html or 'checked value="2"' in html or "checked" in html
    assert ratings(rid) == {}  # nothing half-saved


def test_a_viewer_reads_the_ratings_and_cannot_change_them(client, world):
    rid = world["kenya"]
    login(client, "editor@example.org")
    client.post(f"/roadmaps/{rid}/capabilities", data={"phase_11": "2", "evidence_11": "Helpline 116, office hours."})
    client.post("/logout")
    login(client, "viewer@example.org")
    page = client.get(f"/roadmaps/{rid}/capabilities").get_data(as_text=True)
    assert "Helpline 116, office hours." in page and "2. Developing" in page
    assert 'name="phase_11"' not in page and "Add from this template" not in page
    assert client.post(f"/roadmaps/{rid}/capabilities", data={"phase_11": "4"}).status_code == 403
    assert ratings(rid) == {11: (2, "Helpline 116, office hours.")}


def test_the_page_reads_in_the_readers_language(app):
    # Each request in its own app context, as the translation tests do, so the locale is the reader's.
    with app.app_context():
        rid = import_small()
        make_user("editor@example.org", KEN="editor")
    client = app.test_client()
    login(client, "editor@example.org")
    client.post(f"/roadmaps/{rid}/capabilities", data={"phase_14": "1"})
    client.post("/language", data={"lang": "fr", "next": "/"})
    page = client.get(f"/roadmaps/{rid}/capabilities").get_data(as_text=True)
    assert "14. Participation des enfants" in page and "Mise en place" in page
    client.post("/language", data={"lang": "ar", "next": "/"})
    page = client.get(f"/roadmaps/{rid}/capabilities").get_data(as_text=True)
    assert "مشاركة الأطفال" in page


def test_a_suggestion_the_country_already_has_is_recorded_as_in_place(client, world):
    from models import Deliverable

    login(client, "editor@example.org")
    rid = world["kenya"]
    client.post(f"/roadmaps/{rid}/capabilities", data={"phase_11": "2"})
    page = client.get(f"/roadmaps/{rid}/capabilities").get_data(as_text=True)
    assert 'name="template" value="child_helpline"' in page
    response = client.post(f"/roadmaps/{rid}/capabilities/in-place", data={"template": "child_helpline"})
    assert response.status_code == 302
    saved = db.session.scalar(
        select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.template_key == "child_helpline")
    )
    assert saved.status == "in_place" and saved.title.startswith("Strengthen the national child helpline")
    page = client.get(f"/roadmaps/{rid}/capabilities").get_data(as_text=True)
    assert "Recorded as already in place: Strengthen the national child helpline" in page
    assert 'value="child_helpline"' not in page and "template=child_helpline" not in page
    sequence = client.get(f"/roadmaps/{rid}").get_data(as_text=True)
    assert "Already in place" in sequence
    # An unknown template saves nothing and says so.
    client.post(f"/roadmaps/{rid}/capabilities/in-place", data={"template": "no_such_template"})
    page = client.get(f"/roadmaps/{rid}/capabilities").get_data(as_text=True)
    assert "That suggestion is no longer in the catalog" in page


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(BytesIO(data)).pages).split())


def test_the_downloaded_pdf_prints_the_ratings_as_last_saved(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    assert "MNR self-assessment" not in pdf_text(fetch_pdf(client, f"/roadmaps/{rid}/roadmap.pdf").data)
    client.post(
        f"/roadmaps/{rid}/capabilities", data={"phase_12": "1", "evidence_12": "Reports go to a police e-mail."}
    )
    annex = pdf_text(fetch_pdf(client, f"/roadmaps/{rid}/roadmap.pdf").data).split("Annex: MNR self-assessment")[-1]
    assert "12. CSEA hotline 1. Building Reports go to a police e-mail." in annex
    # A changed rating is a new PDF, not the one kept from before.
    client.post(f"/roadmaps/{rid}/capabilities", data={"phase_12": "2", "evidence_12": "A hotline opened in 2027."})
    annex = pdf_text(fetch_pdf(client, f"/roadmaps/{rid}/roadmap.pdf").data).split("Annex: MNR self-assessment")[-1]
    assert "12. CSEA hotline 2. Developing A hotline opened in 2027." in annex and "police e-mail" not in annex
