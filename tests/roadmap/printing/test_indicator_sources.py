"""The printed roadmap names each indicator's data source, says "unknown" for a baseline nobody measured,
and shows each threat on both CO:RE axes with a legend."""

import re
from datetime import date

from roadmap.plan import Deliverable, Indicator, Plan
from roadmap.printing.document import PrintContext, render_html
from roadmap.sequencing import sequence
from roadmap.threats import Threat
from roadmap.vocabulary import Pillar

CONTEXT = PrintContext(country_name="Ghana", version=1, generated_on=date(2026, 5, 4), today=date(2026, 5, 4))


def _html() -> str:
    plan = Plan(
        country="GHA",
        title="Roadmap",
        start_date=date(2027, 1, 4),
        deliverables=(
            Deliverable(
                key="T1",
                pillar=Pillar.TECHNICAL,
                title="Reporting portal",
                duration_weeks=10,
                threats=(Threat.CSAM, Threat.TRAFFICKING),
                indicators=(
                    Indicator("Reports received", "reports", None, 500, source="IWF portal statistics"),
                    Indicator("Portal open", "yes/no", 0, 1),
                ),
            ),
        ),
    )
    return re.sub(r"\s+", " ", render_html(plan, sequence(plan), CONTEXT))


def test_indicators_print_their_source_and_an_unknown_baseline():
    html = _html()
    assert re.search(r"Reports received.*?unknown</td>.*?500</td>.*?IWF portal statistics", html)
    assert html.count("IWF portal statistics") == 2  # the deliverable's page and the annex
    assert re.search(r"Portal open.*?>0</td>", html)


def test_the_threat_table_shows_both_axes_and_the_legend():
    html = _html()
    assert re.search(r"Child sexual abuse material.*?Contact<br>Sexual", html)
    assert re.search(r"Trafficking of children for sexual exploitation.*?Contract<br>Sexual", html)
    assert "The CO:RE 4 Cs" in html and "Cross-cutting" in html and "Inequality and discrimination" in html


def test_the_legend_names_each_axis():
    html = _html()
    assert re.search(r"<h3>How the child meets the risk</h3>.*?Contact.*?<h3>Nature of the harm</h3>.*?Values", html)
