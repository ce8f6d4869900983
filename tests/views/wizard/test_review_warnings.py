"""The review's loose ends are about planned work: work already in place needs no lead or link."""

from datetime import date

from roadmap.plan import Deliverable, Dependency, Plan, Stakeholder
from roadmap.sequencing import sequence
from roadmap.vocabulary import DeliverableStatus, Pillar, StakeholderKind
from views.wizard.review import warnings


def test_work_already_in_place_is_not_a_loose_end_but_planned_work_is():
    plan = Plan(
        country="GHA",
        title="Review",
        start_date=date(2027, 1, 4),
        stakeholders=(Stakeholder("CSA", "Cyber Security Authority", StakeholderKind.REGULATOR),),
        deliverables=(
            Deliverable("L1", Pillar.LEGAL, "Draft the regulations", 10, lead="CSA"),
            Deliverable("T1", Pillar.TECHNICAL, "Run the reporting portal", 0, status=DeliverableStatus.IN_PLACE),
            Deliverable("T2", Pillar.TECHNICAL, "Train the portal's analysts", 6, lead="CSA"),
            Deliverable("C1", Pillar.CAPACITY, "Teach online safety in schools", 20),
        ),
        dependencies=(Dependency("L1", "T2"),),
    )
    found = warnings(plan, sequence(plan))
    assert [d.key for d in found["no_lead"]] == ["C1"]
    assert [d.key for d in found["unlinked"]] == ["C1"]
