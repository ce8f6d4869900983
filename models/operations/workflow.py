"""A roadmap's review workflow and its baselines; archiving it, restoring it, and deleting a draft.

draft → in_review (an editor submits) → approved (an adviser or admin) or back to draft with a
comment. Approving freezes a baseline: the cop-roadmap/1 document and its schedule, labelled and
dated, so later work can be compared with what was approved. A roadmap imported as approved gets its
baseline the same way as it is stored (models/operations/importing.py). An approved roadmap goes back
to draft when its team revises it; its baselines stay.

An archived roadmap is kept whole and stays readable (its pages, files and PDF), but leaves the lists
people work from (the home page, the advisers' dashboard), and nothing changes it until an editor
restores it: ``core.lock_roadmap`` refuses every change while it is archived. Deleting removes a
roadmap and every row that belongs to it in one transaction; one that was ever approved has a
baseline, the record of what was signed, so it can be archived but never deleted.

Who may move the status, archive or delete is decided here, not only in the views, so no caller can
skip it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update

from models.base import db, utcnow
from models.notification import NoticeKind
from models.operations.checks import clean_text, note, show
from models.operations.comments import COMMENT_MAX, add_thread
from models.operations.core import Actor, OperationError, StateConflict, lock_roadmap, transaction
from models.operations.notices.record import notice_move
from models.print_job import PrintJob
from models.printed_file import PrintedFile
from models.queries.loading import load_plan
from models.roadmap import Roadmap
from models.tracking import Baseline
from roadmap.exchange.interchange_write import to_document
from roadmap.i18n import N_
from roadmap.printing.text import Edition
from roadmap.sequencing import schedule_document, sequence
from roadmap.vocabulary import TITLE_MAX, RoadmapStatus

LOG = logging.getLogger(__name__)


class Step:
    """The moves a roadmap's status can make, by name."""

    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"
    REVISE = "revise"


# move → (from, to, who may: "editor" for the country's editors and admins, "reviewer" for advisers and admins)
MOVES: dict[str, tuple[RoadmapStatus, RoadmapStatus, str]] = {
    Step.SUBMIT: (RoadmapStatus.DRAFT, RoadmapStatus.IN_REVIEW, "editor"),
    Step.APPROVE: (RoadmapStatus.IN_REVIEW, RoadmapStatus.APPROVED, "reviewer"),
    Step.RETURN: (RoadmapStatus.IN_REVIEW, RoadmapStatus.DRAFT, "reviewer"),
    Step.REVISE: (RoadmapStatus.APPROVED, RoadmapStatus.DRAFT, "editor"),
}
# Why a move or a deletion is refused, by the roadmap's status: one sentence each, so that every
# language words the status as its grammar needs.
_CANNOT_MOVE = {
    RoadmapStatus.DRAFT: N_("the roadmap is a draft, so it cannot be moved that way"),
    RoadmapStatus.IN_REVIEW: N_("the roadmap is in review, so it cannot be moved that way"),
    RoadmapStatus.APPROVED: N_("the roadmap is approved, so it cannot be moved that way"),
    RoadmapStatus.ARCHIVED: N_("the roadmap is archived, so it cannot be moved that way"),
}
_NOT_DELETED = {
    RoadmapStatus.IN_REVIEW: N_(
        "the roadmap is in review: only a draft can be deleted (a reviewer returns it to draft first)"
    ),
    RoadmapStatus.APPROVED: N_(
        "the roadmap is approved: only a draft can be deleted (a reviewer returns it to draft first)"
    ),
    RoadmapStatus.ARCHIVED: N_(
        "the roadmap is archived: only a draft can be deleted (a reviewer returns it to draft first)"
    ),
}
# What each move puts in the inboxes of those concerned (models/operations/notices/record.py).
NOTICES = {
    Step.SUBMIT: NoticeKind.SUBMITTED,
    Step.APPROVE: NoticeKind.APPROVED,
    Step.RETURN: NoticeKind.RETURNED,
    Step.REVISE: NoticeKind.REOPENED,
}


# The label of the baseline a roadmap imported as approved comes with: stored in English like every
# label, and translated where it is shown (views/labels.py baseline_label).
IMPORTED_LABEL = N_("Baseline at import")


@dataclass(frozen=True, slots=True)
class BaselineSummary:
    """A baseline as listed: no documents loaded."""

    id: int
    label: str
    approved_at: datetime
    approved_by: str


def allowed_moves(status: RoadmapStatus, *, editor: bool, reviewer: bool) -> list[str]:
    """The moves open to someone from this status, in the order a page offers them."""
    may = {"editor": editor, "reviewer": reviewer}
    return [move for move, (source, _, who) in MOVES.items() if source == status and may[who]]


def move_roadmap(
    actor: Actor,
    roadmap_id: int,
    move: str,
    *,
    editor: bool,
    reviewer: bool,
    comment: str | None = None,
    label: str | None = None,
) -> int | None:
    """Move the roadmap's status; returns the new baseline's id when approving.

    Returning to draft needs a comment saying what to change; it opens a thread on the roadmap. The
    people concerned find the move, with its comment, in their inbox.
    """
    if move not in MOVES:
        raise OperationError(N_("%(move)s is not a step of the review"), move=show(move))
    source, target, who = MOVES[move]
    if not {"editor": editor, "reviewer": reviewer}[who]:
        raise OperationError(
            N_("only the country's editors can do this")
            if who == "editor"
            else N_("only an adviser or an admin can do this")
        )
    comment = clean_text(comment, N_("comment"), COMMENT_MAX)
    if move == Step.RETURN and not comment:
        raise OperationError(N_("say what needs changing: returning a roadmap to draft needs a comment"))
    baseline_id = None
    with transaction():
        status = lock_roadmap(roadmap_id)
        r = Roadmap.__table__.c
        if status != source:
            raise StateConflict(_CANNOT_MOVE[status])
        db.session.execute(update(Roadmap.__table__).where(r.id == roadmap_id).values(status=target))
        note(actor, roadmap_id, "status changed", field="status", old=source, new=target)
        if move == Step.APPROVE:
            baseline_id = freeze_baseline(actor, roadmap_id, clean_text(label, N_("baseline label"), TITLE_MAX))
        thread_id = add_thread(actor, roadmap_id, None, comment, within_transaction=True) if comment else None
        notice_move(actor, roadmap_id, NOTICES[move], comment=comment, thread_id=thread_id)
    return baseline_id


def freeze_baseline(actor: Actor, roadmap_id: int, label: str | None) -> int:
    """Freeze the roadmap's plan and schedule as it is stored now into a new baseline; returns its id.

    Runs inside the caller's transaction, which has locked the roadmap (approving) or just inserted it
    (importing an approved roadmap). ``label`` None is "Approved" and the day's date.
    """
    plan = load_plan(roadmap_id)
    assert plan is not None  # the roadmap's row is locked, or was inserted, by the caller
    baseline = Baseline(
        roadmap_id=roadmap_id,
        label=label or f"Approved {utcnow().date().isoformat()}",
        approved_by=actor.name,
        document=json.dumps(to_document(plan), ensure_ascii=False),
        schedule=json.dumps(schedule_document(sequence(plan), roadmap_id), ensure_ascii=False),
    )
    db.session.add(baseline)
    db.session.flush()
    note(actor, roadmap_id, "baseline frozen", new=baseline.label)
    return baseline.id


def baselines(roadmap_id: int) -> list[BaselineSummary]:
    """The roadmap's baselines, newest first."""
    b = Baseline.__table__.c
    return [
        BaselineSummary(*row)
        for row in db.session.execute(
            select(b.id, b.label, b.approved_at, b.approved_by)
            .where(b.roadmap_id == roadmap_id)
            .order_by(b.approved_at.desc(), b.id.desc())
        )
    ]


def edition_of(roadmap_id: int) -> Edition | None:
    """The roadmap's approved edition: its approvals counted and the latest of them (None before the first)."""
    summaries = baselines(roadmap_id)
    if not summaries:
        return None
    latest = summaries[0]
    return Edition(len(summaries), latest.label, latest.approved_by, latest.approved_at.date())


def latest_baseline_id(roadmap_id: int) -> int | None:
    """The id of the roadmap's latest baseline, without loading its documents."""
    b = Baseline.__table__.c
    return db.session.scalar(
        select(b.id).where(b.roadmap_id == roadmap_id).order_by(b.approved_at.desc(), b.id.desc()).limit(1)
    )


def baseline_documents(roadmap_id: int, baseline_id: int | None = None) -> tuple[BaselineSummary, Any, Any] | None:
    """A baseline (the latest when no id is given) with its document and schedule, or None."""
    b = Baseline.__table__.c
    query = select(b.id, b.label, b.approved_at, b.approved_by, b.document, b.schedule).where(
        b.roadmap_id == roadmap_id
    )
    query = query.where(b.id == baseline_id) if baseline_id is not None else query
    row = db.session.execute(query.order_by(b.approved_at.desc(), b.id.desc()).limit(1)).one_or_none()
    if row is None:
        return None
    return (
        BaselineSummary(row.id, row.label, row.approved_at, row.approved_by),
        json.loads(row.document),
        json.loads(row.schedule),
    )


def archive_roadmap(actor: Actor, roadmap_id: int, *, editor: bool) -> None:
    """Archive the roadmap: recorded with when and by whom, and journalled."""
    _archived(actor, roadmap_id, archive=True, editor=editor)


def restore_roadmap(actor: Actor, roadmap_id: int, *, editor: bool) -> None:
    """Bring an archived roadmap back to the lists, as it was when archived; journalled."""
    _archived(actor, roadmap_id, archive=False, editor=editor)


def _archived(actor: Actor, roadmap_id: int, *, archive: bool, editor: bool) -> None:
    if not editor:
        raise OperationError(N_("only the country's editors can do this"))
    with transaction():
        lock_roadmap(roadmap_id, while_archived=True)
        r = Roadmap.__table__.c
        archived_at = db.session.scalar(select(r.archived_at).where(r.id == roadmap_id))
        if archive and archived_at is not None:
            raise StateConflict(N_("the roadmap is already archived"))
        if not archive and archived_at is None:
            raise StateConflict(N_("the roadmap is not archived"))
        when, who = (utcnow(), actor.user_id) if archive else (None, None)
        db.session.execute(
            update(Roadmap.__table__).where(r.id == roadmap_id).values(archived_at=when, archived_by_id=who)
        )
        note(actor, roadmap_id, "archived" if archive else "restored")


def has_baseline(roadmap_id: int) -> bool:
    """Whether the roadmap was ever approved (or imported approved): it then has a baseline."""
    b = Baseline.__table__.c
    return db.session.scalar(select(b.id).where(b.roadmap_id == roadmap_id).limit(1)) is not None


def delete_roadmap(actor: Actor, roadmap_id: int, *, editor: bool, typed_title: object) -> list[str]:
    """Delete a draft that was never approved, once its title is typed exactly; returns the keys its
    printed PDFs were kept under, so the caller can drop them from a file store outside the database.

    The database's ON DELETE CASCADE takes every row that belongs to the roadmap with it: assessments,
    stakeholders, deliverables (their threats, partners, indicators and readings, lessons), links, the
    journal, comment threads and comments, print jobs, forecast figures, its library origin. A library
    entry proposed from it keeps its frozen snapshot. The PDFs kept in the database go in the same
    transaction; printed parts are shared by content with other prints and age out of their cache.
    """
    if not editor:
        raise OperationError(N_("only the country's editors can do this"))
    with transaction():
        status = lock_roadmap(roadmap_id, while_archived=True)
        r = Roadmap.__table__.c
        title = db.session.scalar(select(r.title).where(r.id == roadmap_id))
        if has_baseline(roadmap_id):
            raise StateConflict(
                N_(
                    "the roadmap was approved, and its baseline is the record of what was approved: "
                    "it can be archived, not deleted"
                )
            )
        if status != RoadmapStatus.DRAFT:
            raise StateConflict(_NOT_DELETED[status])
        if not isinstance(typed_title, str) or typed_title.strip() != title.strip():
            raise OperationError(N_("the title typed is not the roadmap's title, so nothing was deleted"))
        j = PrintJob.__table__.c
        keys = list(db.session.scalars(select(j.key).where(j.roadmap_id == roadmap_id)))
        if keys:
            f = PrintedFile.__table__.c
            db.session.execute(delete(PrintedFile.__table__).where(f.kind == "pdf", f.key.in_(keys)))
        db.session.execute(delete(Roadmap.__table__).where(r.id == roadmap_id))
    # The journal went with the roadmap: the log keeps who deleted what.
    LOG.info("roadmap %s %r deleted by %s", roadmap_id, title, actor.name)
    return keys


# Last, because models.operations imports this module to re-export it.
