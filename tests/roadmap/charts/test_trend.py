"""The small trend chart of an indicator's readings."""

from datetime import date
from xml.etree import ElementTree

from roadmap.charts.trend import HEIGHT, PAD, trend_svg

NS = {"s": "http://www.w3.org/2000/svg"}


def test_readings_rise_towards_the_dashed_target():
    svg = ElementTree.fromstring(
        trend_svg([(date(2026, 1, 1), 10), (date(2026, 7, 1), 50)], 100, "Kenya: 2 readings, from 10 to 50")
    )
    assert svg.get("role") == "img" and svg.get("aria-label") == "Kenya: 2 readings, from 10 to 50"
    first, last = svg.findall("s:circle", NS)
    assert float(first.get("cx")) < float(last.get("cx"))  # later to the right
    assert float(first.get("cy")) > float(last.get("cy"))  # higher values higher up
    target = svg.find("s:line", NS)
    assert target.get("stroke-dasharray") and float(target.get("y1")) == PAD  # the target is the top of the scale
    assert svg.find("s:polyline", NS) is not None


def test_one_reading_and_no_target_still_draws_and_words_are_escaped():
    svg = ElementTree.fromstring(trend_svg([(date(2026, 1, 1), 3)], None, 'A "quoted" <name> & co'))
    assert svg.find("s:title", NS).text == 'A "quoted" <name> & co'
    (point,) = svg.findall("s:circle", NS)
    assert PAD <= float(point.get("cy")) <= HEIGHT - PAD
    assert svg.find("s:line", NS) is None and svg.find("s:polyline", NS) is None
