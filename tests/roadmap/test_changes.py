"""Comparing the roadmap now with a baseline: what a reviewer reads as 'what changed since the last review'."""

from dataclasses import replace
from datetime import date

from roadmap.changes import Link, compare
from roadmap.exchange.interchange_write import to_document
from roadmap.plan import Deliverable, Dependency, Plan
from roadmap.sequencing import schedule_document, sequence
from roadmap.vocabulary import DependencyType, Pillar

BASE = Plan(
    country="GHA",
    title="Ghana roadmap",
    start_date=date(2027, 1, 4),
    deliverables=(
        Deliverable("A", Pillar.LEGAL, "Gap analysis", 4),
        Deliverable("B", Pillar.TECHNICAL, "Reporting portal", 6),
        Deliverable("C", Pillar.CAPACITY, "Teacher training", 3),
    ),
    dependencies=(Dependency("A", "B"), Dependency("A", "C")),
)


def both(old: Plan, new: Plan):
    return compare(
        to_document(old), schedule_document(sequence(old), 1), to_document(new), schedule_document(sequence(new), 1)
    )


def test_an_unchanged_plan_shows_nothing():
    changes = both(BASE, BASE)
    assert changes.nothing
    assert changes.old_finish == changes.new_finish


def test_added_removed_and_changed_deliverables_field_by_field():
    new = replace(
        BASE,
        deliverables=(
            replace(BASE.deliverables[0], title="Legal gap analysis", duration_weeks=6),
            BASE.deliverables[1],
            Deliverable("D", Pillar.COOPERATION, "Join the Budapest Convention", 10),
        ),
        dependencies=(Dependency("A", "B", DependencyType.START_TO_START, 2),),
    )
    changes = both(BASE, new)
    assert not changes.nothing
    assert changes.added == (("D", "Join the Budapest Convention"),)
    assert changes.removed == (("C", "Teacher training"),)
    (a,) = changes.changed
    assert a.key == "A"
    assert {(f.field, f.old, f.new) for f in a.fields} == {
        ("title", "Gap analysis", "Legal gap analysis"),
        ("duration_weeks", 4, 6),
    }
    links = {(x.predecessor, x.successor): (x.old, x.new) for x in changes.links}
    assert links == {
        ("A", "B"): (Link("finish_to_start", 0), Link("start_to_start", 2)),
        ("A", "C"): (Link("finish_to_start", 0), None),
    }


def test_date_shifts_and_the_finish_moving():
    new = replace(BASE, deliverables=(replace(BASE.deliverables[0], duration_weeks=8), *BASE.deliverables[1:]))
    changes = both(BASE, new)
    shifted = {s.key: s.finish_days for s in changes.shifts}
    assert shifted == {"A": 28, "B": 28, "C": 28}
    assert (changes.new_finish - changes.old_finish).days == 28


def test_roadmap_settings_changes_are_listed():
    changes = both(BASE, replace(BASE, title="Ghana national COP roadmap"))
    assert [(f.field, f.old, f.new) for f in changes.roadmap] == [
        ("title", "Ghana roadmap", "Ghana national COP roadmap")
    ]


def test_changed_values_are_kept_as_the_document_holds_them_for_the_reader_to_be_given_words():
    new = replace(
        BASE,
        deliverables=(
            replace(BASE.deliverables[0], pillar=Pillar.CAPACITY, not_before=date(2027, 3, 1), description=""),
            *BASE.deliverables[1:],
        ),
    )
    (a,) = both(BASE, new).changed
    assert {(f.field, f.old, f.new) for f in a.fields} == {
        ("pillar", "legal", "capacity"),
        ("not_before", None, "2027-03-01"),
    }


def test_a_lead_and_partners_are_named_by_the_stakeholders_of_either_side():
    """Keys are what the documents hold; the reader is given names: a stakeholder only the baseline had keeps
    the name it had there, and two with the same name are told apart by their keys."""
    from roadmap.plan import Stakeholder
    from roadmap.spelling import Speller
    from roadmap.vocabulary import StakeholderKind

    gov, ngo = StakeholderKind.GOVERNMENT, StakeholderKind.CIVIL_SOCIETY
    old = replace(
        BASE,
        stakeholders=(Stakeholder("MICT", "Ministry of ICT", gov), Stakeholder("OLD", "Data Protection Office", gov)),
        deliverables=(replace(BASE.deliverables[0], lead="OLD"), *BASE.deliverables[1:]),
    )
    new = replace(
        BASE,
        stakeholders=(
            Stakeholder("MICT", "Ministry of ICT", gov),
            Stakeholder("CRN", "Child Rights Network", ngo),
            Stakeholder("CRN2", "child rights  network", ngo),
        ),
        deliverables=(replace(BASE.deliverables[0], lead="MICT", partners=("CRN", "CRN2")), *BASE.deliverables[1:]),
    )
    changes = both(old, new)
    spell = Speller().with_stakeholders(changes.stakeholders)
    (a,) = changes.changed
    words = {f.field: (spell.value(f.field, f.old), spell.value(f.field, f.new)) for f in a.fields}
    assert words == {
        "lead": ("Data Protection Office", "Ministry of ICT"),
        "partners": ("(none)", "Child Rights Network (CRN), child rights  network (CRN2)"),
    }
    assert Speller().value("lead", "MICT") == "MICT"  # with no stakeholders known, the key as it is
