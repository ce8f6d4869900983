"""The blank spreadsheet template, as an .xlsx workbook and as a zip of CSV files."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Callable
from enum import StrEnum
from io import BytesIO, StringIO

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from roadmap.exchange.spreadsheet_columns import COLUMNS, DELIVERABLES, EXAMPLES, SHEETS, STAKEHOLDERS, VALID_VALUES
from roadmap.spelling import PRIORITY_WORDS, STATUS_WORDS
from roadmap.threats import Threat
from roadmap.vocabulary import DeliverableStatus, DependencyType, Pillar, Priority, StakeholderKind

TEMPLATE_ROWS = 1000  # rows the dropdowns cover; more can be added by copying a row down
VOCABULARIES: tuple[tuple[str, type[StrEnum]], ...] = (
    ("Pillar", Pillar),
    ("Status", DeliverableStatus),
    ("Priority", Priority),
    ("Stakeholder kind", StakeholderKind),
    ("Link type", DependencyType),
    ("Threats", Threat),
)
_LIST_OF = {
    Pillar: "Pillar",
    DeliverableStatus: "Status",
    Priority: "Priority",
    StakeholderKind: "Stakeholder kind",
    DependencyType: "Link type",
    Threat: "Threats",
}


# Statuses and priorities in the words the pages use for them.
_WORDS = {**STATUS_WORDS, **PRIORITY_WORDS}


def _meaning(member: StrEnum, gettext: Callable[[str], str]) -> str:
    label = getattr(member, "label", None) or _WORDS.get(member)
    meaning = gettext(label) if label else member.value.replace("_", " ")
    if isinstance(member, Threat):
        # Both CO:RE 4 Cs axes, as on the threat coverage page, so a team tags with the same grid.
        meaning += f" ({gettext(member.category.label)} × {gettext(member.nature.label)})"
    return meaning


def template_xlsx(gettext: Callable[[str], str]) -> bytes:
    """The template workbook: three sheets with notes, dropdowns and an example, and the valid values."""
    book = Workbook()
    book.remove(book.active)
    ranges = _valid_values(book.create_sheet(VALID_VALUES), gettext)
    for sheet_name in SHEETS:
        sheet = book.create_sheet(sheet_name, SHEETS.index(sheet_name))
        columns = COLUMNS[sheet_name]
        sheet.append([c.header for c in columns])
        for example in EXAMPLES[sheet_name]:
            sheet.append(list(example))
        for index, column in enumerate(columns, start=1):
            letter = get_column_letter(index)
            cell = sheet.cell(row=1, column=index)
            cell.font = Font(bold=True)
            note = gettext(column.note) + (" " + gettext("Required.") if column.required else "")
            cell.comment = Comment(note, "COP Roadmap", width=260, height=110)
            sheet.column_dimensions[letter].width = column.width
            cells = f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"
            if column.codes is not None:
                # Threats take several codes in one cell, so their list suggests without refusing.
                several = column.kind == "codes"
                _dropdown(sheet, ranges[_LIST_OF[column.codes]], cells, strict=not several, gettext=gettext)
            elif column.field in ("lead", "from", "to"):
                source = f"'{STAKEHOLDERS}'!$A$2:$A${TEMPLATE_ROWS + 1}"
                if column.field != "lead":
                    source = f"'{DELIVERABLES}'!$A$2:$A${TEMPLATE_ROWS + 1}"
                _dropdown(sheet, source, cells, strict=False, gettext=gettext)
        sheet.freeze_panes = "A2"
    book.active = 0
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _valid_values(sheet, gettext: Callable[[str], str]) -> dict[str, str]:
    """Each vocabulary in two columns (code, meaning); returns the formula range of each code column."""
    ranges = {}
    for n, (title, codes) in enumerate(VOCABULARIES):
        code_col, meaning_col = 3 * n + 1, 3 * n + 2
        sheet.cell(row=1, column=code_col, value=title).font = Font(bold=True)
        sheet.cell(row=1, column=meaning_col, value=gettext("Meaning")).font = Font(bold=True)
        for row, member in enumerate(codes, start=2):
            sheet.cell(row=row, column=code_col, value=member.value)
            sheet.cell(row=row, column=meaning_col, value=_meaning(member, gettext))
        letter = get_column_letter(code_col)
        sheet.column_dimensions[letter].width = 24
        sheet.column_dimensions[get_column_letter(meaning_col)].width = 32
        ranges[title] = f"'{VALID_VALUES}'!${letter}$2:${letter}${len(codes) + 1}"
    return ranges


def _dropdown(sheet, source: str, cells: str, *, strict: bool, gettext: Callable[[str], str]) -> None:
    check = DataValidation(type="list", formula1=source, allow_blank=True)
    check.errorStyle = "stop" if strict else "information"
    check.errorTitle = gettext("Not in the list")
    check.error = gettext("Choose a value from the list; see the “%(sheet)s” sheet.") % {"sheet": VALID_VALUES}
    check.showErrorMessage = True
    check.add(cells)
    sheet.add_data_validation(check)


def template_csv_zip(gettext: Callable[[str], str]) -> bytes:
    """The template as CSV files (one per sheet, UTF-8), the valid values and a README, in one zip."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for sheet_name in SHEETS:
            columns = COLUMNS[sheet_name]
            rows = [[c.header for c in columns], *([_csv(v) for v in e] for e in EXAMPLES[sheet_name])]
            archive.writestr(f"{sheet_name.lower()}.csv", _csv_text(rows))
        values = [["List", "Code", gettext("Meaning")]]
        values += [[title, m.value, _meaning(m, gettext)] for title, codes in VOCABULARIES for m in codes]
        archive.writestr("valid-values.txt", _csv_text(values))
        archive.writestr("README.txt", _readme(gettext))
    return out.getvalue()


def _csv(value: object) -> str:
    return "" if value is None else str(value)


def _csv_text(rows: list[list[str]]) -> str:
    text = StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    return "\ufeff" + text.getvalue()  # the byte-order mark makes spreadsheet programs read UTF-8


def _readme(gettext: Callable[[str], str]) -> str:
    lines = [
        gettext("COP Roadmap spreadsheet template (CSV)"),
        "",
        gettext(
            "Fill in deliverables.csv (required), dependencies.csv and stakeholders.csv, save them as CSV UTF-8, "
            "then upload them together. Keep the first row of each file as it is; replace the example rows."
        ),
        gettext("valid-values.txt lists the codes the coded columns accept."),
    ]
    for sheet_name in SHEETS:
        lines += ["", f"{sheet_name.lower()}.csv"]
        for column in COLUMNS[sheet_name]:
            required = " " + gettext("Required.") if column.required else ""
            lines.append(f"  {column.header}: {gettext(column.note)}{required}")
    return "\r\n".join(lines) + "\r\n"
