"""Work already in place: listed in the plan, never scheduled, never counted as the plan's work."""

from datetime import date
from decimal import Decimal

from roadmap.exchange.interchange import read_document, to_document
from roadmap.followup import weighted_percent
from roadmap.forecast import forecast
from roadmap.plan import Cost, Deliverable, Dependency, Plan
from roadmap.printing.context import cost_totals
from roadmap.printing.text import PrintContext, Words
from roadmap.sequencing import schedule_document, sequence
from roadmap.vocabulary import DeliverableStatus, Pillar
from tests.factories import small_document

START = date(2027, 1, 4)
IN_PLACE = DeliverableStatus.IN_PLACE


def plan(*items: Deliverable, links=()) -> Plan:
    return Plan(country="GHA", title="Ghana", start_date=START, deliverables=items, dependencies=tuple(links))


def item(key: str, weeks: int, **fields) -> Deliverable:
    return Deliverable(key=key, pillar=Pillar.LEGAL, title=f"Deliverable {key}", duration_weeks=weeks, **fields)


def test_work_in_place_takes_no_time_and_holds_nothing_back():
    # The Act (52 weeks) is already in force; its regulations (20 weeks) wait on it, then training (10).
    p = plan(
        item("ACT", 52, status=IN_PLACE, not_before=date(2028, 1, 3)),
        item("REG", 20),
        item("TRAIN", 10),
        links=(Dependency("ACT", "REG"), Dependency("REG", "TRAIN")),
    )
    s = sequence(p)
    act = s.get("ACT")
    assert (act.es, act.ef, act.duration_weeks, act.in_place, act.critical) == (0, 0, 0, True, False)
    assert (s.get("REG").es, s.get("TRAIN").ef) == (0, 30)  # not 52 weeks later
    assert s.duration_weeks == 30 and s.critical_path == ("REG", "TRAIN")
    # The published schedule JSON keeps its shape: work in place reads as taking no time at the start.
    first = schedule_document(s, 1)["deliverables"][0]
    assert (first["key"], first["es"], first["ef"], first["critical"]) == ("ACT", 0, 0, False)


def test_the_forecast_keeps_work_in_place_off_the_calendar():
    p = plan(item("ACT", 52, status=IN_PLACE), item("REG", 20), links=(Dependency("ACT", "REG"),))
    f = forecast(p, date(2027, 3, 1))
    assert (f.get("ACT").es, f.get("ACT").ef, f.get("ACT").in_place) == (0, 0, True)
    assert f.get("REG").es == 8  # open work starts from the day of the forecast, not after the Act


def test_work_in_place_is_not_counted_as_work_done_or_to_do():
    assert (
        weighted_percent([(IN_PLACE, 52, 0), (DeliverableStatus.DONE, 10, 100), (DeliverableStatus.NOT_STARTED, 10, 0)])
        == 50
    )


def test_the_status_travels_in_cop_roadmap_1():
    doc = small_document()
    doc["deliverables"][0]["status"] = "in_place"
    p = read_document(doc)
    assert p.deliverables[0].status is IN_PLACE
    assert to_document(p)["deliverables"][0]["status"] == "in_place"


def test_the_charts_say_the_work_is_in_place_instead_of_giving_it_dates():
    from roadmap.charts import gantt_svg, graph_svg

    p = plan(item("ACT", 52, status=IN_PLACE), item("REG", 20), links=(Dependency("ACT", "REG"),))
    s = sequence(p)
    gantt, graph = gantt_svg(s), graph_svg(p, s)
    assert "ACT — Deliverable ACT (Legal Measures; Already in place)" in gantt
    assert "Already in place" in graph


def test_work_in_place_is_not_listed_as_missing_a_cost():
    # The Act in force costs the plan nothing; the regulations still to draft have no cost yet and are listed.
    p = plan(item("ACT", 52, status=IN_PLACE), item("REG", 20), item("TRAIN", 10, cost=Cost(Decimal(90_000), "GHS")))
    words = Words(PrintContext(country_name="Ghana", version=1, generated_on=START))
    assert cost_totals(p, words) == ((("GHS", "90,000"),), ("REG",))
