"""The sequence page and what-if, as a country team reads them."""

import json
import re

import pytest

from tests.factories import import_small
from tests.views.conftest import login


def rows_in_order(html):
    return re.findall(r'<td data-label="Key"><code>([^<]+)</code></td>', html)


def test_sequence_page_lists_phases_in_sequence_order_with_dates_and_slack(client, world):
    login(client, "viewer@example.org")
    html = client.get(f"/roadmaps/{world['kenya']}").get_data(as_text=True)
    # O1 (8 weeks) → L1 (16 weeks, starts week 8) → T1 (start-to-start +4, and not before 1 March) → M1.
    assert rows_in_order(html) == ["O1", "L1", "T1", "M1"]
    assert html.index("Phase 1") < html.index("Phase 2") < html.index("Phase 3") < html.index("Phase 4")
    assert "1 Mar 2027" in html  # T1 waits for its not-before date, a Monday
    assert "Critical path" in html and 'class="critical">On the critical path</span>' in html


def test_critical_ones_are_marked_in_words_not_only_colour(client, world):
    login(client, "viewer@example.org")
    html = client.get(f"/roadmaps/{world['kenya']}").get_data(as_text=True)
    critical_rows = re.findall(r'<tr class="is-critical">.*?</tr>', html, flags=re.S)
    assert critical_rows and all(">On the critical path</span>" in row for row in critical_rows)


def test_a_due_date_at_risk_is_listed(client, world):
    # Due 31 March 2027 = within week 12; 30 weeks of work from week 0 end in week 30: 18 weeks late.
    rid = import_small(
        title="Late plan",
        deliverables=[
            {"key": "A", "pillar": "legal", "title": "Long law reform", "duration_weeks": 30, "due_by": "2027-03-31"}
        ],
        dependencies=[],
    )
    login(client, "admin@example.org")
    html = client.get(f"/roadmaps/{rid}").get_data(as_text=True)
    assert "Due dates at risk" in html and "18 weeks late" in html


def test_an_empty_roadmap_says_so(client, world):
    rid = import_small(title="Empty", deliverables=[], dependencies=[])
    login(client, "admin@example.org")
    html = client.get(f"/roadmaps/{rid}").get_data(as_text=True)
    assert "This roadmap has no deliverable yet." in html


def test_what_if_shows_the_new_finish_and_what_moves(client, world):
    login(client, "editor@example.org")
    response = client.get(f"/roadmaps/{world['kenya']}/what-if", query_string={"key": "O1", "weeks": 8})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "If O1 slips 8 weeks" in html
    assert "8 weeks later" in html
    # From the forecast: T1 is already under way, so it (and M1 after it) does not move with O1.
    assert rows_in_order(html.split("2 deliverables would move")[1]) == ["O1", "L1"]
    assert "+8 weeks" in html and "Nothing was saved." in html


def test_what_if_saves_nothing(client, world, tmp_path):
    login(client, "editor@example.org")
    before = client.get(f"/roadmaps/{world['kenya']}").get_data(as_text=True)
    client.get(f"/roadmaps/{world['kenya']}/what-if", query_string={"key": "O1", "weeks": 30})
    assert client.get(f"/roadmaps/{world['kenya']}").get_data(as_text=True) == before


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"key": "O1", "weeks": "0"}, "from 1 to 520"),
        ({"key": "O1", "weeks": "soon"}, "Enter a whole number of weeks from 1 to 520."),
        ({"key": "ZZ", "weeks": "3"}, "Not a valid choice"),
        ({"key": "O1"}, "Give a number of weeks."),
    ],
)
def test_what_if_with_bad_input_keeps_the_form_and_names_the_field(client, world, query, message):
    login(client, "editor@example.org")
    response = client.get(f"/roadmaps/{world['kenya']}/what-if", query_string=query)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html and 'class="error"' in html


def test_schedule_command_prints_the_documented_json(world, app):
    result = app.test_cli_runner().invoke(args=["schedule", str(world["kenya"]), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert list(doc) == [
        "roadmap_id",
        "start_date",
        "finish_date",
        "duration_weeks",
        "critical_path",
        "phases",
        "deliverables",
    ]
    assert list(doc["deliverables"][0]) == [
        "key",
        "title",
        "pillar",
        "phase",
        "es",
        "ef",
        "ls",
        "lf",
        "slack",
        "critical",
        "start",
        "finish",
        "on_critical_path",
        "due_by",
        "late_weeks",
        "holds_up",
    ]
    assert doc["roadmap_id"] == world["kenya"] and [d["key"] for d in doc["deliverables"]] == ["O1", "L1", "T1", "M1"]


def test_schedule_command_prints_a_readable_table(world, app):
    result = app.test_cli_runner().invoke(args=["schedule", str(world["kenya"])])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Start 2027-01-04") and "Critical path: O1 → L1" in lines[1]
    assert [line.split()[1] for line in lines[5:]] == ["O1", "L1", "T1", "M1"]
