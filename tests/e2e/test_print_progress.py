"""Downloading the printed roadmap in Chromium, with and without JavaScript: the link shows the print's
progress page, the printer runs, and the browser ends with the PDF itself."""

import threading
from io import BytesIO
from pathlib import Path

import pypdf
import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.signing import sign_in
from tests.views.conftest import run_queued_jobs

pytestmark = pytest.mark.e2e
DEMO = "National Child Online Protection Roadmap 2027–2028 (demo)"


class Printer:
    """Runs the queued prints in the background once started, as `cop-roadmap worker` does."""

    def __init__(self, app):
        self.app = app
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self.stopped.wait(0.2):
            run_queued_jobs(self.app)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        self.thread.join(180)


def the_pdf(download) -> pypdf.PdfReader:
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF"), data[:200]
    return pypdf.PdfReader(BytesIO(data))


def test_with_javascript_the_page_follows_the_print_and_starts_the_download(live_server, live_app, page, artifacts):
    sign_in(page, live_server, "editor@example.org")
    page.get_by_role("link", name=DEMO, exact=True).click()
    page.get_by_role("link", name="Download the print-ready PDF").click()
    page.get_by_role("heading", name="Printing the roadmap").wait_for()
    expect(page.get_by_role("status")).to_have_text("Waiting for the printer…")
    expect(page.locator("progress")).to_be_visible()
    assert_no_axe_violations(page, "print progress")
    page.screenshot(path=str(artifacts / "e2e-print-progress.png"), full_page=True)

    with Printer(live_app), page.expect_download(timeout=180_000) as started:
        pass
    reader = the_pdf(started.value)
    assert started.value.suggested_filename.endswith(".pdf") and len(reader.pages) > 10
    expect(page.get_by_role("status")).to_have_text("Ready: your download starts now.")
    assert int(page.locator("progress").get_attribute("max")) > 1  # the parts' count came from the status URL
    # The page stays: its button now downloads the file again, should the browser have let it go.
    with page.expect_download(timeout=60_000) as again:
        page.get_by_role("link", name="Download the PDF").click()
    assert len(the_pdf(again.value).pages) == len(reader.pages)


def test_without_javascript_the_page_reloads_itself_until_the_file_comes(live_server, live_app, page):
    context = page.context.browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    sign_in(plain, live_server, "editor@example.org")
    plain.get_by_role("link", name=DEMO, exact=True).click()
    plain.get_by_role("link", name="Download the print-ready PDF").click()
    plain.get_by_role("heading", name="Printing the roadmap").wait_for()
    # (Playwright's text search skips <noscript>, so the hint is found by its place.)
    hint = plain.locator(".print-progress p.hint")
    expect(hint).to_have_text("This page checks again every two seconds.")
    expect(hint).to_be_visible()

    with Printer(live_app), plain.expect_download(timeout=180_000) as started:
        pass
    assert len(the_pdf(started.value).pages) > 10
    context.close()
