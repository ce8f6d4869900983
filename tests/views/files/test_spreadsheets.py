"""The spreadsheet pages: template downloads, upload, preview with every problem, confirm; and the Project file."""

import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from models import Roadmap, db
from models.queries.loading import load_plan
from roadmap.exchange.interchange import read_document
from tests.spreadsheet_filling import filled_csv, filled_xlsx, sheet_document
from tests.views.conftest import login

BASICS = {"country": "KEN", "title": "Kenya COP roadmap", "start_date": "2027-01-04", "language": "en"}


def roadmaps() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(Roadmap.id)))


def upload(client, files, **basics):
    data = {**BASICS, **basics, "files": [(io.BytesIO(body), name) for name, body in files]}
    return client.post("/roadmaps/upload", data=data, content_type="multipart/form-data")


def token_of(response) -> str:
    return re.search(r'name="token" type="hidden" value="([^"]+)"', response.text)[1]


def test_template_downloads_open_with_their_sheets(client, world):
    login(client, "viewer@example.org")
    xlsx = client.get("/spreadsheets/cop-roadmap-template.xlsx")
    assert xlsx.status_code == 200 and "attachment" in xlsx.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(xlsx.data))
    assert book.sheetnames == ["Deliverables", "Dependencies", "Stakeholders", "Valid values"]
    assert len(book["Deliverables"].data_validations.dataValidation) >= 5
    archive = client.get("/spreadsheets/cop-roadmap-template-csv.zip")
    assert archive.status_code == 200 and archive.data[:2] == b"PK"


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_preview_then_confirm_creates_the_roadmap(client, world, kind):
    login(client, "editor@example.org")
    before = roadmaps()
    doc = sheet_document()
    files = [("plan.xlsx", filled_xlsx(doc))] if kind == "xlsx" else filled_csv(doc)
    preview = upload(client, files, title="From the sheet")
    assert preview.status_code == 200
    assert "Check before saving" in preview.text and "National reporting portal" in preview.text
    assert roadmaps() == before, "the preview saved something"
    done = client.post("/roadmaps/upload/confirm", data={"token": token_of(preview)})
    assert done.status_code == 302
    assert roadmaps() == before + 1
    roadmap_id = int(done.headers["Location"].rsplit("/", 1)[1])
    assert load_plan(roadmap_id) == read_document({**doc, "title": "From the sheet"})
    # The stored upload is gone: confirming twice does not make a second roadmap.
    again = client.post("/roadmaps/upload/confirm", data={"token": token_of(preview)})
    assert again.status_code == 302 and roadmaps() == before + 1


def test_problems_are_listed_by_sheet_row_and_column_and_nothing_is_saved(client, world):
    login(client, "editor@example.org")
    before = roadmaps()
    bad = {"Deliverables": [["X1", "legal", "Train judges", "six"]], "Dependencies": [["X1", "NOPE"]]}
    response = upload(client, [("plan.xlsx", filled_xlsx(sheet_document(), bad))], title="Kept title")
    assert response.status_code == 400
    text = response.text
    assert "2 problems: nothing was saved" in text
    assert "Deliverables, row 6, column Duration (weeks): &#34;six&#34; is not a whole number" in text
    assert "Dependencies, row 5, column Successor: no deliverable has the key &#34;NOPE&#34;" in text
    assert 'value="Kept title"' in text, "the form lost what was typed"
    assert 'aria-describedby="files-hint files-error"' in text
    assert roadmaps() == before


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([("plan.docx", b"PK")], "Only .xlsx and .csv files can be uploaded."),
        ([], "Choose the filled-in template to upload."),
        ([("plan.xlsx", b"not a workbook")], "not an Excel workbook (.xlsx)"),
        ([("plan.xlsx", b"PK\x03\x04broken")], "not an Excel workbook (.xlsx)"),
        ([("a.xlsx", b"x"), ("b.csv", b"x")], "Upload one .xlsx workbook on its own"),
    ],
)
def test_wrong_or_corrupt_files_get_a_clear_message_not_an_error_page(client, world, files, message):
    login(client, "editor@example.org")
    response = upload(client, files)
    assert response.status_code == 400
    assert message in response.text


def test_a_viewer_cannot_upload(client, world):
    login(client, "viewer@example.org")
    before = roadmaps()
    assert upload(client, [("plan.xlsx", filled_xlsx(sheet_document()))]).status_code == 403
    assert client.get("/roadmaps/upload").status_code == 403
    assert roadmaps() == before


def test_an_editor_cannot_target_another_country(client, world):
    login(client, "editor@example.org")
    before = roadmaps()
    response = upload(client, [("plan.xlsx", filled_xlsx(sheet_document()))], country="UGA")
    assert response.status_code == 400 and "Not a valid choice" in response.text
    assert roadmaps() == before


def test_a_stored_upload_is_only_confirmed_by_its_own_session(app, world):
    owner, other = app.test_client(), app.test_client()
    login(owner, "editor@example.org")
    login(other, "admin@example.org")
    before = roadmaps()
    token = token_of(upload(owner, [("plan.xlsx", filled_xlsx(sheet_document()))]))
    for forged in (token, "../../secret_key", "x" * 32):
        response = other.post("/roadmaps/upload/confirm", data={"token": forged})
        assert response.status_code == 302 and response.headers["Location"].endswith("/roadmaps/upload")
    assert roadmaps() == before
    assert owner.post("/roadmaps/upload/confirm", data={"token": token}).status_code == 302
    assert roadmaps() == before + 1


def test_confirm_is_refused_when_edit_rights_were_taken_away_in_between(client, world):
    from models import Membership, User

    login(client, "editor@example.org")
    token = token_of(upload(client, [("plan.xlsx", filled_xlsx(sheet_document()))]))
    before = roadmaps()
    membership = db.session.scalar(select(Membership).join(User).where(User.email == "editor@example.org"))
    db.session.delete(membership)
    db.session.commit()
    assert client.post("/roadmaps/upload/confirm", data={"token": token}).status_code == 403
    assert roadmaps() == before


def test_project_file_downloads_and_exports_from_the_command_line(app, client, world, tmp_path):
    login(client, "viewer@example.org")
    response = client.get(f"/roadmaps/{world['kenya']}/roadmap.mspdi.xml")
    assert response.status_code == 200
    assert response.data.startswith(b"<?xml") and b"<OutlineLevel>2</OutlineLevel>" in response.data
    assert b"Microsoft Project file" in client.get(f"/roadmaps/{world['kenya']}").data
    out = tmp_path / "plan.xml"
    result = app.test_cli_runner().invoke(args=["export", str(world["kenya"]), "--format", "mspdi", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == response.data


def test_a_new_upload_replaces_the_one_waiting_and_an_oversized_preview_is_refused(app, client, world, monkeypatch):
    from pathlib import Path

    from views.files import upload_store

    login(client, "editor@example.org")
    doc = sheet_document()
    first = upload(client, [("plan.xlsx", filled_xlsx(doc))], title="First")
    second = upload(client, [("plan.xlsx", filled_xlsx(doc))], title="Second")
    waiting = list((Path(app.instance_path) / "pending-uploads").glob("*.json"))
    assert len(waiting) == 1  # one upload waits per person, however many they make
    count = roadmaps()
    stale = client.post("/roadmaps/upload/confirm", data={"token": token_of(first)})
    assert stale.headers["Location"].endswith("/roadmaps/upload") and roadmaps() == count  # replaced: gone
    done = client.post("/roadmaps/upload/confirm", data={"token": token_of(second)})
    assert "/roadmaps/upload" not in done.headers["Location"] and roadmaps() == count + 1
    # A plan too large to keep for its confirmation is refused with the reason, and nothing is kept.
    monkeypatch.setattr(upload_store, "MAX_STORED_BYTES", 1024)
    before = roadmaps()
    refused = upload(client, [("plan.xlsx", filled_xlsx(doc))], title="Too big")
    assert refused.status_code == 400 and "can wait for confirmation" in refused.text
    assert 'value="Too big"' in refused.text  # the form keeps what was typed
    assert list((Path(app.instance_path) / "pending-uploads").glob("*.json")) == [] and roadmaps() == before


def test_the_upload_page_names_the_sheets_as_the_file_does_in_every_language(client, world):
    # The workbook's sheets keep their English names, so a French page must not send the reader to a
    # "Livrables" sheet that the file does not have.
    login(client, "editor@example.org")
    client.post("/language", data={"lang": "fr", "next": "/"})
    page = client.get("/roadmaps/upload").get_data(as_text=True)
    assert "« Deliverables »" in page and "« Valid values »" in page
