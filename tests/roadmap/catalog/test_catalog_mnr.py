"""Every catalog template says which Model National Response capabilities it advances."""

import re

from roadmap.catalog import load_catalog, templates_by_key

MNR_CAPABILITIES = set(range(1, 22))


def test_every_template_advances_capabilities_in_range_and_every_capability_is_advanced():
    catalog = load_catalog()
    for t in catalog:
        assert t.mnr, f"{t.key} advances no MNR capability"
        assert set(t.mnr) <= MNR_CAPABILITIES, f"{t.key}: {t.mnr}"
        assert len(set(t.mnr)) == len(t.mnr), f"{t.key} names a capability twice"
        # A General Comment No. 25 section is a roman number, with the letter of its part if it has one.
        assert t.gc25 is None or re.fullmatch(r"[IVX]+(\.[A-Z])?", t.gc25), f"{t.key}: {t.gc25}"
    advanced = {n for t in catalog for n in t.mnr}
    assert advanced == MNR_CAPABILITIES, f"no template advances {sorted(MNR_CAPABILITIES - advanced)}"


def test_tags_say_what_the_work_builds():
    by_key = templates_by_key()
    assert 3 in by_key["offences_law"].mnr and by_key["offences_law"].gc25 == "V.A"  # legislation
    assert 11 in by_key["child_helpline"].mnr  # child helpline
    assert 12 in by_key["reporting_portal"].mnr  # hotline
    assert 7 in by_key["icse_access"].mnr  # access to image databases
    assert 15 in by_key["offender_prevention"].mnr  # offender support systems
    assert 14 in by_key["youth_panel"].mnr and by_key["youth_panel"].gc25 == "III.D"  # the views of the child
