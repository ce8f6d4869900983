"""Links between deliverables: adding, changing and removing them, and the links the catalog suggests.

A link is refused when it would close a loop, and the message names the loop. The check and the
insert happen while the roadmap's row is locked (the transaction's first statement), so two
people adding A → B and B → A at the same moment cannot both succeed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.orm import aliased

from models.base import db
from models.deliverable import Deliverable
from models.dependency import Dependency
from models.operations.checks import Ref, clean_choice, clean_whole, note, show
from models.operations.core import Actor, OperationError, VersionConflict, lock_roadmap, transaction
from roadmap import plan as p
from roadmap.catalog import templates_by_key
from roadmap.graph import DependencyLoopError, check_acyclic
from roadmap.i18n import N_
from roadmap.vocabulary import LAG_MAX_WEEKS, DeliverableStatus, DependencyType


class Link(NamedTuple):
    """A stored link with its ends' keys; ``other`` is the end that is not the deliverable asked about."""

    other: str
    id: int
    predecessor: str
    successor: str
    successor_id: int
    kind: DependencyType
    lag_weeks: int

    def text(self) -> str:
        """The link as the journal shows it."""
        return link_text(self.predecessor, self.successor, self.kind, self.lag_weeks)


def link_text(predecessor: str, successor: str, kind: DependencyType, lag_weeks: int) -> str:
    """A link as the journal shows it: "L1 → T2 (finish_to_start, lag +0 weeks)"."""
    return f"{predecessor} → {successor} ({kind.value}, lag {lag_weeks:+d} weeks)"


def add_dependency(
    actor: Actor,
    roadmap_id: int,
    predecessor_key: str,
    successor_key: str,
    kind: DependencyType = DependencyType.FINISH_TO_START,
    lag_weeks: int = 0,
) -> int:
    """Make one deliverable wait on another; returns the link's id. Refused if it would close a loop."""
    with transaction():
        lock_roadmap(roadmap_id, plan_change=True)  # first, so the loop check below sees every link saved before ours
        kind = clean_choice(DependencyType, kind, N_("dependency type"))
        lag = clean_whole(lag_weeks, N_("lag in weeks"), -LAG_MAX_WEEKS, LAG_MAX_WEEKS)
        ids = _deliverable_ids(roadmap_id, (predecessor_key, successor_key))
        if predecessor_key == successor_key:
            raise OperationError(N_("%(key)s cannot depend on itself"), key=predecessor_key)
        existing = _link_keys(roadmap_id)
        if (predecessor_key, successor_key) in existing:
            raise OperationError(
                N_("%(successor)s already depends on %(predecessor)s"),
                successor=successor_key,
                predecessor=predecessor_key,
            )
        try:
            check_acyclic((), [*existing, (predecessor_key, successor_key)])
        except DependencyLoopError as exc:
            raise OperationError(exc.message, **exc.values) from None
        link = Dependency(
            roadmap_id=roadmap_id,
            predecessor_id=ids[predecessor_key],
            successor_id=ids[successor_key],
            kind=kind,
            lag_weeks=lag,
        )
        db.session.add(link)
        db.session.flush()
        link_id = link.id
        ref = Ref(ids[successor_key], successor_key)
        new = link_text(predecessor_key, successor_key, kind, lag)
        note(actor, roadmap_id, "dependency added", ref, field="dependency", new=new)
    return link_id


def update_dependency(
    actor: Actor,
    roadmap_id: int,
    dependency_id: int,
    kind: DependencyType,
    lag_weeks: int,
    *,
    expected: tuple[DependencyType, int] | None = None,
) -> None:
    """Change how a link ties its successor to its predecessor.

    With ``expected`` (type, lag as read), refused with VersionConflict if someone changed the link since.
    """
    with transaction():
        lock_roadmap(roadmap_id, plan_change=True)
        kind = clean_choice(DependencyType, kind, N_("dependency type"))
        lag = clean_whole(lag_weeks, N_("lag in weeks"), -LAG_MAX_WEEKS, LAG_MAX_WEEKS)
        link = _one_link(roadmap_id, dependency_id)
        _refuse_stale(link, expected)
        if (link.kind, link.lag_weeks) == (kind, lag):
            return
        t = Dependency.__table__
        db.session.execute(update(t).where(t.c.id == link.id).values(kind=kind, lag_weeks=lag))
        changed = link._replace(kind=kind, lag_weeks=lag)
        ref = Ref(link.successor_id, link.successor)
        note(actor, roadmap_id, "dependency updated", ref, field="dependency", old=link.text(), new=changed.text())


def remove_dependency(
    actor: Actor, roadmap_id: int, dependency_id: int, *, expected: tuple[DependencyType, int] | None = None
) -> None:
    """Remove a link (with ``expected``, only if it is still as it was read)."""
    with transaction():
        lock_roadmap(roadmap_id, plan_change=True)
        link = _one_link(roadmap_id, dependency_id)
        _refuse_stale(link, expected)
        ref = Ref(link.successor_id, link.successor)
        note(actor, roadmap_id, "dependency removed", ref, field="dependency", old=link.text())
        t = Dependency.__table__
        db.session.execute(delete(t).where(t.c.id == link.id))


def suggested_links(roadmap_id: int) -> list[p.Dependency]:
    """The catalog's usual links between this roadmap's deliverables (by their templates) not yet made.

    Pairs already linked either way are left out, and so is any link that would close a loop with
    the stored links and the suggestions before it. Work already in place is left out at both ends:
    it is recorded, not planned, and takes no time, so a link to or from it schedules nothing.
    In the order of the successors, then the catalog.
    """
    rows = db.session.execute(
        select(Deliverable.key, Deliverable.template_key)
        .where(
            Deliverable.roadmap_id == roadmap_id,
            Deliverable.template_key.is_not(None),
            Deliverable.status != DeliverableStatus.IN_PLACE,
        )
        .order_by(Deliverable.id)
    ).all()
    keys_of: dict[str, list[str]] = defaultdict(list)
    for key, template in rows:
        keys_of[template].append(key)
    existing = _link_keys(roadmap_id)
    linked = {frozenset(pair) for pair in existing}
    successors: dict[str, set[str]] = defaultdict(set)
    for pred, succ in existing:
        successors[pred].add(succ)
    catalog = templates_by_key()
    suggestions = []
    order = _Order(successors)
    for succ, template in rows:
        for usual in catalog[template].depends_on if template in catalog else ():
            for pred in keys_of.get(usual.template, ()):
                if pred == succ or frozenset((pred, succ)) in linked or not order.add(pred, succ):
                    continue
                linked.add(frozenset((pred, succ)))
                suggestions.append(p.Dependency(pred, succ, usual.type, usual.lag_weeks))
    return suggestions


class _Order:
    """A topological order of the links, kept as links are added (Pearce and Kelly's algorithm).

    A roadmap with repeated templates has thousands of candidate links; walking the whole graph for
    each to see whether it closes a loop made the dependencies step grow with the square of its size.
    Here a link that follows the order needs no walk, and one against it walks only the deliverables
    ranked between its two ends.
    """

    def __init__(self, successors: dict[str, set[str]]):
        self.successors = successors
        self.predecessors: dict[str, set[str]] = defaultdict(set)
        waiting: dict[str, int] = defaultdict(int)
        for key, nexts in successors.items():
            for nxt in nexts:
                self.predecessors[nxt].add(key)
                waiting[nxt] += 1
        ready = [key for key in successors if not waiting[key]]
        self.rank: dict[str, int] = {}
        while ready:
            key = ready.pop()
            self.rank[key] = len(self.rank)
            for nxt in successors.get(key, ()):
                waiting[nxt] -= 1
                if not waiting[nxt]:
                    ready.append(nxt)

    def _rank(self, key: str) -> int:
        # A deliverable with no link yet can go last: nothing constrains it.
        return self.rank.setdefault(key, len(self.rank))

    def add(self, pred: str, succ: str) -> bool:
        """Add the link pred → succ unless it would close a loop; whether it was added."""
        low, high = self._rank(succ), self._rank(pred)
        if high < low:
            self._link(pred, succ)
            return True
        forward, todo = {succ}, [succ]
        while todo:
            for nxt in self.successors.get(todo.pop(), ()):
                if nxt == pred:
                    return False
                if nxt not in forward and self.rank[nxt] < high:
                    forward.add(nxt)
                    todo.append(nxt)
        backward, todo = {pred}, [pred]
        while todo:
            for prev in self.predecessors.get(todo.pop(), ()):
                if prev not in backward and self.rank[prev] > low:
                    backward.add(prev)
                    todo.append(prev)
        # What leads to pred moves ahead of what succ leads to, in the ranks they held between them.
        moved = sorted(backward, key=self.rank.__getitem__) + sorted(forward, key=self.rank.__getitem__)
        for key, slot in zip(moved, sorted(self.rank[k] for k in moved), strict=True):
            self.rank[key] = slot
        self._link(pred, succ)
        return True

    def _link(self, pred: str, succ: str) -> None:
        self.successors[pred].add(succ)
        self.predecessors[succ].add(pred)


def add_suggested_links(actor: Actor, roadmap_id: int) -> int:
    """Add every suggested link in one transaction; returns how many were added."""
    with transaction():
        lock_roadmap(roadmap_id, plan_change=True)
        suggestions = suggested_links(roadmap_id)
        if not suggestions:
            return 0
        ids = _deliverable_ids(roadmap_id, {key for x in suggestions for key in (x.predecessor, x.successor)})
        rows = [
            {
                "roadmap_id": roadmap_id,
                "predecessor_id": ids[x.predecessor],
                "successor_id": ids[x.successor],
                "kind": x.type,
                "lag_weeks": x.lag_weeks,
            }
            for x in suggestions
        ]
        db.session.execute(insert(Dependency.__table__), rows)
        for x in suggestions:
            ref = Ref(ids[x.successor], x.successor)
            new = link_text(x.predecessor, x.successor, x.type, x.lag_weeks)
            note(actor, roadmap_id, "dependency added", ref, field="dependency", new=new)
    return len(suggestions)


def links_of(roadmap_id: int, *, touching: int | None = None, link_id: int | None = None) -> list[Link]:
    """The roadmap's links that touch a deliverable, or the one with an id, with their ends' keys."""
    dep, pred, succ = Dependency, aliased(Deliverable), aliased(Deliverable)
    query = (
        select(dep.id, pred.id, pred.key, succ.key, succ.id, dep.kind, dep.lag_weeks)
        .join(pred, pred.id == dep.predecessor_id)
        .join(succ, succ.id == dep.successor_id)
        .where(dep.roadmap_id == roadmap_id)
        .order_by(dep.id)
    )
    if touching is not None:
        query = query.where(or_(dep.predecessor_id == touching, dep.successor_id == touching))
    if link_id is not None:
        query = query.where(dep.id == link_id)
    return [
        Link(sk if pid == touching else pk, i, pk, sk, sid, DependencyType(kind), lag)
        for i, pid, pk, sk, sid, kind, lag in db.session.execute(query)
    ]


def _refuse_stale(link: Link, expected: tuple[DependencyType, int] | None) -> None:
    if expected is not None and (link.kind, link.lag_weeks) != expected:
        raise VersionConflict(
            {"type": link.kind.value, "lag_weeks": str(link.lag_weeks)},
            N_("someone else changed this link since you read it"),
        )


def _one_link(roadmap_id: int, dependency_id: int) -> Link:
    found = links_of(roadmap_id, link_id=dependency_id)
    if not found:
        raise OperationError(N_("no such dependency in this roadmap"))
    return found[0]


def _link_keys(roadmap_id: int) -> list[tuple[str, str]]:
    """Every link of the roadmap as (predecessor key, successor key), in one column query."""
    pred, succ = aliased(Deliverable), aliased(Deliverable)
    rows = db.session.execute(
        select(pred.key, succ.key)
        .select_from(Dependency)
        .join(pred, pred.id == Dependency.predecessor_id)
        .join(succ, succ.id == Dependency.successor_id)
        .where(Dependency.roadmap_id == roadmap_id)
        .order_by(Dependency.id)
    )
    return [(a, b) for a, b in rows]


def _deliverable_ids(roadmap_id: int, keys: Iterable[str]) -> dict[str, int]:
    """The ids of deliverables of this roadmap by key; OperationError naming the first unknown key."""
    keys = list(dict.fromkeys(keys))
    rows = db.session.execute(
        select(Deliverable.key, Deliverable.id).where(
            Deliverable.roadmap_id == roadmap_id, Deliverable.key.in_([k for k in keys if isinstance(k, str)])
        )
    )
    found = {key: deliverable_id for key, deliverable_id in rows}
    for key in keys:
        if key not in found:
            raise OperationError(N_("no deliverable has the key %(key)s in this roadmap"), key=show(key))
    return found


# Last, because models.operations imports this module to re-export its functions: the functions
# above only look these names up when they run.
