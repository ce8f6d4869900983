"""Keys made from stakeholder names, and names that look like one the roadmap already has."""

import re

import pytest

from roadmap.vocabulary import KEY_PATTERN, acronym, near_duplicate, normalised, stakeholder_key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Ministry of Information and Communication Technology", "MICT"),
        ("Ministry of ICT", "MICT"),
        ("MINISTRY OF ICT", "MICT"),
        ("NATIONAL POLICE", "NP"),
        ("ITU", "ITU"),
        ("Rwanda Investigation Bureau (RIB)", "RIB"),
        ("National Council for Persons with Disabilities (NCPD)", "NCPD"),
        ("Ministry of ICT and Innovation (MINICT)", "MINICT"),
        ("Ministère de l'Éducation nationale", "MEN"),
        ("Ministerio de Justicia y Derechos Humanos", "MJDH"),
        ("Child Protection Unit", "CPU"),
        ("National Child Helpline 116 111", "NCH116111"),
        ("The Police", "POLICE"),
        ("Association", "ASSOCIATION"),
        ("Internationally Recognised Organisation For The Protection Of Children", "IROPC"),
        ("وزارة الاتصالات", "S"),
    ],
)
def test_a_key_is_the_acronym_a_reader_would_expect(name, key):
    assert stakeholder_key(name, set()) == key
    assert re.fullmatch(KEY_PATTERN, key)


def test_a_taken_key_gets_the_next_number_whatever_its_case():
    assert stakeholder_key("Ministry of ICT", {"mict"}) == "MICT2"
    assert stakeholder_key("Ministry of ICT", {"MICT", "MICT2"}) == "MICT3"
    assert stakeholder_key("ITU", {"UNICEF"}) == "ITU"


def test_a_long_name_gives_a_key_short_enough_for_a_chart_label():
    name = " ".join(f"Word{n}" for n in range(30))
    assert len(stakeholder_key(name, set())) <= 12


def test_names_compare_without_case_accents_or_punctuation():
    assert normalised("Ministère de l'Éducation") == normalised("ministere de l education")
    assert normalised("Ministry of I.C.T.") == normalised("ministry of ICT")
    assert normalised("Police") != normalised("Police Service")


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("ITU", ("ITU", "ITU")),
        ("itu", ("ITU", "ITU")),
        ("International Telecommunication Union", ("ITU", "ITU")),
        ("ministry of I.C.T.", ("MICT", "Ministry of ICT")),
        ("Ministry of Information and Communication Technology", ("MICT", "Ministry of ICT")),
        ("Ministere de l'education nationale", ("MEN", "Ministère de l'Éducation nationale")),
        ("Rwanda Investigation Bureau", ("RIB", "RIB")),
        ("UNICEF", None),
        ("Ministry of Justice", None),
        ("وزارة الاتصالات", None),
    ],
)
def test_a_near_duplicate_is_found_by_its_letters_or_its_acronym(name, found):
    others = [
        ("ITU", "ITU"),
        ("MICT", "Ministry of ICT"),
        ("MEN", "Ministère de l'Éducation nationale"),
        ("RIB", "RIB"),
    ]
    assert near_duplicate(name, others) == found


def test_a_name_in_another_script_matches_only_the_same_name():
    others = [("S", "وزارة الاتصالات")]
    assert near_duplicate("وزارة الاتصالات", others) == ("S", "وزارة الاتصالات")
    assert near_duplicate("وزارة العدل", others) is None
    assert acronym("وزارة العدل") == ""
