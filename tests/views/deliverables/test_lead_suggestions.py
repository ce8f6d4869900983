"""A template's deliverable suggests its lead from the roadmap's stakeholders and what the team chose
before, and says that it is a guess."""

import re

from sqlalchemy import select, update

from models import Deliverable, Stakeholder, db
from models.operations import Actor, add_stakeholder
from roadmap.catalog import templates_by_key
from roadmap.vocabulary import StakeholderKind
from tests.views.conftest import login

POLICE = StakeholderKind.LAW_ENFORCEMENT
[FIRST, OTHER, *_] = [t.key for t in templates_by_key().values() if t.lead_kind == POLICE]


def suggested(client, rid, template):
    page = client.get(f"/roadmaps/{rid}/deliverables/new?template={template}", follow_redirects=True).get_data(
        as_text=True
    )
    lead = re.search(r'<option (?:selected value="([^"]*)"|value="([^"]*)" selected)', page.split('id="lead"')[1])
    hint = re.search(r'<span class="hint" id="lead-hint">([^<]*)</span>', page)
    return next(g for g in lead.groups() if g is not None) if lead else "", hint.group(1) if hint else ""


def lead_t1(rid, key):
    lead = db.session.scalar(select(Stakeholder.id).where(Stakeholder.roadmap_id == rid, Stakeholder.key == key))
    db.session.execute(
        update(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == "T1").values(lead_id=lead)
    )
    db.session.commit()


def test_the_first_stakeholder_of_the_templates_kind_is_suggested_and_called_a_guess(client, world):
    login(client, "editor@example.org")
    assert suggested(client, world["kenya"], FIRST) == ("POLICE", "Suggested from the template&#39;s kind: check it.")


def test_what_the_team_chose_before_for_the_template_comes_first(client, world):
    rid = world["kenya"]
    db.session.execute(
        update(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == "T1").values(template_key=FIRST)
    )
    lead_t1(rid, "NGO")
    login(client, "editor@example.org")
    assert suggested(client, rid, FIRST) == ("NGO", "Suggested from what you chose before for this template: check it.")


def test_then_what_the_team_chose_for_work_of_the_same_kind(client, world):
    rid = world["kenya"]
    add_stakeholder(Actor("test"), rid, "Cybercrime Unit", POLICE)
    db.session.execute(
        update(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == "T1").values(template_key=OTHER)
    )
    lead_t1(rid, "CU")
    login(client, "editor@example.org")
    assert suggested(client, rid, FIRST) == (
        "CU",
        "Suggested from what you chose before for this kind of work: check it.",
    )


def test_no_stakeholder_of_the_kind_suggests_nothing(client, world):
    rid = world["kenya"]
    db.session.execute(
        update(Stakeholder).where(Stakeholder.roadmap_id == rid, Stakeholder.kind == POLICE).values(kind="industry")
    )
    db.session.commit()
    login(client, "editor@example.org")
    assert suggested(client, rid, FIRST) == ("", "")
