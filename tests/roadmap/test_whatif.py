"""Slipping one deliverable on a hand-made plan; every expected number is worked out in the comments."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from roadmap.plan import Deliverable, Dependency, Plan
from roadmap.vocabulary import DeliverableStatus, DependencyType, Pillar
from roadmap.whatif import Shift, slip

START = date(2027, 1, 4)  # a Monday


def day(n: int) -> date:
    return START + timedelta(days=n)


def item(key: str, weeks: int, **fields) -> Deliverable:
    return Deliverable(key=key, pillar=Pillar.LEGAL, title=f"Deliverable {key}", duration_weeks=weeks, **fields)


def diamond() -> Plan:
    # A 0–2 feeds B 2–5 and C 2–3; both feed D 5–6. T = 6, finish day 41.
    # B is critical; C has 2 weeks of slack (LF(C) = LS(D) = 5, LS 4).
    items = (item("A", 2), item("B", 3), item("C", 1), item("D", 1))
    links = tuple(Dependency(p, s) for p, s in (("A", "B"), ("A", "C"), ("B", "D"), ("C", "D")))
    return Plan(country="KEN", title="Diamond", start_date=START, deliverables=items, dependencies=links)


def test_slack_absorbs_a_small_slip():
    # C 3–4 still ends before D needs it (week 5): only C moves, the finish does not.
    result = slip(diamond(), "C", 1)
    assert result.moved == (Shift("C", "Deliverable C", 1, 1, day(21), day(27)),)
    assert result.finish_shift_weeks == 0
    assert result.old_finish_date == result.new_finish_date == day(41)
    assert result.newly_critical == ()
    assert result.schedule.get("C").slack == 1


def test_a_slip_beyond_the_slack_pushes_the_finish():
    # C held 4 weeks: 6–7. D now 7–8 (+2). T = 8, finish day 55. New order: A, B (ES 2), C (ES 6), D (ES 7).
    # C and D are critical; B gains 2 weeks of slack (LF(B) = LS(D) = 7), and so does A (LF(A) = LS(B) = 4).
    # The path stops at C: it is held, not bound by A.
    result = slip(diamond(), "C", 4)
    assert (result.key, result.weeks) == ("C", 4)
    assert result.old_finish_date == day(41)
    assert result.new_finish_date == day(55)
    assert result.finish_shift_weeks == 2
    assert result.moved == (
        Shift("C", "Deliverable C", 4, 4, day(42), day(48)),
        Shift("D", "Deliverable D", 2, 2, day(49), day(55)),
    )
    assert result.newly_critical == ("C",)
    assert result.joined_critical_path == ("C",)
    assert result.schedule.get("B").slack == 2 and not result.schedule.get("B").critical
    assert result.schedule.critical_path == ("C", "D")


def test_slipping_the_first_deliverable_moves_everything():
    # A 1–3: B 3–6, C 3–4, D 6–7; T = 7. All shift by one week, in sequence order.
    result = slip(diamond(), "A", 1)
    assert [(m.key, m.start_weeks, m.finish_weeks) for m in result.moved] == [
        ("A", 1, 1),
        ("B", 1, 1),
        ("C", 1, 1),
        ("D", 1, 1),
    ]
    assert result.finish_shift_weeks == 1
    assert result.new_finish_date == day(48)
    assert result.newly_critical == ()


def test_a_slip_counts_from_the_earliest_start_not_from_the_not_before_date():
    # X may not start before day 15 → week 3. Held 2 weeks: starts week 5 (day 35), ends week 6 (day 41).
    plan = Plan(
        country="KEN",
        title="One",
        start_date=START,
        deliverables=(item("X", 1, not_before=day(15)), item("Y", 10)),
    )
    result = slip(plan, "X", 2)
    assert result.moved == (Shift("X", "Deliverable X", 2, 2, day(35), day(41)),)
    assert result.finish_shift_weeks == 0  # Y 0–10 still sets T
    assert result.schedule.get("X").slack == 4  # LF = T = 10, LS 9, ES 5
    assert plan.deliverable("X").not_before == day(15)  # the plan itself is untouched


def test_finish_to_finish_successors_follow_the_finish():
    # A 0–4, B must finish with A: ES(B) = 4 − 1 = 3. A held 2: A 2–6, B 5–6.
    plan = Plan(
        country="KEN",
        title="FF",
        start_date=START,
        deliverables=(item("A", 4), item("B", 1)),
        dependencies=(Dependency("A", "B", DependencyType.FINISH_TO_FINISH),),
    )
    result = slip(plan, "A", 2)
    assert [(m.key, m.start_weeks, m.finish_weeks, m.new_start, m.new_finish) for m in result.moved] == [
        ("A", 2, 2, day(14), day(41)),
        ("B", 2, 2, day(35), day(41)),
    ]


def test_slipping_a_milestone():
    # M after A at week 2; held 3 weeks → week 5 = T. Its finish stays on its start.
    plan = Plan(
        country="KEN",
        title="M",
        start_date=START,
        deliverables=(item("A", 2), item("M", 0)),
        dependencies=(Dependency("A", "M"),),
    )
    result = slip(plan, "M", 3)
    assert result.moved == (Shift("M", "Deliverable M", 3, 3, day(35), day(35)),)
    assert result.finish_shift_weeks == 3
    assert result.newly_critical == ()  # M was already critical; A now has 3 weeks of slack
    assert result.schedule.get("A").slack == 3


def test_an_unknown_key_is_refused():
    with pytest.raises(ValueError, match=r'^no deliverable has the key "X9"$'):
        slip(diamond(), "X9", 1)


@pytest.mark.parametrize(("weeks", "shown"), [(0, "0"), (-3, "-3"), (521, "521"), (1.5, "1.5"), (True, "True")])
def test_a_slip_must_be_a_whole_number_of_weeks_in_range(weeks, shown):
    with pytest.raises(ValueError, match=rf"^a slip must be 1 to 520 weeks, got {shown}$"):
        slip(diamond(), "A", weeks)


def test_the_longest_slip_is_accepted():
    assert slip(diamond(), "D", 520).finish_shift_weeks == 520


def progressed() -> Plan:
    # The diamond as of week 3: A done (weeks 0–2), B half done since week 2, C cancelled, D to come.
    from dataclasses import replace

    from roadmap.vocabulary import DeliverableStatus as S

    p = diamond()
    changes = {
        "A": dict(status=S.DONE, percent_complete=100, actual_start=day(0), actual_finish=day(13)),
        "B": dict(status=S.IN_PROGRESS, percent_complete=50, actual_start=day(14)),
        "C": dict(status=S.CANCELLED),
    }
    return replace(p, deliverables=tuple(replace(d, **changes.get(d.key, {})) for d in p.deliverables))


def test_what_if_starts_from_the_forecast_done_and_cancelled_work_stays_and_cannot_slip():
    p = progressed()
    as_of = day(21)  # week 3: B has 2 of its 3 weeks left (ceil(3 × 0.5)), so it ends at week 5, D at 6
    result = slip(p, "B", 2, as_of=as_of)
    # B, under way, finishes two weeks later; D follows; A (done) and C (cancelled) do not move.
    assert result.old_finish_date == day(41) and result.new_finish_date == day(55)
    assert [s.key for s in result.moved] == ["B", "D"]
    assert result.moved[0].start_weeks == 0 and result.moved[0].finish_weeks == 2
    for key in ("A", "C"):
        with pytest.raises(ValueError, match="only work still to do can slip"):
            slip(p, key, 1, as_of=as_of)


def test_what_if_places_nothing_not_started_before_the_as_of_week():
    result = slip(diamond(), "D", 1, as_of=day(70))  # week 10: nothing recorded, so all waits until then
    moved = {s.key: s for s in result.moved}
    assert result.schedule.get("A").es == 10 and result.schedule.get("D").es == 16  # D: 15 + 1
    assert moved == {"D": moved["D"]} and moved["D"].start_weeks == 1


def test_a_slip_fits_in_the_slack_only_when_no_date_moves():
    # C has 2 weeks of slack and no due date anywhere: a 1-week slip moves nothing a reader counts on.
    result = slip(diamond(), "C", 1)
    assert result.fits_in_slack and result.already_late_weeks == 0 and result.due_dates == ()


def test_a_deliverable_already_late_has_no_slack_to_absorb_a_slip():
    # A (4 weeks, due day 13 → due week 2) ends week 4: 2 weeks late. B takes 10 weeks, so T = 10.
    # Holding A back 2 weeks (2–6) leaves the finish where it is, but A is now 4 weeks late: no slack was used.
    plan = Plan(
        country="KEN",
        title="Late",
        start_date=START,
        deliverables=(item("A", 4, due_by=day(13)), item("B", 10)),
    )
    result = slip(plan, "A", 2)
    assert result.finish_shift_weeks == 0
    assert result.already_late_weeks == 2 and not result.fits_in_slack
    (effect,) = result.due_dates
    assert (effect.key, effect.old_late_weeks, effect.new_late_weeks, effect.worse_weeks) == ("A", 2, 4, 2)
    assert (effect.old_finish, effect.new_finish) == (day(27), day(41))
    assert result.missed == (effect,)


def test_a_slip_that_only_makes_a_later_due_date_late_does_not_fit():
    # A 0–2 → C 2–3 → B 3–6, B due day 41 (due week 6): on time, with no slack; Z (12 weeks) sets the finish.
    # Slipping C 1 week leaves the finish at week 12 but makes B end week 7: 1 week late.
    plan = Plan(
        country="KEN",
        title="Later",
        start_date=START,
        deliverables=(item("A", 2), item("C", 1), item("B", 3, due_by=day(41)), item("Z", 12)),
        dependencies=(Dependency("A", "C"), Dependency("C", "B")),
    )
    result = slip(plan, "C", 1)
    assert result.finish_shift_weeks == 0 and result.already_late_weeks == 0
    assert not result.fits_in_slack
    (effect,) = result.due_dates
    assert (effect.key, effect.old_late_weeks, effect.new_late_weeks) == ("B", 0, 1)


@pytest.mark.parametrize("as_of", [None, START])
def test_work_already_in_place_cannot_slip(as_of):
    # Recorded, not planned: it has no start to hold back, from the plan or from the forecast.
    plan = diamond()
    plan = replace(plan, deliverables=(item("A", 2, status=DeliverableStatus.IN_PLACE), *plan.deliverables[1:]))
    with pytest.raises(ValueError, match='"A" is already in place'):
        slip(plan, "A", 2, as_of=as_of)
    assert slip(plan, "B", 1, as_of=as_of).moved  # the planned work still can
