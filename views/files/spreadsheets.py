"""The spreadsheet template: download it, upload it filled in, check the preview, confirm.

An upload makes a new roadmap, for a country the user may edit; nothing is saved until the
preview shows no problem and the user confirms. The checked document waits on the server
(views/files/upload_store.py), never in the browser.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import SQLAlchemyError

from models.operations import Actor, OperationError, import_plan
from roadmap.exchange.interchange import FormatError, read_document
from roadmap.exchange.spreadsheet import Problem, read_sheets
from roadmap.exchange.spreadsheet_columns import COLUMNS
from roadmap.exchange.spreadsheet_files import MAX_UPLOAD_BYTES, SpreadsheetFileError, read_csv_files, read_xlsx
from roadmap.exchange.spreadsheet_template import template_csv_zip, template_xlsx
from roadmap.sequencing import ScheduleError, sequence
from roadmap.vocabulary import Language, Pillar
from views.access import editable_countries
from views.files import upload_store
from views.files.spreadsheet_forms import ConfirmForm, UploadForm
from views.messages import explain, said

bp = Blueprint("spreadsheets", __name__)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.route("/spreadsheets/cop-roadmap-template.xlsx")
@login_required
def template_xlsx_file():
    data = BytesIO(template_xlsx(_))
    return send_file(data, mimetype=XLSX_TYPE, as_attachment=True, download_name="cop-roadmap-template.xlsx")


@bp.route("/spreadsheets/cop-roadmap-template-csv.zip")
@login_required
def template_csv_file():
    data = BytesIO(template_csv_zip(_))
    return send_file(data, mimetype="application/zip", as_attachment=True, download_name="cop-roadmap-template-csv.zip")


@bp.route("/roadmaps/upload", methods=["GET", "POST"])
@login_required
def upload():
    countries = editable_countries()
    if not countries:
        abort(403)
    form = UploadForm(countries)
    if request.method == "GET":
        form.start_date.data = date.today()
        form.language.data = Language.EN.value
    problems: list[Problem] = []
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("spreadsheets/upload.html", form=form, problems=problems), status
    basics = {
        "country": form.country.data,
        "title": form.title.data.strip(),
        "start_date": form.start_date.data.isoformat(),
        "language": form.language.data,
    }
    try:
        raw = _read(form.chosen())
    except SpreadsheetFileError as exc:
        problems = [Problem(None, None, None, explain(exc))]
    else:
        plan, reading = read_sheets(raw, basics)
        problems = reading.problems
        if plan is not None:
            try:
                schedule = sequence(plan)
            except ScheduleError as exc:
                problems = [Problem(None, None, None, explain(exc))]
            else:
                try:
                    token = upload_store.keep(reading.document, current_user.id)
                except upload_store.UploadTooLarge as exc:
                    problems = [Problem(None, None, None, explain(exc))]
                else:
                    return render_template(
                        "spreadsheets/preview.html",
                        plan=plan,
                        schedule=schedule,
                        confirm=ConfirmForm(token=token),
                        per_pillar={p: sum(d.pillar == p for d in plan.deliverables) for p in Pillar},
                        pillar_names={p: _(p.label) for p in Pillar},
                        country_name=dict(countries)[plan.country],
                    )
    # The field points at the list, so a screen reader on the file input hears why it was refused.
    form.files.errors = [*form.files.errors, _("The file has problems; they are listed above.")]
    return render_template("spreadsheets/upload.html", form=form, problems=_in_reader_words(problems)), 400


def _in_reader_words(problems: list[Problem]) -> list[dict]:
    """Each problem with its sheet, column and words in the reader's language, and the column's header
    as the file spells it (the template's headers are English in every language), to find it by."""
    shown = []
    for p in problems:
        known = p.sheet in COLUMNS and any(c.header == p.column for c in COLUMNS[p.sheet])
        shown.append(
            {
                "sheet": _(p.sheet) if p.sheet in COLUMNS else p.sheet,
                "row": p.row,
                # A column the template does not have is named as the file wrote it.
                "column": _(p.column) if known else p.column,
                "header": p.column,
                "message": said(p.phrase) if p.phrase is not None else p.message,
            }
        )
    return shown


def _read(files):
    chunks = []
    for f in files:
        data = f.stream.read(MAX_UPLOAD_BYTES + 1)  # no more than the limit is ever held in memory
        chunks.append((f.filename, data))
    if chunks[0][0].lower().endswith(".xlsx"):
        return read_xlsx(chunks[0][1])
    return read_csv_files(chunks)


@bp.route("/roadmaps/upload/confirm", methods=["POST"])
@login_required
def confirm():
    if not editable_countries():
        abort(403)
    form = ConfirmForm()
    document = upload_store.take(form.token.data or "", current_user.id) if form.validate_on_submit() else None
    if document is None:
        flash(_("That upload has expired or was already saved. Please upload the file again."), "error")
        return redirect(url_for("spreadsheets.upload"))
    # The country was checked at upload; rights can change in between, so they are checked again.
    if not any(code == document["country"] for code, _name in editable_countries()):
        abort(403)
    try:
        roadmap_id = import_plan(read_document(document), Actor.of(current_user))
    except (FormatError, OperationError, SQLAlchemyError) as exc:
        flash(_("Nothing was saved: %(problem)s", problem=explain(exc).splitlines()[0]), "error")
        return redirect(url_for("spreadsheets.upload"))
    upload_store.discard(form.token.data, current_user.id)
    flash(_("Roadmap created from the spreadsheet."), "info")
    return redirect(url_for("roadmaps.show", roadmap_id=roadmap_id))
