"""Printed parts kept by their content: an edit prints again only the parts it changes, and the PDF
made with kept parts reads page for page as a fresh print."""

import dataclasses
from io import BytesIO

import pypdf
import pytest

from roadmap.printing.cache import PartCache
from roadmap.printing.document import render_parts
from roadmap.printing.weasy import html_to_pdf
from roadmap.sequencing import sequence
from tests.roadmap.printing.test_content import CONTEXT, mid_plan, small_plan

PLAN = mid_plan()


def edited(plan, key: str, **fields):
    return dataclasses.replace(
        plan, deliverables=tuple(dataclasses.replace(d, **fields) if d.key == key else d for d in plan.deliverables)
    )


def printed(plan, cache: PartCache | None) -> bytes:
    return html_to_pdf(render_parts(plan, sequence(plan), CONTEXT), part_cache=cache)


def pages(data: bytes) -> list[list[str]]:
    return [sorted(page.extract_text().split()) for page in pypdf.PdfReader(BytesIO(data)).pages]


@pytest.fixture(scope="module")
def kept(tmp_path_factory):
    folder = tmp_path_factory.mktemp("parts")
    cache = PartCache.in_folder(folder, 10**9)
    first = printed(PLAN, cache)
    return cache, folder, first


def made(folder) -> set[str]:
    return {p.name for p in folder.glob("*.part")}


def test_an_unchanged_roadmap_prints_nothing_again_and_reads_the_same(kept):
    cache, folder, first = kept
    before = made(folder)
    assert len(before) >= 10  # every part, the contents' trial layout, the page numbers
    again = printed(PLAN, cache)
    assert made(folder) == before
    assert pages(again) == pages(first)


def test_an_edited_description_prints_only_its_pillar_again(kept):
    cache, folder, _ = kept
    before = made(folder)
    text = next(d for d in PLAN.deliverables if d.key == "L1").description
    changed = edited(PLAN, "L1", description="Revised " + text[len("Revised ") :])
    with_kept_parts = printed(changed, cache)
    assert len(made(folder) - before) == 1  # the legal pillar's part, nothing else
    fresh = printed(changed, None)
    assert pages(with_kept_parts) == pages(fresh)
    assert any("Revised" in words for page in pages(fresh) for words in page)


def test_an_edit_that_moves_pages_prints_the_parts_whose_numbers_changed(kept):
    cache, folder, _ = kept
    before = made(folder)
    longer = edited(PLAN, "L2", description="A much longer account of the work. " * 120)
    with_kept_parts = printed(longer, cache)
    new = made(folder) - before
    assert 1 < len(new) < len(before)  # the pillar, then those that refer to pages after it
    assert pages(with_kept_parts) == pages(printed(longer, None))


def test_a_kept_part_is_not_used_once_the_layout_changes(tmp_path):
    plan = small_plan()
    first = PartCache(PartCache.in_folder(tmp_path, 10**9).files, salt="templates of yesterday")
    printed(plan, first)
    before = made(tmp_path)
    today = PartCache(first.files, salt="templates of today")
    printed(plan, today)
    assert len(made(tmp_path)) == 2 * len(before)  # nothing reused across a change of templates or fonts
