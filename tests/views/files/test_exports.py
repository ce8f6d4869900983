"""Downloading and exporting the printed roadmap, from the web and the command line."""

import json
import subprocess
from io import BytesIO
from pathlib import Path
from urllib.parse import quote

import pypdf
import pytest

from models import Roadmap, db
from tests.factories import import_small
from tests.views.conftest import fetch_pdf, login


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(BytesIO(data)).pages)


def test_a_viewer_downloads_the_pdf_and_the_second_download_comes_from_the_cache(client, world, app):
    login(client, "viewer@example.org")
    response = fetch_pdf(client, f"/roadmaps/{world['kenya']}/roadmap.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=ken-kenya-cop-roadmap.pdf")
    assert "Legal gap analysis" in pdf_text(response.data)
    cached = list((Path(app.instance_path) / "pdf-cache").glob("*.pdf"))
    assert len(cached) == 1
    again = client.get(f"/roadmaps/{world['kenya']}/roadmap.pdf")
    assert again.data == response.data
    assert list((Path(app.instance_path) / "pdf-cache").glob("*.pdf")) == cached


def test_a_title_in_arabic_still_names_the_downloaded_pdf(client, world):
    rid = import_small(title="خارطة الطريق الوطنية 2027")
    login(client, "viewer@example.org")
    response = fetch_pdf(client, f"/roadmaps/{rid}/roadmap.pdf")
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert "filename*=UTF-8''" + quote("ken-خارطة-الطريق-الوطنية-2027.pdf") in disposition


def test_the_sequence_page_offers_the_downloads(client, world):
    login(client, "viewer@example.org")
    html = client.get(f"/roadmaps/{world['kenya']}").get_data(as_text=True)
    assert f'href="/roadmaps/{world["kenya"]}/roadmap.pdf"' in html
    assert f'href="/roadmaps/{world["kenya"]}/roadmap.json"' in html


@pytest.mark.parametrize("path", ["roadmap.pdf", "roadmap.json"])
def test_another_countrys_downloads_are_not_found(client, world, path):
    login(client, "editor@example.org")
    assert client.get(f"/roadmaps/{world['uganda']}/{path}").status_code == 404


def test_the_json_download_is_the_cop_roadmap_document(client, world):
    login(client, "viewer@example.org")
    response = client.get(f"/roadmaps/{world['kenya']}/roadmap.json")
    doc = json.loads(response.data)
    assert doc["format"] == "cop-roadmap/1" and doc["title"] == "Kenya COP roadmap"


def test_a_pdf_that_takes_too_long_gets_a_clear_message(client, world, app):
    app.config["PDF_TIMEOUT"] = 0.001
    login(client, "viewer@example.org")
    response = fetch_pdf(client, f"/roadmaps/{world['kenya']}/roadmap.pdf")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "took longer than 0.001 seconds" in html and "Traceback" not in html


def test_cli_exports_pdf_html_and_pdfa(world, app, tmp_path):
    runner = app.test_cli_runner()
    rid = str(world["kenya"])
    assert runner.invoke(args=["export", rid, "--format", "pdf", "-o", str(tmp_path / "r.pdf")]).exit_code == 0
    assert "Kenya COP roadmap" in pdf_text((tmp_path / "r.pdf").read_bytes())

    assert runner.invoke(args=["export", rid, "--format", "html", "-o", str(tmp_path / "r.html")]).exit_code == 0
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert html.startswith("<!") and "<svg" in html and "<link" not in html and "<img" not in html

    result = runner.invoke(
        args=["export", rid, "--format", "pdf", "--pdfa", "--no-cache", "-o", str(tmp_path / "a.pdf")]
    )
    assert result.exit_code == 0, result.output
    runner.invoke(args=["export", rid, "--format", "json", "-o", str(tmp_path / "r.json")])
    attachments = dict(pypdf.PdfReader(tmp_path / "a.pdf").attachments)
    assert list(attachments) == ["roadmap.cop-roadmap.json"]
    assert json.loads(attachments["roadmap.cop-roadmap.json"][0]) == json.loads((tmp_path / "r.json").read_text())


def test_damaged_kept_parts_are_printed_anew_and_no_cache_uses_none(world, app, tmp_path):
    runner = app.test_cli_runner()
    rid = str(world["kenya"])
    assert runner.invoke(args=["export", rid, "--format", "pdf", "-o", str(tmp_path / "first.pdf")]).exit_code == 0
    parts = Path(app.instance_path) / "pdf-cache" / "parts"
    kept = sorted(parts.glob("*.part"))
    assert kept, "the export kept no parts"
    for path in kept:  # a disk error, a half-restored backup
        path.write_bytes(b"not a part")
    [whole] = (Path(app.instance_path) / "pdf-cache").glob("*.pdf")
    whole.write_bytes(b"%PDF- the one the web serves")
    made = runner.invoke(args=["export", rid, "--format", "pdf", "--no-cache", "-o", str(tmp_path / "fresh.pdf")])
    assert made.exit_code == 0, made.output
    assert all(p.read_bytes() == b"not a part" for p in kept)  # --no-cache neither read nor wrote them
    assert whole.read_bytes() == b"%PDF- the one the web serves"  # nor the whole PDF
    for path in (Path(app.instance_path) / "pdf-cache").glob("*.pdf"):
        path.unlink()  # the whole PDF gone: the parts are what the next export finds
    made = runner.invoke(args=["export", rid, "--format", "pdf", "-o", str(tmp_path / "again.pdf")])
    assert made.exit_code == 0, made.output
    assert pdf_text((tmp_path / "again.pdf").read_bytes()) == pdf_text((tmp_path / "first.pdf").read_bytes())
    assert all(p.read_bytes() != b"not a part" for p in kept)  # printed anew and kept again


def test_cli_refuses_pdfa_for_json(world, app, tmp_path):
    result = app.test_cli_runner().invoke(args=["export", str(world["kenya"]), "--pdfa", "-o", str(tmp_path / "x")])
    assert result.exit_code == 1 and "--pdfa applies to --format pdf only" in result.stderr


def test_the_pdf_annex_says_what_changed_since_the_approved_baseline(client, world):
    import dataclasses

    from sqlalchemy import select

    from models import Deliverable
    from models.operations import Actor, add_deliverable, move_roadmap
    from models.operations.deliverable_rows import stored_deliverable
    from models.operations.editing import update_deliverable
    from models.operations.linking import links_of, update_dependency
    from models.operations.workflow import Step
    from roadmap.plan import Deliverable as PlanDeliverable
    from roadmap.vocabulary import DependencyType, Pillar

    rid = world["kenya"]
    login(client, "viewer@example.org")
    before = pdf_text(fetch_pdf(client, f"/roadmaps/{rid}/roadmap.pdf").data)
    assert "what changed since the last review" not in before  # no baseline yet, so no annex
    move_roadmap(Actor("Ed"), rid, Step.SUBMIT, editor=True, reviewer=False)
    move_roadmap(Actor("Ada"), rid, Step.APPROVE, editor=False, reviewer=True, label="Cabinet decision 12")
    move_roadmap(Actor("Ed"), rid, Step.REVISE, editor=True, reviewer=False)
    add_deliverable(Actor("Ed"), rid, PlanDeliverable("C7", Pillar.CAPACITY, "Train school counsellors", 6))
    l1 = db.session.scalar(select(Deliverable.id).where(Deliverable.roadmap_id == rid, Deliverable.key == "L1"))
    d, version = stored_deliverable(rid, l1)
    update_deliverable(Actor("Ed"), rid, l1, version, dataclasses.replace(d, pillar=Pillar.CAPACITY))
    link = next(x for x in links_of(rid) if (x.predecessor, x.successor) == ("L1", "T1"))
    update_dependency(Actor("Ed"), rid, link.id, DependencyType.FINISH_TO_FINISH, 2)
    printed = pdf_text(fetch_pdf(client, f"/roadmaps/{rid}/roadmap.pdf").data)
    annex = printed.split("Annex: what changed since the last review")
    assert len(annex) == 3  # the contents' entry, then the annex itself
    assert "Cabinet decision 12" in annex[2]
    assert "C7" in annex[2] and "Train school counsellors" in annex[2]
    # Changed values in words, as the reader of the printed plan knows them: no stored codes.
    assert "Legal Measures" in annex[2] and "Capacity Building" in annex[2]
    assert "finish to finish, 2 weeks later" in " ".join(annex[2].split())
    assert "finish_to_finish" not in annex[2] and "start-to-start" not in annex[2]


def test_the_cover_names_the_issuing_authority_and_counts_approvals_not_saves(client, world, tmp_path, artifacts):
    from models.operations import Actor, move_roadmap, update_roadmap
    from models.operations.workflow import Step

    rid = world["kenya"]
    login(client, "viewer@example.org")
    cover = pypdf.PdfReader(BytesIO(fetch_pdf(client, f"/roadmaps/{rid}/roadmap.pdf").data)).pages[0].extract_text()
    assert "Not yet approved" in cover and "Signature" in cover  # an approval block to sign by hand
    roadmap = db.session.get(Roadmap, rid)
    update_roadmap(
        Actor("Ed"),
        rid,
        roadmap.version,
        title=roadmap.title,
        start_date=roadmap.start_date,
        language=roadmap.language,
        issuing_authority="Ministry of Information, Communications and the Digital Economy",
    )
    for label in ("Cabinet decision 12", "Mid-term revision 2028"):
        move_roadmap(Actor("Ed"), rid, Step.SUBMIT, editor=True, reviewer=False)
        move_roadmap(Actor("Ada Adviser"), rid, Step.APPROVE, editor=False, reviewer=True, label=label)
        if label.startswith("Cabinet"):
            move_roadmap(Actor("Ed"), rid, Step.REVISE, editor=True, reviewer=False)
    printed = fetch_pdf(client, f"/roadmaps/{rid}/roadmap.pdf").data
    reader = pypdf.PdfReader(BytesIO(printed))
    cover = " ".join(reader.pages[0].extract_text().split())
    (tmp_path / "approved-twice.pdf").write_bytes(printed)
    picture = ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", tmp_path / "approved-twice.pdf"]
    subprocess.run([*picture, artifacts / "cover-approved-twice"], check=True)
    assert "Ministry of Information, Communications and the Digital Economy" in cover
    assert "Revision 2 · Mid-term revision 2028" in cover
    assert "Approved by Ada Adviser" in cover and "Signature" not in cover
    assert "Version" not in cover
    assert all("Revision 2 · generated on" in page.extract_text() for page in reader.pages[1:3])
