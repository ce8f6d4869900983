"""The logo on the printed cover, as a country team uses it: uploaded or removed on the Basics step by
an editor, refused with the form kept when the file cannot be a logo, shown to the roadmap's readers,
printed on the PDF's cover and left out of what the library publishes."""

from __future__ import annotations

import json
import random
import re
from io import BytesIO

import pikepdf
import pytest
from PIL import Image
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from models import Roadmap, db
from models.operations import Actor, move_roadmap
from models.operations.workflow import Step
from tests.views.conftest import fetch_pdf, login, run_queued_jobs

INKSCAPE_SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"'
    b' viewBox="0 0 200 100" inkscape:version="1.3">'
    b'<g inkscape:label="Layer 1"><rect width="200" height="100" fill="#063"/>'
    b'<circle cx="50" cy="50" r="40" fill="gold"/></g></svg>'
)


def png(width: int = 300, height: int = 150, colour: str = "navy") -> bytes:
    out = BytesIO()
    image = Image.new("RGB", (width, height), colour)
    image.paste("gold", (20, 20, 120, 120))
    image.save(out, format="PNG")
    return out.getvalue()


def jpeg() -> bytes:
    out = BytesIO()
    Image.new("RGB", (64, 64), "red").save(out, format="JPEG")
    return out.getvalue()


def over_a_megabyte() -> bytes:
    out = BytesIO()  # noise does not compress: a real PNG of some 1.1 MB
    Image.frombytes("RGB", (640, 600), random.Random(5).randbytes(640 * 600 * 3)).save(out, format="PNG")
    return out.getvalue()


def basics(client, rid: int, **changes) -> dict:
    """The Basics form as the page fills it in, with ``changes`` made to it."""
    page = client.get(f"/roadmaps/{rid}/wizard/basics").get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    data = {
        "country": "KEN",
        "title": "Kenya COP roadmap",
        "start_date": "2027-01-04",
        "language": "en",
        "issuing_authority": "Ministry of ICT",
        "version": version,
        "direction": "next",
    }
    data.update(changes)
    return data


def upload(client, rid: int, content: bytes, filename: str, **changes):
    data = basics(client, rid, **changes)
    data["logo_file"] = FileStorage(BytesIO(content), filename)
    # Encoded here, in memory: the test client writes a body over 500 KB to a temporary file it never closes.
    boundary, body = encode_multipart(data)
    return client.post(
        f"/roadmaps/{rid}/wizard/basics", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )


def stored(rid: int) -> Roadmap:
    db.session.expire_all()
    return db.session.get(Roadmap, rid)


def cover_images(pdf: bytes) -> list[tuple[int, int]]:
    """The size in pixels of every image drawn on the first page, however deep in its forms."""
    found = []

    def walk(resources) -> None:
        for _, xobject in (resources.get("/XObject") or {}).items():
            if xobject.get("/Subtype") == "/Image":
                found.append((int(xobject.Width), int(xobject.Height)))
            elif "/Resources" in xobject:
                walk(xobject.Resources)

    with pikepdf.open(BytesIO(pdf)) as document:
        walk(document.pages[0].Resources)
    return found


def test_an_editor_uploads_a_png_logo_and_sees_it_on_the_basics_page(client, world):
    rid = world["kenya"]
    login(client, "editor@example.org")
    assert "No logo yet" in client.get(f"/roadmaps/{rid}/wizard/basics").get_data(as_text=True)
    response = upload(client, rid, png(), "ministry-logo.png")
    assert response.status_code == 302 and response.headers["Location"].endswith("/wizard/legal")
    roadmap = stored(rid)
    assert roadmap.logo.media_type == "image/png"
    with Image.open(BytesIO(roadmap.logo.data)) as kept:
        assert kept.format == "PNG" and kept.size == (300, 150)
    page = client.get(f"/roadmaps/{rid}/wizard/basics").get_data(as_text=True)
    assert f'src="/roadmaps/{rid}/logo"' in page and "Remove the logo" in page
    served = client.get(f"/roadmaps/{rid}/logo")
    assert served.status_code == 200 and served.data == roadmap.logo.data
    assert served.headers["Content-Type"] == "image/png"
    assert served.headers["X-Content-Type-Options"] == "nosniff"


def test_an_svg_logo_is_kept_without_the_drawing_programs_markup_and_served_so_it_can_run_nothing(client, world):
    rid = world["kenya"]
    login(client, "editor@example.org")
    assert upload(client, rid, INKSCAPE_SVG, "logo.svg").status_code == 302
    logo = stored(rid).logo
    assert logo.media_type == "image/svg+xml"
    assert b"<circle" in logo.data and b"inkscape" not in logo.data
    served = client.get(f"/roadmaps/{rid}/logo")
    assert served.data == logo.data
    assert served.headers["Content-Type"] == "image/svg+xml"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.headers["Content-Security-Policy"] == "default-src 'none'; style-src 'unsafe-inline'"
    again = client.get(f"/roadmaps/{rid}/logo", headers={"If-None-Match": served.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "logo.svg",
            "The SVG logo holds a script, which is not allowed.",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9" height="9"/></svg>',
            "logo.svg",
            "The SVG logo holds an event handler (onload), which is not allowed.",
        ),
        (jpeg(), "logo.png", "The logo must be a PNG or SVG image of at most 1 MB."),
        (jpeg(), "logo.jpg", "The logo must be a PNG or SVG image of at most 1 MB."),
        (b"", "logo.png", "The logo must be a PNG or SVG image of at most 1 MB."),
        (
            over_a_megabyte(),
            "logo.png",
            "The logo is larger than 1 MB; save it smaller (a logo needs far less) and try again.",
        ),
    ],
)
def test_a_file_that_cannot_be_a_logo_is_refused_with_the_form_kept_and_nothing_saved(
    client, world, content, filename, message
):
    rid = world["kenya"]
    login(client, "editor@example.org")
    before = stored(rid).version
    response = upload(client, rid, content, filename, title="Kenya roadmap, second draft")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message.replace("'", "&#39;") in page
    assert 'value="Kenya roadmap, second draft"' in page and 'value="Ministry of ICT"' in page
    roadmap = stored(rid)
    assert roadmap.logo is None and roadmap.title == "Kenya COP roadmap" and roadmap.version == before


@pytest.mark.parametrize(
    ("lang", "content", "filename", "message"),
    [
        ("fr", jpeg(), "logo.png", "Le logo doit être une image PNG ou SVG de 1 Mo au plus."),
        (
            "ru",
            b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>',
            "logo.svg",
            "Логотип SVG объявляет DOCTYPE или сущности, что не допускается.",
        ),
    ],
)
def test_the_refusal_speaks_the_readers_language(client, world, lang, content, filename, message):
    login(client, "editor@example.org")
    client.post("/language", data={"lang": lang, "next": "/"})
    response = upload(client, world["kenya"], content, filename)
    assert response.status_code == 400 and message in response.get_data(as_text=True)


def test_the_logo_is_removed_with_its_checkbox_and_not_both_at_once(client, world):
    rid = world["kenya"]
    login(client, "editor@example.org")
    upload(client, rid, png(), "logo.png")
    both = upload(client, rid, png(colour="teal"), "other.png", remove_logo="y")
    assert both.status_code == 400 and "Choose a new logo or remove the logo, not both." in both.text
    assert stored(rid).logo is not None
    data = basics(client, rid, remove_logo="y")
    assert client.post(f"/roadmaps/{rid}/wizard/basics", data=data).status_code == 302
    assert stored(rid).logo is None
    assert client.get(f"/roadmaps/{rid}/logo").status_code == 404
    assert "No logo yet" in client.get(f"/roadmaps/{rid}/wizard/basics").text


def test_only_editors_change_the_logo_and_only_readers_see_it(client, world):
    rid = world["kenya"]
    login(client, "editor@example.org")
    upload(client, rid, png(), "logo.png")
    logo = stored(rid).logo
    client.post("/logout")
    login(client, "viewer@example.org")
    assert client.get(f"/roadmaps/{rid}/logo").data == logo.data
    refused = client.post(
        f"/roadmaps/{rid}/wizard/basics",
        data={"title": "Taken over", "remove_logo": "y", "logo_file": (BytesIO(png(colour="red")), "x.png")},
        content_type="multipart/form-data",
    )
    assert refused.status_code == 403
    assert stored(rid).logo == logo
    client.post("/logout")
    login(client, "other@example.org")  # Uganda's editor
    assert client.get(f"/roadmaps/{rid}/logo").status_code == 404


def test_an_approved_roadmap_keeps_its_logo_until_it_is_reopened(client, world):
    rid = world["kenya"]
    move_roadmap(Actor("Ed"), rid, Step.SUBMIT, editor=True, reviewer=False)
    move_roadmap(Actor("Ada"), rid, Step.APPROVE, editor=False, reviewer=True, label="Cabinet decision 12")
    login(client, "editor@example.org")
    response = upload(client, rid, png(), "logo.png")
    assert response.status_code == 400 and "the roadmap is approved" in response.text
    assert stored(rid).logo is None


def test_the_printed_cover_shows_the_logo_and_a_new_logo_prints_anew(client, world):
    rid = world["kenya"]
    login(client, "editor@example.org")
    without = fetch_pdf(client, f"/roadmaps/{rid}/roadmap.pdf")
    assert without.status_code == 200 and cover_images(without.data) == []
    upload(client, rid, png(300, 150), "logo.png")
    first = fetch_pdf(client, f"/roadmaps/{rid}/roadmap.pdf")
    assert cover_images(first.data) == [(300, 150)]
    with pikepdf.open(BytesIO(first.data)) as document:
        # The picture is named for a screen reader by the authority it stands for.
        alts = [str(obj.Alt) for obj in document.objects if isinstance(obj, pikepdf.Dictionary) and "/Alt" in obj]
    assert "Ministry of ICT" in alts
    upload(client, rid, png(240, 240, colour="teal"), "new-logo.png")
    second = fetch_pdf(client, f"/roadmaps/{rid}/roadmap.pdf")
    assert cover_images(second.data) == [(240, 240)]
    data = basics(client, rid, remove_logo="y")
    client.post(f"/roadmaps/{rid}/wizard/basics", data=data)
    assert cover_images(fetch_pdf(client, f"/roadmaps/{rid}/roadmap.pdf").data) == []


def test_the_logo_is_not_in_the_roadmap_file_nor_in_what_the_library_publishes(app, client, world):
    rid = world["kenya"]
    login(client, "editor@example.org")
    upload(client, rid, png(), "logo.png")
    document = client.get(f"/roadmaps/{rid}/roadmap.json").get_data(as_text=True)
    assert "logo" not in document and "image/png" not in document
    move_roadmap(Actor("Ed"), rid, Step.SUBMIT, editor=True, reviewer=False)
    move_roadmap(Actor("Ada"), rid, Step.APPROVE, editor=False, reviewer=True, label="Cabinet decision 12")
    data = {"title": "A coordinated start", "summary": "How a lead agency came first.", "share": "as_is"}
    assert client.post(f"/roadmaps/{rid}/library/propose", data=data).status_code == 302
    eid = int(re.search(r"/library/(\d+)", client.get("/library/mine").text).group(1))
    client.post("/logout")
    login(client, "adviser@example.org")
    assert client.post(f"/library/{eid}/publish").status_code == 302
    assert client.get(f"/library/{eid}/roadmap.pdf").status_code == 202 and run_queued_jobs(app) == 1
    published = client.get(f"/library/{eid}/roadmap.pdf")
    assert published.status_code == 200 and cover_images(published.data) == []
    assert "logo" not in json.dumps(client.get(f"/library/{eid}/roadmap.json").get_json())
