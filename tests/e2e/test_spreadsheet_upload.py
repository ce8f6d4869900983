"""A country editor downloads the template, fills it in, uploads it, reads the problems, fixes them, confirms."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_upload_a_filled_template_fix_a_problem_and_create_the_roadmap(live_server, page, artifacts, tmp_path):
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mail").fill("editor@example.org")
    page.get_by_label("Password").fill("demo-password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="or make one from a spreadsheet").click()
    page.get_by_role("heading", name="New roadmap from a spreadsheet").wait_for()

    with page.expect_download() as download:
        page.get_by_role("link", name="Excel workbook (.xlsx)").click()
    assert download.value.suggested_filename == "cop-roadmap-template.xlsx"
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    sheet = book["Deliverables"]
    sheet.append(["C1", "capacity", "Train teachers on online safety", "six", "MOICT"])
    book["Dependencies"].append(["L2", "C1", "start_to_start", 2])
    wrong = tmp_path / "roadmap.xlsx"
    book.save(wrong)

    page.get_by_label("Title of the roadmap").fill("Roadmap from the spreadsheet")
    page.get_by_label("The filled-in template").set_input_files(str(wrong))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("heading", name="1 problem: nothing was saved").wait_for()
    expect(
        page.get_by_text('Deliverables, row 4, column Duration (weeks): "six" is not a whole number')
    ).to_be_visible()
    assert page.get_by_label("Title of the roadmap").input_value() == "Roadmap from the spreadsheet"
    page.screenshot(path=str(artifacts / "e2e-spreadsheet-problems.png"), full_page=True)

    sheet["D4"] = 6
    fixed = io.BytesIO()
    book.save(fixed)
    right = tmp_path / "roadmap-fixed.xlsx"
    right.write_bytes(fixed.getvalue())
    page.get_by_label("The filled-in template").set_input_files(str(right))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("heading", name="Check before saving").wait_for()
    expect(page.get_by_role("cell", name="Train teachers on online safety")).to_be_visible()
    page.screenshot(path=str(artifacts / "e2e-spreadsheet-preview.png"), full_page=True)

    page.get_by_role("button", name="Create the roadmap").click()
    page.get_by_text("Roadmap created from the spreadsheet.").wait_for()
    page.get_by_role("heading", name="Roadmap from the spreadsheet").wait_for()
    with page.expect_download() as project:
        page.get_by_role("link", name="Microsoft Project file (XML)").click()
    assert b"Train teachers on online safety" in project.value.path().read_bytes()
