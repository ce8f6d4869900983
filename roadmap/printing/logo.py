"""The logo on a printed roadmap's cover: an upload checked and made anew before it is kept.

An editor uploads a PNG or an SVG image of at most 1 MB. Nothing of the upload is kept as it came:

- a PNG's size in pixels is read from its header and refused beyond what a logo needs (a small file
  can decode to gigabytes: a decompression bomb), then it is decoded by Pillow's PNG decoder alone
  and written anew, without its text, colour-profile or other chunks;
- an SVG is parsed with DOCTYPEs and entities refused, and written anew from an allow-list of
  elements and attributes (roadmap/printing/svg_allowed.py): no script, foreignObject or event
  handler, no reference outside the image (href only to "#id", url() only to "#id", no @import),
  no <use> of something that itself uses, and an embedded image only as a PNG checked as above.

The kind is told by the content, never by the file's name. Messages are English marked for
translation, with their values kept apart, so that a page shows them in its reader's language.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import struct
from dataclasses import dataclass
from io import BytesIO
from xml.etree.ElementTree import Element, ParseError
from xml.sax.saxutils import escape, quoteattr

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from PIL import Image

from roadmap.i18n import N_, Explained
from roadmap.printing.svg_allowed import (
    ATTRIBUTES,
    EDITOR_NAMESPACES,
    ELEMENTS,
    LEFT_OUT,
    SVG_NS,
    XLINK_NS,
    XML_NS,
)

LOGO_MAX_BYTES = 1024 * 1024
# 30 mm printed at 300 dpi is about 350 pixels; 4000 leaves room for any logo and bounds the
# memory a decoded image takes (4000 × 4000 × 4 bytes = 64 MB).
MAX_SIDE = 4000
PNG = "image/png"
SVG = "image/svg+xml"
MEDIA_TYPES = (PNG, SVG)

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_XML_STARTS = (b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")  # markup, or a byte-order mark first
_KEPT_MODES = ("1", "L", "LA", "P", "RGB", "RGBA")
MAX_ELEMENTS = 20_000
MAX_DEPTH = 64

WRONG_KIND = N_("The logo must be a PNG or SVG image of at most 1 MB.")
TOO_LARGE = N_("The logo is larger than 1 MB; save it smaller (a logo needs far less) and try again.")
PNG_UNREADABLE = N_("The PNG logo cannot be read: the file is damaged or not a PNG image.")
PNG_TOO_LARGE = N_(
    "The PNG logo is %(width)s × %(height)s pixels; a logo may be at most %(most)s pixels wide and high."
)
SVG_UNREADABLE = N_("The SVG logo cannot be read: it is not well-formed XML (line %(line)s).")
SVG_DOCTYPE = N_("The SVG logo declares a DOCTYPE or entities, which is not allowed.")
SVG_SCRIPT = N_("The SVG logo holds a script, which is not allowed.")
SVG_FOREIGN = N_("The SVG logo holds a foreignObject element, which is not allowed.")
SVG_HANDLER = N_("The SVG logo holds an event handler (%(attribute)s), which is not allowed.")
SVG_OUTSIDE = N_("The SVG logo refers to something outside itself (%(reference)s), which is not allowed.")
SVG_ELEMENT = N_("The SVG logo holds an element a logo may not hold: %(element)s.")
SVG_IMAGE = N_("The SVG logo holds an embedded image that is not a PNG, which is not allowed.")
SVG_ESCAPE = N_("The SVG logo's styles hold a backslash escape, which is not allowed.")
SVG_NESTED_USE = N_("The SVG logo nests use references, which is not allowed.")
SVG_TOO_COMPLEX = N_(
    "The SVG logo is too complex: a logo may hold at most %(most)s elements, nested at most %(depth)s deep."
)


class LogoError(Explained):
    """An upload that cannot be a logo. ``message`` is the English text marked for translation and
    ``values`` what fills its placeholders; ``str()`` gives the English sentence filled in."""


@dataclass(frozen=True)
class Logo:
    """A logo as ``clean_logo`` made it: its bytes and their media type (``PNG`` or ``SVG``)."""

    data: bytes
    media_type: str

    @property
    def digest(self) -> str:
        """The SHA-256 of the bytes in hex: a changed logo has another."""
        return hashlib.sha256(self.data).hexdigest()

    @property
    def data_uri(self) -> str:
        """The logo as a data: URI, for the printed cover."""
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"

    def __str__(self) -> str:
        # As the journal records it: enough to tell two logos apart.
        kind = "PNG" if self.media_type == PNG else "SVG"
        return f"{kind}, {max(1, round(len(self.data) / 1024))} KB, {self.digest[:12]}"


def clean_logo(data: bytes) -> Logo:
    """The upload checked and written anew as a PNG or SVG logo; LogoError naming the problem otherwise."""
    if isinstance(data, bytes | bytearray) and len(data) > LOGO_MAX_BYTES:
        raise LogoError(TOO_LARGE)
    if not isinstance(data, bytes | bytearray) or not data:
        raise LogoError(WRONG_KIND)
    data = bytes(data)
    if data.startswith(_PNG_SIGNATURE):
        return Logo(clean_png(data), PNG)
    if data.lstrip(b" \t\r\n").startswith(_XML_STARTS):
        return Logo(clean_svg(data), SVG)
    raise LogoError(WRONG_KIND)


def clean_png(data: bytes) -> bytes:
    """A PNG decoded and encoded again, pixels only (and transparency); LogoError if it cannot be a logo."""
    # The size is read from the header (IHDR, which must come first) before anything is decoded.
    if not data.startswith(_PNG_SIGNATURE) or data[12:16] != b"IHDR" or len(data) < 33:
        raise LogoError(PNG_UNREADABLE)
    width, height = struct.unpack(">II", data[16:24])
    if width > MAX_SIDE or height > MAX_SIDE:
        raise LogoError(PNG_TOO_LARGE, width=width, height=height, most=MAX_SIDE)
    try:
        # Every chunk is read whole and its checksum checked first: WeasyPrint, once imported, tells
        # Pillow to decode a cut-off file without a word (ImageFile.LOAD_TRUNCATED_IMAGES).
        with Image.open(BytesIO(data), formats=["PNG"]) as image:
            image.verify()
        with Image.open(BytesIO(data), formats=["PNG"]) as image:
            image.load()  # the first frame of an animated PNG
            transparency = image.info.get("transparency")
            clean = image.copy() if image.mode in _KEPT_MODES else image.convert("RGBA")
    except (OSError, SyntaxError, ValueError, EOFError, struct.error, Image.DecompressionBombError):
        # Pillow says "damaged" in many ways; all of them mean the same to the person uploading.
        raise LogoError(PNG_UNREADABLE) from None
    clean.info = {}  # no text, time, physical size or colour profile travels on
    out = BytesIO()
    options = {"transparency": transparency} if transparency is not None and clean.mode != "RGBA" else {}
    clean.save(out, format="PNG", **options)
    return out.getvalue()


def clean_svg(data: bytes) -> bytes:
    """An SVG parsed safely and written anew from the allow-list; LogoError naming what is not allowed."""
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise LogoError(SVG_DOCTYPE) from None
    except ParseError as exc:
        raise LogoError(SVG_UNREADABLE, line=exc.position[0]) from None
    except ValueError:  # an encoding Python does not know
        raise LogoError(SVG_UNREADABLE, line=1) from None
    if _split(root.tag) not in ((SVG_NS, "svg"), ("", "svg")):
        raise LogoError(WRONG_KIND)
    elements = list(root.iter())
    if len(elements) > MAX_ELEMENTS:
        raise LogoError(SVG_TOO_COMPLEX, most=MAX_ELEMENTS, depth=MAX_DEPTH)
    # What runs is refused wherever it stands, even inside markup that would be left out.
    for element in elements:
        name = _split(element.tag)[1].lower()
        if name == "script":
            raise LogoError(SVG_SCRIPT)
        if name == "foreignobject":
            raise LogoError(SVG_FOREIGN)
        for key in element.attrib:
            if _split(key)[1].lower().startswith("on"):
                raise LogoError(SVG_HANDLER, attribute=_split(key)[1])
    _refuse_nested_use(elements)
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    _write(root, out, 0)
    return "".join(out).encode("utf-8")


def _split(tag: str) -> tuple[str, str]:
    """(namespace, local name) of an ElementTree tag or attribute name."""
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def _write(element: Element, out: list[str], depth: int) -> None:
    namespace, name = _split(element.tag)
    if depth > MAX_DEPTH:
        raise LogoError(SVG_TOO_COMPLEX, most=MAX_ELEMENTS, depth=MAX_DEPTH)
    if namespace not in ("", SVG_NS):
        if namespace.startswith(EDITOR_NAMESPACES):
            return
        raise LogoError(SVG_ELEMENT, element=name)
    if name in LEFT_OUT:
        return
    if name not in ELEMENTS:
        raise LogoError(SVG_ELEMENT, element=name)
    attributes = [("xmlns", SVG_NS), ("xmlns:xlink", XLINK_NS)] if depth == 0 else []
    attributes += [kept for key, value in element.attrib.items() if (kept := _attribute(name, key, value))]
    text = element.text or ""
    if name == "style":
        # A style sheet is text alone: the text after an element inside it would be written back
        # unchecked, so such elements are refused, not left out.
        if len(element):
            raise LogoError(SVG_ELEMENT, element=_split(element[0].tag)[1])
        _check_css(text)
    out.append(f"<{name}{''.join(f' {key}={quoteattr(value)}' for key, value in attributes)}")
    if not text and not len(element):
        out.append("/>")
        return
    out.append(f">{escape(text)}")
    for child in element:
        _write(child, out, depth + 1)
        out.append(escape(child.tail or ""))  # the text after a child stays, even when the child does not
    out.append(f"</{name}>")


def _attribute(element: str, key: str, value: str) -> tuple[str, str] | None:
    """The attribute as written back, None to leave it out; LogoError if it refers outside the image."""
    namespace, name = _split(key)
    if name == "href" and namespace in ("", XLINK_NS):
        return ("xlink:href" if namespace else "href"), _reference(element, value)
    if namespace == XML_NS and name == "space":
        return ("xml:space", value) if value in ("default", "preserve") else None
    if namespace or name not in ATTRIBUTES:
        return None  # an editor's or an unknown attribute: nothing a logo needs
    _check_css(value)  # presentation attributes take CSS values: fill="url(#gradient)"
    return name, value


_FRAGMENT = re.compile(r"#[^\s#]+")
_DATA_PNG = re.compile(r"data:image/png;base64,([A-Za-z0-9+/=\s]+)", re.IGNORECASE)


def _reference(element: str, value: str) -> str:
    target = value.strip()
    if element != "image":
        if _FRAGMENT.fullmatch(target):
            return target
        raise LogoError(SVG_OUTSIDE, reference=_shown(target))
    if embedded := _DATA_PNG.fullmatch(target):
        try:
            png = base64.b64decode(re.sub(r"\s+", "", embedded[1]), validate=True)
        except binascii.Error:
            raise LogoError(PNG_UNREADABLE) from None
        return f"data:{PNG};base64,{base64.b64encode(clean_png(png)).decode('ascii')}"
    if target.lower().startswith("data:") or target.startswith("#"):
        raise LogoError(SVG_IMAGE)
    raise LogoError(SVG_OUTSIDE, reference=_shown(target))


_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_URL_START = re.compile(r"url\s*\(", re.IGNORECASE)
_FETCHING = re.compile(r"(?<![\w-])(?:-webkit-)?(?:image-set|image|src|element|cross-fade)\s*\(", re.IGNORECASE)


def _check_css(text: str) -> None:
    """Refuse CSS that could fetch: @import, url() to anything but "#id", image functions, and
    backslash escapes, which could spell any of those without being seen."""
    if "\\" in text:
        raise LogoError(SVG_ESCAPE)
    if "@import" in text.lower():
        raise LogoError(SVG_OUTSIDE, reference="@import")
    urls = list(_URL.finditer(text))
    for url in urls:
        if not _FRAGMENT.fullmatch(url[2].strip()):
            raise LogoError(SVG_OUTSIDE, reference=_shown(url[2].strip() or url[0]))
    if len(urls) != len(_URL_START.findall(text)):
        raise LogoError(SVG_OUTSIDE, reference="url(")
    if fetching := _FETCHING.search(text):
        raise LogoError(SVG_OUTSIDE, reference=fetching[0])


def _refuse_nested_use(elements: list[Element]) -> None:
    # A <use> of a group of <use>s of groups of <use>s draws exponentially many shapes (a "billion
    # laughs" in SVG); one level of reuse is all a logo needs.
    ids = {element.get("id"): element for element in elements if element.get("id")}
    for element in elements:
        if _split(element.tag)[1] != "use":
            continue
        href = element.get("href") or element.get(f"{{{XLINK_NS}}}href") or ""
        target = ids.get(href.strip().removeprefix("#"))
        if target is not None and any(_split(inner.tag)[1] == "use" for inner in target.iter()):
            raise LogoError(SVG_NESTED_USE)


def _shown(value: str) -> str:
    return value if len(value) <= 60 else value[:57] + "..."
