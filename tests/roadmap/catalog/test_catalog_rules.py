"""The catalog's timelines and gating: a law takes as long as Cabinets and parliaments take, treaties
follow the law that makes them possible, and operational work does not wait for new law.

Weeks are counted over finish-to-start links only (duration of the predecessor plus the lag): the
longest such chain is the least time any schedule built from the catalog can take, whatever the
other links add.
"""

import re
from collections import Counter
from itertools import pairwise

import networkx as nx
import pytest

from roadmap.catalog import load_catalog, templates_by_key
from roadmap.vocabulary import DependencyType, Pillar, StakeholderKind

DRAFTING = ("offences_law", "procedural_powers")  # the bill's main parts, drafted side by side
LAW_IN_FORCE = "core_laws_enacted"
LEGISLATIVE_STEPS = ("bill_cabinet_approval", "bill_tabled", "parliamentary_passage", "bill_assent")
# From the end of drafting to the law in force: Cabinet, tabling, passage and assent take 6 to 18 months.
ENACTMENT_WEEKS = (26, 78)
# A treaty is approved by parliament and its instrument deposited after the enabling law is in force:
# at least about three months.
TREATY_WEEKS_AFTER_LAW = 13
TREATIES = {"accede_budapest", "ratify_child_instruments", "ratify_african_instruments", "ratify_un_cybercrime"}
# Set up by agreement, or continuous: none of them may wait for new law.
OPERATIONAL = {
    "reporting_portal",
    "takedown_procedure",
    "portal_launch",
    "inhope_membership",
    "child_helpline",
    "awareness_campaign",
    "icse_access",
    "vetting_checks",
    "hash_url_lists",
    "payment_tracing",
    "service_cria",
    "policy_cria",
    "nhri_monitoring",
    "company_complaints",
    "child_consultation_protocol",
    "inclusive_outreach",
}


def _graph(*types: DependencyType) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(t.key for t in load_catalog())
    for t in load_catalog():
        for link in t.depends_on:
            if not types or link.type in types:
                graph.add_edge(link.template, t.key, lag=link.lag_weeks)
    return graph


def _weeks_to_finish(source: str) -> dict[str, int]:
    """Weeks from the start of ``source`` to the finish of each template waiting on it through
    finish-to-start links, along the longest chain."""
    graph = _graph(DependencyType.FINISH_TO_START)
    duration = {t.key: t.duration_weeks for t in load_catalog()}
    reachable = nx.descendants(graph, source) | {source}
    start = {source: 0}
    for key in nx.topological_sort(graph.subgraph(reachable)):
        for pred in graph.predecessors(key):
            if pred in start:
                start[key] = max(start.get(key, 0), start[pred] + duration[pred] + graph[pred][key]["lag"])
    return {key: start[key] + duration[key] for key in start}


def test_every_treaty_template_is_known_here():
    """A new ratification or accession template is held to the same rules as the others."""
    catalog = load_catalog()
    named = {t.key for t in catalog if re.search(r"\b(ratify|accede)\b", t.title, re.IGNORECASE)}
    assert named == TREATIES
    assert all(templates_by_key()[key].pillar == Pillar.LEGAL for key in TREATIES | set(LEGISLATIVE_STEPS))


@pytest.mark.parametrize("drafting", DRAFTING)
def test_the_law_comes_into_force_26_to_78_weeks_after_drafting(drafting):
    weeks = _weeks_to_finish(drafting)
    drafted = templates_by_key()[drafting].duration_weeks
    assert LAW_IN_FORCE in weeks, f"{LAW_IN_FORCE} does not wait for {drafting}"
    low, high = ENACTMENT_WEEKS
    assert low <= weeks[LAW_IN_FORCE] - drafted <= high


def test_each_legislative_step_is_on_the_way_to_the_law_and_takes_time():
    """Cabinet, tabling, passage and assent are steps in a chain, and none hides months of work in a
    milestone: only the entry into force itself is instantaneous."""
    chain = _graph(DependencyType.FINISH_TO_START)
    by_key = templates_by_key()
    path = [*DRAFTING[:1], *LEGISLATIVE_STEPS, LAW_IN_FORCE]
    for before, after in pairwise(path):
        assert nx.has_path(chain, before, after), f"{after} does not wait for {before}"
    assert all(by_key[step].duration_weeks >= 1 for step in LEGISLATIVE_STEPS)
    assert by_key[LAW_IN_FORCE].duration_weeks == 0


@pytest.mark.parametrize("treaty", sorted(TREATIES))
def test_treaties_follow_the_law_in_force(treaty):
    assert LAW_IN_FORCE in nx.ancestors(_graph(DependencyType.FINISH_TO_START), treaty)
    for drafting in DRAFTING:
        weeks = _weeks_to_finish(drafting)[treaty]
        least = templates_by_key()[drafting].duration_weeks + ENACTMENT_WEEKS[0] + TREATY_WEEKS_AFTER_LAW
        assert weeks >= least, f"{treaty} can be done {weeks} weeks after drafting starts, under {least}"


def test_no_operational_work_waits_for_new_law():
    graph = _graph()
    by_key = templates_by_key()
    new_law = {
        key
        for key in nx.ancestors(graph, LAW_IN_FORCE) | {LAW_IN_FORCE}
        if by_key[key].pillar == Pillar.LEGAL and key != "legal_gap_analysis"
    }
    for key in sorted(OPERATIONAL):
        waits_on = nx.ancestors(graph, key) & new_law
        assert not waits_on, f"{key} waits for {sorted(waits_on)}"
        assert LAW_IN_FORCE not in nx.ancestors(graph, key)


def test_awareness_runs_alongside_the_portal_not_after_it():
    """Awareness may start with the portal (start-to-start) but never waits for it to finish."""
    waits = _graph(DependencyType.FINISH_TO_START, DependencyType.FINISH_TO_FINISH)
    ancestors = nx.ancestors(waits, "awareness_campaign")
    assert not ancestors & {"reporting_portal", "portal_launch", "takedown_procedure"}
    assert "portal_launch" not in nx.ancestors(_graph(), "awareness_campaign")


def test_icse_is_reached_through_the_national_central_bureau_first():
    icse = templates_by_key()["icse_access"]
    assert "National Central Bureau" in icse.title
    assert "image_database" not in nx.ancestors(_graph(), "icse_access")
    assert "icse_access" in nx.ancestors(_graph(), "image_database")


def test_the_helpline_names_europes_and_africas_numbers():
    helpline = templates_by_key()["child_helpline"]
    text = f"{helpline.title} {helpline.description}"
    assert "116 111" in text
    assert re.search(r"\b116\b(?! 111)", text), "Africa's harmonised number 116 is missing"


def test_the_treaty_templates_name_every_instrument_a_cop_law_answers_to():
    text = " ".join(f"{templates_by_key()[k].title} {templates_by_key()[k].description}" for k in sorted(TREATIES))
    for instrument in (
        "Budapest Convention",
        "OPSC",
        "African Charter on the Rights and Welfare of the Child, whose Article 27",
        "Malabo Convention), in force since 8 June 2023",
        "UN Convention against Cybercrime",
        "Articles 14 to 16",
        "ILO",
        "No. 182",
        "Lanzarote Convention",
    ):
        assert instrument in text, instrument
    lanzarote = templates_by_key()["ratify_child_instruments"].description
    assert "Optionally" in lanzarote and "invites" in lanzarote


# Kinds with no template of their own yet: the catalog has no step for work through faith and
# traditional leaders, so a country adds them as stakeholders and names them on its own deliverables.
KINDS_AWAITING_A_TEMPLATE = {StakeholderKind.FAITH_TRADITIONAL_LEADERS}
NEW_KINDS = {
    StakeholderKind.PARLIAMENT,
    StakeholderKind.HUMAN_RIGHTS_INSTITUTION,
    StakeholderKind.STATISTICS_OFFICE,
    StakeholderKind.HEALTH,
    StakeholderKind.LOCAL_GOVERNMENT,
    StakeholderKind.FAITH_TRADITIONAL_LEADERS,
    StakeholderKind.PRISONS_PROBATION,
}
# About 40 %: the law's drafting, Cabinet steps, assent and the treaties are the government's own work.
MOST_TEMPLATES_ONE_KIND_LEADS = 0.45


def test_children_are_consulted_never_the_accountable_lead():
    assert [t.key for t in load_catalog() if t.lead_kind is StakeholderKind.CHILDREN_YOUTH] == []


def test_no_kind_leads_most_of_the_catalog():
    leads = Counter(t.lead_kind for t in load_catalog())
    kind, count = leads.most_common(1)[0]
    assert count <= MOST_TEMPLATES_ONE_KIND_LEADS * len(load_catalog()), (kind, count)


def test_every_new_kind_leads_the_work_it_really_does():
    leads = {t.lead_kind for t in load_catalog()}
    assert leads >= NEW_KINDS - KINDS_AWAITING_A_TEMPLATE
    by_key = templates_by_key()
    assert by_key["parliamentary_passage"].lead_kind is StakeholderKind.PARLIAMENT
    assert by_key["bill_assent"].lead_kind is StakeholderKind.GOVERNMENT  # the gazette is the executive's
    assert by_key["children_survey"].lead_kind is StakeholderKind.STATISTICS_OFFICE
    assert by_key["offender_prevention"].lead_kind is StakeholderKind.PRISONS_PROBATION
    assert by_key["nhri_monitoring"].lead_kind is StakeholderKind.HUMAN_RIGHTS_INSTITUTION
