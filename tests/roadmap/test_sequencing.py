"""Each sequencing rule on a small hand-made plan; every expected number is worked out in the comments."""

import json
from datetime import date, timedelta

import pytest

from roadmap.graph import DependencyLoopError
from roadmap.plan import Deliverable, Dependency, Plan
from roadmap.sequencing import Schedule, schedule_document, sequence
from roadmap.vocabulary import DependencyType, Pillar

START = date(2027, 1, 4)  # a Monday
FS = DependencyType.FINISH_TO_START
SS = DependencyType.START_TO_START
FF = DependencyType.FINISH_TO_FINISH


def day(n: int) -> date:
    return START + timedelta(days=n)


def item(key: str, weeks: int, pillar: Pillar = Pillar.LEGAL, **fields) -> Deliverable:
    return Deliverable(key=key, pillar=pillar, title=f"Deliverable {key}", duration_weeks=weeks, **fields)


def link(pred: str, succ: str, kind: DependencyType = FS, lag: int = 0) -> Dependency:
    return Dependency(pred, succ, kind, lag)


def plan(*items: Deliverable, links: tuple[Dependency, ...] = ()) -> Plan:
    return Plan(country="KEN", title="Test roadmap", start_date=START, deliverables=items, dependencies=tuple(links))


def weeks(schedule: Schedule, key: str) -> tuple[int, int, int, int, int, bool]:
    d = schedule.get(key)
    return d.es, d.ef, d.ls, d.lf, d.slack, d.critical


# --- links -----------------------------------------------------------------------------------


def test_finish_to_start_chain_with_a_lag():
    # A 0–3; B starts when A ends, 3–5; C two weeks after B, 7–11. T = 11, no slack anywhere.
    s = sequence(plan(item("A", 3), item("B", 2), item("C", 4), links=(link("A", "B"), link("B", "C", FS, 2))))
    assert s.duration_weeks == 11
    assert weeks(s, "A") == (0, 3, 0, 3, 0, True)
    assert weeks(s, "B") == (3, 5, 3, 5, 0, True)
    assert weeks(s, "C") == (7, 11, 7, 11, 0, True)  # LF(B) = LS(C) − 2 = 5


def test_finish_to_start_negative_lag_overlaps():
    # B may start two weeks before A ends: ES(B) = 5 − 2 = 3, EF 5. LF(A) = LS(B) + 2 = 5.
    s = sequence(plan(item("A", 5), item("B", 2), links=(link("A", "B", FS, -2),)))
    assert weeks(s, "A") == (0, 5, 0, 5, 0, True)
    assert weeks(s, "B") == (3, 5, 3, 5, 0, True)


def test_a_negative_lag_never_starts_before_week_zero():
    # Bound for B is 1 − 3 = −2, so B starts at 0 and ends at 2 = T. LF(A) = min(2, LS(B) + 3 = 3) = 2.
    s = sequence(plan(item("A", 1), item("B", 2), links=(link("A", "B", FS, -3),)))
    assert weeks(s, "B") == (0, 2, 0, 2, 0, True)
    assert weeks(s, "A") == (0, 1, 1, 2, 1, False)


def test_start_to_start_positive_lag():
    # B starts 2 weeks after A starts: 2–5. T = 10 (A). LF(B) = 10, LS 7, slack 5.
    # LF(A) = min(10, LS(B) − 2 + 10 = 15) = 10.
    s = sequence(plan(item("A", 10), item("B", 3), links=(link("A", "B", SS, 2),)))
    assert weeks(s, "A") == (0, 10, 0, 10, 0, True)
    assert weeks(s, "B") == (2, 5, 7, 10, 5, False)


def test_start_to_start_constrains_the_predecessor_backwards():
    # B 3–9 sets T = 9. A must start by LS(B) − 3 = 0, so LF(A) = 0 + 2 = 2: A is critical though short.
    s = sequence(plan(item("A", 2), item("B", 6), links=(link("A", "B", SS, 3),)))
    assert weeks(s, "B") == (3, 9, 3, 9, 0, True)
    assert weeks(s, "A") == (0, 2, 0, 2, 0, True)
    assert s.critical_path == ("A", "B")


def test_start_to_start_negative_lag_after_a_not_before():
    # A cannot start before week 3 (3–7); B may start 2 weeks before A: ES(B) = 1, 1–2. T = 7.
    # LF(B) = 7, LS 6, slack 5. LF(A) = min(7, LS(B) + 2 + 4 = 12) = 7.
    s = sequence(plan(item("A", 4, not_before=day(21)), item("B", 1), links=(link("A", "B", SS, -2),)))
    assert weeks(s, "A") == (3, 7, 3, 7, 0, True)
    assert weeks(s, "B") == (1, 2, 6, 7, 5, False)


def test_finish_to_finish_positive_lag():
    # B must finish 1 week after A finishes: EF(B) = 7, ES 5. LF(A) = LF(B) − 1 = 6.
    s = sequence(plan(item("A", 6), item("B", 2), links=(link("A", "B", FF, 1),)))
    assert weeks(s, "B") == (5, 7, 5, 7, 0, True)
    assert weeks(s, "A") == (0, 6, 0, 6, 0, True)
    assert s.critical_path == ("A", "B")


def test_finish_to_finish_negative_lag():
    # Bound for B is 6 − 2 − 10 = −6, so B runs 0–10 = T. LF(A) = min(10, LF(B) + 2 = 12) = 10, slack 4.
    s = sequence(plan(item("A", 6), item("B", 10), links=(link("A", "B", FF, -2),)))
    assert weeks(s, "B") == (0, 10, 0, 10, 0, True)
    assert weeks(s, "A") == (0, 6, 4, 10, 4, False)
    assert s.critical_path == ("B",)


def test_two_links_between_the_same_pair_both_count():
    # FS: B ≥ 4. SS lag 6: B ≥ 6, which wins. B 6–7; LF(A) = min(7, LS(B) − 0 = 6, LS(B) − 6 + 4 = 4) = 4.
    s = sequence(plan(item("A", 4), item("B", 1), links=(link("A", "B"), link("A", "B", SS, 6))))
    assert weeks(s, "B") == (6, 7, 6, 7, 0, True)
    assert weeks(s, "A") == (0, 4, 0, 4, 0, True)


# --- milestones, not_before, due_by --------------------------------------------------------


def test_milestones_take_no_time_and_finish_on_their_start():
    # M0 at week 0 opens the roadmap; A 0–3; M3 marks A's end at week 3.
    s = sequence(plan(item("M0", 0), item("A", 3), item("M3", 0), links=(link("M0", "A"), link("A", "M3"))))
    assert weeks(s, "M0") == (0, 0, 0, 0, 0, True)
    assert weeks(s, "M3") == (3, 3, 3, 3, 0, True)
    assert s.get("M3").start == s.get("M3").finish == day(21)
    assert s.get("M0").finish == START
    assert s.finish_date == day(20)


@pytest.mark.parametrize(
    ("offset", "week"),
    [(-10, 0), (-1, 0), (0, 0), (1, 1), (6, 1), (7, 1), (8, 2), (14, 2), (15, 3)],
)
def test_not_before_rounds_up_to_the_next_week_boundary(offset, week):
    s = sequence(plan(item("A", 2, not_before=day(offset))))
    assert s.get("A").es == week
    assert s.get("A").start == day(7 * week)


def test_not_before_only_raises_a_start_already_pushed_later():
    # B's predecessor already pushes it to week 5; a not_before in week 2 changes nothing.
    s = sequence(plan(item("A", 5), item("B", 1, not_before=day(10)), links=(link("A", "B"),)))
    assert s.get("B").es == 5


def test_due_by_met_exactly_on_the_last_day():
    # A runs days 0–13; due_by day 13 → limit floor(14 / 7) = 2 = EF: slack 0.
    s = sequence(plan(item("A", 2, due_by=day(13)), item("B", 5)))
    assert weeks(s, "A") == (0, 2, 0, 2, 0, True)


def test_due_by_one_day_early_gives_negative_slack():
    # due_by day 12 → limit floor(13 / 7) = 1: LF 1, LS −1, slack −1, critical though T = 5.
    s = sequence(plan(item("A", 2, due_by=day(12)), item("B", 5)))
    assert weeks(s, "A") == (0, 2, -1, 1, -1, True)
    assert s.duration_weeks == 5


def test_due_by_later_than_the_roadmap_end_is_capped_at_t():
    # limit floor(101 / 7) = 14 > T = 3, so LF(A) = 3: slack 1.
    s = sequence(plan(item("A", 2, due_by=day(100)), item("B", 3)))
    assert weeks(s, "A") == (0, 2, 1, 3, 1, False)


def test_a_missed_due_by_pulls_predecessors_into_negative_slack():
    # A 0–2, B 2–3; B due day 13 → limit 2: LF(B) 2, LS 1, slack −1. LF(A) = LS(B) = 1, LS −1, slack −1.
    s = sequence(plan(item("A", 2), item("B", 1, due_by=day(13)), links=(link("A", "B"),)))
    assert weeks(s, "B") == (2, 3, 1, 2, -1, True)
    assert weeks(s, "A") == (0, 2, -1, 1, -1, True)


def test_a_due_by_before_the_start_is_negative():
    # due_by the day before START → limit floor(0 / 7) = 0; a 1-week deliverable has slack −1.
    s = sequence(plan(item("A", 1, due_by=day(-1))))
    assert weeks(s, "A") == (0, 1, -1, 0, -1, True)


# --- shape of the roadmap ------------------------------------------------------------------


def test_disconnected_parts_share_one_finish():
    # A 0–3 → B 3–5 sets T = 5; C 0–4 alone has one week of slack.
    s = sequence(plan(item("A", 3), item("B", 2), item("C", 4), links=(link("A", "B"),)))
    assert s.duration_weeks == 5
    assert weeks(s, "C") == (0, 4, 1, 5, 1, False)
    assert s.phases == (("A", "C"), ("B",))
    assert s.critical_path == ("A", "B")


def test_an_empty_roadmap():
    s = sequence(plan())
    assert s == Schedule(START, START, 0, (), (), ())
    assert schedule_document(s, 7) == {
        "roadmap_id": 7,
        "start_date": "2027-01-04",
        "finish_date": "2027-01-04",
        "duration_weeks": 0,
        "critical_path": [],
        "phases": [],
        "deliverables": [],
    }


def test_a_roadmap_of_milestones_at_week_zero_finishes_on_its_start():
    s = sequence(plan(item("M1", 0), item("M2", 0), links=(link("M1", "M2"),)))
    assert s.duration_weeks == 0
    assert s.finish_date == START
    assert s.critical_path == ("M1", "M2")


def test_phases_count_the_longest_chain_of_links_whatever_their_type():
    # A → B, A → C, B → D, C → D, A → D; E → D. Phases: A, E = 1; B, C = 2; D = 3.
    # The SS link with a negative lag still makes C follow A by a phase.
    links = (link("A", "B"), link("A", "C", SS, -5), link("B", "D"), link("C", "D"), link("A", "D"), link("E", "D"))
    s = sequence(plan(item("A", 2), item("B", 1), item("C", 4), item("D", 1), item("E", 1), links=links))
    assert {d.key: d.phase for d in s.deliverables} == {"A": 1, "B": 2, "C": 2, "D": 3, "E": 1}
    # Within a phase, sequence order: A before E by key; C (ES max(0, 0 − 5) = 0) before B (ES 2).
    assert s.phases == (("A", "E"), ("C", "B"), ("D",))


def test_sequence_order_is_es_then_phase_then_pillar_then_key():
    # P 0–5 legal; Q technical follows P start-to-start: ES 0 but phase 2.
    # R, S, U phase 1 at ES 0; R starts week 1 (not_before day 3).
    items = (
        item("P", 5, Pillar.LEGAL),
        item("Q", 1, Pillar.LEGAL),
        item("R", 1, Pillar.LEGAL, not_before=day(3)),
        item("S", 1, Pillar.COOPERATION),
        item("U", 1, Pillar.TECHNICAL),
        item("B", 1, Pillar.LEGAL),
    )
    s = sequence(plan(*items, links=(link("P", "Q", SS),)))
    # ES 0 / phase 1: B, P (legal, by key), U (technical), S (cooperation); then Q (ES 0, phase 2); then R (ES 1).
    assert [d.key for d in s.deliverables] == ["B", "P", "U", "S", "Q", "R"]


def test_dates_follow_the_weeks():
    # A 0–3: days 0–20. B one week after: 4–6, days 28–41. Roadmap ends day 41.
    s = sequence(plan(item("A", 3), item("B", 2), links=(link("A", "B", FS, 1),)))
    assert (s.get("A").start, s.get("A").finish) == (day(0), day(20))
    assert (s.get("B").start, s.get("B").finish) == (day(28), day(41))
    assert (s.start_date, s.finish_date) == (START, day(41))
    assert s.get("B").duration_weeks == 2


# --- critical path -------------------------------------------------------------------------


def test_two_equal_chains_pick_the_first_in_sequence_order():
    # A and B (both 2 weeks, legal) each feed C: both links bind at week 2. A comes first by key.
    s = sequence(plan(item("B", 2), item("A", 2), item("C", 3), links=(link("B", "C"), link("A", "C"))))
    assert s.critical_path == ("A", "C")
    assert weeks(s, "B")[-1] and weeks(s, "A")[-1]


def test_pillar_order_beats_key_when_choosing_between_equal_chains():
    s = sequence(
        plan(
            item("A", 2, Pillar.TECHNICAL),
            item("B", 2, Pillar.LEGAL),
            item("C", 3),
            links=(link("A", "C"), link("B", "C")),
        )
    )
    assert s.critical_path == ("B", "C")


def test_two_ends_at_t_pick_the_first_in_sequence_order():
    # X1 0–4 → X2 4–6; Y1 0–2 → Y2 2–6. Both end at T = 6; Y2 (ES 2) comes before X2 (ES 4) in sequence.
    items = (item("X1", 4), item("X2", 2), item("Y1", 2), item("Y2", 4))
    s = sequence(plan(*items, links=(link("X1", "X2"), link("Y1", "Y2"))))
    assert s.critical_path == ("Y1", "Y2")


def test_the_path_follows_binding_links_not_just_critical_predecessors():
    # P 0–1 and Q 0–3 both feed S; Q binds (ES(S) = 3). S due day 6 → limit 1, so S, P and Q all have
    # negative slack and are critical; P comes first in sequence order but its link (bound 1) does not bind.
    items = (item("P", 1), item("Q", 3), item("S", 1, due_by=day(6)))
    s = sequence(plan(*items, links=(link("P", "S"), link("Q", "S"))))
    assert weeks(s, "S") == (3, 4, 0, 1, -3, True)
    assert weeks(s, "P") == (0, 1, -1, 0, -1, True)
    assert weeks(s, "Q") == (0, 3, -3, 0, -3, True)
    assert s.critical_path == ("Q", "S")


def test_earliest_weeks_hold_a_deliverable_back_without_touching_its_dates_rule():
    # A held to week 3 (its own not_before is week 1): A 3–5, B 5–6. A later hold never pulls earlier.
    p = plan(item("A", 2, not_before=day(2)), item("B", 1), links=(link("A", "B"),))
    s = sequence(p, earliest_weeks={"A": 3})
    assert weeks(s, "A")[:2] == (3, 5) and weeks(s, "B")[:2] == (5, 6)
    assert s.get("A").start == day(21)
    assert sequence(p, earliest_weeks={"A": 0}).get("A").es == 1
    with pytest.raises(ValueError, match='no deliverable has the key "Z"'):
        sequence(p, earliest_weeks={"Z": 1})


# --- errors and the document ---------------------------------------------------------------


def test_a_loop_is_named():
    items = (item("A", 1), item("B", 1), item("C", 1), item("D", 1))
    links = (link("D", "A"), link("B", "C"), link("C", "A", SS), link("A", "B"))
    with pytest.raises(DependencyLoopError) as err:
        sequence(plan(*items, links=links))
    assert err.value.loop == ["A", "B", "C", "A"]
    assert str(err.value) == "dependency loop: A → B → C → A"


def test_a_self_link_is_a_loop():
    with pytest.raises(DependencyLoopError) as err:
        sequence(plan(item("A", 1), links=(link("A", "A"),)))
    assert err.value.loop == ["A", "A"]


def test_a_link_to_an_unknown_deliverable_is_refused():
    with pytest.raises(ValueError, match='"Z", which is not a deliverable'):
        sequence(plan(item("A", 1), links=(link("A", "Z"),)))


def test_duplicate_keys_are_refused():
    with pytest.raises(ValueError, match='two deliverables share the key "A"'):
        sequence(plan(item("A", 1), item("A", 2)))


def test_get_raises_key_error_for_an_unknown_key():
    with pytest.raises(KeyError):
        sequence(plan(item("A", 1))).get("B")


def test_schedule_document_has_exactly_the_published_shape():
    s = sequence(plan(item("A", 3, Pillar.TECHNICAL), item("M", 0, Pillar.CAPACITY), links=(link("A", "M"),)))
    doc = schedule_document(s, 42)
    assert doc == {
        "roadmap_id": 42,
        "start_date": "2027-01-04",
        "finish_date": "2027-01-24",
        "duration_weeks": 3,
        "critical_path": ["A", "M"],
        "phases": [["A"], ["M"]],
        "deliverables": [
            {
                "key": "A",
                "title": "Deliverable A",
                "pillar": "technical",
                "phase": 1,
                "es": 0,
                "ef": 3,
                "ls": 0,
                "lf": 3,
                "slack": 0,
                "critical": True,
                "start": "2027-01-04",
                "finish": "2027-01-24",
            },
            {
                "key": "M",
                "title": "Deliverable M",
                "pillar": "capacity",
                "phase": 2,
                "es": 3,
                "ef": 3,
                "ls": 3,
                "lf": 3,
                "slack": 0,
                "critical": True,
                "start": "2027-01-25",
                "finish": "2027-01-25",
            },
        ],
    }
    assert json.loads(json.dumps(doc)) == doc
    assert type(doc["deliverables"][0]["pillar"]) is str
