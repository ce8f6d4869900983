"""The cover's logo: what an editor may upload, what is refused and why, and what is kept of it.

Every file here is made as a drawing program or an attacker would make it: real PNG bytes (one crafted
by hand, as a decompression bomb is), a real JPEG, and SVG documents written out in full.
"""

from __future__ import annotations

import random
import struct
import zlib
from io import BytesIO

import pypdf
import pytest
from defusedxml.ElementTree import fromstring
from PIL import Image, PngImagePlugin

from roadmap.printing.logo import LOGO_MAX_BYTES, MAX_SIDE, PNG, SVG, LogoError, clean_logo
from roadmap.printing.weasy import TemplateOnlyFetcher, html_to_pdf

SVG_NS = "{http://www.w3.org/2000/svg}"


def png(width: int = 120, height: int = 60, mode: str = "RGBA", **save) -> bytes:
    image = Image.new(mode, (width, height), "navy")
    image.paste("gold", (10, 10, 50, 50))
    out = BytesIO()
    image.save(out, format="PNG", **save)
    return out.getvalue()


def bomb_png(side: int) -> bytes:
    """A black-and-white PNG of side × side pixels, written chunk by chunk: a few hundred kilobytes at most
    that decode to side² / 8 bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\0" * (1 + side // 8)
    packer = zlib.compressobj(9)
    pixels = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def svg(body: str, head: str = "", root: str = "") -> bytes:
    return (
        f'{head}<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="0 0 200 100"{root}>{body}</svg>'
    ).encode()


def refusal(data: bytes) -> str:
    with pytest.raises(LogoError) as caught:
        clean_logo(data)
    return str(caught.value)


# ---------------------------------------------------------------- PNG


def test_a_png_is_kept_as_its_pixels_alone():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "drawn by the ministry's designer")
    original = png(info=info, icc_profile=b"not really a profile", dpi=(300, 300))
    logo = clean_logo(original)
    assert logo.media_type == PNG
    with Image.open(BytesIO(logo.data)) as kept, Image.open(BytesIO(original)) as given:
        assert kept.format == "PNG" and kept.size == (120, 60)
        assert kept.mode == given.mode and kept.tobytes() == given.tobytes()
        assert "Comment" not in kept.info and "icc_profile" not in kept.info and "dpi" not in kept.info
    assert b"designer" not in logo.data


def test_a_palette_png_keeps_its_transparency():
    image = Image.new("P", (40, 20), 0)
    image.putpalette([255, 255, 255, 0, 0, 128])
    image.paste(1, (0, 0, 20, 20))
    out = BytesIO()
    image.save(out, format="PNG", transparency=0)
    with Image.open(BytesIO(clean_logo(out.getvalue()).data)) as kept:
        assert kept.mode == "P" and kept.info["transparency"] == 0


def test_a_png_of_huge_pixel_dimensions_is_refused_before_it_is_decoded():
    bomb = bomb_png(40_000)  # 200 MB of pixels in some 200 KB
    assert len(bomb) < 250_000
    assert refusal(bomb) == (
        f"The PNG logo is 40,000 × 40,000 pixels; a logo may be at most {MAX_SIDE} pixels wide and high."
    )
    assert "5000 × 10" in refusal(png(5000, 10, mode="L"))
    assert clean_logo(png(MAX_SIDE, 10, mode="L")).media_type == PNG


def test_a_jpeg_named_png_an_empty_file_and_a_file_over_1_mb_are_refused():
    out = BytesIO()
    Image.new("RGB", (64, 64), "red").save(out, format="JPEG")
    kind = "The logo must be a PNG or SVG image of at most 1 MB."
    assert refusal(out.getvalue()) == kind
    assert refusal(b"") == kind
    noise = random.Random(17).randbytes(640 * 600 * 3)  # noise does not compress: 1.1 MB of PNG
    too_big = BytesIO()
    Image.frombytes("RGB", (640, 600), noise).save(too_big, format="PNG")
    assert 1.05 * LOGO_MAX_BYTES < len(too_big.getvalue()) < 1.2 * LOGO_MAX_BYTES
    assert (
        refusal(too_big.getvalue())
        == "The logo is larger than 1 MB; save it smaller (a logo needs far less) and try again."
    )
    assert refusal(b"GIF89a" + bytes(100)) == kind


def test_a_damaged_png_is_refused_as_unreadable():
    whole = png()
    assert refusal(whole[:80]) == "The PNG logo cannot be read: the file is damaged or not a PNG image."
    assert "cannot be read" in refusal(whole[:8] + b"\0\0\0\rXXXX" + whole[16:])


# ---------------------------------------------------------------- SVG


def test_a_drawing_programs_svg_is_kept_as_drawn_without_the_programs_own_markup():
    drawn = svg(
        '<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>'
        '<sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" pagecolor="#fff"/>'
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#063"/><stop offset="1" stop-color="gold"/>'
        '</linearGradient><circle id="dot" r="4"/></defs>'
        "<style>.title { font-family: 'Noto Sans'; fill: url(#g) } g > .title { font-size: 20px }</style>"
        '<g inkscape:label="Layer 1" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" data-name="x">'
        '<rect width="200" height="100" rx="8" style="fill: url(\'#g\'); stroke: #000"/>'
        '<use xlink:href="#dot" x="20" y="20"/><use href="#dot" x="40" y="20"/>'
        '<text class="title" x="60" y="60" xml:space="preserve">Ministry &amp; <tspan>ICT</tspan> 2027</text>'
        "</g>",
        head='<?xml version="1.0" encoding="UTF-8"?><!-- made by hand -->',
    )
    logo = clean_logo(drawn)
    assert logo.media_type == SVG
    root = fromstring(logo.data)
    assert root.tag == f"{SVG_NS}svg" and root.get("viewBox") == "0 0 200 100"
    names = [element.tag.removeprefix(SVG_NS) for element in root.iter()]
    assert names == [
        "svg", "defs", "linearGradient", "stop", "stop", "circle", "style", "g", "rect", "use", "use", "text", "tspan",
    ]  # fmt: skip
    text = root.find(f".//{SVG_NS}text")
    assert "".join(text.itertext()) == "Ministry & ICT 2027"
    assert text.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    assert b"inkscape" not in logo.data and b"sodipodi" not in logo.data and b"data-name" not in logo.data
    assert b"made by hand" not in logo.data
    assert clean_logo(logo.data) == logo  # what was kept is kept again unchanged


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("<script>alert(document.cookie)</script>", "The SVG logo holds a script, which is not allowed."),
        (
            '<html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script>',
            "The SVG logo holds a script, which is not allowed.",
        ),
        (
            '<foreignObject width="100" height="50"><div xmlns="http://www.w3.org/1999/xhtml">Hi</div></foreignObject>',
            "The SVG logo holds a foreignObject element, which is not allowed.",
        ),
        (
            '<rect width="10" height="10" onclick="steal()"/>',
            "The SVG logo holds an event handler (onclick), which is not allowed.",
        ),
        (
            '<use xlink:href="https://example.org/sprite.svg#logo"/>',
            "The SVG logo refers to something outside itself (https://example.org/sprite.svg#logo), "
            "which is not allowed.",
        ),
        (
            '<image href="file:///etc/passwd" width="10" height="10"/>',
            "The SVG logo refers to something outside itself (file:///etc/passwd), which is not allowed.",
        ),
        (
            '<image href="data:image/jpeg;base64,/9j/4AAQ" width="10" height="10"/>',
            "The SVG logo holds an embedded image that is not a PNG, which is not allowed.",
        ),
        (
            '<rect width="10" height="10" fill="url(http://169.254.169.254/latest)"/>',
            "The SVG logo refers to something outside itself (http://169.254.169.254/latest), which is not allowed.",
        ),
        (
            "<style>@import 'https://example.org/font.css'; rect { fill: red }</style>",
            "The SVG logo refers to something outside itself (@import), which is not allowed.",
        ),
        (
            # Text after an element inside the style sheet would escape the style check.
            "<style><desc/>@import 'http://example.org/x.css'; rect { fill: url(http://example.org/y) }</style>",
            "The SVG logo holds an element a logo may not hold: desc.",
        ),
        (
            "<style>rect { background: u\\72l(https://example.org/x) }</style>",
            "The SVG logo's styles hold a backslash escape, which is not allowed.",
        ),
        (
            '<a href="https://example.org"><rect width="10" height="10"/></a>',
            "The SVG logo holds an element a logo may not hold: a.",
        ),
        (
            '<rect width="10" height="10"><set attributeName="fill" to="red"/></rect>',
            "The SVG logo holds an element a logo may not hold: set.",
        ),
        (
            '<g id="a"><rect width="1" height="1"/></g><g id="b"><use href="#a"/><use href="#a"/></g>'
            '<g id="c"><use href="#b"/><use href="#b"/></g>',
            "The SVG logo nests use references, which is not allowed.",
        ),
    ],
)
def test_an_svg_that_runs_fetches_or_embeds_anything_is_refused_by_name(body, message):
    assert refusal(svg(body)) == message


def test_an_svg_with_a_handler_on_its_root_is_refused():
    assert refusal(svg("", root=' onload="alert(1)"')) == (
        "The SVG logo holds an event handler (onload), which is not allowed."
    )


def test_entities_and_doctypes_are_refused_before_anything_expands():
    laughs = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    billion_laughs = svg("<text>&lol9;</text>", head=f'<!DOCTYPE svg [<!ENTITY lol0 "lol">{laughs}]>')
    external = svg("<text>&secret;</text>", head='<!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/passwd">]>')
    public = svg(
        "", head='<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
    )
    for data in (billion_laughs, external, public):
        assert refusal(data) == "The SVG logo declares a DOCTYPE or entities, which is not allowed."


def test_an_embedded_png_is_checked_and_written_anew_like_an_uploaded_one():
    import base64

    inside = base64.b64encode(png()).decode()
    logo = clean_logo(svg(f'<image width="50" height="25" xlink:href="data:image/png;base64,{inside}"/>'))
    href = fromstring(logo.data).find(f"{SVG_NS}image").get("{http://www.w3.org/1999/xlink}href")
    assert href.startswith("data:image/png;base64,")
    bomb = base64.b64encode(bomb_png(20_000)).decode()
    assert "20,000 × 20,000 pixels" in refusal(svg(f'<image href="data:image/png;base64,{bomb}"/>'))


def test_what_is_not_an_svg_image_or_not_xml_is_refused():
    assert refusal(b"<html><body>logo</body></html>") == "The logo must be a PNG or SVG image of at most 1 MB."
    assert refusal(b'<svg xmlns="http://www.w3.org/2000/svg"><g></svg>') == (
        "The SVG logo cannot be read: it is not well-formed XML (line 1)."
    )
    deep = "<g>" * 70 + "</g>" * 70
    assert "too complex" in refusal(svg(deep))


# ---------------------------------------------------------------- printing


def test_the_printer_reads_a_logo_from_its_data_uri_and_nothing_else_of_the_kind():
    png_logo, svg_logo = clean_logo(png()), clean_logo(svg('<circle cx="50" cy="50" r="40" fill="gold"/>'))
    html = (
        '<html lang="en"><head><title>Cover</title></head><body>'
        f'<img src="{png_logo.data_uri}" alt="Ministry of ICT"><img src="{svg_logo.data_uri}" alt="Logo">'
        '<img src="data:text/html;base64,PHNjcmlwdD4=" alt="x"></body></html>'
    )
    fetcher = TemplateOnlyFetcher()
    pdf = pypdf.PdfReader(BytesIO(html_to_pdf(html, fetcher=fetcher)))
    assert len(fetcher.requests) == 3
    assert [image.image.size for image in pdf.pages[0].images] == [(120, 60)]
    with pytest.raises(Exception, match="only the template folder"):
        fetcher.fetch("data:image/png,not-base64")
