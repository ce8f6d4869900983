"""Forms on a roadmap's pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField
from wtforms.validators import InputRequired, NumberRange

from roadmap.plan import Plan
from roadmap.whatif import SLIP_MAX_WEEKS
from views.wizard.forms import LongSelect, options


class WhatIfForm(FlaskForm):
    """ "If this deliverable slips N weeks…" — read-only, so sent with GET and no CSRF token."""

    class Meta:
        csrf = False

    key = SelectField(_l("If this deliverable"), validators=[InputRequired()], widget=LongSelect())
    weeks = IntegerField(
        _l("slips by (weeks)"),
        validators=[
            InputRequired(_l("Give a number of weeks.")),
            NumberRange(1, SLIP_MAX_WEEKS, _l("Give a whole number of weeks from %(min)s to %(max)s.")),
        ],
    )

    def __init__(self, plan: Plan, sequence_keys: list[str], *args, **kwargs):
        super().__init__(*args, **kwargs)
        titles = {d.key: d.title for d in plan.deliverables}
        self.key.choices = options((k, f"{k} — {titles[k]}") for k in sequence_keys)
