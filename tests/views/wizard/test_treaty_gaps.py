"""The treaty gap analysis page: editors mark the checklist, readers read it, and the gaps become legal
deliverables added in one step."""

import html
import re
from io import BytesIO

import pypdf
from sqlalchemy import select

from models import Deliverable, ProvisionMark, db
from tests.views.conftest import fetch_pdf, login


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(BytesIO(data)).pages).split())


def marks(rid):
    return {
        m.provision: (m.status.value, m.note)
        for m in db.session.scalars(select(ProvisionMark).where(ProvisionMark.roadmap_id == rid))
    }


def legal_titles(rid):
    return db.session.execute(
        select(Deliverable.key, Deliverable.title, Deliverable.template_key)
        .where(Deliverable.roadmap_id == rid, Deliverable.pillar == "legal")
        .order_by(Deliverable.id)
    ).all()


def test_the_legal_step_leads_to_the_checklist(client, world):
    login(client, "editor@example.org")
    page = client.get(f"/roadmaps/{world['kenya']}/wizard/legal").get_data(as_text=True)
    assert f"/roadmaps/{world['kenya']}/treaties" in page
    technical = client.get(f"/roadmaps/{world['kenya']}/wizard/technical").get_data(as_text=True)
    assert "/treaties" not in technical


def test_an_editor_marks_provisions_and_adds_the_suggested_deliverables(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    page = html.unescape(client.get(f"/roadmaps/{rid}/treaties").get_data(as_text=True))
    assert "Criminalise soliciting or grooming a child online for sexual purposes" in page
    assert "Lanzarote Art. 23; UNCC Art. 15; ACRWC Art. 27(1)(a)" in page
    assert "Mark the provisions to see the legal work the gaps call for." in page

    response = client.post(
        f"/roadmaps/{rid}/treaties",
        data={
            "status_grooming": "missing",
            "status_csam_access": "partly",
            "note_csam_access": "Section 62 covers downloads only.",
            "status_vetting": "missing",
            "status_territorial": "in_law",
        },
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/treaties#gaps")
    assert marks(rid) == {
        "grooming": ("missing", None),
        "csam_access": ("partly", "Section 62 covers downloads only."),
        "vetting": ("missing", None),
        "territorial": ("in_law", None),
    }
    page = html.unescape(client.get(f"/roadmaps/{rid}/treaties").get_data(as_text=True))
    assert "Section 62 covers downloads only." in page
    suggestions = page[page.index('id="gaps"') :]
    assert 'name="provisions" value="csam_access,grooming"' in suggestions  # one template closes both
    assert 'name="provisions" value="vetting"' in suggestions  # no template: a deliverable of its own

    before = legal_titles(rid)
    response = client.post(f"/roadmaps/{rid}/treaties/deliverable", data={"template": "", "provisions": "vetting"})
    assert response.status_code == 302
    added = legal_titles(rid)[len(before) :]
    assert [(t, k) for _, t, k in added] == [
        ("Check candidates for sexual offence convictions before they work with children", None)
    ]
    d = db.session.scalar(select(Deliverable).where(Deliverable.key == added[0][0], Deliverable.roadmap_id == rid))
    assert "Lanzarote Art. 5(3)" in d.description and d.duration_weeks == 26

    response = client.post(
        f"/roadmaps/{rid}/treaties/deliverable", data={"template": "offences_law", "provisions": "csam_access,grooming"}
    )
    added = legal_titles(rid)[len(before) :]
    assert [k for _, _, k in added] == [None, "offences_law"]
    d = db.session.scalar(select(Deliverable).where(Deliverable.key == added[1][0], Deliverable.roadmap_id == rid))
    assert "Section 62 covers downloads only." in d.description and "UNCC Art. 15" in d.description

    page = html.unescape(client.get(f"/roadmaps/{rid}/treaties").get_data(as_text=True))
    suggestions = page[page.index('id="gaps"') :]
    assert "Add to the legal pillar" not in suggestions and "Already planned" in suggestions
    assert added[0][0] in suggestions and added[1][0] in suggestions

    # Twice is refused by name, adding nothing.
    client.post(f"/roadmaps/{rid}/treaties/deliverable", data={"template": "", "provisions": "vetting"})
    assert len(legal_titles(rid)) == len(before) + 2


def test_a_refused_checklist_keeps_what_was_typed_and_saves_nothing(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    response = client.post(
        f"/roadmaps/{rid}/treaties",
        data={"status_grooming": "missing", "note_vetting": "Police checks exist but are not required by law."},
    )
    assert response.status_code == 400
    page = html.unescape(response.get_data(as_text=True))
    assert "Choose how far the law covers this provision, or clear the note." in page
    assert "Police checks exist but are not required by law." in page
    grooming = page[page.index('id="provision-grooming"') :]
    grooming = grooming[: grooming.index("</fieldset>")]
    assert re.search(r'<input [^>]*checked[^>]*value="missing"', grooming)
    assert marks(rid) == {}

    response = client.post(f"/roadmaps/{rid}/treaties", data={"status_grooming": "nonsense"})
    assert response.status_code == 400 and marks(rid) == {}


def test_a_viewer_reads_the_checklist_and_cannot_change_it(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    client.post(f"/roadmaps/{rid}/treaties", data={"status_grooming": "missing", "note_grooming": "No offence yet."})
    client.post("/logout")
    login(client, "viewer@example.org")
    page = html.unescape(client.get(f"/roadmaps/{rid}/treaties").get_data(as_text=True))
    assert "No offence yet." in page and '<form method="post" action="/roadmaps' not in page.split('id="treaties"')[1]
    assert "Add to the legal pillar" not in page
    assert client.post(f"/roadmaps/{rid}/treaties", data={"status_grooming": "in_law"}).status_code == 403
    assert (
        client.post(
            f"/roadmaps/{rid}/treaties/deliverable", data={"template": "", "provisions": "grooming"}
        ).status_code
        == 403
    )
    assert marks(rid) == {"grooming": ("missing", "No offence yet.")}


def test_the_downloaded_pdf_prints_the_checklist_as_last_saved(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    before = pdf_text(fetch_pdf(client, f"/roadmaps/{rid}/roadmap.pdf").data)
    assert "treaty gap analysis" not in before
    client.post(f"/roadmaps/{rid}/treaties", data={"status_grooming": "missing", "note_grooming": "No offence yet."})
    text = pdf_text(fetch_pdf(client, f"/roadmaps/{rid}/roadmap.pdf").data)
    annex = text.split("Annex: treaty gap analysis")[-1]
    assert "Criminalise soliciting or grooming a child online for sexual purposes" in annex
    assert "Missing" in annex and "No offence yet." in annex
    # A changed mark is a new PDF, not the one kept from before.
    client.post(f"/roadmaps/{rid}/treaties", data={"status_grooming": "in_law", "note_grooming": "Act 12 s. 4"})
    annex = pdf_text(fetch_pdf(client, f"/roadmaps/{rid}/roadmap.pdf").data).split("Annex: treaty gap analysis")[-1]
    assert "Act 12 s. 4" in annex and "No offence yet." not in annex
