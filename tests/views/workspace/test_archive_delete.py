"""Archiving a roadmap out of the lists and back, and deleting a draft that was never approved."""

from datetime import date

import pytest
from sqlalchemy import func, select

from models import (
    Baseline,
    CommentThread,
    Deliverable,
    Indicator,
    JournalEntry,
    MembershipRole,
    PrintedFile,
    Roadmap,
    Stakeholder,
    db,
)
from models.operations import (
    Actor,
    Progress,
    StateConflict,
    add_thread,
    new_feed_token,
    record_measurement,
    record_progress,
    reply,
)
from models.operations.printing import request_print
from models.operations.workflow import Step, move_roadmap
from roadmap.vocabulary import DeliverableStatus
from tests.factories import import_small, make_user
from tests.views.api.conftest import token_for
from tests.views.conftest import fetch_pdf, login
from tests.views.test_translations import _choose, _leftovers, _texts, _user_words
from views.extensions import LANGUAGES

NEW_STAKEHOLDER = {"add-name": "University of Nairobi", "add-kind": "academia"}


def _counts(rid, *models) -> tuple[int, ...]:
    return tuple(db.session.scalar(select(func.count()).select_from(m).where(m.roadmap_id == rid)) for m in models)


def _archive(app, client, rid, email="editor@example.org"):
    with app.app_context():
        client.post("/logout")
        login(client, email)
        response = client.post(f"/roadmaps/{rid}/archive")
        assert response.status_code == 302
        return response


def _page(app, client, path):
    with app.app_context():
        response = client.get(path)
        return response.status_code, response.get_data(as_text=True)


def _roadmap_exists(app, rid) -> bool:
    with app.app_context():
        return db.session.get(Roadmap, rid) is not None


def test_archiving_asks_first_then_hides_the_roadmap_from_the_lists_and_marks_its_pages(app, client, world):
    rid = world["kenya"]
    db.session.remove()
    with app.app_context():
        login(client, "editor@example.org")
        page = client.get(f"/roadmaps/{rid}/archive")
        assert page.status_code == 200
        assert "leaves the list of roadmaps in work" in page.get_data(as_text=True)
    done = _archive(app, client, rid)
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/roadmaps/{rid}")

    status, html = _page(app, client, f"/roadmaps/{rid}")
    today = date.today()
    assert status == 200
    assert f"Archived on {today.strftime('%B')} {today.day}, {today.year} by" in html and "Editor" in html
    assert "Continue drafting" not in html and "Restore this roadmap" in html

    # Out of the list in work, in the archived section below it.
    status, home = _page(app, client, "/")
    in_work, archived = home.split("Archived roadmaps", 1)
    assert "Kenya COP roadmap" not in in_work and "Kenya COP roadmap" in archived

    # Off the advisers' dashboard, where the other country's roadmap stays.
    with app.app_context():
        client.post("/logout")
        login(client, "adviser@example.org")
    status, dashboard = _page(app, client, "/dashboard")
    assert status == 200 and "Uganda COP roadmap" in dashboard and "Kenya COP roadmap" not in dashboard

    # Still readable, by the adviser too: its pages, its files and its PDF.
    for path in ("pillars", "timeline", "graph", "progress", "review", "history", "roadmap.json"):
        status, html = _page(app, client, f"/roadmaps/{rid}/{path}")
        assert status == 200, path
    status, history = _page(app, client, f"/roadmaps/{rid}/history")
    assert "archived" in history
    app.config["PDF_TIMEOUT"] = 60  # a busy machine must not fail the print
    with app.app_context():
        pdf = fetch_pdf(client, f"/roadmaps/{rid}/roadmap.pdf")
        assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


def test_an_archived_roadmap_refuses_every_change_until_it_is_restored(app, client, world):
    rid = world["kenya"]
    o1 = db.session.scalar(select(Deliverable.id).where(Deliverable.roadmap_id == rid, Deliverable.key == "O1"))
    db.session.remove()
    _archive(app, client, rid)

    with app.app_context():
        added = client.post(f"/roadmaps/{rid}/stakeholders/", data=NEW_STAKEHOLDER)
        assert added.status_code == 400
        assert "roadmap is archived: an editor restores it" in added.get_data(as_text=True)
        token = token_for("editor@example.org")
        api = client.post(
            f"/api/v1/roadmaps/{rid}/deliverables",
            json={"key": "L9", "pillar": "legal", "title": "Another law", "duration_weeks": 4},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert api.status_code in (409, 422) and "archived" in api.get_json()["detail"]
        # Progress, comments and the review's moves are refused alike, with the same reason.
        editor = Actor("Editor")
        for change in (
            lambda: record_progress(editor, rid, o1, 1, Progress(DeliverableStatus.IN_PROGRESS, 10), date.today()),
            lambda: add_thread(editor, rid, None, "Still here?"),
            lambda: move_roadmap(editor, rid, Step.SUBMIT, editor=True, reviewer=False),
        ):
            with pytest.raises(StateConflict, match="archived"):
                change()
        assert _counts(rid, Deliverable, Stakeholder, CommentThread) == (4, 3, 0)

    with app.app_context():
        restored = client.post(f"/roadmaps/{rid}/restore")
        assert restored.status_code == 302
    _status, html = _page(app, client, f"/roadmaps/{rid}")
    assert "Archived on" not in html and "Continue drafting" in html
    _status, home = _page(app, client, "/")
    assert "Archived roadmaps" not in home and "Kenya COP roadmap" in home

    with app.app_context():
        added = client.post(f"/roadmaps/{rid}/stakeholders/", data=NEW_STAKEHOLDER)
        assert added.status_code == 302
        actions = db.session.scalars(
            select(JournalEntry.action).where(JournalEntry.roadmap_id == rid).order_by(JournalEntry.id)
        ).all()
        assert actions.index("archived") < actions.index("restored")
        assert db.session.scalar(select(Roadmap.archived_by_id).where(Roadmap.id == rid)) is None


def test_the_api_lists_archived_roadmaps_with_when(app, client, world):
    rid = world["kenya"]
    token = token_for("editor@example.org")
    db.session.remove()
    with app.app_context():
        before = client.get("/api/v1/roadmaps", headers={"Authorization": f"Bearer {token}"}).get_json()
        assert [r["archived_at"] for r in before["items"]] == [None]
    _archive(app, client, rid)
    with app.app_context():
        after = client.get("/api/v1/roadmaps", headers={"Authorization": f"Bearer {token}"}).get_json()
        assert after["items"][0]["archived_at"].startswith(date.today().isoformat()[:4])


def _fill(rid: int, app) -> None:
    """Rows of every kind that hang off a roadmap: readings, comments, prints and their files, a feed link."""
    actor = Actor("Filler")
    deliverable, indicator = db.session.execute(
        select(Deliverable.id, Indicator.id).join(Indicator).where(Deliverable.roadmap_id == rid)
    ).first()
    record_measurement(actor, rid, deliverable, indicator, date(2027, 2, 1), 1, None, date(2027, 2, 1))
    thread = add_thread(actor, rid, None, "Is this the right order?")
    reply(actor, rid, thread, "Yes.")
    add_thread(actor, rid, deliverable, "Who leads this?")
    new_feed_token(actor, rid)
    key = f"{rid:064d}"
    request_print(key, rid, pdfa=False, user_id=None, per_user=3, queue_max=20)
    db.session.add(PrintedFile(key=key, kind="pdf", data=b"%PDF-1.7 test", size=13))
    db.session.commit()


def _rows_of(rid: int) -> dict[str, int]:
    """Rows in every table that names the roadmap, and in those that hang off its deliverables, comment
    threads and print jobs."""
    counts = {}
    for table in db.metadata.sorted_tables:
        if "roadmap_id" in table.c:
            counts[table.name] = db.session.scalar(
                select(func.count()).select_from(table).where(table.c.roadmap_id == rid)
            )
    deliverables = select(Deliverable.id).where(Deliverable.roadmap_id == rid).scalar_subquery()
    for table in db.metadata.sorted_tables:
        if "deliverable_id" in table.c and "roadmap_id" not in table.c:
            counts[table.name] = db.session.scalar(
                select(func.count()).select_from(table).where(table.c.deliverable_id.in_(deliverables))
            )
    measurements, indicators = db.metadata.tables["measurements"], db.metadata.tables["indicators"]
    counts["measurements"] = db.session.scalar(
        select(func.count())
        .select_from(measurements)
        .where(
            measurements.c.indicator_id.in_(
                select(indicators.c.id).where(indicators.c.deliverable_id.in_(deliverables))
            )
        )
    )
    threads, comments = db.metadata.tables["comment_threads"], db.metadata.tables["comments"]
    counts["comments"] = db.session.scalar(
        select(func.count())
        .select_from(comments)
        .where(comments.c.thread_id.in_(select(threads.c.id).where(threads.c.roadmap_id == rid)))
    )
    counts["printed_files"] = db.session.scalar(
        select(func.count()).select_from(PrintedFile).where(PrintedFile.key == f"{rid:064d}")
    )
    counts["roadmaps"] = db.session.scalar(select(func.count()).select_from(Roadmap).where(Roadmap.id == rid))
    return counts


def _totals() -> dict[str, int]:
    """Rows in every table, but the signed-in sessions'."""
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in db.metadata.sorted_tables
        if table.name != "web_sessions"
    }


def test_a_wrong_title_deletes_nothing_and_keeps_the_form(app, client, world):
    rid = world["kenya"]
    _fill(rid, app)
    before = _totals()
    db.session.remove()
    with app.app_context():
        login(client, "editor@example.org")
        page = client.get(f"/roadmaps/{rid}/archive").get_data(as_text=True)
        assert "type its title exactly" in page
        for typed in ("kenya cop roadmap", "Kenya COP", ""):
            refused = client.post(f"/roadmaps/{rid}/delete", data={"typed_title": typed})
            html = refused.get_data(as_text=True)
            assert refused.status_code == 400
            assert "nothing was deleted" in html
            assert f'value="{typed}"' in html or not typed
    with app.app_context():
        assert _totals() == before


def test_the_right_title_deletes_the_draft_and_every_row_that_belongs_to_it(app, client, world):
    rid, other = world["kenya"], world["uganda"]
    _fill(rid, app)
    _fill(other, app)
    before, totals, untouched = _rows_of(rid), _totals(), _rows_of(other)
    for table in (
        "deliverables",
        "dependencies",
        "stakeholders",
        "pillar_assessments",
        "indicators",
        "measurements",
        "comment_threads",
        "comments",
        "journal_entries",
        "print_jobs",
        "printed_files",
        "deliverable_threats",
    ):
        assert before[table] > 0, table  # so that "none left" below means something
    db.session.remove()
    with app.app_context():
        login(client, "editor@example.org")
        done = client.post(f"/roadmaps/{rid}/delete", data={"typed_title": " Kenya COP roadmap "})
        assert done.status_code == 302 and done.headers["Location"].endswith("/")
        home = client.get("/").get_data(as_text=True)
        assert "The roadmap “Kenya COP roadmap” was deleted" in home
        assert client.get(f"/roadmaps/{rid}").status_code == 404
    with app.app_context():
        assert {table: n for table, n in _rows_of(rid).items() if n} == {}
        # Every table lost exactly the roadmap's rows: nothing left behind, nothing of anyone else's taken.
        assert _totals() == {table: n - before.get(table, 0) for table, n in totals.items()}
        assert _rows_of(other) == untouched


def test_a_roadmap_that_was_approved_can_be_archived_but_not_deleted(app, client, world):
    rid = world["kenya"]
    reviewer = Actor("Reviewer")
    move_roadmap(reviewer, rid, Step.SUBMIT, editor=True, reviewer=False)
    move_roadmap(reviewer, rid, Step.APPROVE, editor=False, reviewer=True)
    move_roadmap(reviewer, rid, Step.REVISE, editor=True, reviewer=False)  # a draft again, with its baseline
    db.session.remove()
    with app.app_context():
        login(client, "editor@example.org")
        page = client.get(f"/roadmaps/{rid}/archive").get_data(as_text=True)
        assert "cannot be deleted, only archived" in page and 'name="typed_title"' not in page
        refused = client.post(f"/roadmaps/{rid}/delete", data={"typed_title": "Kenya COP roadmap"})
        assert refused.status_code == 409
        assert "it can be archived, but not deleted" in refused.get_data(as_text=True)
    assert _roadmap_exists(app, rid)
    assert _archive(app, client, rid).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Roadmap.archived_at).where(Roadmap.id == rid)) is not None
        assert db.session.scalar(select(func.count()).select_from(Baseline).where(Baseline.roadmap_id == rid)) == 1


def test_a_roadmap_in_review_is_not_deleted(app, client, world):
    rid = world["kenya"]
    move_roadmap(Actor("Editor"), rid, Step.SUBMIT, editor=True, reviewer=False)
    db.session.remove()
    with app.app_context():
        login(client, "editor@example.org")
        refused = client.post(f"/roadmaps/{rid}/delete", data={"typed_title": "Kenya COP roadmap"})
        assert refused.status_code == 409 and "Only a draft can be deleted" in refused.get_data(as_text=True)
    assert _roadmap_exists(app, rid)


@pytest.mark.parametrize(
    ("email", "code"),
    [
        ("viewer@example.org", 403),
        ("adviser@example.org", 403),
        ("other@example.org", 404),
        ("nobody@example.org", 404),
    ],
)
def test_only_the_countrys_editors_archive_restore_or_delete(app, client, world, email, code):
    rid = world["kenya"]
    db.session.remove()
    with app.app_context():
        login(client, email)
        assert client.get(f"/roadmaps/{rid}/archive").status_code == code
        assert client.post(f"/roadmaps/{rid}/archive").status_code == code
        assert client.post(f"/roadmaps/{rid}/delete", data={"typed_title": "Kenya COP roadmap"}).status_code == code
        if code == 403:
            assert "Archive or delete" not in client.get(f"/roadmaps/{rid}").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Roadmap.archived_at).where(Roadmap.id == rid)) is None
    _archive(app, client, rid, "admin@example.org")
    with app.app_context():
        client.post("/logout")
        login(client, email)
        assert client.post(f"/roadmaps/{rid}/restore").status_code == code
        assert db.session.scalar(select(Roadmap.archived_at).where(Roadmap.id == rid)) is not None


def test_an_archived_roadmap_imported_approved_reads_in_every_language(app):
    # Requests get their own app context, so that each one's language is its own (see test_translations).
    with app.app_context():
        rid = import_small(status="approved")
        make_user("editor@example.org", KEN=MembershipRole.EDITOR)
    client = app.test_client()
    _archive(app, client, rid)
    pages = ["/", f"/roadmaps/{rid}", f"/roadmaps/{rid}/archive", f"/roadmaps/{rid}/review"]
    _choose(client, "en")
    english = {path: _texts(client.get(path).get_data(as_text=True)).nodes for path in pages}
    assert "Baseline at import" in english[f"/roadmaps/{rid}/review"]
    user = _user_words()
    for lang in LANGUAGES:
        if lang == "en":
            continue
        _choose(client, lang)
        for path in pages:
            response = client.get(path)
            assert response.status_code == 200, (lang, path)
            assert _leftovers(english[path], _texts(response.get_data(as_text=True)).nodes, user) == set(), (lang, path)
    _choose(client, "fr")
    assert "Référence à l’import" in client.get(f"/roadmaps/{rid}/review").get_data(as_text=True)
