"""Due dates at risk and the chain that makes each late, on hand-made plans worked out in the comments."""

from datetime import date, timedelta
from itertools import pairwise

from roadmap.duedates import (
    DueDateAtRisk,
    Step,
    due_date_effects,
    due_dates_at_risk,
    explain,
    holding_up,
    late_weeks,
    schedule_marks,
    slack_words,
)
from roadmap.plan import Deliverable, Dependency, Plan
from roadmap.sequencing import sequence
from roadmap.vocabulary import DependencyType, Pillar

START = date(2027, 1, 4)  # a Monday


def day(n: int) -> date:
    return START + timedelta(days=n)


def item(key: str, weeks: int, **fields) -> Deliverable:
    return Deliverable(key=key, pillar=Pillar.LEGAL, title=f"Title {key}", duration_weeks=weeks, **fields)


def chain_plan() -> Plan:
    # L1 0–10 → L2 10–20 → L3 20–30 → L4 30–40 → T4 40–50 → C4 50–55. X 0–2 also feeds C4 but never binds.
    # C4 is due on day 69, the last day of week 9: its due week is (69 + 1) // 7 = 10, so it is 45 weeks late.
    # L1…T4 have no due date of their own: each has slack −45 yet none is "at risk".
    keys = ["L1", "L2", "L3", "L4", "T4", "C4"]
    items = [item(k, 10) for k in keys[:-1]] + [item("C4", 5, due_by=day(69)), item("X", 2)]
    links = [Dependency(p, s) for p, s in pairwise(keys)] + [Dependency("X", "C4")]
    return Plan(country="KEN", title="Chain", start_date=START, deliverables=tuple(items), dependencies=tuple(links))


def test_only_a_deliverable_with_its_own_due_date_is_at_risk_and_its_chain_is_named():
    plan = chain_plan()
    schedule = sequence(plan)
    assert [d.key for d in schedule.deliverables if d.slack < 0] == ["L1", "L2", "L3", "L4", "T4", "C4"]
    risks = due_dates_at_risk(plan, schedule)
    assert risks == (
        DueDateAtRisk(
            key="C4",
            title="Title C4",
            due_by=day(69),
            finish=day(7 * 55 - 1),
            late_weeks=45,
            chain=tuple(Step(k, f"Title {k}") for k in ("L1", "L2", "L3", "L4", "T4")),
            held_until=None,
        ),
    )
    assert holding_up(risks) == {k: ("C4",) for k in ("L1", "L2", "L3", "L4", "T4")}


def test_a_due_date_met_exactly_is_not_at_risk():
    # Due on day 384, the last day of week 54: due week 55 = EF, so C4 ends on its due date.
    plan = chain_plan()
    plan = Plan(
        country="KEN",
        title="On time",
        start_date=START,
        deliverables=tuple(d if d.key != "C4" else item("C4", 5, due_by=day(384)) for d in plan.deliverables),
        dependencies=plan.dependencies,
    )
    schedule = sequence(plan)
    assert due_dates_at_risk(plan, schedule) == ()
    assert late_weeks(schedule, schedule.get("C4"), day(384)) == 0
    assert late_weeks(schedule, schedule.get("C4"), day(383)) == 1


def test_a_deliverable_late_on_its_own_has_no_chain_and_says_what_holds_it():
    # A cannot start before day 21 (week 3) and takes 4 weeks: EF 7. Due day 34 → due week 5: 2 weeks late.
    plan = Plan(
        country="KEN",
        title="Alone",
        start_date=START,
        deliverables=(item("A", 4, not_before=day(21), due_by=day(34)),),
    )
    (risk,) = due_dates_at_risk(plan, sequence(plan))
    assert (risk.key, risk.late_weeks, risk.chain, risk.held_until) == ("A", 2, (), day(21))


def test_the_chain_follows_the_binding_link_of_any_type_and_stops_at_a_not_before_date():
    # P cannot start before week 4 (day 28): 4–6. Q starts with P plus 1 (SS): 5–8. R finishes with Q (FF): 7–8.
    # R is due day 41 → due week 6: 2 weeks late. Its chain is P → Q, and P is held by its not-before date.
    plan = Plan(
        country="KEN",
        title="Types",
        start_date=START,
        deliverables=(item("P", 2, not_before=day(28)), item("Q", 3), item("R", 1, due_by=day(41))),
        dependencies=(
            Dependency("P", "Q", DependencyType.START_TO_START, 1),
            Dependency("Q", "R", DependencyType.FINISH_TO_FINISH),
        ),
    )
    (risk,) = due_dates_at_risk(plan, sequence(plan))
    assert [s.key for s in risk.chain] == ["P", "Q"]
    assert (risk.late_weeks, risk.held_until) == (2, day(28))


def test_two_late_due_dates_on_one_chain_each_get_their_own():
    # A 0–6 → B 6–8 (due day 34, week 5: 3 late) → C 8–10 (due day 48, week 7: 3 late).
    plan = Plan(
        country="KEN",
        title="Two",
        start_date=START,
        deliverables=(item("A", 6), item("B", 2, due_by=day(34)), item("C", 2, due_by=day(48))),
        dependencies=(Dependency("A", "B"), Dependency("B", "C")),
    )
    risks = due_dates_at_risk(plan, sequence(plan))
    assert [(r.key, r.late_weeks, [s.key for s in r.chain]) for r in risks] == [("B", 3, ["A"]), ("C", 3, ["A", "B"])]
    assert holding_up(risks) == {"A": ("B", "C"), "B": ("C",)}


def test_effects_give_every_due_date_before_and_after():
    # Holding L1 back 2 weeks: C4 (45 weeks late) ends 2 weeks later, 47 late. D (due day 20, week 3) ends week 1.
    base = chain_plan()
    plan = Plan(
        country="KEN",
        title="Effects",
        start_date=START,
        deliverables=(*base.deliverables, item("D", 1, due_by=day(20))),
        dependencies=base.dependencies,
    )
    before = sequence(plan)
    after = sequence(plan, earliest_weeks={"L1": 2})
    effects = {e.key: e for e in due_date_effects(plan, before, after)}
    assert list(effects) == ["D", "C4"]
    c4, d = effects["C4"], effects["D"]
    assert (c4.old_late_weeks, c4.new_late_weeks, c4.worse_weeks, c4.holds) == (45, 47, 2, False)
    assert (c4.old_finish, c4.new_finish) == (day(384), day(398))
    assert (d.old_late_weeks, d.new_late_weeks, d.holds, d.old_finish == d.new_finish) == (0, 0, True, True)


def test_marks_keep_the_critical_path_and_lateness_apart():
    # The chain plan: L1…T4 → C4 is the critical path (T = 55, set by C4). C4 alone is late for its own date;
    # L1…T4 hold it up, each 45 weeks short. X (0–2) must finish by C4's latest start, week 10 − 5 = 5: slack 3.
    plan = chain_plan()
    marks = schedule_marks(plan, sequence(plan))
    c4, l2, x = marks["C4"], marks["L2"], marks["X"]
    assert (c4.on_critical_path, c4.late, c4.late_weeks, c4.holds_up, c4.due_by) == (True, True, 45, (), day(69))
    assert (l2.on_critical_path, l2.late, l2.holds_up, l2.short_weeks) == (True, False, ("C4",), 45)
    assert (x.on_critical_path, x.late, x.holds_up, x.short_weeks) == (False, False, (), 0)


def english(text: str) -> str:
    return text


def plural(singular: str, plural_: str, num: int) -> str:
    return (singular if num == 1 else plural_) % {"num": num}


def words(risk: DueDateAtRisk) -> str:
    return explain(risk, english, plural, lambda d: d.strftime("%-d %B %Y"))


def _off_the_path(due_day: int) -> Plan:
    # Z (0–10) is the critical path. A 0–4 → B 4–6, B due on ``due_day``: neither is on the critical path.
    items = (item("A", 4), item("B", 2, due_by=day(due_day)), item("Z", 10))
    return Plan(country="KEN", title="Off", start_date=START, deliverables=items, dependencies=(Dependency("A", "B"),))


def test_slack_in_words_never_says_short_beside_off_the_critical_path():
    # B due on day 34, the last day of week 4: due week 5, it finishes at week 6, 1 week after its date. A is
    # not late itself, and not on the critical path either: it is 1 week behind B's due date.
    for due_day, weeks in ((34, "1 week"), (20, "3 weeks")):
        plan = _off_the_path(due_day)
        schedule = sequence(plan)
        marks = schedule_marks(plan, schedule)
        assert schedule.critical_path == ("Z",)
        said = {k: slack_words(schedule.get(k).slack, marks[k], plural) for k in "ABZ"}
        assert said == {
            "A": f"No slack: {weeks} behind a later due date",
            "B": f"No slack: finishes {weeks} after its due date",
            "Z": "0 weeks",
        }
    plan = chain_plan()
    schedule = sequence(plan)
    assert slack_words(schedule.get("X").slack, schedule_marks(plan, schedule)["X"], plural) == "3 weeks"


def test_a_due_date_at_risk_in_words_names_whose_date_and_the_chain():
    (risk,) = due_dates_at_risk(chain_plan(), sequence(chain_plan()))
    assert words(risk) == (
        "C4 must finish by 14 March 2027; the chain L1 → L2 → L3 → L4 → T4 before it makes it finish "
        "45 weeks later, on 23 January 2028."
    )


def test_in_words_a_late_deliverable_without_a_chain_says_what_holds_it_and_one_week_is_singular():
    # A cannot start before week 3 and takes 4 weeks: EF 7, due week 6 (day 41): 1 week late.
    held = Plan(
        country="KEN", title="Held", start_date=START, deliverables=(item("A", 4, not_before=day(21), due_by=day(41)),)
    )
    (risk,) = due_dates_at_risk(held, sequence(held))
    assert words(risk) == (
        "A must finish by 14 February 2027; it cannot start before 25 January 2027, so it finishes 1 week later, "
        "on 21 February 2027."
    )
    # B takes 3 weeks from the start and is due at the end of week 1: 2 weeks late on its own.
    long = Plan(country="KEN", title="Long", start_date=START, deliverables=(item("B", 3, due_by=day(6)),))
    (risk,) = due_dates_at_risk(long, sequence(long))
    assert words(risk) == (
        "B must finish by 10 January 2027; it takes longer than that on its own and finishes 2 weeks later, "
        "on 24 January 2027."
    )


def test_in_words_a_chain_held_back_by_a_date_says_so():
    plan = Plan(
        country="KEN",
        title="Types",
        start_date=START,
        deliverables=(item("P", 2, not_before=day(28)), item("Q", 3), item("R", 1, due_by=day(41))),
        dependencies=(
            Dependency("P", "Q", DependencyType.START_TO_START, 1),
            Dependency("Q", "R", DependencyType.FINISH_TO_FINISH),
        ),
    )
    (risk,) = due_dates_at_risk(plan, sequence(plan))
    assert words(risk).endswith("later, on 28 February 2027. The chain cannot start before 1 February 2027.")
