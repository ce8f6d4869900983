"""Tables as downloads: CSV for any program, XLSX for spreadsheet users (openpyxl)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from io import BytesIO, StringIO

from flask import Response, send_file
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# A cell that starts with one of these is run as a formula by spreadsheet programs, so text a user
# typed ("=HYPERLINK(…)", "+1 …", "-") is written with a leading apostrophe (OWASP's advice for CSV).
# A program that splits lines on ";" or tabs (Excel in much of Europe and Latin America) does not
# read the quotes around a comma-separated field, so it starts a new cell after each of those inside a
# title too ("a;=1+1;b"): the apostrophe goes there as well ("a;'=1+1;b").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_AFTER_SEPARATOR = re.compile(r"([;\t\r\n][\s\"]*)(?=[=+\-@])")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _csv_value(value: object) -> object:
    if isinstance(value, str):
        value = _AFTER_SEPARATOR.sub(r"\1'", value)
        return "'" + value if value.lstrip(' "').startswith(_FORMULA_START) else value
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.1f}"
    return "" if value is None else value


def csv_download(header: Sequence[str], rows: Iterable[Sequence[object]], filename: str) -> Response:
    """A CSV file (UTF-8 with a byte-order mark, so spreadsheet programs read accents right)."""
    out = StringIO()
    # Every field quoted, so no separator inside a text can end its cell.
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    data = BytesIO(("\ufeff" + out.getvalue()).encode("utf-8"))
    return send_file(data, mimetype="text/csv", as_attachment=True, download_name=filename, max_age=0)


def xlsx_download(
    title: str, header: Sequence[str], rows: Iterable[Sequence[object]], filename: str, widths: Sequence[int]
) -> Response:
    """One worksheet: a bold frozen header row, set column widths, dates as real dates."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]  # the longest sheet name spreadsheet programs accept
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([v.replace(tzinfo=None) if isinstance(v, datetime) else v for v in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                # openpyxl stores any text starting with "=" as a formula; user text is only text.
                cell.data_type = "s"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.auto_filter.ref = sheet.dimensions
    data = BytesIO()
    book.save(data)
    data.seek(0)
    return send_file(data, mimetype=XLSX_TYPE, as_attachment=True, download_name=filename, max_age=0)
