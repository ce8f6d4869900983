"""The roadmap printed in parts and joined: it must read exactly as the same roadmap printed whole,
and be one well-formed tagged PDF (one structure tree, links that land, one outline)."""

import dataclasses
import json
import logging
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pikepdf
import pypdf
import pytest

from roadmap.demo import GHANA_TITLE, ghana_plan
from roadmap.printing.document import PrintContext, PrintParts, render_html, render_parts, whole_document
from roadmap.printing.weasy import TemplateOnlyFetcher, html_to_pdf
from roadmap.sequencing import sequence
from roadmap.vocabulary import Language
from tests.roadmap.printing.test_content import CONTEXT, mid_plan, small_plan


@dataclasses.dataclass
class Both:
    parts: PrintParts
    joined: bytes
    whole: bytes


@pytest.fixture(scope="module")
def both() -> Both:
    plan = mid_plan()
    parts = render_parts(plan, sequence(plan), CONTEXT)
    whole = html_to_pdf(render_html(plan, sequence(plan), CONTEXT))
    return Both(parts, html_to_pdf(parts), whole)


def words(page) -> list[str]:
    # Text extraction orders the overlaid page number after the rest; the words are what count.
    return sorted(page.extract_text().split())


def test_it_is_printed_in_several_parts(both):
    assert len(both.parts.documents) >= 9
    assert all(d.startswith("<!DOCTYPE html>") and d.rstrip().endswith("</html>") for d in both.parts.documents)


def test_every_page_reads_as_when_printed_whole(both):
    joined, whole = pypdf.PdfReader(BytesIO(both.joined)), pypdf.PdfReader(BytesIO(both.whole))
    assert len(joined.pages) == len(whole.pages)
    for number, (a, b) in enumerate(zip(joined.pages, whole.pages, strict=True), start=1):
        # Page numbers in the contents and the cross-references, running header and footer included.
        assert words(a) == words(b), f"page {number}"
        assert a.mediabox == b.mediabox, f"page {number}"


def test_a_part_ending_at_the_foot_of_a_page_gets_no_empty_page():
    """The Ghana demo's Legal Measures part ends on the last line of a page: the anchors it holds for
    links into other parts once followed its last line and took a page of their own."""
    plan = ghana_plan(GHANA_TITLE)
    parts = render_parts(plan, sequence(plan), CONTEXT)
    joined = pypdf.PdfReader(BytesIO(html_to_pdf(parts)))
    whole = pypdf.PdfReader(BytesIO(html_to_pdf(whole_document(parts))))
    assert [words(page) for page in joined.pages] == [words(page) for page in whole.pages]


def test_the_outline_is_the_same_and_points_at_the_same_pages(both):
    def outline(reader):
        def walk(items, depth):
            for item in items:
                if isinstance(item, list):
                    yield from walk(item, depth + 1)
                else:
                    yield depth, item.title, reader.get_destination_page_number(item)

        return list(walk(reader.outline, 0))

    joined, whole = pypdf.PdfReader(BytesIO(both.joined)), pypdf.PdfReader(BytesIO(both.whole))
    assert outline(joined) == outline(whole)
    assert len(outline(joined)) > 15


def test_every_link_lands_where_the_whole_document_sends_it(both):
    def landings(reader):
        names = {name: reader.get_destination_page_number(d) for name, d in reader.named_destinations.items()}
        found = []
        for number, page in enumerate(reader.pages):
            for annotation in page.get("/Annots") or []:
                annotation = annotation.get_object()
                if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
                    found.append((number, str(annotation["/Dest"]), names[str(annotation["/Dest"])]))
        return found

    joined, whole = pypdf.PdfReader(BytesIO(both.joined)), pypdf.PdfReader(BytesIO(both.whole))
    # Links between parts (the sequence to each deliverable, a deliverable to those it waits on) included.
    assert sorted(landings(joined)) == sorted(landings(whole))
    sequence_pages = range(4, 9)
    assert any(page in sequence_pages and target > 30 for page, _, target in landings(joined))


def test_the_structure_tree_is_one_tree_holding_every_page_and_link(both):
    pdf = pikepdf.Pdf.open(BytesIO(both.joined))
    root = pdf.Root.StructTreeRoot
    assert len(root.K) == 1 and root.K[0].S == "/Document"
    document = root.K[0]
    nums = root.ParentTree.Nums
    tree = {int(nums[k]): nums[k + 1] for k in range(0, len(nums), 2)}
    assert int(root.ParentTreeNextKey) == max(tree) + 1
    pages = {page.objgen: number for number, page in enumerate(pdf.pages)}

    def top(element):
        while element.P.objgen != root.objgen:
            element = element.P
        return element

    keys = []
    for number, page in enumerate(pdf.pages):
        key = int(page.obj.StructParents)
        keys.append(key)
        marked = [
            int(operands[1].MCID)
            for operands, operator in pikepdf.parse_content_stream(page)
            if operator == pikepdf.Operator("BDC") and isinstance(operands[1], pikepdf.Dictionary)
        ]
        assert marked, f"page {number + 1} has no tagged content"
        for mcid in marked:
            element = tree[key][mcid]
            assert pages[element.Pg.objgen] == number
            assert top(element).objgen == document.objgen  # never a part's own Document
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") == "/Link":
                # The element that holds the link (as WeasyPrint tags it) points back at it.
                link = tree[int(annotation.StructParent)]
                assert top(link).objgen == document.objgen
                assert any(
                    isinstance(kid, pikepdf.Dictionary)
                    and kid.get("/Obj") is not None
                    and kid.Obj.objgen == annotation.objgen
                    for kid in link.K
                )
    assert len(set(keys)) == len(keys) == len(pdf.pages)
    assert len(document.K) >= len(both.parts.documents)  # every part's elements, under the one Document


def test_the_document_keeps_its_language_metadata_and_tagging(both):
    pdf = pikepdf.Pdf.open(BytesIO(both.joined))
    assert str(pdf.Root.Lang) == "en"
    assert bool(pdf.Root.MarkInfo.Marked)
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
    assert str(pdf.docinfo.Title) == "National Child Online Protection Roadmap 2027–2030"
    with pdf.open_metadata() as xmp:
        assert xmp.get("pdfuaid:part") == "1"
    for page in pdf.pages:  # the page numbers laid over each page are marked as an artifact
        assert b"/Artifact BMC" in page.obj.Contents[-1].read_bytes()


def test_pdf_a_in_parts_carries_the_plan_once():
    plan = mid_plan("KEN", "Kenya roadmap")
    data = json.dumps({"format": "cop-roadmap/1", "title": plan.title}).encode()
    fetcher = TemplateOnlyFetcher()
    pdf = pypdf.PdfReader(
        BytesIO(
            html_to_pdf(
                render_parts(plan, sequence(plan), CONTEXT),
                pdfa=True,
                attachment=("roadmap.cop-roadmap.json", data),
                fetcher=fetcher,
            )
        )
    )
    assert dict(pdf.attachments) == {"roadmap.cop-roadmap.json": [data]}
    assert 'pdfaid:part="3"' in pdf.xmp_metadata.stream.get_data().decode() or "<pdfaid:part>3" in (
        pdf.xmp_metadata.stream.get_data().decode()
    )
    assert fetcher.requests == []


def test_parts_that_no_longer_add_up_are_printed_as_one_document(caplog):
    # The first part refers ahead; with the placeholder number each line wraps, with the real
    # number ("2") it does not, so the part comes out shorter than laid out.
    token = "@@test:"
    rule = "@page { @bottom-right { content: counter(page) ' / ' counter(pages) } }"
    style = (
        "<style>@page { size: A6; margin: 10mm } a.page-ref::after { content: attr(data-page) }"
        ' a.page-ref[data-page=""]::after { content: target-counter(attr(href), page) }'
        " p { width: 2.6em; margin: 0; font: 10pt/1.2 'DejaVu Sans' }</style>"
    )

    def document(body):
        return f'<!DOCTYPE html><html lang="en"><head><title>t</title>{style}</head><body>{body}</body></html>'

    lines = "".join(f'<p>ab <a class="page-ref" href="#far" data-page="{token}far@@"></a></p>' for _ in range(60))
    parts = PrintParts(
        documents=(document(lines), document('<h1 id="far" style="break-before: page">Far</h1>')),
        furniture=f'<!DOCTYPE html><html lang="en"><head><title>t</title>{style}<style>{rule}</style></head><body>',
        token=token,
        page_numbers=rule,
    )
    with caplog.at_level(logging.WARNING, logger="roadmap.printing.weasy"):
        printed = pypdf.PdfReader(BytesIO(html_to_pdf(parts)))
    assert "printing the roadmap as one document" in caplog.text
    texts = [p.extract_text() for p in printed.pages]
    pages = len(texts)
    assert "Far" in texts[-1] and f"{pages} / {pages}" in texts[-1]
    # Every reference names the page "Far" is really on, worked out by WeasyPrint in one document.
    assert "".join(texts).count(f"ab {pages}") == 60


@pytest.mark.parametrize("language", [Language.AR, Language.ZH])
def test_right_to_left_and_chinese_print_in_parts_as_whole(language):
    plan = small_plan(title="خارطة الطريق" if language is Language.AR else "路线图", language=language)
    context = PrintContext(country_name="Ghana", version=1, generated_on=CONTEXT.generated_on)
    joined = pypdf.PdfReader(BytesIO(html_to_pdf(render_parts(plan, sequence(plan), context))))
    whole = pypdf.PdfReader(BytesIO(html_to_pdf(render_html(plan, sequence(plan), context))))

    # A glyph drawn for "(" in one place and, mirrored in right-to-left text, for ")" in another
    # reads back as whichever its font first met it as; each part has its own fonts, so brackets
    # may read back turned. What is drawn is the same.
    def unbracketed(page):
        return [w.translate({ord("("): None, ord(")"): None}) for w in words(page)]

    assert [unbracketed(p) for p in joined.pages] == [unbracketed(p) for p in whole.pages]
    assert len(joined.pages) > 10


def test_names_each_part_made_up_are_unique_in_the_whole(both):
    pdf = pikepdf.Pdf.open(BytesIO(both.joined))
    # Font subsets: one tag, one subset (every part subsets the same fonts on its own).
    descriptors: dict[str, set] = {}

    def fonts(resources):
        for font in resources.get("/Font", {}).values():
            for item in [font, *font.get("/DescendantFonts", [])]:
                if "/FontDescriptor" in item:
                    descriptor = item.FontDescriptor
                    descriptors.setdefault(str(descriptor.FontName), set()).add(descriptor.objgen)
        for xobject in resources.get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                fonts(xobject.Resources)

    for page in pdf.pages:
        fonts(page.obj.Resources)
    assert len(descriptors) > len(both.parts.documents)
    assert {name: objects for name, objects in descriptors.items() if len(objects) > 1} == {}

    # Table header cells: IDs unique, and every data cell names headers of its own table.
    ids, references = [], []
    stack = [pdf.Root.StructTreeRoot.K[0]]
    while stack:
        element = stack.pop()
        if "/ID" in element:
            ids.append(str(element.ID))
        if isinstance(element.get("/A"), pikepdf.Dictionary) and "/Headers" in element.A:
            references += [str(h) for h in element.A.Headers]
        kids = element.get("/K")
        kids = [kids] if isinstance(kids, pikepdf.Dictionary) else kids or []
        stack += [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]
    assert ids and len(ids) == len(set(ids))
    assert references and set(references) <= set(ids)
    # One Part per printed part, under the one Document.
    assert [str(p.S) for p in pdf.Root.StructTreeRoot.K[0].K] == ["/Part"] * len(both.parts.documents)


def test_parts_printed_one_at_a_time_read_as_parts_overlapped():
    plan = small_plan()
    parts = render_parts(plan, sequence(plan), CONTEXT)
    overlapped = pypdf.PdfReader(BytesIO(html_to_pdf(parts)))
    one_by_one = pypdf.PdfReader(BytesIO(html_to_pdf(parts, parts_at_once=1)))
    assert [words(p) for p in one_by_one.pages] == [words(p) for p in overlapped.pages]


_AFTER_A_JVM = """
import jpype, mpxj
jpype.startJVM()
from roadmap.printing.document import render_parts
from roadmap.printing.weasy import html_to_pdf
from roadmap.sequencing import sequence
from tests.roadmap.printing.test_content import CONTEXT, mid_plan, small_plan
plan = small_plan()
parts = render_parts(plan, sequence(plan), CONTEXT)
assert len(parts.documents) > 2, "too few parts to fork"
print(len(html_to_pdf(parts, parts_at_once=2)))
"""


def test_parts_print_in_forked_processes_even_beside_an_embedded_jvm():
    # A JVM in the printing process (the MS Project tests start one) registers a collector callback
    # that waits on the JVM's own threads, which a forked part does not have: the part must not hang.
    pytest.importorskip("jpype")
    pytest.importorskip("mpxj")
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run([sys.executable, "-c", _AFTER_A_JVM], cwd=root, capture_output=True, text=True, timeout=300)
    if done.returncode and "JVMNotFoundException" in done.stderr:
        pytest.skip("no Java runtime to start")
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout.split()[-1]) > 100_000
