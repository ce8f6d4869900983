"""The links step: suggested links named in full, and an existing link's type and lag changed in place."""

import re

from sqlalchemy import select, update

from models import Deliverable, Dependency, JournalEntry, db
from roadmap.catalog import templates_by_key
from tests.views.conftest import login


def deliverable(rid, key):
    return db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == key))


def link_between(rid, pred, succ):
    return db.session.scalar(
        select(Dependency).where(
            Dependency.predecessor_id == deliverable(rid, pred).id, Dependency.successor_id == deliverable(rid, succ).id
        )
    )


def test_a_suggested_link_names_both_deliverables_by_key_and_title(client, world):
    rid = world["kenya"]
    # O1 and T1 are not linked directly: give them templates the catalog links, and T1 should wait for O1.
    later = next(t for t in templates_by_key().values() if t.depends_on)
    first = later.depends_on[0].template
    for key, template in (("O1", first), ("T1", later.key)):
        db.session.execute(
            update(Deliverable).where(Deliverable.id == deliverable(rid, key).id).values(template_key=template)
        )
    db.session.commit()
    login(client, "editor@example.org")
    page = client.get(f"/roadmaps/{rid}/wizard/dependencies").get_data(as_text=True)
    suggestions = page.split('class="suggestions"')[1].split("</ul>")[0]
    shown = re.sub(r"<bdi[^>]*>", "<bdi>", suggestions)
    assert "<code>T1</code> <bdi>National reporting portal</bdi> waits for" in shown
    assert "waits for <code>O1</code> <bdi>Designate a lead agency</bdi>" in shown


def test_a_links_type_and_lag_are_changed_in_place_and_journalled(client, world):
    rid = world["kenya"]
    link = link_between(rid, "L1", "T1")
    login(client, "editor@example.org")
    page = client.get(f"/roadmaps/{rid}/wizard/dependencies").get_data(as_text=True)
    assert f'action="/roadmaps/{rid}/links/{link.id}#l-{link.id}"' in page
    answer = client.post(
        f"/roadmaps/{rid}/links/{link.id}",
        data={
            f"e{link.id}-kind": "finish_to_start",
            f"e{link.id}-lag_weeks": "2",
            f"e{link.id}-was": "start_to_start 4",
        },
        follow_redirects=True,
    )
    assert answer.status_code == 200 and "Link changed: L1 → T1." in answer.get_data(as_text=True)
    assert answer.request.path == f"/roadmaps/{rid}/wizard/dependencies"
    db.session.expire_all()
    changed = link_between(rid, "L1", "T1")
    assert (changed.kind.value, changed.lag_weeks, changed.id) == ("finish_to_start", 2, link.id)
    entry = db.session.scalars(
        select(JournalEntry).where(JournalEntry.roadmap_id == rid).order_by(JournalEntry.id.desc())
    ).first()
    assert (entry.action, entry.old_value, entry.new_value) == (
        "dependency updated",
        "L1 → T1 (start_to_start, lag +4 weeks)",
        "L1 → T1 (finish_to_start, lag +2 weeks)",
    )


def test_a_refused_change_keeps_what_was_typed_and_names_the_problem_beside_the_link(client, world):
    rid = world["kenya"]
    link = link_between(rid, "L1", "T1")
    login(client, "editor@example.org")
    # One reason a field, the same for a lag out of range and for words.
    reason = "Lag in weeks: Enter a whole number of weeks from -520 to 520."
    for lag in ("9999", "soon"):
        answer = client.post(
            f"/roadmaps/{rid}/links/{link.id}",
            data={
                f"e{link.id}-kind": "finish_to_start",
                f"e{link.id}-lag_weeks": lag,
                f"e{link.id}-was": "start_to_start 4",
            },
        )
        page = answer.get_data(as_text=True)
        assert answer.status_code == 400
        # Beside the link: its form as typed, the type and lag it was opened at, and the reason.
        item = page.split(f'<li id="l-{link.id}">')[1].split("</li>")[0]
        assert f'name="e{link.id}-lag_weeks" value="{lag}"' in item and 'aria-invalid="true"' in item
        assert '<option value="finish_to_start" selected>' in item
        assert f'name="e{link.id}-was" value="start_to_start 4"' in item
        error = re.search(rf'<p class="error" id="e{link.id}-error" role="alert">([^<]+)</p>', item)
        assert error and error.group(1) == f"The link L1 → T1 was not changed: {reason}"
        assert item.count(f'aria-describedby="e{link.id}-error"') == 2
    # The address it was refused at opens the links' page again, at that link.
    reopened = client.get(f"/roadmaps/{rid}/links/{link.id}")
    assert reopened.status_code == 302 and reopened.location.endswith(f"dependencies?near=T1#l-{link.id}")
    db.session.expire_all()
    assert (link_between(rid, "L1", "T1").kind.value, link_between(rid, "L1", "T1").lag_weeks) == ("start_to_start", 4)


def test_a_link_changed_meanwhile_is_not_overwritten(client, world):
    rid = world["kenya"]
    link = link_between(rid, "L1", "T1")
    login(client, "editor@example.org")
    answer = client.post(
        f"/roadmaps/{rid}/links/{link.id}",
        data={
            f"e{link.id}-kind": "finish_to_start",
            f"e{link.id}-lag_weeks": "0",
            f"e{link.id}-was": "finish_to_start 1",
        },
        follow_redirects=True,
    )
    assert "someone changed it since you opened the page" in answer.get_data(as_text=True)
    db.session.expire_all()
    assert link_between(rid, "L1", "T1").lag_weeks == 4


def test_a_links_lag_is_said_in_weeks_with_each_languages_plural(client, world):
    # Written with the plural of "%(num)d week" (so each language's own plural forms), not an abbreviation.
    rid = world["kenya"]
    link = link_between(rid, "L1", "T1")  # start to start, 4 weeks later
    login(client, "editor@example.org")
    page = client.get(f"/roadmaps/{rid}/wizard/dependencies").get_data(as_text=True)
    item = page.split(f'<li id="l-{link.id}">')[1].split("</li>")[0]
    assert "start to start, +4 weeks" in item and " wk" not in item
