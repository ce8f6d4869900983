"""Forms for tracking: a progress update, an indicator measurement and its correction or removal, a
comment, a review step.

None has a field for the roadmap, the author or a role: those come from the URL and the session.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from models.operations.workflow import Step
from models.tracking import COMMENT_MAX
from roadmap.vocabulary import NAME_MAX, NOTES_MAX, TITLE_MAX, DeliverableStatus
from views.forms import INDICATOR_MAX, CreateForm, NumberField, WholeNumberField
from views.labels import status_label
from views.wizard.forms import _in_calendar, options


class ProgressForm(FlaskForm):
    status = SelectField(_l("Status"))
    percent_complete = WholeNumberField(
        _l("Percent complete"),
        validators=[InputRequired(_l("Give a whole number from 0 to 100."))],
        low=0,
        high=100,
    )
    actual_start = DateField(
        _l("Actual start"), description=_l("Needed once work has begun."), validators=[Optional(), _in_calendar]
    )
    actual_finish = DateField(
        _l("Actual finish"), description=_l("Needed when the status is done."), validators=[Optional(), _in_calendar]
    )
    note = TextAreaField(_l("Progress note"), validators=[Optional(), Length(max=NOTES_MAX)])
    version = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = options((s.value, status_label(s)) for s in DeliverableStatus)


class ReadingForm(FlaskForm):
    """What a reading says: its date, its value and where it comes from."""

    measured_on = DateField(
        _l("Measured on"), validators=[InputRequired(_l("Give the date of the measurement.")), _in_calendar]
    )
    value = NumberField(
        _l("Value"),
        validators=[InputRequired(_l("Give the measured value."))],
        low=-INDICATOR_MAX,
        high=INDICATOR_MAX,
    )
    note = StringField(_l("Source or note"), validators=[Optional(), Length(max=NAME_MAX)])


class MeasurementForm(ReadingForm, CreateForm):
    """A new reading: sent twice, it is recorded once."""

    indicator = SelectField(_l("Indicator"), validators=[DataRequired(_l("Choose an indicator."))])
    # Sent only by the "replace it?" question: the version of the reading already on that date.
    replace = HiddenField()

    def __init__(self, indicators: list[tuple[int, str]], *args, **kwargs):
        # Prefixed: the progress form on the same page has a "note" too, and ids must be unique.
        super().__init__(*args, prefix="measure", **kwargs)
        self.indicator.choices = options((str(i), name) for i, name in indicators)


class CorrectionForm(ReadingForm):
    """A reading corrected; ``version`` is the reading's stamp when the form was opened."""

    version = HiddenField()


class RemovalForm(FlaskForm):
    """The confirmation that removes a reading, as it was when the question was asked."""

    version = HiddenField()


class CommentForm(CreateForm):
    """A new comment thread: sent twice, it is posted once."""

    body = TextAreaField(_l("Comment"), validators=[DataRequired(_l("Write the comment.")), Length(max=COMMENT_MAX)])


class ReplyForm(CreateForm):
    """A reply: sent twice, it is posted once. Each thread's form carries the page's token with its own suffix."""

    body = TextAreaField(_l("Reply"), validators=[DataRequired(_l("Write the reply.")), Length(max=COMMENT_MAX)])


class ResolveForm(FlaskForm):
    """Resolve a thread, or reopen it when ``reopen`` is "1"."""

    reopen = HiddenField()


class MoveForm(FlaskForm):
    """One step of the review; the page shows only the steps open to the user."""

    move = HiddenField(validators=[DataRequired()])
    label = StringField(
        _l("Baseline label"),
        description=_l("For example: approved by the Cabinet, June 2027."),
        validators=[Optional(), Length(max=TITLE_MAX)],
    )
    # No Optional(): it would stop the chain before validate_comment, which needs the empty case.
    comment = TextAreaField(_l("Comment for the country team"), validators=[Length(max=COMMENT_MAX)])

    def validate_move(self, field) -> None:
        if field.data not in (Step.SUBMIT, Step.APPROVE, Step.RETURN, Step.REVISE):
            raise ValidationError(_l("Choose a step of the review."))

    def validate_comment(self, field) -> None:
        if self.move.data == Step.RETURN and not (field.data or "").strip():
            raise ValidationError(_l("Say what needs changing before returning the roadmap to draft."))
