"""The PDF renderer: what it may read, the variants it writes, and its time limit."""

import os
import time
from io import BytesIO

import pypdf
import pytest
from weasyprint.urls import URLFetchingError

from roadmap.printing.cache import PdfCache, cache_key
from roadmap.printing.document import TEMPLATES_DIR
from roadmap.printing.render import RenderTimeout, render_pdf
from roadmap.printing.weasy import TemplateOnlyFetcher, html_to_pdf

SIMPLE = (
    '<html lang="fr"><head><title>Feuille de route</title><meta name="author" content="Kenya"></head>'
    "<body><h1>Feuille de route</h1><p>Texte</p></body></html>"
)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        f"{TEMPLATES_DIR.as_uri()}/../setup.cfg",
        f"{TEMPLATES_DIR.as_uri()}/%2e%2e/setup.cfg",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.org/style.css",
        "data:text/plain,hello",
        "file://otherhost/etc/passwd",
        "ftp://example.org/x",
    ],
)
def test_the_fetcher_refuses_everything_outside_the_template_folder(url):
    fetcher = TemplateOnlyFetcher()
    with pytest.raises((URLFetchingError, ValueError)):
        fetcher.fetch(url)
    assert fetcher.requests == [url]


def test_the_fetcher_serves_a_file_of_the_template_folder():
    fetcher = TemplateOnlyFetcher()
    response = fetcher.fetch((TEMPLATES_DIR / "README.md").as_uri())
    assert b"WeasyPrint may read files from this folder" in response._file_obj.read()


def test_markup_pointing_outside_is_not_fetched_and_nothing_is_attached():
    html = (
        '<html lang="en"><head><title>x</title>'
        '<link rel="stylesheet" href="file:///etc/passwd"><link rel="attachment" href="file:///etc/hostname">'
        '<style>@import url("http://169.254.169.254/x.css"); body { background: url(file:///etc/passwd) }</style>'
        '</head><body><img src="file:///etc/passwd"><svg><image href="file:///etc/passwd"/></svg></body></html>'
    )
    fetcher = TemplateOnlyFetcher()
    pdf = pypdf.PdfReader(BytesIO(html_to_pdf(html, fetcher=fetcher)))
    # Every attempt went through the fetcher and was refused; none reached the file or the network.
    assert all("etc/" in url or "169.254" in url for url in fetcher.requests)
    assert dict(pdf.attachments) == {}
    assert "root:" not in "".join(page.extract_text() for page in pdf.pages)


def test_a_pdf_ua_document_is_tagged_with_its_language_and_title():
    pdf = pypdf.PdfReader(BytesIO(html_to_pdf(SIMPLE)))
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == "fr" and "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert pdf.metadata.title == "Feuille de route" and pdf.metadata.author == "Kenya"


def test_pdf_a_carries_exactly_the_intended_attachment():
    pdf = pypdf.PdfReader(BytesIO(html_to_pdf(SIMPLE, pdfa=True, attachment=("plan.json", b'{"format": 1}'))))
    assert {name: data for name, data in pdf.attachments.items()} == {"plan.json": [b'{"format": 1}']}
    assert "/OutputIntents" in pdf.trailer["/Root"]
    assert b"pdfaid" in pdf.trailer["/Root"]["/Metadata"].get_object().get_data()


def test_rendering_in_a_child_gives_the_same_document():
    assert pypdf.PdfReader(BytesIO(render_pdf(SIMPLE))).pages[0].extract_text().startswith("Feuille de route")


def test_a_render_past_its_time_limit_is_stopped():
    rows = "".join(f"<tr><td>{i}</td><td>{'x ' * 30}</td></tr>" for i in range(15000))
    began = time.monotonic()
    with pytest.raises(RenderTimeout, match="longer than 1 seconds"):
        render_pdf(f"<html><body><table>{rows}</table></body></html>", timeout=1)
    assert time.monotonic() - began < 10


def test_the_cache_gives_back_what_was_stored_and_keys_differ_by_content(tmp_path):
    cache = PdfCache(tmp_path)
    doc = {"title": "A"}
    key = cache_key(doc, version=1)
    assert cache.get(key) is None
    cache.put(key, b"%PDF-1")
    assert cache.get(key) == b"%PDF-1"
    assert cache_key({"title": "B"}, version=1) != key != cache_key(doc, version=2)
    assert not list(tmp_path.glob("*.tmp"))  # written under a temporary name, then renamed


def test_the_cache_evicts_the_files_used_longest_ago_past_its_size_cap(tmp_path):
    cache = PdfCache(tmp_path, max_bytes=2500)
    keys = [cache_key({"n": i}) for i in range(3)]
    for age, key in enumerate(keys):
        cache.put(key, b"x" * 1000)
        os.utime(cache.path(key), (1000 + age, 1000 + age))  # made one after the other
    assert not cache.path(keys[0]).exists()  # 3,000 bytes > 2,500: the oldest went
    assert cache.get(keys[1]) is not None  # read now, so it is the most recently used
    cache.put(cache_key({"n": 3}), b"x" * 1000)
    assert cache.path(keys[1]).exists() and not cache.path(keys[2]).exists()
    big = cache_key({"n": "big"})
    cache.put(big, b"x" * 5000)  # larger than the cap: kept all the same, someone is waiting for it
    assert cache.get(big) is not None
