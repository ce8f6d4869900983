"""A change the model layer refuses is explained in the reader's language: the sentence from the catalog,
its words (a field's name, a status, a day) in that language too, never a stored code or an ISO date."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from sqlalchemy import select

from models import Deliverable, Stakeholder, db
from tests.views.conftest import login
from tests.views.files.test_spreadsheets import upload
from views.extensions import LANGUAGES

TRANSLATIONS = Path(__file__).resolve().parents[2] / "views" / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
STORED_CODES = ("in_review", "in_progress", "not_started", "finish_to_start", "law_enforcement", "actual_start")


@cache
def catalog(lang: str):
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=lang)


def translated(lang: str, msgid: str) -> str:
    text = catalog(lang)[msgid].string
    assert text, f"{msgid!r} has no {lang} translation"
    return text


def pattern(lang: str, msgid: str, **values: str) -> re.Pattern:
    """The catalog's sentence as a pattern: the values given filled in, any other value one or more characters."""
    parts, last = [], 0
    text = translated(lang, msgid)
    for m in PLACEHOLDER.finditer(text):
        parts.append(re.escape(text[last : m.start()]))
        name = m.group(1)
        parts.append(re.escape(values[name]) if name in values else f"(?P<{name}>.+?)")
        last = m.end()
    parts.append(re.escape(text[last:]))
    return re.compile("".join(parts), re.IGNORECASE)  # a page may begin the sentence with a capital


def errors_on(page: str) -> list[str]:
    """The error lines a page shows: next to a field, for the whole form, or in a table of problems."""
    found = re.findall(r'class="error"[^>]*>(.*?)</p>', page) + re.findall(r"<td data-label=[^>]*>(.*?)</td>", page)
    return [html.unescape(re.sub(r"<[^>]+>", "", e)).strip() for e in found]


def says(page: str, lang: str, msgid: str, **values: str) -> re.Match:
    """The refusal as the catalog words it in ``lang``, with no English left and no stored code."""
    wanted = pattern(lang, msgid, **values)
    shown = errors_on(page)
    found = next((m for e in shown if (m := wanted.search(e))), None)
    assert found, f"{lang}: {translated(lang, msgid)!r} not among {shown}"
    line = found.string
    if lang != "en":
        english = PLACEHOLDER.split(msgid)[0].strip()
        assert not english or english.lower() not in line.lower(), line
    assert not ISO_DAY.search(line), line
    assert not any(code in line for code in STORED_CODES), line
    return found


def choose(client, lang: str) -> None:
    client.post("/language", data={"lang": lang, "next": "/"})


def deliverable_id(rid: int, key: str) -> int:
    return db.session.scalar(select(Deliverable.id).where(Deliverable.roadmap_id == rid, Deliverable.key == key))


@pytest.fixture
def editor(client, world):
    login(client, "editor@example.org")
    return client


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_link_that_closes_a_loop_names_the_loop_in_the_readers_language(editor, world, lang):
    choose(editor, lang)
    rid = world["kenya"]
    o1 = deliverable_id(rid, "O1")
    refused = editor.post(
        f"/roadmaps/{rid}/deliverables/{o1}/links",
        data={"link-O1-predecessor": "M1", "link-O1-kind": "finish_to_finish", "link-O1-lag_weeks": "0"},
    )
    assert refused.status_code == 400
    says(refused.text, lang, "dependency loop: %(loop)s", loop="L1 → T1 → M1 → O1 → L1")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_key_another_stakeholder_has_is_refused_in_the_readers_language(editor, world, lang):
    choose(editor, lang)
    rid = world["kenya"]
    police = db.session.scalar(select(Stakeholder.id).where(Stakeholder.roadmap_id == rid, Stakeholder.key == "POLICE"))
    refused = editor.post(
        f"/roadmaps/{rid}/stakeholders/{police}",
        data={f"s{police}-name": "National Police", f"s{police}-kind": "law_enforcement", f"s{police}-key": "NGO"},
    )
    assert refused.status_code == 400
    says(refused.text, lang, "another stakeholder already has the key %(key)s", key="NGO")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_review_step_the_status_does_not_allow_is_refused_in_the_readers_language(editor, world, lang):
    choose(editor, lang)
    rid = world["kenya"]
    assert editor.post(f"/roadmaps/{rid}/status", data={"move": "submit"}).status_code == 302
    refused = editor.post(f"/roadmaps/{rid}/status", data={"move": "submit"})
    assert refused.status_code == 400
    says(refused.text, lang, "the roadmap is in review, so it cannot be moved that way")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_day_in_the_future_is_named_by_its_field_and_written_as_the_reader_writes_days(editor, world, lang):
    choose(editor, lang)
    rid = world["kenya"]
    o1 = db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == "O1"))
    later = date.today() + timedelta(days=400)
    refused = editor.post(
        f"/roadmaps/{rid}/deliverables/{o1.id}/progress",
        data={
            "status": "in_progress",
            "percent_complete": "10",
            "actual_start": later.isoformat(),
            "actual_finish": "",
            "note": "",
            "version": str(o1.version),
        },
    )
    assert refused.status_code == 400
    found = says(
        refused.text,
        lang,
        "the %(what)s %(day)s is in the future: record it once it has happened",
        what=translated(lang, "actual start"),
    )
    assert str(later.year) in found.group("day")  # the day in the reader's words, not 2027-01-12


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_file_that_is_not_a_spreadsheet_is_refused_in_the_readers_language(editor, world, lang):
    choose(editor, lang)
    refused = upload(editor, [("plan.csv", b"Key,Title\x00\x01")])
    assert refused.status_code == 400
    says(refused.text, lang, "%(name)s: not a CSV file (it holds binary data)", name="plan.csv")
