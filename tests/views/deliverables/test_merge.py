"""Two people editing the same deliverable: the second sees the differences in the form's own terms and
keeps theirs or takes the saved value field by field, then saves once."""

import re
from decimal import Decimal
from html.parser import HTMLParser

from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from models import Deliverable, db
from tests.views.conftest import login


class _MergeForm(HTMLParser):
    """The conflict page's merge form as a browser would send it, with the radios left to the test."""

    def __init__(self):
        super().__init__()
        self.inside, self.fields, self.radios = False, [], {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and "conflict-merge" in (a.get("class") or ""):
            self.inside = True
        elif tag == "input" and self.inside:
            if a["type"] == "radio":
                self.radios.setdefault(a["name"], []).append(a["value"])
            else:
                self.fields.append((a["name"], a.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def merge_form(html: str) -> _MergeForm:
    parser = _MergeForm()
    parser.feed(html)
    return parser


def _l1(rid) -> Deliverable:
    return db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == "L1"))


BASE = {"key": "L1", "pillar": "legal", "duration_weeks": "16", "priority": "medium", "lead": "MOICT"}


def _stale_pair(client, rid, first: dict, second: list[tuple[str, str]]):
    """Save ``first`` at the version L1 was opened at, then send ``second`` at that same version."""
    l1 = _l1(rid)
    url, opened = f"/roadmaps/{rid}/deliverables/{l1.id}/edit", str(l1.version)
    assert client.post(url, data={**BASE, **first, "version": opened}).status_code == 302
    return url, client.post(url, data=MultiDict([*BASE.items(), *second, ("version", opened)]))


def _rows(html: str) -> dict[str, tuple[str, str, bool]]:
    found = re.findall(
        r'<tr( class="differs")?><th scope="row">([^<]+?)(?: <span class="tag">[^<]*</span>)?</th>'
        r'<td dir="auto">([^<]*)</td><td dir="auto">([^<]*)</td>',
        html,
    )
    return {label: (typed, saved, bool(differs)) for differs, label, typed, saved in found}


def test_the_same_partners_in_another_order_are_no_difference_and_values_read_as_in_the_form(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    first = {"title": "Saved first", "partners": ["POLICE", "NGO"], "cost_amount": "18000000", "cost_currency": "KES"}
    _, stale = _stale_pair(
        client,
        rid,
        first,
        [
            *[("title", "Typed second"), ("partners", "NGO"), ("partners", "POLICE")],
            *[("cost_amount", "18000000.00"), ("cost_currency", "KES"), ("not_before", "2027-03-01")],
        ],
    )
    assert stale.status_code == 409
    rows = _rows(stale.get_data(as_text=True))
    assert rows["Partners"] == ("Child Rights Network, National Police", "Child Rights Network, National Police", False)
    assert rows["Cost"] == ("18,000,000.00", "18,000,000.00", False)
    assert rows["Lead"] == ("Ministry of ICT", "Ministry of ICT", False)
    assert rows["Priority"] == ("Medium", "Medium", False)
    assert rows["Cannot start before"] == ("1 Mar 2027", "", True)
    assert rows["Title"] == ("Typed second", "Saved first", True)


def test_in_french_the_cost_is_written_the_french_way(app, client, world):
    login(client, "editor@example.org")
    with app.app_context():
        client.post("/language", data={"lang": "fr", "next": "/"})
    rid = world["kenya"]
    with app.app_context():
        _, stale = _stale_pair(
            client, rid, {"title": "A", "cost_amount": "18000000", "cost_currency": "KES"}, [("title", "B")]
        )
        rows = _rows(stale.get_data(as_text=True))
    assert rows["Coût"][1] == "18\u202f000\u202f000,00"
    assert "Garder le mien" in stale.get_data(as_text=True)


def test_keep_mine_or_take_theirs_per_field_then_save(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    url, stale = _stale_pair(
        client,
        rid,
        {"title": "Their title", "description": "Their words", "cost_amount": "500", "cost_currency": "USD"},
        [("title", "My title"), ("description", "My words"), ("partners", "NGO")],
    )
    form = merge_form(stale.get_data(as_text=True))
    assert set(form.radios) == {"pick-title", "pick-description", "pick-partners", "pick-cost_amount"} | {
        "pick-cost_currency"
    }
    picks = {"pick-title": "mine", "pick-description": "theirs", "pick-partners": "mine"}
    picks |= {"pick-cost_amount": "theirs", "pick-cost_currency": "theirs"}
    saved = client.post(url, data=MultiDict([*form.fields, *picks.items()]))
    assert saved.status_code == 302, saved.get_data(as_text=True)
    db.session.expire_all()
    l1 = _l1(rid)
    assert (l1.title, l1.description, l1.cost_amount, l1.cost_currency) == (
        "My title",
        "Their words",
        Decimal("500.00"),
        "USD",
    )
    assert [p.key for p in l1.partners] == ["NGO"]


def test_a_field_left_unchosen_keeps_what_is_saved(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    url, stale = _stale_pair(client, rid, {"title": "Their title"}, [("title", "My title"), ("objective", "Mine")])
    form = merge_form(stale.get_data(as_text=True))
    assert client.post(url, data=MultiDict([*form.fields, ("pick-objective", "mine")])).status_code == 302
    db.session.expire_all()
    assert (_l1(rid).title, _l1(rid).objective) == ("Their title", "Mine")


def test_a_third_save_in_between_gets_the_conflict_page_again(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    url, stale = _stale_pair(client, rid, {"title": "Their title"}, [("title", "My title")])
    form = merge_form(stale.get_data(as_text=True))
    now = str(_l1(rid).version)
    assert client.post(url, data={**BASE, "title": "A third", "version": now}).status_code == 302
    again = client.post(url, data=MultiDict([*form.fields, ("pick-title", "mine")]))
    assert again.status_code == 409 and "A third" in again.get_data(as_text=True)
    db.session.expire_all()
    assert _l1(rid).title == "A third"
