"""Who is told of what: the notices a review step or a comment puts in people's inboxes.

The rules, all within the people who may read the roadmap and whose account is active, and never the
person who acted:

- A review step (submitted, returned, approved, reopened) goes to the country's editors and to the
  advisers (or admins) who follow the country. A return or an approval also goes to its viewers:
  the whole team learns where its plan stands.
- A submission also goes to every adviser who follows no country at all: advisers read every
  country, so one who has not narrowed their list is taken to review them all. An admin who follows
  no country is not told of every submission.
- A new comment thread goes to the country's editors, to the advisers who follow the country, and to
  the advisers (or admins) who have written in any thread of this roadmap before: the adviser who
  returned a plan hears of the team's question about it even without following the country.
- A reply goes to the thread's other participants: whoever wrote a comment in it.

There is no mention of people by name in comments (no "@name"), so nobody is told of a comment for
being named in it.

The rows are written in the caller's transaction, after its roadmap lock: a change that rolls back
leaves no notice. Their ids are kept on the session (``NEW_NOTICES``) so that whoever mails them can
pick them up once the transaction has committed.
"""

from __future__ import annotations

from sqlalchemy import Select, exists, or_, select, union

from models.base import db
from models.notification import EXCERPT_MAX, NoticeKind, Notification
from models.operations.core import Actor
from models.roadmap import Roadmap
from models.tracking import Comment, CommentThread
from models.user import FollowedCountry, GlobalRole, Membership, MembershipRole, User

# The key on the session's ``info`` under which the ids of the notices written in the current
# transaction wait for its commit.
NEW_NOTICES = "cop_roadmap_new_notices"

_TEAM_ALSO_VIEWERS = {NoticeKind.RETURNED, NoticeKind.APPROVED}
_REVIEWERS = (GlobalRole.ADVISER, GlobalRole.ADMIN)


def notice_move(
    actor: Actor, roadmap_id: int, kind: NoticeKind, *, comment: str | None = None, thread_id: int | None = None
) -> list[int]:
    """Tell the people concerned that the roadmap was submitted, returned, approved or reopened.

    A return's comment goes with it, and its thread is where the notice leads. Returns the notices' ids.
    """
    country_id = _country_of(roadmap_id)
    roles = [MembershipRole.EDITOR, MembershipRole.VIEWER] if kind in _TEAM_ALSO_VIEWERS else [MembershipRole.EDITOR]
    wanted = [_members(country_id, roles), _followers(country_id)]
    if kind == NoticeKind.SUBMITTED:
        wanted.append(_advisers_following_no_country())
    return _write(actor, roadmap_id, kind, _recipients(wanted, actor), comment, thread_id)


def notice_thread(actor: Actor, roadmap_id: int, thread_id: int, text: str) -> list[int]:
    """Tell the country's editors, the advisers following it and those who have commented on this
    roadmap of a new comment thread."""
    country_id = _country_of(roadmap_id)
    wanted = [_members(country_id, [MembershipRole.EDITOR]), _followers(country_id), _reviewers_heard_on(roadmap_id)]
    return _write(actor, roadmap_id, NoticeKind.THREAD, _recipients(wanted, actor), text, thread_id)


def notice_reply(actor: Actor, roadmap_id: int, thread_id: int, text: str) -> list[int]:
    """Tell the thread's other participants of a reply, those who may still read the roadmap."""
    country_id = _country_of(roadmap_id)
    c = Comment.__table__.c
    participants = select(c.user_id).where(c.thread_id == thread_id, c.user_id.is_not(None))
    readers = or_(
        User.role.in_(_REVIEWERS),
        exists().where(Membership.user_id == User.id, Membership.country_id == country_id),
    )
    ids = db.session.scalars(
        select(User.id).where(User.id.in_(participants), User.active, readers, *_not(actor)).order_by(User.id)
    ).all()
    return _write(actor, roadmap_id, NoticeKind.REPLY, list(ids), text, thread_id)


def excerpt(text: str | None) -> str | None:
    """A comment cut to what a notice shows: its first EXCERPT_MAX characters, an ellipsis when cut."""
    if not text:
        return None
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_MAX else text[: EXCERPT_MAX - 1] + "…"


def _country_of(roadmap_id: int) -> int:
    return db.session.scalar(select(Roadmap.country_id).where(Roadmap.id == roadmap_id))


def _members(country_id: int, roles: list[MembershipRole]) -> Select:
    return select(Membership.user_id).where(Membership.country_id == country_id, Membership.role.in_(roles))


def _followers(country_id: int) -> Select:
    # Only those who read every country: a member who once followed a country they have left hears nothing.
    return (
        select(FollowedCountry.user_id)
        .join(User, User.id == FollowedCountry.user_id)
        .where(FollowedCountry.country_id == country_id, User.role.in_(_REVIEWERS))
    )


def _reviewers_heard_on(roadmap_id: int) -> Select:
    c, t = Comment.__table__.c, CommentThread.__table__.c
    return (
        select(c.user_id)
        .join(CommentThread.__table__, t.id == c.thread_id)
        .join(User, User.id == c.user_id)
        .where(t.roadmap_id == roadmap_id, User.role.in_(_REVIEWERS))
    )


def _advisers_following_no_country() -> Select:
    return select(User.id).where(User.role == GlobalRole.ADVISER, ~exists().where(FollowedCountry.user_id == User.id))


def _not(actor: Actor) -> list:
    return [User.id != actor.user_id] if actor.user_id is not None else []


def _recipients(wanted: list[Select], actor: Actor) -> list[int]:
    people = union(*wanted).subquery()
    query = select(User.id).where(User.id.in_(select(people.c[0])), User.active, *_not(actor)).order_by(User.id)
    return list(db.session.scalars(query))


def _write(
    actor: Actor, roadmap_id: int, kind: NoticeKind, recipients: list[int], text: str | None, thread_id: int | None
) -> list[int]:
    if not recipients:
        return []
    short = excerpt(text)
    notices = [
        Notification(
            recipient_id=user_id, roadmap_id=roadmap_id, thread_id=thread_id, kind=kind, actor=actor.name, excerpt=short
        )
        for user_id in recipients
    ]
    db.session.add_all(notices)
    db.session.flush()
    ids = [n.id for n in notices]
    db.session.info.setdefault(NEW_NOTICES, []).extend(ids)
    return ids
