"""The threat taxonomy on both CO:RE axes, and the catalog's threat tags."""

from roadmap.catalog import load_catalog, templates_by_key
from roadmap.threats import RiskCategory, RiskNature, Threat, in_grid_order

GRID_NATURES = {RiskNature.AGGRESSIVE, RiskNature.SEXUAL, RiskNature.VALUES}


def test_every_threat_sits_in_one_cell_of_the_grid_or_is_cross_cutting():
    for t in Threat:
        if t.category == RiskCategory.CROSS_CUTTING:
            assert t.nature.cross_cutting, t
        else:
            assert t.nature in GRID_NATURES, t


def test_threats_sit_where_core_puts_them():
    # Livingstone & Stoilova (2021): making and sharing abuse material abuses a child (contact x sexual);
    # paid live-streamed abuse and trafficking are commercial (contract x sexual); privacy runs across.
    assert (Threat.CSAM.category, Threat.CSAM.nature) == (RiskCategory.CONTACT, RiskNature.SEXUAL)
    assert (Threat.LIVESTREAMED_ABUSE.category, Threat.LIVESTREAMED_ABUSE.nature) == (
        RiskCategory.CONTRACT,
        RiskNature.SEXUAL,
    )
    assert Threat.TRAFFICKING.category == RiskCategory.CONTRACT
    assert Threat.COMMERCIAL_PROFILING.category == RiskCategory.CONTRACT
    assert Threat.COMMERCIAL_PROFILING.nature == RiskNature.VALUES
    assert Threat.PRIVACY_DISCLOSURE.category == RiskCategory.CROSS_CUTTING
    assert Threat.GAMING_ADDICTION.nature == RiskNature.HEALTH
    assert Threat.DISCRIMINATION.nature == RiskNature.INEQUALITY


def test_old_codes_keep_their_meaning_so_old_files_still_import():
    old = [
        "csam",
        "grooming",
        "sextortion",
        "livestreamed_abuse",
        "self_generated_imagery",
        "ai_generated_abuse",
        "pornography_exposure",
        "violent_content",
        "hate_racism",
        "extremism",
        "self_harm_content",
        "cyberbullying",
        "cyberstalking",
        "privacy_disclosure",
        "fraud_scams",
        "phishing_spam",
        "gaming_addiction",
        "gambling",
        "misinformation",
    ]
    assert [t.value for t in Threat][: len(old)] == old
    assert Threat("csam").label == "Child sexual abuse material"


def test_the_missing_threats_are_in_the_taxonomy():
    for code in (
        "trafficking",
        "gender_based_violence",
        "intimate_image_abuse",
        "commercial_profiling",
        "identity_theft",
        "dangerous_challenges",
        "discrimination",
    ):
        assert Threat(code).label


def test_every_axis_value_has_a_name_and_a_meaning_for_the_legend():
    for x in (*RiskCategory, *RiskNature):
        assert x.label and x.meaning.endswith(".")


def test_grid_order_groups_by_category_then_nature_with_cross_cutting_last():
    order = in_grid_order()
    assert sorted(order) == sorted(Threat)
    categories = [t.category for t in order]
    assert categories == sorted(categories, key=list(RiskCategory).index)
    assert order[-1].category == RiskCategory.CROSS_CUTTING


def test_every_threat_is_addressed_by_a_template():
    covered = {threat for t in load_catalog() for threat in t.threats}
    assert set(Threat) - covered == set()


def test_threat_tags_follow_what_the_template_does():
    by_key = templates_by_key()

    def tags(key):
        return set(by_key[key].threats)

    # Reviewed one by one: a tag only where the template's work reduces that threat.
    assert {Threat.COMMERCIAL_PROFILING, Threat.PRIVACY_DISCLOSURE} <= tags("child_data_protection")
    assert Threat.FRAUD_SCAMS not in tags("child_data_protection")
    assert Threat.COMMERCIAL_PROFILING in tags("safety_by_design_code")
    assert tags("age_assurance") == {Threat.PORNOGRAPHY_EXPOSURE, Threat.GAMBLING}
    assert Threat.INTIMATE_IMAGE_ABUSE in tags("harassment_offences")
    assert Threat.INTIMATE_IMAGE_ABUSE in tags("ratify_un_cybercrime")  # Article 16
    assert Threat.TRAFFICKING in tags("ratify_child_instruments")  # OPSC, ILO C182
    # A portal for abuse material does not take grooming or sextortion reports.
    assert Threat.CSAM in tags("reporting_portal")
    assert not tags("reporting_portal") & {Threat.GROOMING, Threat.SEXTORTION}
    # Governance sets the work up; it addresses no threat by itself.
    for key in ("lead_agency", "coordination_committee", "youth_panel", "baseline_analysis", "budget_line"):
        assert tags(key) == set(), key


def test_no_template_tags_a_threat_twice():
    for t in load_catalog():
        assert len(t.threats) == len(set(t.threats)), t.key
