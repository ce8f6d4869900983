"""Work already in place on the web's Gantt charts, as in the printed roadmap: not drawn (it is not scheduled,
and a diamond at week 0 read as planned work), and said in words under the chart, how many and where they
are listed, with a link there; the chart keeps its legend, and its table lists what the chart draws."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pytest
from flask_babel import force_locale, ngettext
from sqlalchemy import select, update

from bench.pdf import large_plan
from models import Deliverable, db
from models.operations import Actor, import_plan
from roadmap.vocabulary import DeliverableStatus
from tests.factories import import_small, make_user
from tests.views.conftest import login
from tests.views.tracking.test_work_in_place import mark_in_place

NOTE = (
    "%(num)d deliverable already in place is not drawn in this chart: it is not scheduled.",
    "%(num)d deliverables already in place are not drawn in this chart: they are not scheduled.",
)
WHERE = (
    "It is listed in the sequence by phase, marked “Already in place”.",
    "They are listed in the sequence by phase, marked “Already in place”.",
)


def chart_of(page: str) -> str:
    return page[page.index("<svg") : page.index("</svg>")]


def drawn(page: str) -> set[str]:
    """The deliverables the chart draws a row for."""
    return set(re.findall(r'<g class="row" data-key="([^"]+)"', chart_of(page)))


def note_of(page: str) -> tuple[str, str]:
    """The words under the chart about the work left out, and where its link goes."""
    found = re.search(r'<p class="hint" id="in-place-note">(.*?)</p>', page, re.S)
    assert found, "no word of the work left out"
    link = re.search(r'<a href="([^"]+)">', found.group(1)).group(1)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).split()), html.unescape(link)


def table_keys(page: str) -> list[str]:
    table = page.split("The same timeline as a table")[1].split("</table>")[0]
    return re.findall(r'<td data-label="Key"><code>([^<]+)</code>', table)


def test_the_timeline_leaves_work_in_place_out_of_the_chart_and_its_table_and_says_where_it_is(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    for key in ("O1", "M1"):
        assert mark_in_place(client, rid, key).status_code == 302
    page = client.get(f"/roadmaps/{rid}/timeline").get_data(as_text=True)

    assert drawn(page) == {"L1", "T1"}
    assert "Already in place" not in chart_of(page)
    assert "Legend" in chart_of(page) and "Milestone" in chart_of(page)  # the legend is kept whole
    assert table_keys(page) == ["L1", "T1"]  # the table equivalent lists what the chart draws
    words, link = note_of(page)
    assert words == (
        "2 deliverables already in place are not drawn in this chart: they are not scheduled. "
        "They are listed in the sequence by phase, marked “Already in place”."
    )
    # The link opens the sequence where they are, each marked as in place with no dates.
    assert link == f"/roadmaps/{rid}?near=O1#d-O1"
    sequence = client.get(link.split("#")[0]).get_data(as_text=True)
    for key in ("O1", "M1"):
        row = sequence[sequence.index(f'id="d-{key}"') :]
        row = row[: row.index("</tr>")]
        assert "Already in place" in row and not re.search(r"\d{4}", row), key


def test_with_nothing_in_place_the_timeline_says_nothing_of_it(client, world):
    login(client, "viewer@example.org")
    page = client.get(f"/roadmaps/{world['kenya']}/timeline").get_data(as_text=True)
    assert drawn(page) == {"O1", "L1", "T1", "M1"} and 'id="in-place-note"' not in page


def test_when_everything_is_in_place_there_is_no_empty_chart_only_the_words(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    for key in ("O1", "L1", "T1", "M1"):
        db.session.execute(
            update(Deliverable)
            .where(Deliverable.roadmap_id == rid, Deliverable.key == key)
            .values(status=DeliverableStatus.IN_PLACE, percent_complete=0, actual_start=None)
        )
    db.session.commit()
    page = client.get(f"/roadmaps/{rid}/timeline").get_data(as_text=True)
    assert "<svg" not in page and "The same timeline as a table" not in page
    assert "No planned work to chart yet." in page
    assert note_of(page)[0].startswith("4 deliverables already in place are not drawn")


def test_the_review_leaves_work_in_place_out_of_its_chart_and_marks_it_in_the_phases(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    assert mark_in_place(client, rid, "O1").status_code == 302
    page = client.get(f"/roadmaps/{rid}/wizard/review").get_data(as_text=True)
    timeline = page.split('id="gantt-h"')[1].split("</section>")[0]
    assert drawn(timeline) == {"L1", "T1", "M1"} and "Legend" in chart_of(timeline)
    words, link = note_of(timeline)
    assert words.startswith("1 deliverable already in place is not drawn in this chart: it is not scheduled.")
    assert link == "#d-O1"
    phases = page.split('id="phases-h"')[1].split("</section>")[0]
    row = phases[phases.index('id="d-O1"') :]
    row = row[: row.index("</tr>")]
    assert "Already in place" in row and not re.search(r"\d{4}", row)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_words_under_the_chart_are_in_the_readers_language(app, lang):
    # Requests get their own app context (an outer one would keep Flask-Babel's locale from the first request).
    with app.app_context():
        rid = import_small()
        make_user("editor@example.org", KEN="editor")
    client = app.test_client()
    login(client, "editor@example.org")
    client.post("/language", data={"lang": lang, "next": "/"})
    with app.app_context():
        assert mark_in_place(client, rid, "O1").status_code == 302
    page = client.get(f"/roadmaps/{rid}/timeline").get_data(as_text=True)
    with app.test_request_context(), force_locale(lang):
        expected = f"{ngettext(*NOTE, 1)} {ngettext(*WHERE, 1)}"
    assert expected != f"{NOTE[0] % {'num': 1}} {WHERE[0]}"  # translated, not English
    assert note_of(page)[0] == " ".join(expected.split())
    assert "O1" not in drawn(page)


def test_a_large_roadmaps_timeline_parts_number_and_list_planned_work_only(client, world):
    plan = large_plan(300)
    existing = {d.key for d in plan.deliverables[::25]}
    plan = replace(
        plan,
        deliverables=tuple(
            replace(d, status=DeliverableStatus.IN_PLACE, percent_complete=0, actual_start=None, actual_finish=None)
            if d.key in existing
            else d
            for d in plan.deliverables
        ),
    )
    rid = import_plan(plan, Actor("test"))
    login(client, "admin@example.org")
    first = client.get(f"/roadmaps/{rid}/timeline").get_data(as_text=True)
    nav = re.search(r'<nav class="pager" aria-label="Parts of the timeline">(.*?)</nav>', first, re.S).group(1)
    seen: set[str] = set()
    for url in (u.replace("&amp;", "&") for u in re.findall(r'href="([^"]+)"', nav)):
        page = client.get(url).get_data(as_text=True)
        seen |= set(table_keys(page)) | drawn(page)
        assert note_of(page)[0].startswith(f"{len(existing)} deliverables already in place are not drawn")
    planned = {d.key for d in plan.deliverables} - existing
    assert seen == planned
    assert db.session.scalar(select(Deliverable.status).where(Deliverable.key == min(existing))) == "in_place"
