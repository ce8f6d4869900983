"""Due dates at risk as a team reads them on the pages: whose date it is, the chain that makes it late,
and the two marks "on the critical path" and "late against a due date" kept apart."""

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest

from tests.factories import import_small
from tests.views.conftest import login

BLOCKS = {"p", "li", "td", "th", "tr", "div", "ol", "ul", "dt", "dd", "h1", "h2", "h3", "section", "br", "table"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")
        if tag in BLOCKS:
            self.parts.append(" ")  # a new box starts a new word; inline tags join their text

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0
        if tag in BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def page_text(html: str) -> str:
    """The words a reader sees, in order, spaces collapsed."""
    parser = _Text()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


def row_text(html: str, key: str) -> str:
    """The words of the table row of one deliverable."""
    row = re.search(rf'<tr[^>]*>\s*<td data-label="[^"]*"><code>{re.escape(key)}</code>.*?</tr>', html, flags=re.S)
    return page_text(row.group(0))


def chain_roadmap() -> int:
    # L1 → L2 → L3 → L4 → T4 (10 weeks each) → C4 (5 weeks), due 14 March 2027 (end of week 10): C4 finishes
    # at the end of week 55, 23 January 2028, 45 weeks late. X (2 weeks) also feeds C4 and has 3 weeks of slack.
    keys = ["L1", "L2", "L3", "L4", "T4"]
    deliverables = [
        {"key": k, "pillar": "legal", "title": f"Law step {k}", "duration_weeks": 10, "lead": "MOICT"} for k in keys
    ]
    deliverables += [
        {"key": "C4", "pillar": "capacity", "title": "Train the judges", "duration_weeks": 5, "due_by": "2027-03-14"},
        {"key": "X", "pillar": "technical", "title": "Buy laptops", "duration_weeks": 2},
    ]
    links = [{"from": a, "to": b} for a, b in zip(keys, [*keys[1:], "C4"], strict=True)] + [{"from": "X", "to": "C4"}]
    return import_small(title="Chain plan", deliverables=deliverables, dependencies=links)


@pytest.fixture
def chain(client, world):
    rid = chain_roadmap()
    login(client, "admin@example.org")
    return rid


def test_the_sequence_page_says_whose_due_date_and_the_chain_that_makes_it_late(client, chain):
    text = page_text(client.get(f"/roadmaps/{chain}").get_data(as_text=True))
    box = text.split("Due dates at risk")[1].split("Only a deliverable")[0]
    assert (
        "C4 Train the judges: C4 must finish by 14 Mar 2027; the chain L1 → L2 → L3 → L4 → T4 before it makes it "
        "finish 45 weeks later, on 23 Jan 2028." in box
    )
    # The chain by key and title, and no deliverable without a due date of its own called late.
    assert "L1 Law step L1 L2 Law step L2 L3 Law step L3 L4 Law step L4 T4 Law step T4" in box
    assert box.count("must finish by") == 1 and "weeks late " not in box and "weeks late." not in box


def test_the_sequence_marks_the_critical_path_and_lateness_apart(client, chain):
    html = client.get(f"/roadmaps/{chain}").get_data(as_text=True)
    # C4: on the critical path and late for its own date; L2: on the path, holding C4 up, not "late".
    assert row_text(html, "C4").endswith(
        "No slack: finishes 45 weeks after its due date On the critical path 45 weeks late (due 14 Mar 2027)"
    )
    l2 = row_text(html, "L2")
    assert l2.endswith("No slack: 45 weeks behind a later due date On the critical path Holds up C4")
    assert not re.search(r"\blate\b", l2)  # behind C4's date, not late itself
    # X: neither on the critical path nor late; it has slack.
    assert row_text(html, "X").endswith("3 weeks No —")


def test_the_timeline_table_and_the_review_carry_the_same_marks(client, chain):
    timeline = client.get(f"/roadmaps/{chain}/timeline").get_data(as_text=True)
    assert row_text(timeline, "T4").endswith("On the critical path Holds up C4")
    review = page_text(client.get(f"/roadmaps/{chain}/wizard/review").get_data(as_text=True))
    warnings = review.split("Due dates at risk")[1].split("Only a deliverable")[0]
    assert "C4 must finish by 14 Mar 2027; the chain L1 → L2 → L3 → L4 → T4" in warnings
    assert "Law step L2 —" not in warnings  # the chain is not listed as late work


def test_the_explanation_is_in_the_readers_language(client, chain):
    with client.application.app_context():
        client.post("/language", data={"lang": "fr", "next": "/"})
    with client.application.app_context():
        text = page_text(client.get(f"/roadmaps/{chain}").get_data(as_text=True))
    assert (
        "C4 doit être terminé au plus tard le 14 mars 2027 ; la chaîne L1 → L2 → L3 → L4 → T4 qui le précède le fait "
        "finir 45 semaines plus tard, le 23 janv. 2028." in text
    )
    assert "Retarde C4" in text


def what_if(client, rid: int, key: str, weeks: int) -> str:
    response = client.get(f"/roadmaps/{rid}/what-if", query_string={"key": key, "weeks": weeks})
    assert response.status_code == 200
    return page_text(response.get_data(as_text=True))


def test_what_if_a_late_chain_slips_one_week_says_so_in_the_singular_and_never_fits_in_the_slack(client, chain):
    text = what_if(client, chain, "L2", 1)
    assert "If L2 slips 1 week " in text and "1 weeks" not in text
    assert "The roadmap would finish on 30 Jan 2028 instead of 23 Jan 2028: 1 week later." in text
    assert "L2 has no slack to use: it is already 45 weeks behind a due date" in text
    assert "fits in the slack" not in text
    effects = text.split("Every due date, before and after the slip")[1].split("deliverables would move")[0]
    assert "C4 Train the judges 14 Mar 2027 23 Jan 2028 → 30 Jan 2028 45 weeks late → 46 weeks late" in effects


def test_what_if_work_with_slack_fits_and_every_due_date_is_reported(client, chain):
    text = what_if(client, chain, "X", 2)
    assert "If X slips 2 weeks " in text
    assert "The roadmap would still finish on 23 Jan 2028: the slip fits in the slack." in text
    assert "C4 Train the judges 14 Mar 2027 23 Jan 2028 Still 45 weeks late" in text
    # The moved row marks X apart: not on the critical path, and its own due date column empty.
    assert "X Buy laptops" in text and "These would join the critical path" not in text


def test_the_spreadsheet_and_the_schedule_json_carry_the_two_marks_apart(client, chain, app):
    rows = {
        r["Key"]: r
        for r in csv.DictReader(io.StringIO(client.get(f"/roadmaps/{chain}/deliverables.csv").data.decode("utf-8-sig")))
    }
    marks = {k: (r["On the critical path"], r["Late by (weeks)"], r["Holds up"]) for k, r in rows.items()}
    assert (marks["C4"], marks["L2"], marks["X"]) == (("yes", "45", ""), ("yes", "0", "C4"), ("no", "0", ""))
    # The slack as a number to sort by, and in the words the pages use.
    slack = {k: (r["Slack (weeks)"], r["Slack in words"]) for k, r in rows.items()}
    assert slack["L2"] == ("-45", "No slack: 45 weeks behind a later due date")
    assert slack["C4"] == ("-45", "No slack: finishes 45 weeks after its due date")
    assert slack["X"] == ("3", "3 weeks")
    result = app.test_cli_runner().invoke(args=["schedule", str(chain), "--json"])
    entries = {d["key"]: d for d in json.loads(result.stdout)["deliverables"]}
    c4, l2 = entries["C4"], entries["L2"]
    # "critical" keeps its meaning (no slack left); the new fields tell the path and the due date apart.
    assert (l2["critical"], l2["on_critical_path"], l2["late_weeks"], l2["holds_up"], l2["due_by"]) == (
        True,
        True,
        0,
        ["C4"],
        None,
    )
    assert (c4["due_by"], c4["late_weeks"], c4["holds_up"]) == ("2027-03-14", 45, [])


def test_the_schedule_table_in_the_terminal_marks_the_path_and_the_due_dates_apart(chain, app):
    result = app.test_cli_runner().invoke(args=["schedule", str(chain)])
    rows = {line.split()[1]: " ".join(line.split()) for line in result.stdout.splitlines()[5:]}
    # The slack in the words the pages use, never a bare negative number.
    assert "No slack: finishes 45 weeks after its due date CRITICAL 45 weeks late Train the judges" in rows["C4"]
    assert "No slack: 45 weeks behind a later due date CRITICAL holds up C4 Law step L2" in rows["L2"]
    assert "2 3 weeks Buy laptops" in rows["X"] and "CRITICAL" not in rows["X"]
    assert "-45" not in result.stdout


def test_the_schedule_table_in_the_terminal_marks_work_already_in_place_without_dates(client, world, app):
    deliverables = [
        {"key": "E", "pillar": "technical", "title": "Existing hotline", "duration_weeks": 6, "status": "in_place"},
        {"key": "N", "pillar": "technical", "title": "New takedown rules", "duration_weeks": 4},
    ]
    rid = import_small(title="Built on a hotline", deliverables=deliverables, dependencies=[{"from": "E", "to": "N"}])
    result = app.test_cli_runner().invoke(args=["schedule", str(rid)])
    assert result.exit_code == 0
    rows = {line.split()[1]: " ".join(line.split()) for line in result.stdout.splitlines()[5:]}
    assert rows["E"] == "1 E Already in place Existing hotline"
    assert rows["N"] == "2 N 2027-01-04 2027-01-31 4 0 weeks CRITICAL New takedown rules"
    # Scripts keep the numbers.
    document = json.loads(app.test_cli_runner().invoke(args=["schedule", str(rid), "--json"]).stdout)
    assert {d["key"]: d["slack"] for d in document["deliverables"]} == {"E": 0, "N": 0}


def test_what_if_counts_weeks_in_each_languages_own_plural_forms(client, chain):
    expected = {
        "fr": ("Si L2 glisse de 1 semaine", "Si L2 glisse de 2 semaines"),
        "ru": ("Если L2 сдвинется на 1 неделю", "Если L2 сдвинется на 2 недели"),
        "ar": ("إذا تأخر L2 أسبوعًا واحدًا", "إذا تأخر L2 أسبوعين"),
    }
    for lang, (one, two) in expected.items():
        with client.application.app_context():
            client.post("/language", data={"lang": lang, "next": "/"})
        with client.application.app_context():
            assert one in what_if(client, chain, "L2", 1)
        with client.application.app_context():
            assert two in what_if(client, chain, "L2", 2)
