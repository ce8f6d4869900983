"""Threat coverage and the history of changes."""

import re

import pytest

from tests.views.conftest import login


def test_threat_coverage_counts_by_pillar_and_lists_what_is_uncovered(client, world):
    login(client, "viewer@example.org")
    html = client.get(f"/roadmaps/{world['kenya']}/threats").get_data(as_text=True)
    # The small plan: L1 (legal) addresses CSAM and grooming; nothing else is tagged.
    csam = re.search(r"<th scope=\"row\">Child sexual abuse material</th>(.*?)</tr>", html, flags=re.S).group(1)
    assert re.findall(r'<td class="num">(?:<strong>)?([^<]+)', csam) == ["1", "–", "–", "–", "–", "1"]
    assert "24 threats no deliverable addresses" in html
    assert 'Cyberbullying <span class="risk">not addressed</span>' in html


def test_history_shows_who_changed_what(client, world):
    login(client, "editor@example.org")
    rid = world["kenya"]
    client.post(f"/roadmaps/{rid}/wizard/technical", data={"maturity": "2", "notes": "", "direction": "next"})
    html = client.get(f"/roadmaps/{rid}/history").get_data(as_text=True)
    # Newest first, each field and value in words: the self-assessment, then the import.
    assert html.index("Technical &amp; Procedural Measures: Maturity") < html.index("Imported from a file")
    assert "2 — Formative" in html and "technical.maturity" not in html
    assert "Editor" in html and "4 deliverables, 3 links" in html


@pytest.mark.parametrize("page", ["threats", "history"])
def test_another_countrys_workspace_is_not_found(client, world, page):
    login(client, "editor@example.org")
    assert client.get(f"/roadmaps/{world['uganda']}/{page}").status_code == 404


def test_threat_coverage_shows_both_core_axes_with_a_legend(client, world):
    login(client, "viewer@example.org")
    html = client.get(f"/roadmaps/{world['kenya']}/threats").get_data(as_text=True)
    # Grouped by how the child meets the risk; the nature of the harm in its own column.
    groups = re.findall(r'<th scope="colgroup"[^>]*>(?:<span>)?([^<]+)<', html)
    assert groups == ["Content", "Contact", "Conduct", "Contract", "Cross-cutting"]

    def group(name):
        return re.search(rf'colgroup"[^>]*>(?:<span>)?{name}<', html).start()

    contact = html[group("Contact") : group("Conduct")]
    assert re.search(r"Child sexual abuse material</th>\s*<td>Sexual</td>", contact)
    assert "Trafficking of children for sexual exploitation" in html[group("Contract") :]
    assert "How the child meets the risk" in html and "Nature of the harm" in html
