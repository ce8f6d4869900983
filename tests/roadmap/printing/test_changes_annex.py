"""The printed annex of what changed since the last review names a lead and partners as the reader knows
them: by the stakeholder's name, not the key the plan stores."""

import dataclasses
from datetime import date

from roadmap.changes import SinceReview, compare
from roadmap.exchange.interchange_write import to_document
from roadmap.plan import Stakeholder
from roadmap.sequencing import schedule_document, sequence
from roadmap.vocabulary import StakeholderKind
from tests.roadmap.printing.test_content import small_plan
from tests.roadmap.printing.test_progress_annex import printed


def test_the_annex_names_the_lead_and_partners_that_changed():
    approved = small_plan()
    police = Stakeholder("NPS", "National Police Service", StakeholderKind.LAW_ENFORCEMENT)
    now = dataclasses.replace(approved, stakeholders=(*approved.stakeholders, police))
    a, b, m = now.deliverables
    now = dataclasses.replace(now, deliverables=(dataclasses.replace(a, lead="NPS", partners=("ICT",)), b, m))
    changes = compare(
        to_document(approved),
        schedule_document(sequence(approved), 1),
        to_document(now),
        schedule_document(sequence(now), 1),
    )
    text = printed(now, since_review=SinceReview("Cabinet decision 12", date(2027, 2, 1), changes))
    annex = text.split("Annex: what changed since the last review")[-1]
    assert "Lead Ministry of ICT National Police Service" in annex
    assert "Partners (none) Ministry of ICT" in annex
    assert "NPS" not in annex
