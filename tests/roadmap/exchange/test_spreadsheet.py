"""The spreadsheet template: what it offers, what a filled one becomes, and every problem located."""

import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from roadmap.exchange.interchange import read_document
from roadmap.exchange.spreadsheet import Problem, read_sheets
from roadmap.exchange.spreadsheet_files import MAX_ROWS, SpreadsheetFileError, read_csv_files, read_xlsx
from roadmap.exchange.spreadsheet_template import template_csv_zip, template_xlsx
from tests.spreadsheet_filling import BASICS, filled_csv, filled_xlsx, sheet_document


def test_template_has_the_sheets_notes_dropdowns_and_an_example():
    book = load_workbook(io.BytesIO(template_xlsx(lambda s: s)))
    assert book.sheetnames == ["Deliverables", "Dependencies", "Stakeholders", "Valid values"]
    deliverables = book["Deliverables"]
    header = [c.value for c in deliverables[1]]
    assert header[:4] == ["Key", "Pillar", "Title", "Duration (weeks)"]
    assert all(c.comment is not None and c.comment.text for c in deliverables[1])
    assert "0 makes a milestone" in deliverables["D1"].comment.text
    assert [c.value for c in deliverables[2]][:4] == ["L1", "legal", "Legal gap analysis", 16]
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in deliverables.data_validations.dataValidation}
    assert lists["B2"] == "'Valid values'!$A$2:$A$6"  # pillar
    assert set(lists) >= {"B2", "K2", "L2", "N2", "E2"}  # pillar, priority, status, threats, lead
    values = book["Valid values"]
    assert [values.cell(row=r, column=1).value for r in range(2, 7)] == [
        "legal", "technical", "organizational", "capacity", "cooperation",
    ]  # fmt: skip
    kinds = book["Stakeholders"].data_validations.dataValidation
    types = book["Dependencies"].data_validations.dataValidation
    assert any("Valid values" in dv.formula1 for dv in kinds) and any("Valid values" in dv.formula1 for dv in types)


def test_blank_template_reads_as_its_worked_example():
    plan, reading = read_sheets(read_xlsx(template_xlsx(lambda s: s)), BASICS)
    assert reading.problems == []
    assert [d.key for d in plan.deliverables] == ["L1", "L2"]
    assert plan.deliverable("L1").threats == ("csam", "grooming")
    assert [(x.predecessor, x.successor) for x in plan.dependencies] == [("L1", "L2")]


def test_csv_template_holds_the_three_sheets_the_valid_values_and_notes():
    archive = zipfile.ZipFile(io.BytesIO(template_csv_zip(lambda s: s)))
    assert sorted(archive.namelist()) == [
        "README.txt", "deliverables.csv", "dependencies.csv", "stakeholders.csv", "valid-values.txt",
    ]  # fmt: skip
    assert "Duration (weeks): Whole weeks; 0 makes a milestone. Required." in archive.read("README.txt").decode()
    assert "Link type,finish_to_start" in archive.read("valid-values.txt").decode("utf-8-sig")


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_filled_template_gives_the_same_plan_as_the_json_import(kind):
    doc = sheet_document()
    raw = read_xlsx(filled_xlsx(doc)) if kind == "xlsx" else read_csv_files(filled_csv(doc))
    plan, reading = read_sheets(raw, BASICS)
    assert reading.problems == []
    assert plan == read_document(doc)


def test_names_instead_of_codes_and_decimal_cells_are_understood():
    doc = sheet_document()
    extra = {"Deliverables": [["X1", "Capacity Building", "Train teachers", 4.0, None, None, None, None, None,
                               None, "High", "In progress", None, "Grooming; cyberbullying"]]}  # fmt: skip
    plan, reading = read_sheets(read_xlsx(filled_xlsx(doc, extra)), BASICS)
    assert reading.problems == []
    x1 = plan.deliverable("X1")
    assert (x1.pillar, x1.duration_weeks, x1.priority, x1.status) == ("capacity", 4, "high", "in_progress")
    assert x1.threats == ("grooming", "cyberbullying")


def _problems(extra, doc=None):
    plan, reading = read_sheets(read_xlsx(filled_xlsx(doc or sheet_document(), extra)), BASICS)
    assert plan is None
    return reading.problems


def test_every_problem_is_reported_with_its_sheet_row_and_column():
    # The small plan fills Deliverables rows 2–5, Dependencies 2–4, Stakeholders 2–4.
    problems = _problems({
        "Deliverables": [
            ["B1", "legall", "Bad pillar", "six", "NOBODY", None, None, None, "2027-13-01", None, "urgent",
             None, 150, "csam, pizza", 12.345, "ABC"],
            ["L1", "legal", "Same key again", 3],
            ["B 3", "legal", "Bad key", 2],
            ["B4", "legal", None, 2, None, None, None, None, None, None, None, None, None, None, 100],
        ],
        "Dependencies": [["T1", "O1"], ["L1", "GONE"], ["L1", "L1"], ["O1", "L1"]],
        "Stakeholders": [["NGO", "Another NGO", "ngo"]],
    })  # fmt: skip
    found = {(p.sheet, p.row, p.column): p.message for p in problems}
    assert found[("Deliverables", 6, "Pillar")].startswith('unknown value "legall" (expected one of: legal,')
    assert found[("Deliverables", 6, "Duration (weeks)")] == '"six" is not a whole number'
    assert found[("Deliverables", 6, "Lead")] == 'no stakeholder has the key "NOBODY"'
    assert found[("Deliverables", 6, "Not before")] == '"2027-13-01" is not a valid date'
    assert found[("Deliverables", 6, "Priority")].startswith('unknown value "urgent"')
    assert found[("Deliverables", 6, "Percent complete")] == "150 is above the maximum of 100"
    assert found[("Deliverables", 6, "Threats")].startswith('unknown value "pizza"')
    assert found[("Deliverables", 6, "Cost amount")] == "12.345 has more than two decimal places"
    assert found[("Deliverables", 7, "Key")] == 'duplicate deliverable key "L1" (first used at row 3)'
    assert found[("Deliverables", 8, "Key")].startswith('"B 3" is not a valid key')
    assert found[("Deliverables", 9, "Title")] == "empty; every row needs one"
    assert found[("Deliverables", 9, "Cost amount")] == "an amount needs a currency"
    assert found[("Deliverables", 6, "Currency")] == 'unknown ISO 4217 currency code "ABC"'
    assert found[("Dependencies", 3, None)] == "dependency loop: L1 → T1 → O1 → L1 (rows 3, 5, 2)"
    assert found[("Dependencies", 6, "Successor")] == 'no deliverable has the key "GONE"'
    assert found[("Dependencies", 7, None)] == 'a deliverable cannot depend on itself ("L1")'
    assert found[("Dependencies", 8, None)] == "duplicate dependency (already given at row 2)"
    assert found[("Stakeholders", 5, "Key")] == 'duplicate stakeholder key "NGO" (first used at row 4)'
    assert found[("Stakeholders", 5, "Kind")].startswith('unknown value "ngo"')
    assert len(problems) == len(found) == 19
    assert [p.sheet for p in problems] == sorted((p.sheet for p in problems), key=["Deliverables",
                                                 "Dependencies", "Stakeholders"].index)  # fmt: skip


def test_a_bad_row_does_not_bring_a_cascade_of_problems_with_it():
    # The dependency names the row whose key is invalid: that row's own problem says it all.
    problems = _problems({"Deliverables": [["X 1", "legal", "Bad key", 2]], "Dependencies": [["X 1", "L1"]]})
    assert [(p.sheet, p.row, p.column) for p in problems] == [
        ("Deliverables", 6, "Key"), ("Dependencies", 5, "Predecessor"),
    ]  # fmt: skip


def test_unknown_and_missing_columns_are_named():
    book = Workbook()
    book.active.title = "Deliverables"
    book.active.append(["Key", "Pilar", "Title"])
    book.active.append(["A1", "legal", "Something"])
    out = io.BytesIO()
    book.save(out)
    plan, reading = read_sheets(read_xlsx(out.getvalue()), BASICS)
    assert plan is None
    assert Problem("Deliverables", 1, "Pilar", "unknown column (expected: " + "Key, Pillar, Title, Duration (weeks), "
                   "Lead, Partners, Description, Objective, Not before, Due by, Priority, Status, Percent complete, "
                   "Threats, Cost amount, Currency, Funding source, Actual start, Actual finish, Progress note)"
                   ) in reading.problems  # fmt: skip
    assert Problem("Deliverables", 1, "Duration (weeks)", "the column is missing") in reading.problems


def test_a_workbook_without_a_deliverables_sheet_is_refused():
    book = Workbook()
    out = io.BytesIO()
    book.save(out)
    plan, reading = read_sheets(read_xlsx(out.getvalue()), BASICS)
    assert plan is None
    assert reading.problems == [Problem(None, None, None, "no Deliverables sheet was found; use the template")]


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"Key,Pillar\nL1,legal\n", "not an Excel workbook (.xlsx): the file is damaged or of another kind"),
        (b"x" * (5 * 1024 * 1024 + 1), "the file is 5.0 MB; at most 5 MB is accepted"),
        (_zip({"word/document.xml": b"<w/>"}), "not an Excel workbook (.xlsx); save the file as an Excel workbook"),
        (_zip({"xl/workbook.xml": b"<not really"}), "the workbook cannot be read: it is damaged or not an .xlsx"),
        # A few hundred kilobytes that would unpack to 200 MB of sheet XML.
        (_zip({"xl/workbook.xml": b"<w/>", "xl/worksheets/sheet1.xml": b" " * 200_000_000}), "unpacks to more than"),
    ],
    ids=["empty", "csv-renamed", "too-large", "word-file", "corrupt", "zip-bomb"],
)
def test_unsafe_or_unreadable_workbooks_are_refused_with_a_clear_message(data, message):
    with pytest.raises(SpreadsheetFileError) as caught:
        read_xlsx(data)
    assert message in str(caught.value)


def test_formulas_are_never_evaluated_only_their_saved_values_read():
    doc = sheet_document()
    extra = {"Deliverables": [["F1", "legal", '=HYPERLINK("http://example.org","x")', "=2+2"]]}
    _, reading = read_sheets(read_xlsx(filled_xlsx(doc, extra)), BASICS)
    # openpyxl saved no computed value, so the cells read as empty: nothing ran.
    assert [(p.row, p.column, p.message) for p in reading.problems] == [
        (6, "Title", "empty; every row needs one"), (6, "Duration (weeks)", "empty; every row needs one"),
    ]  # fmt: skip


def test_a_sheet_with_too_many_rows_is_refused():
    rows = "Key,Pillar,Title,Duration\n" + "".join(f"K{i},legal,T,1\n" for i in range(MAX_ROWS + 1))
    with pytest.raises(SpreadsheetFileError, match="more than 5000 rows"):
        read_csv_files([("deliverables.csv", rows.encode())])


def test_csv_files_in_another_encoding_or_unknown_layout_are_refused():
    with pytest.raises(SpreadsheetFileError, match='save it as "CSV UTF-8"'):
        read_csv_files([("deliverables.csv", "Key,Pillar,Title,Duration\nL1,legal,Réforme,2\n".encode("cp1252"))])
    with pytest.raises(SpreadsheetFileError, match="not the header row of a template sheet"):
        read_csv_files([("notes.csv", b"Hello,World\n")])


def test_csv_saved_with_semicolons_is_read():
    plan, reading = read_sheets(read_csv_files([("d.csv", b"Key;Pillar;Title;Duration (weeks)\nL1;legal;Law;2\n")]),
                                BASICS)  # fmt: skip
    assert reading.problems == [] and plan.deliverable("L1").title == "Law"


def test_valid_threats_show_both_core_axes():
    values = load_workbook(io.BytesIO(template_xlsx(lambda s: s)))["Valid values"]
    cells = {values.cell(row=r, column=c).value: values.cell(row=r, column=c + 1).value
             for r in range(2, 40) for c in range(1, 30, 3)}  # fmt: skip
    assert cells["csam"] == "Child sexual abuse material (Contact × Sexual)"
    assert cells["trafficking"] == "Trafficking of children for sexual exploitation (Contract × Sexual)"
    assert cells["privacy_disclosure"] == "Disclosure of private information (Cross-cutting × Privacy)"


def test_statuses_and_priorities_have_their_meaning_in_the_readers_words():
    # The same words as the pages ("Not started", "High"), given to the reader's gettext, never the bare code.
    asked = []

    def french(text):
        asked.append(text)
        return {"Not started": "Non commencé", "High": "Haute"}.get(text, text)

    values = load_workbook(io.BytesIO(template_xlsx(french)))["Valid values"]
    cells = {values.cell(row=r, column=c).value: values.cell(row=r, column=c + 1).value
             for r in range(2, 40) for c in range(1, 30, 3)}  # fmt: skip
    assert (cells["not_started"], cells["high"], cells["in_place"]) == ("Non commencé", "Haute", "Already in place")
    assert "Choose a value from the list; see the “%(sheet)s” sheet." in asked
