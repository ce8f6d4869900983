"""The deliverable form's input carried through the "add a stakeholder" step and shown again after it.

Without JavaScript the deliverable form's own fields are posted to the step (the button's ``formaction``),
kept there as hidden fields, and the deliverable form is shown again from them, with the address it
came from as its action: saving it then does exactly what it would have done before the detour.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, render_template
from sqlalchemy import select
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from models import Deliverable, Stakeholder, db
from views.wizard.forms import DeliverableForm
from views.wizard.steps import STEPS, step_label

# Not carried: the step's own fields and buttons, and the CSRF token, which each page renders afresh.
_NOT_CARRIED = ("csrf_token", "add_stakeholder", "go")
_DELIVERABLE_FORMS = {"deliverables.new", "deliverables.edit"}


def carried_fields(posted: MultiDict) -> list[tuple[str, str]]:
    """The deliverable form's fields among what was posted, in order, each value as sent."""
    return [(k, v) for k, v in posted.items(multi=True) if k not in _NOT_CARRIED and not k.startswith("sh-")]


def back_to_the_deliverable(roadmap_id: int, address: str) -> tuple[str, int | None] | None:
    """(address, deliverable id or None) if ``address`` is this roadmap's new or edit deliverable form."""
    parts = urlsplit(address)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None  # only a page of this site, never one elsewhere
    try:
        endpoint, values = current_app.url_map.bind("").match(parts.path, method="POST")
    except HTTPException:
        return None
    if endpoint not in _DELIVERABLE_FORMS or values.get("roadmap_id") != roadmap_id:
        return None
    return address, values.get("deliverable_id")


def _names(form) -> set[str]:
    found = set()
    for field in form:
        if hasattr(field, "entries"):
            for entry in field.entries:
                found |= _names(entry.form) if hasattr(entry, "form") else {entry.name}
        else:
            found.add(field.name)
    return found


def deliverable_page(roadmap, target: tuple[str, int | None], carried: list[tuple[str, str]], lead: str | None):
    """The deliverable form again, from what was carried; ``lead``, when given, chosen as its lead."""
    address, deliverable_id = target
    deliverable = db.session.get(Deliverable, deliverable_id) if deliverable_id else None
    if deliverable is not None and deliverable.roadmap_id != roadmap.id:
        deliverable = None
    rows = db.session.execute(
        select(Stakeholder.key, Stakeholder.name).where(Stakeholder.roadmap_id == roadmap.id).order_by(Stakeholder.name)
    )
    data = MultiDict([(k, v) for k, v in carried if k != "return_to"])
    form = DeliverableForm([(key, name) for key, name in rows], formdata=data, meta={"csrf": True})
    if lead:
        form.lead.data = lead
        form.partners.data = [p for p in form.partners.data or [] if p != lead]
    # Fields another part of the page added (a one-time token, say) go back as they came.
    extra = [(k, v) for k, v in carried if k not in _names(form) and k != "return_to"]
    return render_template(
        "deliverables/form.html",
        form=form,
        roadmap=roadmap,
        deliverable=deliverable,
        steps=STEPS,
        step=form.pillar.data or "legal",
        step_label=step_label,
        action=address,
        return_to=address,
        carried_extra=extra,
    )
