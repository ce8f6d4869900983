"""Printing the roadmap's HTML with WeasyPrint, in this process: a fetcher that reads only the project's
own template folder (and the images the document carries as data: URIs), and the PDF/UA or PDF/A
variant. roadmap/printing/render.py runs it in a child process with a time limit; only that child (and
the tests) import WeasyPrint, so commands that print nothing start without it.
"""

from __future__ import annotations

import base64
import binascii
import logging
import mimetypes
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

from roadmap.printing.away import Courier
from roadmap.printing.cache import PartCache
from roadmap.printing.document import TEMPLATES_DIR, PrintParts, whole_document
from roadmap.printing.overlap import AT_ONCE
from roadmap.printing.parts import PartsShifted, attachment_of, parts_to_pdf
from roadmap.printing.progress import Progress

LOG = logging.getLogger(__name__)


# The cover's logo travels inside the document (roadmap/printing/logo.py made the bytes): decoded here,
# no handler of urllib's involved.
_DATA_IMAGE = re.compile(r"data:(image/png|image/svg\+xml);base64,([A-Za-z0-9+/=]*)")


class TemplateOnlyFetcher(URLFetcher):
    """Serves files inside the template folder, and PNG or SVG images given whole in a base64 data: URI,
    and nothing else: no other path, no other data, no network, no redirect.

    Every request is recorded in ``requests``, so a test can prove that user text made none.
    """

    def __init__(self, root: Path = TEMPLATES_DIR):
        super().__init__(timeout=5, allowed_protocols={"file"}, allow_redirects=False)
        self.root = root.resolve()
        self.requests: list[str] = []

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        """The file at a file: URL inside the template folder, or a data: URI's image; anything else is refused."""
        self.requests.append(url)
        if image := _DATA_IMAGE.fullmatch(url):
            try:
                body = base64.b64decode(image[2], validate=True)
            except binascii.Error:
                raise URLFetchingError("refused a data: URI that is not base64") from None
            return URLFetcherResponse(url, body=body, headers={"Content-Type": image[1]})
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise URLFetchingError(f"refused to fetch {url!r}: only the template folder may be read")
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise URLFetchingError(f"refused to read {url!r}: outside the template folder")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime})


def html_to_pdf(
    html: str | PrintParts,
    *,
    pdfa: bool = False,
    attachment: tuple[str, bytes] | None = None,
    fetcher: TemplateOnlyFetcher | None = None,
    progress: Callable[[Progress], None] | None = None,
    part_cache: PartCache | None = None,
    parts_at_once: int = AT_ONCE,
    courier: Courier | None = None,
) -> bytes:
    """The PDF of a self-contained HTML document, or of a roadmap in parts (roadmap/printing/parts.py):
    tagged PDF/UA-1, or PDF/A-3b with an attachment. ``progress`` hears of each part printed; parts
    unchanged since they were last printed come from ``part_cache``; ``parts_at_once`` parts print at a
    time (roadmap/printing/overlap.py), or by any worker through a ``courier`` (roadmap/printing/away.py)."""
    fetcher = fetcher or TemplateOnlyFetcher()
    variant = "pdf/a-3b" if pdfa else "pdf/ua-1"
    if isinstance(html, PrintParts):
        try:
            return parts_to_pdf(
                html,
                variant=variant,
                attachment=attachment_of(attachment, fetcher),
                fetcher=fetcher,
                progress=progress,
                cache=part_cache,
                at_once=parts_at_once,
                courier=courier,
            )
        except PartsShifted as exc:
            LOG.warning("printing the roadmap as one document: %s", exc)
            html = whole_document(html)
    document = HTML(string=html, base_url=TEMPLATES_DIR.as_uri() + "/", url_fetcher=fetcher)
    made = attachment_of(attachment, fetcher)
    return document.write_pdf(pdf_variant=variant, pdf_tags=True, attachments=[made] if made else [])
