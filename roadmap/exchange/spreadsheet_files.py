"""Reading uploaded spreadsheet files into plain rows, refusing anything unsafe or unreadable.

An .xlsx file is a zip archive. Before openpyxl opens one, the archive's declared sizes are
checked (a few kilobytes can unpack to gigabytes), then its sheets and shared strings are streamed
once through expat to count cells per row, cells in all and text per cell and in all, within a time
limit: a small file can hold a row of fourteen million empty cells, or one long text that thousands
of cells repeat, and either would hold a server thread for a minute or fill the disk. openpyxl then
reads it in read-only mode with data_only, so formulas are never evaluated: a formula cell gives the
value the spreadsheet program last saved, or nothing. Python's zipfile never returns more than an
entry's declared size, and the XML parser (expat 2.4 or later) refuses entity-expansion bombs.
"""

from __future__ import annotations

import csv
import re
import time
import zipfile
from dataclasses import dataclass, field
from io import BytesIO, StringIO
from xml.parsers import expat

from openpyxl import load_workbook

from roadmap.exchange.spreadsheet_columns import SHEETS, column_for
from roadmap.i18n import N_, Explained

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
MAX_ENTRIES = 500
MAX_ROWS = 5_000  # data rows per sheet: far more than any national plan
MAX_COLUMNS = 40
MAX_CELLS_PER_ROW = 1_000  # written cells, empty ones included: the template has about twenty columns
MAX_CELLS = 250_000
MAX_CELL_TEXT = 10_000  # the longest field (a description)
MAX_TEXT = 3_000_000  # characters in all the cells: a long national plan has a few hundred thousand
READ_SECONDS = 10.0

Row = tuple[int, list[object]]  # the 1-based row number in the file, and its cells


class SpreadsheetFileError(Explained):
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
        raise SpreadsheetFileError(
            N_("not an Excel workbook (.xlsx): the file is damaged or of another kind")
        ) from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_UNPACKED_BYTES:
            raise SpreadsheetFileError(
                N_(
                    "the workbook unpacks to more than %(most)s MB; "
                    "remove other sheets, pictures or formatting and try again"
                ),
                most=MAX_UNPACKED_BYTES // 1024 // 1024,
            )
        if "xl/workbook.xml" not in archive.namelist():
            raise SpreadsheetFileError(N_("not an Excel workbook (.xlsx); save the file as an Excel workbook first"))
        _check_contents(archive, time.monotonic() + READ_SECONDS)
    try:
        book = load_workbook(BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception:  # openpyxl raises many kinds of error on broken files; all mean the same to the user
        raise SpreadsheetFileError(N_("the workbook cannot be read: it is damaged or not an .xlsx file")) from None
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
        raise SpreadsheetFileError(N_("the workbook cannot be read: it is damaged or not an .xlsx file")) from None
    finally:
        book.close()
    return raw


_SHEET_XML = re.compile(r"xl/worksheets/[^/]+\.xml")


class _Counts:
    """What the streamed XML held so far, refused as soon as a limit is passed."""

    def __init__(self, deadline: float):
        self.deadline, self.elements = deadline, 0
        self.cells = self.in_row = self.text = self.in_cell = 0
        self.strings: list[int] = []  # the length of each shared string

    def tick(self) -> None:
        self.elements += 1
        if self.elements % 10_000 == 0 and time.monotonic() > self.deadline:
            raise SpreadsheetFileError(
                N_(
                    "the workbook takes more than %(most)s seconds to read; remove empty rows, columns and "
                    "other sheets and try again"
                ),
                most=round(READ_SECONDS),
            )

    def cell(self) -> None:
        self.cells += 1
        self.in_row += 1
        if self.in_row > MAX_CELLS_PER_ROW:
            raise SpreadsheetFileError(
                N_(
                    "a row has more than %(most)s cells; delete the empty columns after the template's "
                    "last column and try again"
                ),
                most=MAX_CELLS_PER_ROW,
            )
        if self.cells > MAX_CELLS:
            raise SpreadsheetFileError(
                N_("the workbook has more than %(most)s cells; a plan needs far fewer"), most=MAX_CELLS
            )

    def add_text(self, length: int) -> None:
        self.in_cell += length
        if self.in_cell > MAX_CELL_TEXT:
            raise SpreadsheetFileError(
                N_("a cell holds more than %(most)s characters, the longest field"), most=MAX_CELL_TEXT
            )
        self.text += length
        if self.text > MAX_TEXT:
            raise SpreadsheetFileError(
                N_("the workbook holds more than %(most)s characters of text; a plan needs far fewer"), most=MAX_TEXT
            )


def _check_contents(archive: zipfile.ZipFile, deadline: float) -> None:
    """Stream the shared strings, then every sheet, counting as described above."""
    counts = _Counts(deadline)
    names = archive.namelist()
    if "xl/sharedStrings.xml" in names:
        _stream(archive, "xl/sharedStrings.xml", _strings_handlers(counts))
    for name in names:
        if _SHEET_XML.fullmatch(name):
            _stream(archive, name, _sheet_handlers(counts))


def _stream(archive: zipfile.ZipFile, name: str, handlers: dict) -> None:
    parser = expat.ParserCreate()
    for event, handler in handlers.items():
        setattr(parser, event, handler)
    try:
        with archive.open(name) as entry:
            while chunk := entry.read(64 * 1024):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError:
        raise SpreadsheetFileError(N_("the workbook cannot be read: it is damaged or not an .xlsx file")) from None


def _local(tag: str) -> str:
    return tag.rpartition(":")[2]


def _strings_handlers(counts: _Counts) -> dict:
    def start(tag, _attrs):
        counts.tick()
        if _local(tag) == "si":
            counts.in_cell = 0

    def end(tag):
        if _local(tag) == "si":
            counts.strings.append(counts.in_cell)

    return {
        "StartElementHandler": start,
        "EndElementHandler": end,
        "CharacterDataHandler": lambda t: counts.add_text(len(t)),
    }


def _sheet_handlers(counts: _Counts) -> dict:
    # A cell's text is its own (an inline string or a value) or a shared string it points to: the
    # shared one counts again each time a cell shows it, as it would in the plan read from the file.
    state = {"kind": None, "in_value": False, "value": []}

    def start(tag, attrs):
        counts.tick()
        name = _local(tag)
        if name == "row":
            counts.in_row = 0
        elif name == "c":
            counts.cell()
            counts.in_cell = 0
            state["kind"] = attrs.get("t")
        elif name in ("v", "t"):
            state["in_value"], state["value"] = True, []

    def text(data):
        if state["in_value"]:
            if state["kind"] == "s":
                state["value"].append(data)
            else:
                counts.add_text(len(data))

    def end(tag):
        if _local(tag) in ("v", "t") and state["in_value"]:
            state["in_value"] = False
            if state["kind"] == "s":
                index = "".join(state["value"]).strip()
                if index.isdigit() and int(index) < len(counts.strings):
                    counts.add_text(counts.strings[int(index)])

    return {"StartElementHandler": start, "EndElementHandler": end, "CharacterDataHandler": text}


def read_csv_files(files: list[tuple[str, bytes]]) -> RawSheets:
    """The template sheets of up to three CSV files, each recognised by its header row."""
    raw = RawSheets()
    for name, data in files:
        _check_size(len(data))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise SpreadsheetFileError(
                N_('%(name)s: the file is not UTF-8 text; in your spreadsheet program save it as "CSV UTF-8"'),
                name=name,
            ) from None
        if len(text) > MAX_TEXT:
            raise SpreadsheetFileError(
                N_("%(name)s: more than %(most)s characters of text; a plan needs far fewer"), name=name, most=MAX_TEXT
            )
        if "\0" in text:
            raise SpreadsheetFileError(N_("%(name)s: not a CSV file (it holds binary data)"), name=name)
        first = text.split("\n", 1)[0]
        delimiter = max(",;\t", key=first.count)  # spreadsheet programs in many countries save with ";"
        try:
            rows = _rows(csv.reader(StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as exc:
            raise SpreadsheetFileError(
                N_("%(name)s: not a readable CSV file (%(reason)s)"), name=name, reason=str(exc)
            ) from None
        sheet = _sheet_of(rows[0][1] if rows else [])
        if sheet is None:
            raise SpreadsheetFileError(
                N_("%(name)s: the first row is not the header row of a template sheet"), name=name
            )
        if sheet in raw.sheets:
            raise SpreadsheetFileError(
                N_("%(name)s: a second %(sheet)s file; give each sheet once"), name=name, sheet=sheet
            )
        raw.sheets[sheet] = rows
    return raw


def _check_size(size: int) -> None:
    if size > MAX_UPLOAD_BYTES:
        raise SpreadsheetFileError(
            N_("the file is %(size)s MB; at most %(most)s MB is accepted"),
            size=round(size / 1024 / 1024, 1),
            most=MAX_UPLOAD_BYTES // 1024 // 1024,
        )
    if size == 0:
        raise SpreadsheetFileError(N_("the file is empty"))


def _rows(source) -> list[Row]:
    rows: list[Row] = []
    for number, values in enumerate(source, start=1):
        if number > MAX_ROWS + 1:
            raise SpreadsheetFileError(
                N_("a sheet has more than %(most)s rows; split the plan or remove empty rows"), most=MAX_ROWS
            )
        values = list(values)
        if len(values) > MAX_CELLS_PER_ROW:
            raise SpreadsheetFileError(
                N_(
                    "row %(row)d has more than %(most)s cells; delete the empty columns after the "
                    "template's last column and try again"
                ),
                row=number,
                most=MAX_CELLS_PER_ROW,
            )
        cells = values[:MAX_COLUMNS]
        if any(isinstance(v, str) and len(v) > MAX_CELL_TEXT for v in cells):
            raise SpreadsheetFileError(
                N_("row %(row)d has a cell of more than %(most)s characters, the longest field"),
                row=number,
                most=MAX_CELL_TEXT,
            )
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
