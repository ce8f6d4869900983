"""Filling the spreadsheet template in code, the way a person fills it in a spreadsheet program."""

from __future__ import annotations

import copy
import csv
import io
import zipfile
from datetime import date
from typing import Any

from openpyxl import load_workbook

from roadmap.exchange.spreadsheet_columns import COLUMNS, SECTION, SHEETS
from roadmap.exchange.spreadsheet_template import template_csv_zip, template_xlsx
from tests.factories import small_document


def sheet_document() -> dict[str, Any]:
    """The small document without what the sheets do not carry (assessments, indicators)."""
    doc = copy.deepcopy(small_document())
    doc["assessments"] = []
    for d in doc["deliverables"]:
        d.pop("indicators", None)
    return doc


def cells(sheet: str, item: dict[str, Any]) -> list[object]:
    """One row for a sheet: dates as real dates, lists joined with commas, as people type them."""
    row: list[object] = []
    for column in COLUMNS[sheet]:
        head, _, tail = column.field.partition(".")
        value = (item.get(head) or {}).get(tail) if tail else item.get(head)
        if isinstance(value, list):
            value = ", ".join(value)
        elif column.kind == "date" and value:
            value = date.fromisoformat(value)
        row.append(value)
    return row


def filled_xlsx(doc: dict[str, Any], extra: dict[str, list[list[object]]] | None = None) -> bytes:
    """The template with its example rows replaced by the document's items (and extra raw rows)."""
    book = load_workbook(io.BytesIO(template_xlsx(lambda s: s)))
    for sheet in SHEETS:
        ws = book[sheet]
        ws.delete_rows(2, ws.max_row)
        for item in doc.get(SECTION[sheet]) or []:
            ws.append(cells(sheet, item))
        for row in (extra or {}).get(sheet, []):
            ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def filled_csv(doc: dict[str, Any]) -> list[tuple[str, bytes]]:
    """The CSV files of the template, filled in and saved as CSV UTF-8."""
    archive = zipfile.ZipFile(io.BytesIO(template_csv_zip(lambda s: s)))
    files = []
    for sheet in SHEETS:
        header = archive.read(f"{sheet.lower()}.csv").decode("utf-8-sig").splitlines()[0]
        text = io.StringIO()
        writer = csv.writer(text)
        for item in doc.get(SECTION[sheet]) or []:
            writer.writerow(["" if v is None else v for v in cells(sheet, item)])
        files.append((f"{sheet.lower()}.csv", ("\ufeff" + header + "\r\n" + text.getvalue()).encode("utf-8")))
    return files


BASICS = {"country": "KEN", "title": "Kenya COP roadmap", "start_date": "2027-01-04", "language": "en"}
