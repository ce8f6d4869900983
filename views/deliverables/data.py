"""Moving a deliverable between its form and the plan dataclass the operations take."""

from __future__ import annotations

from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select

from models import Deliverable as DeliverableRow
from models import Stakeholder, db
from roadmap.catalog import Template, templates_by_key
from roadmap.plan import Cost, Deliverable, Indicator
from roadmap.threats import Threat
from roadmap.vocabulary import Pillar, Priority
from views.wizard.forms import DeliverableForm


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def deliverable_from_form(form: DeliverableForm) -> Deliverable:
    """The deliverable as typed; blank indicator rows are left out."""
    amount: Decimal | None = form.cost_amount.data
    cost = None
    if amount is not None or _text(form.funding_source.data):
        cost = Cost(amount, _text(form.cost_currency.data), _text(form.funding_source.data))
    return Deliverable(
        key=(form.key.data or "").strip(),
        pillar=Pillar(form.pillar.data),
        title=form.title.data.strip(),
        duration_weeks=form.duration_weeks.data,
        description=_text(form.description.data),
        lead=form.lead.data or None,
        partners=tuple(form.partners.data or ()),
        objective=_text(form.objective.data),
        not_before=form.not_before.data,
        due_by=form.due_by.data,
        priority=Priority(form.priority.data),
        threats=tuple(t for t in Threat if t.value in (form.threats.data or ())),
        template=_text(form.template.data),
        cost=cost,
        indicators=tuple(
            Indicator(
                row.form.name.data.strip(),
                _text(row.form.unit.data),
                row.form.baseline.data,
                row.form.target.data,
                source=_text(row.form.source.data),
            )
            for row in form.indicators
            if _text(row.form.name.data)
        ),
    )


def _indicator_rows(form: DeliverableForm, indicators) -> None:
    while len(form.indicators) > 0:
        form.indicators.pop_entry()
    for x in (*indicators, None, None)[: max(2, len(indicators) + 1)]:
        row = form.indicators.append_entry()
        if x is not None:
            row.form.name.data, row.form.unit.data = x.name, x.unit
            row.form.baseline.data, row.form.target.data = x.baseline, x.target
            row.form.source.data = x.source


def fill_form(form: DeliverableForm, d: Deliverable, version: int) -> None:
    """Put a stored deliverable into the edit form."""
    form.key.data, form.pillar.data, form.title.data = d.key, d.pillar.value, d.title
    form.description.data, form.objective.data = d.description, d.objective
    form.lead.data, form.partners.data = d.lead or "", list(d.partners)
    form.duration_weeks.data, form.not_before.data, form.due_by.data = d.duration_weeks, d.not_before, d.due_by
    form.priority.data, form.threats.data = d.priority.value, [t.value for t in d.threats]
    if d.cost:
        form.cost_amount.data, form.cost_currency.data = d.cost.amount, d.cost.currency
        form.funding_source.data = d.cost.source
    form.template.data, form.version.data = d.template or "", str(version)
    _indicator_rows(form, d.indicators)


def _suggested_lead(t: Template, roadmap_id: int) -> tuple[str, str]:
    """The lead a template's deliverable most likely has in this roadmap, and a note saying it is a guess.

    First the lead the team gave this template before, then the one it gave other work usually led by the
    same kind of organisation, then the roadmap's first stakeholder of that kind.
    """
    d, s = DeliverableRow, Stakeholder
    led = select(s.key).join(d, d.lead_id == s.id).where(d.roadmap_id == roadmap_id).order_by(d.id.desc()).limit(1)
    if key := db.session.scalar(led.where(d.template_key == t.key)):
        return key, _("Suggested from what you chose before for this template: check it.")
    same_kind = [k for k, other in templates_by_key().items() if other.lead_kind == t.lead_kind]
    if key := db.session.scalar(led.where(d.template_key.in_(same_kind), s.kind == t.lead_kind)):
        return key, _("Suggested from what you chose before for this kind of work: check it.")
    first = select(s.key).where(s.roadmap_id == roadmap_id, s.kind == t.lead_kind).order_by(s.id).limit(1)
    if key := db.session.scalar(first):
        return key, _("Suggested from the template's kind: check it.")
    return "", ""


def fill_from_template(form: DeliverableForm, t: Template, roadmap_id: int) -> None:
    """Pre-fill a new deliverable from a catalog template; the team edits it before saving."""
    form.pillar.data, form.title.data, form.description.data = t.pillar.value, t.title, t.description
    form.duration_weeks.data, form.template.data = t.duration_weeks, t.key
    form.threats.data = [x.value for x in t.threats]
    form.lead.data, form.lead.description = _suggested_lead(t, roadmap_id)
    _indicator_rows(form, [Indicator(i.name, i.unit, i.baseline, i.target, source=i.source) for i in t.indicators])
