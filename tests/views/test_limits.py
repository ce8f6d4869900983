"""Size limits: every text field is bounded like its column, and an oversized request gets a clear 413."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from sqlalchemy import select
from werkzeug.test import encode_multipart
from wtforms import Form, StringField, TextAreaField
from wtforms.validators import Length

import views
from models import Deliverable, Roadmap, Stakeholder, db
from roadmap.vocabulary import DESCRIPTION_MAX, NAME_MAX, NOTES_MAX, TITLE_MAX
from tests.conftest import make_app
from tests.views.conftest import login


def _form_classes():
    for info in pkgutil.iter_modules(views.__path__):
        module = importlib.import_module(f"views.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Form) and cls.__module__ == module.__name__:
                yield cls


def _length_max(unbound) -> int | None:
    limits = [v.max for v in unbound.kwargs.get("validators", []) if isinstance(v, Length) and v.max >= 0]
    return min(limits) if limits else None


def test_every_text_field_of_every_form_has_a_length_limit():
    unbounded = []
    for cls in _form_classes():
        for name, unbound in inspect.getmembers(cls):
            kind = getattr(unbound, "field_class", None)
            typed = kind and issubclass(kind, StringField | TextAreaField) and kind.__name__ != "HiddenField"
            if typed and _length_max(unbound) is None:
                unbounded.append(f"{cls.__name__}.{name}")
    assert unbounded == []


@pytest.mark.parametrize(
    ("form", "field", "column"),
    [
        ("BasicsForm", "title", Roadmap.__table__.c.title),
        ("DeliverableForm", "title", Deliverable.__table__.c.title),
        ("DeliverableForm", "key", Deliverable.__table__.c.key),
        ("DeliverableForm", "objective", Deliverable.__table__.c.objective),
        ("DeliverableForm", "funding_source", Deliverable.__table__.c.funding_source),
        ("DeliverableForm", "cost_currency", Deliverable.__table__.c.cost_currency),
        ("StakeholderForm", "name", Stakeholder.__table__.c.name),
    ],
)
def test_limits_match_the_columns(form, field, column):
    from views.wizard import forms as wizard_forms

    assert _length_max(getattr(getattr(wizard_forms, form), field)) == column.type.length


def test_text_columns_without_a_database_limit_have_the_vocabulary_limit():
    from views.wizard.forms import AssessmentForm, DeliverableForm

    assert _length_max(DeliverableForm.description) == DESCRIPTION_MAX
    assert _length_max(AssessmentForm.notes) == NOTES_MAX


def test_a_field_over_its_limit_is_refused_next_to_it_with_the_text_kept(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    l1 = db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == "L1"))
    long_title, long_description = "T" * (TITLE_MAX + 1), "D" * (DESCRIPTION_MAX + 1)
    response = client.post(
        f"/roadmaps/{rid}/deliverables/{l1.id}/edit",
        data={
            "key": "L1",
            "pillar": "legal",
            "title": long_title,
            "description": long_description,
            "duration_weeks": "16",
            "priority": "medium",
            "lead": "MOICT",
            "version": str(l1.version),
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'aria-describedby="title-error" aria-invalid="true" id="title"' in html or 'id="title-error"' in html
    title_error = html.split('id="title-error">', 1)[1].split("</p>", 1)[0]
    assert f"Field cannot be longer than {TITLE_MAX} characters." in title_error
    description_error = html.split('id="description-error">', 1)[1].split("</p>", 1)[0]
    assert f"Field cannot be longer than {DESCRIPTION_MAX} characters." in description_error
    assert long_title in html and long_description in html
    db.session.expire_all()
    assert db.session.get(Deliverable, l1.id).title == "Legal gap analysis"


def test_a_stakeholder_name_over_its_limit_is_refused(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    response = client.post(
        f"/roadmaps/{rid}/stakeholders/", data={"add-name": "N" * (NAME_MAX + 1), "add-kind": "regulator"}
    )
    assert response.status_code == 400
    assert f"Field cannot be longer than {NAME_MAX} characters." in response.get_data(as_text=True)


@pytest.mark.parametrize("csrf", [False, True])
def test_a_body_over_the_limit_gets_a_clear_413(tmp_path, monkeypatch, csrf):
    app = make_app(tmp_path, monkeypatch, WTF_CSRF_ENABLED=csrf)
    client = app.test_client()
    too_big = app.config["MAX_CONTENT_LENGTH"] + 1
    response = client.post("/login", data={"email": "a@example.org", "password": "x" * too_big})
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "larger than this site accepts (at most 25 MB)" in html and "nothing was saved" in html
    assert "Traceback" not in html


def test_one_huge_typed_field_is_refused_next_to_it_never_a_server_error(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    data = {"title": "A title", "description": "D" * 600_000, "duration_weeks": "1", "priority": "medium"}
    response = client.post(f"/roadmaps/{rid}/deliverables/new", data=data)
    assert response.status_code == 400
    error = response.get_data(as_text=True).split('id="description-error">', 1)[1].split("</p>", 1)[0]
    assert f"Field cannot be longer than {DESCRIPTION_MAX} characters." in error
    # Sent as multipart (as a browser does with a file input), one field over Flask's 500 kB is a 413.
    boundary, body = encode_multipart(data)  # built in memory: the test client would spool it to a file
    response = client.post(
        f"/roadmaps/{rid}/deliverables/new", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 413 and "nothing was saved" in response.get_data(as_text=True)
    assert db.session.scalar(select(Deliverable.id).where(Deliverable.title == "A title")) is None
