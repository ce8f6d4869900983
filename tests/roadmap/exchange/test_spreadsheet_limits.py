"""Uploads that cannot exhaust the server: a workbook is streamed once and refused, with the reason, as
soon as a row, the cells, a cell's text or all the text pass what any plan needs."""

import zipfile
from io import BytesIO

import pytest

from roadmap.exchange.spreadsheet_files import (
    MAX_CELL_TEXT,
    MAX_CELLS_PER_ROW,
    SpreadsheetFileError,
    read_csv_files,
    read_xlsx,
)
from tests.spreadsheet_filling import filled_xlsx, sheet_document

WORKBOOK = (
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets>'
    '<sheet name="Deliverables" sheetId="1"/></sheets></workbook>'
)


def workbook(sheet_xml: bytes, shared: bytes | None = None) -> bytes:
    """A small .xlsx whose one sheet holds the given XML: as an attacker would write it by hand."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if shared is not None:
            archive.writestr("xl/sharedStrings.xml", shared)
    return out.getvalue()


def sheet(rows: bytes) -> bytes:
    return (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + rows
        + (b"</sheetData></worksheet>")
    )


def test_a_row_of_fourteen_million_empty_cells_is_refused_before_openpyxl_reads_it():
    data = workbook(sheet(b"<row>" + b"<c/>" * 14_000_000 + b"</row>"))
    assert len(data) < 200 * 1024  # a small file
    with pytest.raises(SpreadsheetFileError, match=f"a row has more than {MAX_CELLS_PER_ROW} cells"):
        read_xlsx(data)


def test_one_long_text_repeated_by_thousands_of_cells_is_refused():
    shared = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
        + b"x" * 10_000
        + b"</t></si></sst>"
    )
    rows = b"".join(b'<row><c t="s"><v>0</v></c></row>' for _ in range(5_000))
    data = workbook(sheet(rows), shared)
    assert len(data) < 300 * 1024
    with pytest.raises(SpreadsheetFileError, match="more than 3,000,000 characters of text"):
        read_xlsx(data)


def test_a_cell_longer_than_the_longest_field_is_refused():
    data = workbook(sheet(b'<row><c t="inlineStr"><is><t>' + b"y" * (MAX_CELL_TEXT + 1) + b"</t></is></c></row>"))
    with pytest.raises(SpreadsheetFileError, match="a cell holds more than 10,000 characters"):
        read_xlsx(data)
    csv_row = "Key,Pillar,Title\nL1,legal," + "z" * (MAX_CELL_TEXT + 1) + "\n"
    with pytest.raises(SpreadsheetFileError, match="row 2 has a cell of more than 10,000 characters"):
        read_csv_files([("d.csv", csv_row.encode())])


def test_a_csv_row_of_many_empty_fields_is_refused():
    line = "Key,Pillar,Title\nL1,legal,Law" + "," * 100_000 + "\n"
    with pytest.raises(SpreadsheetFileError, match="row 2 has more than 1000 cells"):
        read_csv_files([("d.csv", line.encode())])


def test_the_template_filled_in_as_usual_passes_the_limits():
    raw = read_xlsx(filled_xlsx(sheet_document()))
    assert raw.sheets["Deliverables"]
