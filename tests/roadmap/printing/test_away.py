"""Parts printed by other workers (roadmap/printing/away.py): handed out through a courier, printed by
whoever takes them into the shared store, collected into a PDF that reads as a print made in one place;
a part nobody takes, or whose worker dies, is printed by the print itself; a worker's failure is said."""

import threading
from io import BytesIO

import pypdf
import pytest

from roadmap.printing import away
from roadmap.printing.cache import PartCache
from roadmap.printing.document import render_parts
from roadmap.printing.part_job import print_part_job
from roadmap.printing.weasy import html_to_pdf
from roadmap.sequencing import sequence
from tests.roadmap.printing.test_content import CONTEXT, small_plan

PLAN = small_plan()
PARTS = render_parts(PLAN, sequence(PLAN), CONTEXT)


def pages(data: bytes) -> list[list[str]]:
    return [sorted(page.extract_text().split()) for page in pypdf.PdfReader(BytesIO(data)).pages]


class Workers:
    """Part jobs as a queue hands them out: each taken by a worker of its own, running the real part job
    (its print in a child process under the render's limits) beside the print that handed it out."""

    def __init__(self, store, *, timeout: float = 60.0, take=True):
        self.store, self.timeout, self.take = store, timeout, take
        self.sent: list[str] = []
        self.outcomes: list[str] = []
        self.threads: list[threading.Thread] = []

    def send(self, job: str) -> None:
        self.sent.append(job)
        if self.take:
            thread = threading.Thread(target=self.run, args=(job,))
            thread.start()
            self.threads.append(thread)

    def run(self, job: str) -> None:
        self.outcomes.append(print_part_job(self.store, job, timeout=self.timeout, memory_mb=None))

    def join(self) -> None:
        for thread in self.threads:
            thread.join(60)


@pytest.fixture(scope="module")
def printed_here():
    return html_to_pdf(PARTS)


def test_every_part_is_printed_by_a_worker_and_the_pdf_reads_as_one_printed_here(tmp_path, printed_here):
    cache = PartCache.in_folder(tmp_path, 10**9)
    workers = Workers(cache.files)
    heard = []
    made = html_to_pdf(PARTS, part_cache=cache, courier=workers, progress=heard.append)
    workers.join()
    # Each part went out (and the contents' trial layout); the page numbers overlay is the print's own.
    assert len(workers.sent) >= len(PARTS.documents)
    assert workers.outcomes == ["printed"] * len(workers.sent)
    assert pages(made) == pages(printed_here)
    assert heard[-1].parts_done == heard[-1].parts_total == len(PARTS.documents)
    # What the workers printed is kept for the next print, and the hand-overs' records are gone.
    again = Workers(cache.files)
    assert pages(html_to_pdf(PARTS, part_cache=cache, courier=again)) == pages(printed_here)
    assert again.sent == []
    assert sorted(p.stat().st_size > 0 for p in tmp_path.glob("*.part")) == [True] * len(list(tmp_path.glob("*.part")))


def test_a_part_no_worker_takes_is_printed_by_the_print_itself_and_a_late_worker_leaves_it(
    tmp_path, printed_here, caplog
):
    cache = PartCache.in_folder(tmp_path, 10**9)
    nobody = Workers(cache.files, take=False)  # queued, but every worker is busy or none runs
    made = html_to_pdf(PARTS, part_cache=cache, courier=nobody)
    assert pages(made) == pages(printed_here)
    assert "no worker took it within 2 s; printing it and the parts after it here" in caplog.text
    # Once a part found no worker, the print stopped handing out parts: it waited for one part only.
    assert len(nobody.sent) == 1
    # A worker free at last finds the part no longer wanted: it prints nothing and leaves nothing.
    files = set(tmp_path.iterdir())
    assert print_part_job(cache.files, nobody.sent[0], timeout=60, memory_mb=None) == "no longer wanted"
    assert set(tmp_path.iterdir()) == files


def test_a_part_whose_worker_goes_silent_is_printed_by_the_print_itself(tmp_path, printed_here, monkeypatch):
    monkeypatch.setattr(away, "SILENT_S", 1.0)
    cache = PartCache.in_folder(tmp_path, 10**9)

    class Dying:
        """A worker that takes each part and is killed before it prints anything."""

        def __init__(self):
            self.sent: list[str] = []

        def send(self, job: str) -> None:
            self.sent.append(job)
            assert cache.files.claim(away.record("claim", job))

    dying = Dying()
    assert pages(html_to_pdf(PARTS, part_cache=cache, courier=dying)) == pages(printed_here)
    assert len(dying.sent) == 1


def test_a_part_that_fails_on_its_worker_fails_the_print_with_the_reason(tmp_path):
    cache = PartCache.in_folder(tmp_path, 10**9)
    hasty = Workers(cache.files, timeout=0.01)
    with pytest.raises(RuntimeError, match=r"longer than 0\.01 seconds"):
        html_to_pdf(PARTS, part_cache=cache, courier=hasty)
    hasty.join()
    assert hasty.outcomes and all(o.startswith("failed") for o in hasty.outcomes)


def test_without_a_store_every_worker_reaches_parts_print_here(printed_here):
    workers = Workers(None)
    assert pages(html_to_pdf(PARTS, courier=workers)) == pages(printed_here)
    assert workers.sent == []
