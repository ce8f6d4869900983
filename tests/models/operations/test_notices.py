"""Who is told of what: review steps and comments land in the inboxes of those concerned, never the actor's."""

import pytest
from sqlalchemy import select

from models import GlobalRole, MembershipRole, NoticeKind, Notification, db
from models.operations import Actor, OperationError, add_thread, move_roadmap, reply
from models.operations.following import follow
from models.operations.notices import mark_all_read, mark_read
from models.queries.inbox import inbox, return_comments, unread_count
from tests.factories import import_small, make_user


@pytest.fixture
def team(db_ctx):
    """Kenya's roadmap, its team, and advisers: one following Kenya, one Uganda, one following nothing."""
    people = {
        "editor": make_user("editor@example.org", KEN=MembershipRole.EDITOR),
        "editor2": make_user("second.editor@example.org", KEN=MembershipRole.EDITOR),
        "viewer": make_user("viewer@example.org", KEN=MembershipRole.VIEWER),
        "uganda": make_user("uganda@example.org", UGA=MembershipRole.EDITOR),
        "follower": make_user("follower@example.org", GlobalRole.ADVISER),
        "elsewhere": make_user("elsewhere@example.org", GlobalRole.ADVISER),
        "everything": make_user("everything@example.org", GlobalRole.ADVISER),
        "admin": make_user("admin@example.org", GlobalRole.ADMIN),
    }
    rid = import_small()
    import_small(country="UGA", title="Uganda COP roadmap")
    follow(people["follower"].id, "KEN")
    follow(people["elsewhere"].id, "UGA")
    return rid, people


def told(kind=None):
    """Who has a notice (of this kind): their e-mail addresses."""
    from models import User

    query = select(User.email).join(Notification, Notification.recipient_id == User.id)
    if kind is not None:
        query = query.where(Notification.kind == kind)
    return set(db.session.scalars(query))


def act(who, rid, move, **kwargs):
    reviewer = who.role in (GlobalRole.ADVISER, GlobalRole.ADMIN)
    return move_roadmap(Actor.of(who), rid, move, editor=not reviewer, reviewer=reviewer, **kwargs)


def test_a_submission_reaches_the_advisers_following_the_country_and_those_following_none(team):
    rid, p = team
    act(p["editor"], rid, "submit")
    assert told(NoticeKind.SUBMITTED) == {
        "follower@example.org",
        "everything@example.org",  # follows no country, so hears of every submission
        "second.editor@example.org",  # the other editor of the country
    }
    # Not the editor who submitted, nor the viewer, the adviser following Uganda, Uganda's team or the admin.
    notice = inbox(p["follower"].id)[0]
    assert (notice.kind, notice.actor, notice.roadmap_id) == (NoticeKind.SUBMITTED, "Editor", rid)
    assert notice.unread


def test_a_return_reaches_the_whole_team_with_its_comment(team):
    rid, p = team
    act(p["editor"], rid, "submit")
    act(p["follower"], rid, "return", comment="Please cost the legal review before we approve.")
    assert told(NoticeKind.RETURNED) == {
        "editor@example.org",
        "second.editor@example.org",
        "viewer@example.org",
    }  # the adviser who returned it is not told; one following no country hears of submissions only
    notice = inbox(p["editor"].id)[0]
    assert notice.kind == NoticeKind.RETURNED
    assert notice.excerpt == "Please cost the legal review before we approve."
    assert notice.thread_id is not None  # it leads to the thread the return opened
    assert return_comments([rid]) == {rid: "Please cost the legal review before we approve."}
    # The return's own thread told nobody a second time.
    assert told(NoticeKind.THREAD) == set()

    act(p["editor"], rid, "submit")
    assert return_comments([rid]) == {}  # submitted again: no longer "returned"


def test_an_approval_reaches_the_team_and_the_other_followers(team):
    rid, p = team
    follow(p["admin"].id, "KEN")
    act(p["editor"], rid, "submit")
    act(p["follower"], rid, "approve")
    assert told(NoticeKind.APPROVED) == {
        "editor@example.org",
        "second.editor@example.org",
        "viewer@example.org",
        "admin@example.org",  # follows Kenya
    }


def test_a_new_thread_reaches_the_advisers_who_commented_on_the_roadmap_before(team):
    rid, p = team
    act(p["editor"], rid, "submit")
    act(p["everything"], rid, "return", comment="Cost the legal review.")
    add_thread(Actor.of(p["editor"]), rid, None, "Which budget line should the costs go under?")
    assert told(NoticeKind.THREAD) == {
        "second.editor@example.org",
        "follower@example.org",
        "everything@example.org",  # returned it with a comment, so hears of the team's question
    }


def test_a_reply_reaches_the_threads_other_participants_only(team):
    rid, p = team
    thread = add_thread(Actor.of(p["follower"]), rid, None, "Who funds the portal?")
    assert told(NoticeKind.THREAD) == {"editor@example.org", "second.editor@example.org"}
    reply(Actor.of(p["editor"]), rid, thread, "The ministry, from 2028.")
    assert told(NoticeKind.REPLY) == {"follower@example.org"}
    reply(Actor.of(p["follower"]), rid, thread, "Thank you, " + "noted. " * 60)
    assert told(NoticeKind.REPLY) == {"follower@example.org", "editor@example.org"}
    latest = inbox(p["editor"].id)[0]
    assert latest.kind == NoticeKind.REPLY and latest.thread_id == thread
    assert len(latest.excerpt) == 200 and latest.excerpt.endswith("…")


def test_a_change_that_is_refused_tells_nobody(team):
    rid, p = team
    with pytest.raises(OperationError):
        act(p["follower"], rid, "return", comment="")  # a return needs a comment
    with pytest.raises(OperationError):
        act(p["follower"], rid, "approve")  # still a draft
    assert told() == set()


def test_reading_notices(team):
    rid, p = team
    act(p["editor"], rid, "submit")
    act(p["follower"], rid, "return", comment="Not yet.")
    editor2 = p["editor2"].id
    assert unread_count(editor2) == 2
    first = inbox(editor2)[-1]
    assert mark_read(editor2, first.id) == (rid, None)
    assert mark_read(editor2, first.id) == (rid, None)  # twice is harmless
    assert unread_count(editor2) == 1
    with pytest.raises(OperationError):
        mark_read(p["editor"].id, first.id)  # not theirs
    assert mark_all_read(editor2) == 1
    assert unread_count(editor2) == 0
    assert [n.unread for n in inbox(editor2)] == [False, False]
