"""The printed roadmap through the API, as a reporting script uses it: ask, follow, fetch."""

from io import BytesIO

import pypdf

from tests.factories import import_small
from tests.views.conftest import run_queued_jobs


def test_a_script_asks_for_the_pdf_follows_the_print_and_fetches_the_file(api, world, app):
    rid = world["kenya"]
    missing = api("GET", f"/roadmaps/{rid}/pdf", "viewer@example.org")
    assert missing.status_code == 404 and "POST to this URL" in missing.get_json()["detail"]

    asked = api("POST", f"/roadmaps/{rid}/pdf", "viewer@example.org")
    assert asked.status_code == 202
    state = asked.get_json()
    assert state["status"] == "queued" and state["file_url"] is None
    assert asked.headers["Location"] == state["status_url"] == f"/api/v1/roadmaps/{rid}/prints/{state['id']}"
    # Someone else asking meanwhile follows the same print.
    assert api("POST", f"/roadmaps/{rid}/pdf", "editor@example.org").get_json()["id"] == state["id"]

    assert run_queued_jobs(app) == 1
    done = api("GET", state["status_url"].removeprefix("/api/v1"), "viewer@example.org").get_json()
    assert done["status"] == "done" and done["pages"] > 1
    assert done["file_url"] == f"/api/v1/roadmaps/{rid}/pdf"

    pdf = api("GET", f"/roadmaps/{rid}/pdf", "viewer@example.org")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert len(pypdf.PdfReader(BytesIO(pdf.data)).pages) == done["pages"]
    again = api("POST", f"/roadmaps/{rid}/pdf", "viewer@example.org")
    assert again.status_code == 200 and again.get_json()["status"] == "done"  # kept: nothing to print


def test_another_countrys_print_and_pdf_are_not_found(api, world):
    state = api("POST", f"/roadmaps/{world['uganda']}/pdf", "other@example.org").get_json()
    for path in (f"/roadmaps/{world['uganda']}/pdf", f"/roadmaps/{world['uganda']}/prints/{state['id']}"):
        answer = api("GET", path, "viewer@example.org")
        assert answer.status_code == 404 and answer.mimetype == "application/problem+json"
    assert api("POST", f"/roadmaps/{world['uganda']}/pdf", "viewer@example.org").status_code == 404
    # A print id under a roadmap it does not belong to is not found either.
    assert api("GET", f"/roadmaps/{world['kenya']}/prints/{state['id']}", "viewer@example.org").status_code == 404


def test_past_three_waiting_prints_a_script_is_told_to_retry_later(api, world):
    roadmaps = [world["kenya"]] + [import_small(title=f"Kenya plan {n}") for n in range(3)]
    for rid in roadmaps[:3]:
        assert api("POST", f"/roadmaps/{rid}/pdf", "viewer@example.org").status_code == 202
    refused = api("POST", f"/roadmaps/{roadmaps[3]}/pdf", "viewer@example.org")
    assert refused.status_code == 429 and refused.mimetype == "application/problem+json"
    assert int(refused.headers["Retry-After"]) > 0
    assert "3 prints waiting" in refused.get_json()["detail"]


def test_a_script_asks_for_the_charts_on_a3_and_gets_that_file(api, world, app):
    rid = world["kenya"]
    bad = api("POST", f"/roadmaps/{rid}/pdf?paper=b4", "viewer@example.org")
    assert bad.status_code == 400 and bad.mimetype == "application/problem+json"
    assert bad.get_json()["field"] == "paper" and "a4, a3" in bad.get_json()["detail"]

    asked = api("POST", f"/roadmaps/{rid}/pdf?paper=a3", "viewer@example.org")
    assert asked.status_code == 202
    run_queued_jobs(app)
    done = api("GET", asked.get_json()["status_url"].removeprefix("/api/v1"), "viewer@example.org").get_json()
    assert done["file_url"] == f"/api/v1/roadmaps/{rid}/pdf?paper=a3"
    pdf = api("GET", f"/roadmaps/{rid}/pdf?paper=a3", "viewer@example.org")
    assert pdf.status_code == 200
    widths = {round(float(p.mediabox.width)) for p in pypdf.PdfReader(BytesIO(pdf.data)).pages}
    assert widths == {595, 1191}  # A4 portrait text pages, A3 landscape chart pages
    # The A4 file is not printed by asking for the A3 one.
    assert api("GET", f"/roadmaps/{rid}/pdf", "viewer@example.org").status_code == 404
