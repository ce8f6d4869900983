"""A roadmap's review workflow and its baselines.

draft → in_review (an editor submits) → approved (an adviser or admin) or back to draft with a
comment. Approving freezes a baseline: the cop-roadmap/1 document and its schedule, labelled and
dated, so later work can be compared with what was approved. An approved roadmap goes back to
draft when its team revises it; its baselines stay.

Who may move the status is decided here, not only in the views, so no caller can skip it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from models.base import db, utcnow
from models.notification import NoticeKind
from models.operations.checks import clean_text, note
from models.operations.comments import COMMENT_MAX, add_thread
from models.operations.core import Actor, OperationError, StateConflict, lock_roadmap, transaction
from models.operations.notices.record import notice_move
from models.queries.loading import load_plan
from models.roadmap import Roadmap
from models.tracking import Baseline
from roadmap.exchange.interchange_write import to_document
from roadmap.printing.text import Edition
from roadmap.sequencing import schedule_document, sequence
from roadmap.vocabulary import TITLE_MAX, RoadmapStatus


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
# What each move puts in the inboxes of those concerned (models/operations/notices/record.py).
NOTICES = {
    Step.SUBMIT: NoticeKind.SUBMITTED,
    Step.APPROVE: NoticeKind.APPROVED,
    Step.RETURN: NoticeKind.RETURNED,
    Step.REVISE: NoticeKind.REOPENED,
}


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
        raise OperationError(f'"{move}" is not a step of the review')
    source, target, who = MOVES[move]
    if not {"editor": editor, "reviewer": reviewer}[who]:
        raise OperationError(
            "only the country's editors can do this" if who == "editor" else "only an adviser or an admin can do this"
        )
    comment = clean_text(comment, "comment", COMMENT_MAX)
    if move == Step.RETURN and not comment:
        raise OperationError("say what needs changing: returning a roadmap to draft needs a comment")
    baseline_id = None
    with transaction():
        status = lock_roadmap(roadmap_id)
        r = Roadmap.__table__.c
        if status != source:
            raise StateConflict(f"the roadmap is {status.value.replace('_', ' ')}, so it cannot be moved that way")
        db.session.execute(update(Roadmap.__table__).where(r.id == roadmap_id).values(status=target))
        note(actor, roadmap_id, "status changed", field="status", old=source, new=target)
        if move == Step.APPROVE:
            baseline_id = _freeze(actor, roadmap_id, clean_text(label, "baseline label", TITLE_MAX))
        thread_id = add_thread(actor, roadmap_id, None, comment, within_transaction=True) if comment else None
        notice_move(actor, roadmap_id, NOTICES[move], comment=comment, thread_id=thread_id)
    return baseline_id


def _freeze(actor: Actor, roadmap_id: int, label: str | None) -> int:
    plan = load_plan(roadmap_id)
    assert plan is not None  # the roadmap's row is locked by the caller
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


# Last, because models.operations imports this module to re-export it.
