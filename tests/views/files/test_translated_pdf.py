"""The printed roadmap speaks the roadmap's language, whatever the language of the person printing it."""

from __future__ import annotations

import re
from io import BytesIO

import pypdf
import pytest
from flask_babel import force_locale, gettext

from models.operations import Actor, import_plan
from roadmap.catalog import load_catalog
from roadmap.demo import demo_plan
from roadmap.vocabulary import Language, Pillar
from tests.factories import make_user
from tests.views.conftest import fetch_pdf, login

# One template per pillar keeps the PDF small; every text of it is still the catalog's, translated.
TEMPLATES = tuple(next(t for t in load_catalog() if t.pillar == p) for p in Pillar)

CASES = {
    # language: (country, title, words the PDF must carry in that language)
    Language.AR: (
        "JOR",
        "خارطة الطريق الوطنية لحماية الأطفال على الإنترنت 2027–2030",
        ["الملخص التنفيذي", "الأردن", "تحليل الثغرات في قوانين حماية الأطفال على الإنترنت", "وزارة العدل"],
    ),
    Language.ZH: (
        "CHN",
        "国家儿童在线保护路线图 2027–2030",
        ["执行摘要", "中国", "儿童在线保护法律差距分析", "司法部", "2027年1月4日"],
    ),
}


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(params=list(CASES), ids=lambda lang: lang.value)
def printed(request, app):
    language = request.param
    country, title, words = CASES[language]
    with app.test_request_context(), force_locale(language.value):
        plan = demo_plan(country, title, TEMPLATES, language=language, gettext=gettext)
    with app.app_context():
        roadmap_id = import_plan(plan, Actor("test"))
        make_user("adviser.fr@example.org", **{country: "viewer"})
    client = app.test_client()
    login(client, "adviser.fr@example.org")
    client.post("/language", data={"lang": "fr", "next": "/"})
    page = client.get(f"/roadmaps/{roadmap_id}").get_data(as_text=True)
    response = fetch_pdf(client, f"/roadmaps/{roadmap_id}/roadmap.pdf")
    assert response.status_code == 200
    reader = pypdf.PdfReader(BytesIO(response.data))
    return language, page, compact("".join(p.extract_text() for p in reader.pages)), words


def test_a_french_reader_prints_the_roadmap_in_its_own_language(printed):
    _, page, text, words = printed
    # The pages are in French for this reader...
    assert '<html lang="fr" dir="ltr">' in page and "Feuille de route COP" in page
    # ...and the PDF carries the roadmap's own language: its labels, the country name, the catalog's words.
    for word in words:
        assert compact(word) in text, word
    for french in ("Résumé analytique", "Feuille de route", "Chemin critique"):
        assert compact(french) not in text
    assert "Executive summary" not in text and "Executivesummary" not in text
