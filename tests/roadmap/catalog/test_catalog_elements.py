"""The elements a ministry is asked about and the catalog now covers (issue #20): each is a template with
honest timing, sensible links, threats, Model National Response capabilities and indicators with sources."""

import networkx as nx
import pytest

from roadmap.catalog import load_catalog, templates_by_key
from roadmap.vocabulary import DependencyType, Pillar, StakeholderKind

# Each element by its key, with the least time the work can honestly take, in weeks.
ELEMENTS = {
    "extraterritorial_liability": 13,  # jurisdiction abroad and liability of legal persons, in the bill
    "mandatory_reporting": 13,  # the duty to report, in the bill
    "offender_register_law": 13,  # the register's legal basis, in the bill
    "offender_register": 26,  # the register itself: database, procedures, trained staff
    "vetting_checks": 13,  # checks of people who work with children
    "hash_url_lists": 13,  # hash lists and URL blocking lists
    "payment_tracing": 13,  # financial intelligence and mobile money
    "policy_cria": 8,  # impact assessment of laws and policies
    "service_cria": 13,  # impact assessment of services
    "nhri_monitoring": 26,  # independent monitoring, up to a first report
    "company_complaints": 13,  # a complaints route against companies
    "child_consultation_protocol": 6,  # consulting children ethically
    "inclusive_outreach": 26,  # reaching the children most often missed
}
IN_THE_BILL = ("extraterritorial_liability", "mandatory_reporting", "offender_register_law")


def _graph(*types: DependencyType) -> nx.DiGraph:
    graph = nx.DiGraph()
    for t in load_catalog():
        graph.add_node(t.key)
        for link in t.depends_on:
            if not types or link.type in types:
                graph.add_edge(link.template, t.key)
    return graph


@pytest.mark.parametrize("key", sorted(ELEMENTS))
def test_each_element_is_a_complete_template_with_sources(key):
    t = templates_by_key().get(key)
    assert t is not None, f"the catalog has no {key}"
    assert t.duration_weeks >= ELEMENTS[key], f"{key} takes {t.duration_weeks} weeks, under {ELEMENTS[key]}"
    assert t.depends_on and t.mnr and t.indicators
    assert all(i.source for i in t.indicators), key
    # The text says how long such work usually takes and the weeks the plan uses, which are the duration.
    assert f"the plan uses {t.duration_weeks} weeks" in t.description, key
    assert t.lead_kind is not StakeholderKind.CHILDREN_YOUTH


@pytest.mark.parametrize("key", IN_THE_BILL)
def test_new_provisions_go_through_the_legislative_pipeline(key):
    """Drafted alongside the offences, approved by Cabinet with them, in force when the law is."""
    t = templates_by_key()[key]
    assert t.pillar == Pillar.LEGAL
    assert any(x.template == "offences_law" and x.type is DependencyType.FINISH_TO_FINISH for x in t.depends_on)
    chain = _graph(DependencyType.FINISH_TO_START)
    assert nx.has_path(chain, key, "bill_cabinet_approval") and nx.has_path(chain, key, "core_laws_enacted")
    assert "core_laws_enacted" not in nx.ancestors(_graph(), key)


def test_the_register_needs_the_law_but_checking_people_who_work_with_children_does_not():
    graph = _graph()
    assert "core_laws_enacted" in nx.ancestors(graph, "offender_register")
    assert "offender_register_law" in nx.ancestors(graph, "offender_register")
    assert not nx.ancestors(graph, "vetting_checks") & {"core_laws_enacted", "offender_register"}


def test_no_child_is_consulted_before_the_protocol_that_keeps_them_safe():
    graph = _graph(DependencyType.FINISH_TO_START)
    for consultation in ("youth_panel", "children_survey"):
        assert "child_consultation_protocol" in nx.ancestors(graph, consultation), consultation
    protocol = templates_by_key()["child_consultation_protocol"].description
    assert all(word in protocol for word in ("consent", "referral pathways", "feedback"))


def test_the_hash_and_url_lists_name_the_lists_providers_join():
    text = templates_by_key()["hash_url_lists"].description
    for name in ("IWF", "NCMEC", "INTERPOL", "Worst of list", "National Central Bureau", "correct errors"):
        assert name in text, name


def test_payments_are_traced_by_the_financial_intelligence_unit_and_mobile_money_operators():
    t = templates_by_key()["payment_tracing"]
    assert "financial intelligence unit" in t.title and "mobile money" in t.title
    assert any("Financial intelligence unit" in i.source for i in t.indicators)


def test_the_helpline_number_is_the_one_the_regulator_assigns():
    helpline = templates_by_key()["child_helpline"]
    assert "116" not in helpline.title  # no country is tied to one number by the title
    assert "the regulator assigns" in helpline.description
    assert "in Europe 116 111" in helpline.description and "across Africa 116" in helpline.description
