"""Forms of the spreadsheet upload: the roadmap's basics with the file(s), and the confirmation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, MultipleFileField
from wtforms.validators import ValidationError

from views.wizard.forms import BasicsForm


class UploadForm(BasicsForm):
    files = MultipleFileField(
        _l("The filled-in template"),
        description=_l("One .xlsx workbook, or the .csv files (Deliverables, and optionally Dependencies and "
                       "Stakeholders) selected together. At most 5 MB each."),
    )  # fmt: skip

    def chosen(self) -> list:
        return [f for f in self.files.data or [] if getattr(f, "filename", "")]

    def validate_files(self, field) -> None:
        files = self.chosen()
        names = [f.filename.lower() for f in files]
        if not files:
            raise ValidationError(_l("Choose the filled-in template to upload."))
        if not all(n.endswith((".xlsx", ".csv")) for n in names):
            raise ValidationError(_l("Only .xlsx and .csv files can be uploaded."))
        if any(n.endswith(".xlsx") for n in names) and len(files) > 1:
            raise ValidationError(_l("Upload one .xlsx workbook on its own, or only .csv files."))
        if len(files) > 3:
            raise ValidationError(_l("Upload at most three .csv files: one per sheet."))


class ConfirmForm(FlaskForm):
    token = HiddenField()
