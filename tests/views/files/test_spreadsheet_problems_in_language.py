"""A ministry team that uploads a spreadsheet with mistakes reads each problem in its own language: the
sentence from the catalog, the sheet and the column in its words (with the header as the file spells it,
to find it by), the row number and the values it wrote."""

from __future__ import annotations

import html
import io
import re

import pytest
from openpyxl import Workbook

from tests.spreadsheet_filling import filled_xlsx, sheet_document
from tests.views.conftest import login
from tests.views.files.test_spreadsheets import upload
from tests.views.test_refusals_in_every_language import choose, pattern, translated

# The small plan fills Deliverables rows 2–5 and Dependencies rows 2–4; these rows come after.
MISTAKES = {
    "Deliverables": [
        ["B1", "legall", "Bad pillar", "six", "NOBODY", None, None, None, "2027-13-01"],
        ["L1", "legal", "Same key again", 3],
        ["B3", "legal", None, 2],
    ],
    "Dependencies": [["L1", "GONE"]],
}


def problem_rows(page: str) -> list[list[str]]:
    """The cells of each row of the table of problems, as the reader sees them."""
    table = re.search(r'<section id="problems".*?</section>', page, re.DOTALL)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL) for row in rows]
    return [[html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in row] for row in cells if row]


def expected(lang: str) -> list[tuple[str, int, str, str, dict[str, str]]]:
    """(sheet, row, column header, message id, values) of each problem the mistakes make."""
    first = {"key": "L1", "first": translated(lang, "row %(row)d") % {"row": 3}}
    return [
        ("Deliverables", 6, "Pillar", "unknown value %(value)s (expected one of: %(options)s)", {"value": '"legall"'}),
        ("Deliverables", 6, "Duration (weeks)", "%(value)s is not a whole number", {"value": '"six"'}),
        ("Deliverables", 6, "Lead", 'no stakeholder has the key "%(key)s"', {"key": "NOBODY"}),
        ("Deliverables", 6, "Not before", "%(value)s is not a valid date", {"value": '"2027-13-01"'}),
        ("Deliverables", 7, "Key", 'duplicate deliverable key "%(key)s" (first used at %(first)s)', first),
        ("Deliverables", 8, "Title", "empty; every row needs one", {}),
        ("Dependencies", 5, "Successor", 'no deliverable has the key "%(key)s"', {"key": "GONE"}),
    ]  # fmt: skip


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_each_problem_of_an_upload_is_in_the_readers_language_with_its_row_and_column(client, world, lang):
    login(client, "editor@example.org")
    choose(client, lang)
    response = upload(client, [("plan.xlsx", filled_xlsx(sheet_document(), MISTAKES))])
    assert response.status_code == 400
    shown = problem_rows(response.text)
    assert len(shown) == len(expected(lang))
    for (sheet, row, header, msgid, values), (sheet_cell, row_cell, column_cell, problem) in zip(
        expected(lang), shown, strict=True
    ):
        assert sheet_cell == translated(lang, sheet)
        assert row_cell == str(row)
        column = translated(lang, header)
        assert column_cell.startswith(column), column_cell
        # The header as the file spells it, so the reader finds the column in the English template.
        assert header in column_cell
        where = translated(lang, "%(sheet)s, row %(row)d, column %(column)s:") % {
            "sheet": translated(lang, sheet),
            "row": row,
            "column": column,
        }
        assert problem.startswith(where), problem
        assert pattern(lang, msgid, **values).search(problem.removeprefix(where)), problem
        assert PLAIN_ENGLISH[msgid] not in problem, problem


# The words of each message that an untranslated line would show.
PLAIN_ENGLISH = {
    "unknown value %(value)s (expected one of: %(options)s)": "unknown value",
    "%(value)s is not a whole number": "is not a whole number",
    'no stakeholder has the key "%(key)s"': "no stakeholder",
    "%(value)s is not a valid date": "is not a valid date",
    'duplicate deliverable key "%(key)s" (first used at %(first)s)': "first used at",
    "empty; every row needs one": "every row needs one",
    'no deliverable has the key "%(key)s"': "no deliverable",
}


def test_in_english_the_problems_read_as_before(client, world):
    login(client, "editor@example.org")
    response = upload(client, [("plan.xlsx", filled_xlsx(sheet_document(), MISTAKES))])
    shown = problem_rows(response.text)
    assert shown[1] == [
        "Deliverables",
        "6",
        "Duration (weeks)",
        'Deliverables, row 6, column Duration (weeks): "six" is not a whole number',
    ]
    assert shown[4][3] == 'Deliverables, row 7, column Key: duplicate deliverable key "L1" (first used at row 3)'


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_misspelt_or_missing_column_is_named_in_the_readers_language(client, world, lang):
    login(client, "editor@example.org")
    choose(client, lang)
    book = Workbook()
    book.active.title = "Deliverables"
    book.active.append(["Key", "Pilar", "Title"])
    book.active.append(["A1", "legal", "Something"])
    out = io.BytesIO()
    book.save(out)
    shown = problem_rows(upload(client, [("plan.xlsx", out.getvalue())]).text)
    sheet = translated(lang, "Deliverables")
    # A header the template does not have is named as the file wrote it, and the headers it may have
    # are listed as the file must spell them.
    unknown = next(row for row in shown if row[2] == "Pilar")
    assert unknown[:2] == [sheet, "1"]
    assert pattern(lang, "unknown column (expected: %(columns)s)").search(unknown[3]), unknown
    assert "Key, Pillar, Title, Duration (weeks)" in unknown[3]
    missing = next(row for row in shown if row[2].startswith(translated(lang, "Duration (weeks)")))
    assert missing[:2] == [sheet, "1"]
    assert missing[3].endswith(translated(lang, "the column is missing")), missing
