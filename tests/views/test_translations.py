"""The six UN languages: complete catalogs, a language switcher on every page, pages without English leftovers."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from models import GlobalRole
from roadmap.catalog_messages import catalog_messages
from tests.factories import import_small, make_user, small_document
from tests.views.conftest import login
from views.extensions import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "views" / "translations"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def _catalog(lang: str):
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entry_is_translated_and_keeps_its_placeholders(lang):
    catalog = _catalog(lang)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(f"untranslated or fuzzy: {ids[0]!r}")
            continue
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            # A plural form may spell the number out ("one week"), so it may drop %(num)d, never add one.
            found = set(PLACEHOLDER.findall(text))
            if not found <= wanted or (len(ids) == 1 and found != wanted):
                problems.append(f"placeholders differ: {ids[0]!r} -> {text!r}")
    assert problems == []


def test_catalogs_hold_every_string_of_the_code(tmp_path):
    # Extract again, as `make messages` does: a string added to the code or to catalog.json without a
    # translation in every language fails here.
    pot = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [str(pybabel), "extract", "-F", "babel.cfg", "-k", "_l", "-k", "N_", "-k", "lazy_gettext", "-o", str(pot), "."],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as f:
        extracted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    assert len(extracted) > 500
    for lang in LANGUAGES:
        known = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(lang) if m.id}
        missing = sorted(extracted - known)
        assert missing == [], f"{lang}: run `make messages` and translate {missing[:5]}"


def test_the_starter_catalog_is_in_the_catalogs():
    raw = json.loads((ROOT / "roadmap" / "catalog.json").read_text(encoding="utf-8"))
    french = _catalog("fr")
    titles = [raw["templates"][0]["title"], raw["templates"][-1]["description"]]
    for text in titles:
        assert french[text].string and french[text].string != text
    assert len(set(catalog_messages(raw))) > 100


class _Text(HTMLParser):
    """The visible text nodes and attribute words of a page (not scripts, not hidden values)."""

    def __init__(self):
        super().__init__()
        self.nodes: set[str] = set()
        self.html_lang = self.html_dir = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "html":
            self.html_lang, self.html_dir = values.get("lang"), values.get("dir")
        if tag in ("script", "style", "option"):
            self._skip += 1
        for name in ("aria-label", "title", "placeholder", "data-label"):
            if values.get(name):
                self.nodes.add(values[name].strip())

    def handle_endtag(self, tag):
        if tag in ("script", "style", "option") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.nodes.add(" ".join(data.split()))


def _texts(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


def _user_words() -> set[str]:
    # Whatever the roadmap's own text says stays as the team wrote it, in every interface language.
    words: set[str] = set()

    def walk(value):
        if isinstance(value, str):
            words.add(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(small_document())
    return words


# Words that are the same in every language here: names, formats, codes.
SAME_EVERYWHERE = re.compile(r"^(COP|ITU|CSV|JSON|PDF|XLSX|API|UTC|ISO|OpenAPI|[A-Z]{2,3}\d*|[\W\d_]+)$")


def _leftovers(english: set[str], localised: set[str], user: set[str]) -> set[str]:
    return {
        t
        for t in localised & english
        if re.search(r"[A-Za-z]{3}.*\s.*[A-Za-z]{3}", t)  # a phrase of English words, not a code or a number
        and not any(t in u or u in t for u in user)
        and "@" not in t
        and not SAME_EVERYWHERE.match(t)
    }


def _pages(roadmap_id: int) -> list[str]:
    base = f"/roadmaps/{roadmap_id}"
    return [
        "/",
        "/roadmaps/new",
        "/account/tokens",
        base,
        f"{base}/pillars",
        f"{base}/wizard/basics",
        f"{base}/wizard/legal",
        f"{base}/wizard/dependencies",
        f"{base}/wizard/review",
        f"{base}/stakeholders/",
        f"{base}/timeline",
        f"{base}/graph",
        f"{base}/threats",
        f"{base}/capabilities",
        f"{base}/history",
        f"{base}/progress",
        f"{base}/review",
        f"{base}/next",
        f"{base}/what-if",
        f"{base}/calendar",
        f"{base}/deliverables/new",
    ]


def _choose(client, lang: str, path: str = "/"):
    return client.post("/language", data={"lang": lang, "next": path})


@pytest.fixture
def editor_pages(app):
    # Requests get their own app context (an outer one would keep Flask-Babel's locale from the first request).
    with app.app_context():
        roadmap_id = import_small()
        make_user("editor@example.org", KEN="editor")
        make_user("admin@example.org", GlobalRole.ADMIN)
    return roadmap_id


def test_every_page_renders_in_the_six_languages_without_english_leftovers(app, editor_pages):
    client = app.test_client()
    login(client, "editor@example.org")
    pages = _pages(editor_pages)
    _choose(client, "en")
    english = {}
    for path in pages:
        # A create page (or the stakeholders page) first goes to its own address with a one-time token.
        response = client.get(path, follow_redirects=True)
        assert response.status_code == 200, path
        english[path] = _texts(response.get_data(as_text=True)).nodes
    user = _user_words()
    for lang in LANGUAGES:
        if lang == "en":
            continue
        _choose(client, lang)
        for path in pages:
            response = client.get(path, follow_redirects=True)
            assert response.status_code == 200, (lang, path)
            text = _texts(response.get_data(as_text=True))
            assert (text.html_lang, text.html_dir) == (lang, "rtl" if lang == "ar" else "ltr"), path
            assert _leftovers(english[path], text.nodes, user) == set(), (lang, path)


def test_the_switcher_keeps_the_page_and_wins_over_the_browser(app, editor_pages):
    client = app.test_client()
    page = client.get("/login", headers={"Accept-Language": "ru,en;q=0.5"}).get_data(as_text=True)
    assert 'lang="ru"' in page and "Войти" in page
    assert 'action="/language"' in page and 'name="next" value="/login"' in page
    response = _choose(client, "ar", "/login?next=%2Froadmaps%2Fnew")
    assert response.status_code == 302 and response.location.endswith("/login?next=%2Froadmaps%2Fnew")
    page = client.get("/login", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert 'lang="ar" dir="rtl"' in page and "تسجيل الدخول" in page
    # Signing in starts a fresh session, but the language the reader chose stays.
    login(client, "editor@example.org")
    assert "خرائط الطريق الخاصة بك" in client.get("/").get_data(as_text=True)


def test_the_switcher_refuses_other_languages_and_other_sites(app, editor_pages):
    client = app.test_client()
    assert _choose(client, "de").status_code == 400
    response = _choose(client, "fr", "https://example.com/")
    assert response.status_code == 302 and response.location.endswith("/")
    assert "example.com" not in response.location


def test_country_names_and_numbers_follow_the_reader(app, editor_pages):
    client = app.test_client()
    login(client, "editor@example.org")
    _choose(client, "zh")
    assert "肯尼亚" in client.get(f"/roadmaps/{editor_pages}").get_data(as_text=True)
    _choose(client, "fr")
    page = client.get(f"/roadmaps/{editor_pages}").get_data(as_text=True)
    assert "Kenya" in page and "Feuille de route COP" in page


def test_a_template_added_to_a_french_roadmap_comes_in_french_for_an_arabic_reader(app):
    with app.app_context():
        roadmap_id = import_small(language="fr")
        make_user("editor@example.org", KEN="editor")
    client = app.test_client()
    login(client, "editor@example.org")
    _choose(client, "ar")
    page = client.get(
        f"/roadmaps/{roadmap_id}/deliverables/new?pillar=legal&template=legal_gap_analysis", follow_redirects=True
    )
    html = page.get_data(as_text=True)
    assert 'dir="rtl"' in html
    french = _catalog("fr")["Legal gap analysis of child online protection laws"].string
    assert french in html
    # The suggestions, read by the person at the screen, are in the page's language.
    wizard = client.get(f"/roadmaps/{roadmap_id}/wizard/legal").get_data(as_text=True)
    arabic = _catalog("ar")["Legal gap analysis of child online protection laws"].string
    assert arabic in wizard
