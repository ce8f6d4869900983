"""Sequencing on random plans, checked against the rules and against a second, independent implementation."""

import dataclasses
import itertools
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap.plan import Deliverable, Dependency, Plan
from roadmap.sequencing import sequence
from roadmap.vocabulary import DependencyType, Pillar
from roadmap.whatif import slip

START = date(2027, 1, 4)
KINDS = list(DependencyType)
PILLARS = list(Pillar)
SETTINGS = settings(deadline=None, max_examples=100)


@st.composite
def plans(draw, max_size: int = 12) -> Plan:
    """A random acyclic plan: keys shuffled so that key order says nothing about link order."""
    n = draw(st.integers(0, max_size))
    names = draw(st.permutations([f"K{i:02d}" for i in range(n)]))
    start = START + timedelta(days=draw(st.integers(0, 6)))  # not always a Monday
    offsets = st.one_of(st.none(), st.integers(-20, 150))
    items = []
    for name in names:
        nb, due = draw(offsets), draw(st.one_of(st.none(), offsets))
        items.append(
            Deliverable(
                key=name,
                pillar=draw(st.sampled_from(PILLARS)),
                title=name,
                duration_weeks=draw(st.integers(0, 20)),
                not_before=None if nb is None else start + timedelta(days=nb),
                due_by=None if due is None else start + timedelta(days=due),
            )
        )
    links = []
    # Links only go from an earlier to a later position in `names`, so the plan is acyclic.
    for j in range(n):
        for i in draw(st.sets(st.integers(0, j - 1), max_size=3)) if j else ():
            kind = draw(st.sampled_from(KINDS))
            links.append(Dependency(names[i], names[j], kind, draw(st.integers(-10, 10))))
    return Plan(country="KEN", title="Random", start_date=start, deliverables=tuple(items), dependencies=tuple(links))


# --- the second implementation: relax every link until nothing changes -----------------------


def ceil_week(days: int) -> int:
    weeks, rest = divmod(days, 7)
    return weeks + (1 if rest else 0)


def bound_on_start(link: Dependency, es: dict, ef: dict, durations: dict) -> int:
    lag = link.lag_weeks
    if link.type == DependencyType.FINISH_TO_START:
        return ef[link.predecessor] + lag
    if link.type == DependencyType.START_TO_START:
        return es[link.predecessor] + lag
    return ef[link.predecessor] + lag - durations[link.successor]


def reference(plan: Plan) -> dict[str, tuple[int, int, int, int, int, int]]:
    """(es, ef, ls, lf, slack, phase) per key by fixed-point relaxation: no graph library, no topological order."""
    durations = {d.key: d.duration_weeks for d in plan.deliverables}
    floor = {
        d.key: 0 if d.not_before is None else max(0, ceil_week((d.not_before - plan.start_date).days))
        for d in plan.deliverables
    }
    es = dict(floor)
    ef = {k: es[k] + durations[k] for k in es}
    phase = dict.fromkeys(es, 1)
    changed = True
    while changed:
        changed = False
        for link in plan.dependencies:
            succ = link.successor
            if bound_on_start(link, es, ef, durations) > es[succ]:
                es[succ] = bound_on_start(link, es, ef, durations)
                ef[succ] = es[succ] + durations[succ]
                changed = True
            if phase[link.predecessor] + 1 > phase[succ]:
                phase[succ] = phase[link.predecessor] + 1
                changed = True
    total = max(ef.values(), default=0)
    lf = {}
    for d in plan.deliverables:
        limit = total
        if d.due_by is not None:
            days_to_last_day = (d.due_by - plan.start_date).days + 1
            limit = min(limit, days_to_last_day // 7)
        lf[d.key] = limit
    ls = {k: lf[k] - durations[k] for k in lf}
    changed = True
    while changed:
        changed = False
        for link in plan.dependencies:
            pred, succ, lag = link.predecessor, link.successor, link.lag_weeks
            if link.type == DependencyType.FINISH_TO_START:
                latest_finish = ls[succ] - lag
            elif link.type == DependencyType.START_TO_START:
                latest_finish = ls[succ] - lag + durations[pred]
            else:
                latest_finish = lf[succ] - lag
            if latest_finish < lf[pred]:
                lf[pred] = latest_finish
                ls[pred] = latest_finish - durations[pred]
                changed = True
    return {k: (es[k], ef[k], ls[k], lf[k], ls[k] - es[k], phase[k]) for k in es}


# --- properties ----------------------------------------------------------------------------


@SETTINGS
@given(plans())
def test_agrees_with_the_relaxation_reference(plan):
    s = sequence(plan)
    got = {d.key: (d.es, d.ef, d.ls, d.lf, d.slack, d.phase) for d in s.deliverables}
    assert got == reference(plan)
    assert s.duration_weeks == max((v[1] for v in got.values()), default=0)


@SETTINGS
@given(plans())
def test_every_link_holds_and_every_start_is_as_early_as_it_can_be(plan):
    s = sequence(plan)
    es = {d.key: d.es for d in s.deliverables}
    ef = {d.key: d.ef for d in s.deliverables}
    durations = {d.key: d.duration_weeks for d in plan.deliverables}
    for link in plan.dependencies:
        assert es[link.successor] >= bound_on_start(link, es, ef, durations)
    for d in plan.deliverables:
        own = 0 if d.not_before is None else max(0, ceil_week((d.not_before - plan.start_date).days))
        got = s.get(d.key)
        assert got.es >= own and got.ef == got.es + d.duration_weeks
        touches = [link for link in plan.dependencies if link.successor == d.key]
        assert got.es == own or any(bound_on_start(link, es, ef, durations) == got.es for link in touches)


@SETTINGS
@given(plans())
def test_latest_times_are_consistent(plan):
    s = sequence(plan)
    for d in s.deliverables:
        assert d.lf <= s.duration_weeks
        assert d.ls == d.lf - d.duration_weeks
        assert d.slack == d.ls - d.es
        assert d.critical == (d.slack <= 0)
        due = plan.deliverable(d.key).due_by
        if due is not None:
            assert 7 * d.lf - 1 <= (due - plan.start_date).days  # its last day is on or before due_by
        if d.duration_weeks:
            assert d.finish == plan.start_date + timedelta(days=7 * d.ef - 1)
        else:
            assert d.finish == d.start
        assert d.start == plan.start_date + timedelta(weeks=d.es)


@SETTINGS
@given(plans())
def test_the_critical_path_is_a_binding_chain_of_critical_deliverables_ending_at_t(plan):
    s = sequence(plan)
    path = s.critical_path
    assert bool(path) == bool(plan.deliverables)
    if not path:
        return
    es = {d.key: d.es for d in s.deliverables}
    ef = {d.key: d.ef for d in s.deliverables}
    durations = {d.key: d.duration_weeks for d in plan.deliverables}
    assert all(s.get(k).critical for k in path)
    assert len(set(path)) == len(path)
    assert ef[path[-1]] == s.duration_weeks
    for pred, succ in itertools.pairwise(path):
        links = [x for x in plan.dependencies if (x.predecessor, x.successor) == (pred, succ)]
        assert any(bound_on_start(x, es, ef, durations) == es[succ] for x in links), (pred, succ)
    # The chain cannot be lengthened at either end.
    first, last = path[0], path[-1]
    assert not any(
        x.successor == first and s.get(x.predecessor).critical and bound_on_start(x, es, ef, durations) == es[first]
        for x in plan.dependencies
    )
    assert not any(
        x.predecessor == last
        and ef[x.successor] == s.duration_weeks
        and bound_on_start(x, es, ef, durations) == es[x.successor]
        for x in plan.dependencies
    )


@SETTINGS
@given(plans())
def test_listing_is_in_sequence_order_and_phases_partition_it(plan):
    s = sequence(plan)
    keys = [d.key for d in s.deliverables]
    assert keys == sorted(keys, key=lambda k: (s.get(k).es, s.get(k).phase, s.get(k).pillar.order, k))
    assert sorted(k for phase in s.phases for k in phase) == sorted(d.key for d in plan.deliverables)
    for number, phase in enumerate(s.phases, start=1):
        assert phase and all(s.get(k).phase == number for k in phase)
        assert list(phase) == [k for k in keys if k in phase]


@SETTINGS
@given(plans(), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_the_order_of_the_plan(plan, rnd):
    deliverables, links = list(plan.deliverables), list(plan.dependencies)
    rnd.shuffle(deliverables)
    rnd.shuffle(links)
    shuffled = dataclasses.replace(plan, deliverables=tuple(deliverables), dependencies=tuple(links))
    assert sequence(shuffled) == sequence(plan)


@settings(deadline=None, max_examples=60)
@given(plans(), st.data())
def test_a_slip_is_the_same_as_a_not_before_on_the_held_week(plan, data):
    # A different route to the same answer: give the deliverable a real not_before on its new week.
    if not plan.deliverables:
        return
    key = data.draw(st.sampled_from([d.key for d in plan.deliverables]))
    weeks = data.draw(st.integers(1, 30))
    before = sequence(plan)
    result = slip(plan, key, weeks)
    held_week = before.get(key).es + weeks
    held = dataclasses.replace(
        plan,
        deliverables=tuple(
            dataclasses.replace(d, not_before=plan.start_date + timedelta(weeks=held_week)) if d.key == key else d
            for d in plan.deliverables
        ),
    )
    assert result.schedule == sequence(held)
    assert result.schedule.get(key).es == held_week
    old = {d.key: d for d in before.deliverables}
    assert all(d.es >= old[d.key].es for d in result.schedule.deliverables)  # nothing moves earlier
    assert {m.key for m in result.moved} == {d.key for d in result.schedule.deliverables if d.es != old[d.key].es}
