"""A roadmap's deliverables as CSV and XLSX, read back as a spreadsheet user would."""

import csv
import io
import re
from datetime import date, datetime

from openpyxl import load_workbook

from tests.factories import import_small, small_document
from tests.views.conftest import login

KEYS_IN_SEQUENCE = ["O1", "L1", "T1", "M1"]


def test_the_csv_holds_every_deliverable_with_its_schedule_and_progress(client, world):
    login(client, "viewer@example.org")
    response = client.get(f"/roadmaps/{world['kenya']}/deliverables.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert [r["Key"] for r in rows] == KEYS_IN_SEQUENCE
    t1 = rows[2]
    assert t1["Title"] == "National reporting portal"
    assert t1["Pillar"] == "Technical & Procedural Measures"
    assert t1["Lead"] == "National Police"
    assert (t1["Status"], t1["Percent complete"], t1["Actual start"]) == ("In progress", "25", "2027-03-01")
    o1 = rows[0]
    # O1 starts the plan on 2027-01-04 and takes 8 weeks: it ends on the last day of its eighth week.
    assert (o1["Planned start"], o1["Planned finish"], o1["Duration (weeks)"]) == ("2027-01-04", "2027-02-28", "8")
    assert o1["On the critical path"] == "yes"
    assert rows[1]["Due by"] == "2027-12-31"


def test_the_xlsx_has_a_frozen_header_set_widths_and_real_dates(client, world):
    login(client, "editor@example.org")
    response = client.get(f"/roadmaps/{world['kenya']}/deliverables.xlsx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = load_workbook(io.BytesIO(response.data))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Key", "Pillar", "Title"]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width == 50
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert [r["Key"] for r in rows] == KEYS_IN_SEQUENCE
    o1 = rows[0]
    assert isinstance(o1["Planned start"], datetime)  # a real date cell, not text
    assert o1["Planned start"].date() == date(2027, 1, 4)
    assert o1["Percent complete"] == 0 and o1["Duration (weeks)"] == 8


def test_text_that_looks_like_a_formula_stays_text(client, world, ctx):
    doc = small_document(country="UGA", title='=HYPERLINK("http://example.com")')
    doc["deliverables"][0]["title"] = "=1+2"
    doc["deliverables"][1]["title"] = "@SUM(A1)"
    rid = import_small(**{k: v for k, v in doc.items() if k != "format"})
    login(client, "admin@example.org")
    rows = list(csv.reader(io.StringIO(client.get(f"/roadmaps/{rid}/deliverables.csv").data.decode("utf-8-sig"))))
    titles = {r[0]: r[2] for r in rows[1:]}
    assert titles["O1"] == "'=1+2" and titles["L1"] == "'@SUM(A1)"
    sheet = load_workbook(io.BytesIO(client.get(f"/roadmaps/{rid}/deliverables.xlsx").data)).active
    cell = (
        sheet["C2"]
        if sheet["A2"].value == "O1"
        else next(r[2] for r in sheet.iter_rows(min_row=2) if r[0].value == "O1")
    )
    assert cell.value == "=1+2" and cell.data_type == "s"


def test_another_countrys_deliverables_are_not_disclosed(client, world):
    login(client, "other@example.org")
    for ext in ("csv", "xlsx"):
        assert client.get(f"/roadmaps/{world['kenya']}/deliverables.{ext}").status_code == 404
    assert client.get("/roadmaps/999999/deliverables.csv").status_code == 404


def test_a_cell_that_would_start_a_formula_after_a_semicolon_is_quoted_and_guarded(client, world, ctx):
    # Excel set to split on ";" reads this line's "a;=1+1;b" as three cells, the second a formula.
    doc = small_document(country="UGA")
    doc["deliverables"][0]["title"] = "a;=1+1;b"
    doc["deliverables"][1]["title"] = "Budget;\t@SUM(A1)"
    doc["deliverables"][2]["title"] = "Plain title; -- with dashes, = and + inside"
    rid = import_small(**{k: v for k, v in doc.items() if k != "format"})
    login(client, "admin@example.org")
    text = client.get(f"/roadmaps/{rid}/deliverables.csv").data.decode("utf-8-sig")
    assert '"a;\'=1+1;b"' in text  # quoted, with the apostrophe that keeps the cell after ";" text
    assert '"Budget;\t\'@SUM(A1)"' in text
    assert '"O1","Organizational Structures"' in text  # every field quoted
    # Split on ";" and tabs the way such a program would: no cell starts a formula.
    for line in text.splitlines():
        for cell in re.split("[;\t]", line):
            assert not cell.strip().lstrip('"').startswith(("=", "+", "-", "@")), line
