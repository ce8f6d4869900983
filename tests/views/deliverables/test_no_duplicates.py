"""A create form sent twice (Back, then Save) saves once and shows what it saved; a refused send spends nothing."""

import re

from sqlalchemy import func, select

from models import Deliverable, db
from tests.views.conftest import login

TITLE = "Pilot a school online-safety week"


def _count(rid: int, title: str = TITLE) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.title == title)
    )


def _opened(client, rid: int) -> tuple[str, str]:
    """The new-deliverable page as the wizard opens it: its address and the token its form carries."""
    left = client.post(f"/roadmaps/{rid}/wizard/capacity", data={"direction": "custom"})
    address = left.headers["Location"]
    assert re.search(r"[?&]once=[\w-]{16,}", address), address
    html = client.get(address).get_data(as_text=True)
    token = re.search(r'name="once" type="hidden" value="([^"]+)"', html).group(1)
    assert f"once={token}" in address  # fetched again (Back), the page carries the same token
    assert token in client.get(address).get_data(as_text=True)
    return address, token


def _new(once: str, **fields) -> dict[str, str]:
    return {
        "pillar": "capacity",
        "title": TITLE,
        "duration_weeks": "6",
        "priority": "medium",
        "lead": "MOICT",
        "once": once,
        **fields,
    }


def test_saving_the_same_page_again_shows_what_was_saved_instead_of_a_copy(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    address, token = _opened(client, rid)
    first = client.post(address, data=_new(token))
    assert first.status_code == 302 and first.headers["Location"].endswith(f"/roadmaps/{rid}/wizard/capacity")
    assert _count(rid) == 1
    saved = db.session.scalar(select(Deliverable.id).where(Deliverable.roadmap_id == rid, Deliverable.title == TITLE))

    again = client.post(address, data=_new(token), follow_redirects=True)
    assert again.status_code == 200
    assert again.request.path == f"/roadmaps/{rid}/deliverables/{saved}/edit"
    assert "This was already saved, so it was not added again. Here it is." in again.get_data(as_text=True)
    assert _count(rid) == 1


def test_a_refused_send_spends_no_token_so_the_corrected_form_saves(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    address, token = _opened(client, rid)
    refused = client.post(address, data=_new(token, key="L1"))  # a key the plan already has
    assert refused.status_code == 400 and token in refused.get_data(as_text=True)
    assert _count(rid) == 0
    assert client.post(address, data=_new(token)).status_code == 302
    assert _count(rid) == 1


def test_another_page_of_the_form_adds_another_deliverable(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    for _ in range(2):
        address, token = _opened(client, rid)
        assert client.post(address, data=_new(token)).status_code == 302
    assert _count(rid) == 2


def test_a_token_sent_by_someone_else_leads_nowhere(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    address, token = _opened(client, rid)
    assert client.post(address, data=_new(token)).status_code == 302
    client.post("/logout")
    login(client, "admin@example.org")
    # Not this person's token: they are not taken to what it saved, and no copy is made with it.
    response = client.post(address, data=_new(token))
    assert response.status_code == 400 and "already saved" not in response.get_data(as_text=True)
    assert _count(rid) == 1


def test_a_page_opened_from_any_link_gets_a_token_of_its_own_in_its_address(client, world):
    # A template's link, a bookmark or a typed address carries no token: the page goes to the same
    # address with one, so that Back (which fetches the address again) brings back the same token.
    login(client, "editor@example.org")
    rid = world["kenya"]
    opened = client.get(f"/roadmaps/{rid}/deliverables/new?pillar=capacity&template=teacher_training")
    assert opened.status_code == 302
    address = opened.headers["Location"]
    assert "pillar=capacity" in address and "template=teacher_training" in address
    token = re.search(r"[?&]once=([\w-]{16,})", address).group(1)
    assert f'name="once" type="hidden" value="{token}"' in client.get(address).get_data(as_text=True)
    assert client.post(address, data=_new(token)).status_code == 302
    again = client.post(address, data=_new(token), follow_redirects=True)
    assert "This was already saved, so it was not added again. Here it is." in again.get_data(as_text=True)
    assert _count(rid) == 1
