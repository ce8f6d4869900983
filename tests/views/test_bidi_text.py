"""A person's text keeps its own direction in a page of the other direction, and boxes to type in follow the text."""

import re

from models import GlobalRole, MembershipRole
from tests.factories import import_small, make_user
from tests.views.conftest import login

ARABIC_TITLE = "خطة حماية الأطفال على الإنترنت (NCDA) 2027"


def test_an_arabic_title_is_isolated_right_to_left_in_the_english_interface(client, world):
    rid = import_small(title=ARABIC_TITLE)
    login(client, "editor@example.org")
    client.post("/language", data={"lang": "en", "next": "/"})
    page = client.get(f"/roadmaps/{rid}").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in page
    assert f'<h1><bdi dir="rtl">{ARABIC_TITLE}</bdi></h1>' in page
    # English text from the same roadmap stays left-to-right, and the document title holds no markup.
    assert '<bdi dir="ltr">Designate a lead agency</bdi>' in page
    assert f"<title>{ARABIC_TITLE} · COP Roadmap</title>" in page
    # The list of roadmaps isolates it too.
    home = client.get("/").get_data(as_text=True)
    assert f'<bdi dir="rtl">{ARABIC_TITLE}</bdi></a>' in home


def test_text_boxes_follow_what_is_typed_and_other_inputs_do_not(client, world):
    rid = import_small(title=ARABIC_TITLE)
    login(client, "editor@example.org")
    page = client.get(f"/roadmaps/{rid}/wizard/basics").get_data(as_text=True)
    title_input = re.search(r'<input[^>]*\bname="title"[^>]*>', page).group(0)
    assert 'dir="auto"' in title_input and 'type="text"' in title_input
    # The value is escaped into the attribute as it is, never wrapped.
    assert f'value="{ARABIC_TITLE}"' in title_input
    start_input = re.search(r'<input[^>]*\bname="start_date"[^>]*>', page).group(0)
    assert "dir=" not in start_input
    country_select = re.search(r'<select[^>]*\bname="country"[^>]*>', page).group(0)
    assert "dir=" not in country_select
    comments = client.get(f"/roadmaps/{rid}/review").get_data(as_text=True)
    comment_box = re.search(r'<textarea[^>]*\bname="body"[^>]*>', comments).group(0)
    assert 'dir="auto"' in comment_box


def test_english_names_are_isolated_left_to_right_in_the_arabic_interface(app):
    # Requests get their own app context here, so the chosen language is not held over from another request.
    with app.app_context():
        rid = import_small()
        make_user("editor@example.org", KEN=MembershipRole.EDITOR)
        make_user("admin@example.org", GlobalRole.ADMIN)
    client = app.test_client()
    login(client, "editor@example.org")
    client.post("/language", data={"lang": "ar", "next": "/"})
    page = client.get(f"/roadmaps/{rid}").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page
    assert '<h1><bdi dir="ltr">Kenya COP roadmap</bdi></h1>' in page
    assert '<bdi dir="ltr">Ministry of ICT</bdi>' in page
