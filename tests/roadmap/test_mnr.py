"""The Model National Response as the product knows it, and the catalog tagged with it."""

from roadmap.catalog import load_catalog
from roadmap.mnr import CAPABILITIES, GC25_SECTIONS, GROUPS, HIGHEST, LOWEST, PHASES, in_group
from roadmap.mnr.suggestions import suggestions
from roadmap.plan import CapabilityRating


def test_twenty_one_capabilities_numbered_in_order_in_the_six_groups():
    assert [c.number for c in CAPABILITIES] == list(range(1, 22))
    assert [g.name for g in GROUPS] == [
        "Policy and Governance",
        "Criminal Justice",
        "Victim",
        "Societal",
        "Industry",
        "Media and Communications",
    ]
    # As the MNR groups them: 3 policy, 4 criminal justice, 4 victim, 4 societal, 4 industry, 2 media.
    assert [[c.number for c in in_group(g)] for g in GROUPS] == [
        [1, 2, 3],
        [4, 5, 6, 7],
        [8, 9, 10, 11],
        [12, 13, 14, 15],
        [16, 17, 18, 19],
        [20, 21],
    ]


def test_four_phases_from_building_to_maturity():
    assert [p.number for p in PHASES] == list(range(LOWEST, HIGHEST + 1))
    assert (PHASES[0].name, PHASES[-1].name) == ("Building", "Maturity")


def test_catalog_templates_cite_known_general_comment_sections():
    for t in load_catalog():
        assert t.gc25 is None or t.gc25 in GC25_SECTIONS, f"{t.key}: {t.gc25}"


def test_suggestions_start_from_the_lowest_rated_capability_and_skip_what_the_roadmap_holds():
    ratings = [
        CapabilityRating(11, 3),  # child helpline: enhancing
        CapabilityRating(12, 1),  # hotline: building
        CapabilityRating(3, 4),  # legislation: maturity, needs nothing new
        CapabilityRating(1, 1),  # leadership: building
    ]
    got = suggestions(ratings, taken=["lead_agency"], templates=load_catalog())
    assert [(s.capability.number, s.phase) for s in got] == [(1, 1), (12, 1), (11, 3)]
    leadership = [t.key for t in got[0].templates]
    assert "lead_agency" not in leadership  # already in the roadmap
    assert "coordination_committee" in leadership
    assert all(12 in t.mnr for t in got[1].templates)
    assert "reporting_portal" in [t.key for t in got[1].templates]
    # frontline_analyst_training advances both the hotline and the helpline: offered once, under the lower.
    everything = [t.key for s in got for t in s.templates]
    assert len(everything) == len(set(everything))
    assert "frontline_analyst_training" in [t.key for t in got[1].templates]


def test_no_rating_no_suggestion_and_the_limit_holds():
    assert suggestions([], taken=[], templates=load_catalog()) == ()
    many = [CapabilityRating(n, 1) for n in range(1, 22)]
    assert len(suggestions(many, taken=[], templates=load_catalog(), limit=5)) == 5
