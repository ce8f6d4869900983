"""Reading uploaded spreadsheet files into plain rows, refusing anything unsafe or unreadable.

An .xlsx file is a zip archive. Before openpyxl opens one, the archive's declared sizes are
checked (a few kilobytes can unpack to gigabytes), and openpyxl then reads it in read-only mode
with data_only, so formulas are never evaluated: a formula cell gives the value the spreadsheet
program last saved, or nothing. Python's zipfile never returns more than an entry's declared size,
and the XML parser (expat 2.4 or later) refuses entity-expansion bombs.
"""

from __future__ import annotations

import csv
import zipfile
from dataclasses import dataclass, field
from io import BytesIO, StringIO

from openpyxl import load_workbook

from roadmap.exchange.spreadsheet_columns import SHEETS, column_for

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
MAX_ENTRIES = 500
MAX_ROWS = 5_000  # data rows per sheet: far more than any national plan
MAX_COLUMNS = 40

Row = tuple[int, list[object]]  # the 1-based row number in the file, and its cells


class SpreadsheetFileError(ValueError):
    """A file that cannot be read as the template; the message is one line for the user."""


@dataclass
class RawSheets:
    """Each template sheet found in the upload: its header row and then its data rows."""

    sheets: dict[str, list[Row]] = field(default_factory=dict)


def read_xlsx(data: bytes) -> RawSheets:
    """The template sheets of an .xlsx workbook; SpreadsheetFileError if it is not a safe, readable one."""
    _check_size(len(data))
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile:
        raise SpreadsheetFileError("not an Excel workbook (.xlsx): the file is damaged or of another kind") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_UNPACKED_BYTES:
            raise SpreadsheetFileError(
                f"the workbook unpacks to more than {MAX_UNPACKED_BYTES // 1024 // 1024} MB; "
                "remove other sheets, pictures or formatting and try again"
            )
        if "xl/workbook.xml" not in archive.namelist():
            raise SpreadsheetFileError("not an Excel workbook (.xlsx); save the file as an Excel workbook first")
    try:
        book = load_workbook(BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception:  # openpyxl raises many kinds of error on broken files; all mean the same to the user
        raise SpreadsheetFileError("the workbook cannot be read: it is damaged or not an .xlsx file") from None
    try:
        by_name = {name.strip().casefold(): name for name in book.sheetnames}
        raw = RawSheets()
        for sheet in SHEETS:
            if sheet.casefold() in by_name:
                raw.sheets[sheet] = _rows(
                    book[by_name[sheet.casefold()]].iter_rows(max_col=MAX_COLUMNS, values_only=True)
                )
    except SpreadsheetFileError:
        raise
    except Exception:
        raise SpreadsheetFileError("the workbook cannot be read: it is damaged or not an .xlsx file") from None
    finally:
        book.close()
    return raw


def read_csv_files(files: list[tuple[str, bytes]]) -> RawSheets:
    """The template sheets of up to three CSV files, each recognised by its header row."""
    raw = RawSheets()
    for name, data in files:
        _check_size(len(data))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise SpreadsheetFileError(
                f'{name}: the file is not UTF-8 text; in your spreadsheet program save it as "CSV UTF-8"'
            ) from None
        if "\0" in text:
            raise SpreadsheetFileError(f"{name}: not a CSV file (it holds binary data)")
        first = text.split("\n", 1)[0]
        delimiter = max(",;\t", key=first.count)  # spreadsheet programs in many countries save with ";"
        try:
            rows = _rows(csv.reader(StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as exc:
            raise SpreadsheetFileError(f"{name}: not a readable CSV file ({exc})") from None
        sheet = _sheet_of(rows[0][1] if rows else [])
        if sheet is None:
            raise SpreadsheetFileError(f"{name}: the first row is not the header row of a template sheet")
        if sheet in raw.sheets:
            raise SpreadsheetFileError(f"{name}: a second {sheet} file; give each sheet once")
        raw.sheets[sheet] = rows
    return raw


def _check_size(size: int) -> None:
    if size > MAX_UPLOAD_BYTES:
        raise SpreadsheetFileError(
            f"the file is {size / 1024 / 1024:.1f} MB; at most {MAX_UPLOAD_BYTES // 1024 // 1024} MB is accepted"
        )
    if size == 0:
        raise SpreadsheetFileError("the file is empty")


def _rows(source) -> list[Row]:
    rows: list[Row] = []
    for number, values in enumerate(source, start=1):
        if number > MAX_ROWS + 1:
            raise SpreadsheetFileError(f"a sheet has more than {MAX_ROWS} rows; split the plan or remove empty rows")
        cells = list(values)[:MAX_COLUMNS]
        if any(v is not None and str(v).strip() for v in cells):
            rows.append((number, cells))
    return rows


def _sheet_of(header: list[object]) -> str | None:
    # Deliverables have a Pillar, dependencies a Predecessor, stakeholders a Kind.
    names = {str(h) for h in header if h is not None}
    for sheet, marker in (("Deliverables", "Pillar"), ("Dependencies", "Predecessor"), ("Stakeholders", "Kind")):
        if any(column_for(sheet, n) is not None and column_for(sheet, n).header == marker for n in names):
            return sheet
    return None
