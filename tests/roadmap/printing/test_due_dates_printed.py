"""Due dates at risk in the printed roadmap, read back from the real PDF: whose date it is and the chain that
makes it late, and "on the critical path" and "late against a due date" as two separate marks."""

import re
from datetime import date, timedelta
from itertools import pairwise

import pytest

from roadmap.plan import Deliverable, Dependency, Plan
from roadmap.vocabulary import Pillar
from tests.roadmap.printing.test_content import Printed, render, section_text

START = date(2027, 1, 4)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def printed() -> Printed:
    # L1 → L2 → L3 → L4 → T4 (10 weeks each) → C4 (5 weeks, due 14 March 2027): C4 ends 23 January 2028,
    # 45 weeks late. X (2 weeks) also feeds C4, with 3 weeks of slack.
    keys = ["L1", "L2", "L3", "L4", "T4", "C4"]
    items = [Deliverable(k, Pillar.LEGAL, f"Law step {k}", 10) for k in keys[:-1]]
    items += [
        Deliverable("C4", Pillar.CAPACITY, "Train the judges", 5, due_by=START + timedelta(days=69)),
        Deliverable("X", Pillar.TECHNICAL, "Buy laptops", 2),
    ]
    links = (*(Dependency(a, b) for a, b in pairwise(keys)), Dependency("X", "C4"))
    return render(Plan("KEN", "Chain roadmap", START, deliverables=tuple(items), dependencies=links))


def test_the_summary_says_whose_due_date_and_the_chain_that_makes_it_late(printed):
    text = flat(section_text(printed, "Executive summary"))
    risks = text.split("Due dates at risk On the current schedule")[1].split("Total cost")[0]
    assert re.search(
        r"C4 Train the judges \(page \d+\): C4 must finish by 14 March 2027; the chain L1 → L2 → L3 → L4 → T4 "
        r"before it makes it finish 45 weeks later, on 23 January 2028\.",
        risks.replace("\u00a0", " "),
    ), risks
    assert "The chain: L1 Law step L1 → L2 Law step L2 → L3 Law step L3 → L4 Law step L4 → T4 Law step T4" in risks
    assert risks.count("must finish by") == 1  # the chain's work is not listed as late


def test_each_deliverable_page_marks_the_critical_path_and_lateness_apart(printed):
    pages = flat(" ".join(printed.texts)).replace("\u00a0", " ")
    # C4: on the critical path and late for its own date; L2: on the path and holding C4 up, not late.
    assert re.search(r"C4 Train the judges .*?On the critical path · 45 weeks late", pages)
    assert re.search(r"Due date 14 March 2027 — 45 weeks late Holds up —", pages)
    assert re.search(r"L2 Law step L2 .*?On the critical path · Holds up C4", pages)
    assert "Slack No slack: 45 weeks behind a later due date On the critical path Yes" in pages
    assert "Slack No slack: finishes 45 weeks after its due date" in pages
    assert "short" not in pages and "late for a due date" not in pages
    # X has slack: neither mark.
    assert re.search(r"Slack 3 weeks On the critical path No Due date — Holds up —", pages)
