"""The library through the web app: proposing, reviewing, redaction everywhere it shows, browsing, reuse."""

import json
from datetime import date
from io import BytesIO

import pypdf
from sqlalchemy import select

from models import Deliverable, Indicator, LibraryEntry, Roadmap, db
from models.library import EntryStatus
from models.operations import Actor, add_thread, move_roadmap, record_measurement, record_progress
from models.operations.progress import Progress
from models.operations.workflow import Step
from models.queries.loading import load_plan
from roadmap.vocabulary import DeliverableStatus
from tests.views.conftest import login, run_queued_jobs

# Written into Kenya's roadmap before it is proposed; none of it may leave in a redacted copy.
SECRETS = [
    "12000",  # O1's cost
    "State budget",  # its funding source
    "Laws predate smartphones",  # the legal assessment's note
    "Servers from the ministry store",  # a progress note
    "Counted by the permanent secretary",  # a measurement's note
    "Ministry of ICT",  # stakeholder names
    "National Police",
    "Child Rights Network",
    "Kenya",  # the country
    "A private question for the team",  # a comment
    "Wanjiru Kamau",  # the person who proposed it
    "Otieno Reviewer",  # a person in the journal
    "MOICT",  # stakeholder keys
    "POLICE",
    "Кении",  # the country in the other languages, its capital and people
    "كينيا",
    "肯尼亚",
    "Nairobi",
    "Kenyan",
]


def name_kenya_everywhere(rid: int) -> None:
    """A title and a description that name Kenya in four scripts, its capital, people and agencies."""
    l1 = db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == "M1"))
    l1.title = "Обучение в Кении / تدريب في كينيا / 肯尼亚培训 / Kenyan training in Nairobi"
    l1.description = "Owner: Ministry of ICT (MOICT), with the POLICE"
    db.session.commit()


def approve(rid: int) -> None:
    reviewer = Actor("Otieno Reviewer")
    move_roadmap(reviewer, rid, Step.SUBMIT, editor=True, reviewer=False)
    move_roadmap(reviewer, rid, Step.APPROVE, editor=False, reviewer=True)


def fill_kenya(rid: int) -> None:
    """Notes, readings and a comment of every kind that redaction must take out."""
    t1 = db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == "T1"))
    record_progress(
        Actor("Otieno Reviewer"),
        rid,
        t1.id,
        t1.version,
        Progress(DeliverableStatus.IN_PROGRESS, 40, date(2027, 3, 1), None, "Servers from the ministry store"),
        date(2027, 6, 1),
    )
    o1 = db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == "O1"))
    indicator = db.session.scalar(select(Indicator.id).where(Indicator.deliverable_id == o1.id))
    record_measurement(
        Actor("x"), rid, o1.id, indicator, date(2027, 2, 1), 1, "Counted by the permanent secretary", date(2027, 6, 1)
    )
    add_thread(Actor("Otieno Reviewer"), rid, None, "A private question for the team")


def propose(client, rid, **fields):
    data = {"title": "A coordinated start", "summary": "How a lead agency came first.", "share": "redacted"}
    data.update(fields)
    return client.post(f"/roadmaps/{rid}/library/propose", data=data)


def entry_id() -> int:
    return db.session.scalar(select(LibraryEntry.id).order_by(LibraryEntry.id.desc()))


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(BytesIO(data)).pages)


def test_only_an_approved_roadmap_can_be_proposed_and_the_form_says_so(client, world):
    login(client, "editor@example.org")
    response = propose(client, world["kenya"])
    assert response.status_code == 409
    assert "Only an approved roadmap" in response.text
    assert db.session.scalar(select(LibraryEntry.id)) is None


def test_a_redacted_copy_leaves_nothing_withheld_in_the_page_the_pdf_or_the_json(app, client, world):
    rid = world["kenya"]
    db.session.execute(db.update(Roadmap).where(Roadmap.id == rid).values(title="Wanjiru Kamau's plan"))
    db.session.commit()
    fill_kenya(rid)
    name_kenya_everywhere(rid)
    approve(rid)
    login(client, "editor@example.org")
    # Checked first: the page lists what the copy will withhold, and nothing is proposed yet.
    checked = propose(client, rid, withhold_names="y", withhold_country="y", action="check")
    assert checked.status_code == 200 and db.session.scalar(select(LibraryEntry.id)) is None
    for found in ("Кении", "كينيا", "肯尼亚", "Nairobi", "Kenyan", "MOICT", "GOV-1 · Government 1"):
        assert found in checked.text, found
    assert 'value="A coordinated start"' in checked.text  # the form keeps what was typed
    # The title must not name a withheld country: refused with the form kept, nothing saved.
    refused = propose(client, rid, title="Kenya's approach", withhold_names="y", withhold_country="y")
    assert refused.status_code == 400 and "names Kenya" in refused.text and "Kenya&#39;s approach" in refused.text
    assert db.session.scalar(select(LibraryEntry.id)) is None
    assert propose(client, rid, withhold_names="y", withhold_country="y").status_code == 302
    eid = entry_id()
    client.post("/logout")
    login(client, "adviser@example.org")
    assert client.post(f"/library/{eid}/publish").status_code == 302
    client.post("/logout")
    login(client, "other@example.org")  # another country's editor
    app.config["PDF_TIMEOUT"] = 60
    pages = [client.get(f"/library/{eid}{suffix}") for suffix in ("", "/timeline", "/graph")]
    pages.append(client.get("/library/"))
    waiting = client.get(f"/library/{eid}/roadmap.pdf")  # printed by the job queue, never in the request
    assert waiting.status_code == 202 and run_queued_jobs(app) == 1
    pdf = client.get(f"/library/{eid}/roadmap.pdf")
    document = client.get(f"/library/{eid}/roadmap.json")
    assert [r.status_code for r in (*pages, pdf, document)] == [200] * 6
    shown = {
        "page": "".join(r.text for r in (*pages, waiting)),
        "pdf": pdf_text(pdf.data),
        "json": document.text,
    }
    assert "Legal gap analysis" in shown["pdf"] and "Government 1" in shown["page"]
    leaks = [(where, s) for where, text in shown.items() for s in SECRETS if s in text]
    assert leaks == []
    plan = json.loads(document.text)
    assert plan["country"] == "XXX" and plan["title"] == "A coordinated start"
    assert all("cost" not in d or d["cost"] is None for d in plan["deliverables"])
    # Without progress: nothing started, no percent, no actual dates, no readings.
    for d in plan["deliverables"]:
        assert d.get("status", "not_started") == "not_started" and not d.get("percent_complete")
        assert not d.get("actual_start") and not d.get("actual_finish")
        assert all(not x.get("measurements") and x.get("actual") is None for x in d.get("indicators", []))


def test_a_copy_shared_as_it_is_shows_the_country_and_costs(client, world):
    rid = world["kenya"]
    approve(rid)
    login(client, "editor@example.org")
    assert propose(client, rid, share="as_is").status_code == 302
    eid = entry_id()
    client.post("/logout")
    login(client, "admin@example.org")
    client.post(f"/library/{eid}/publish")
    page = client.get(f"/library/{eid}").text
    assert "Kenya" in page and "Ministry of ICT" in page
    document = client.get(f"/library/{eid}/roadmap.json").get_json()
    assert document["country"] == "KEN" and document["deliverables"][0]["cost"]["source"] == "State budget"


def test_unpublished_proposals_are_hidden_from_other_countries_and_only_reviewers_publish(client, world):
    rid = world["kenya"]
    approve(rid)
    login(client, "editor@example.org")
    propose(client, rid)
    eid = entry_id()
    assert client.get(f"/library/{eid}").status_code == 200  # its own team sees it
    assert client.post(f"/library/{eid}/publish").status_code == 403
    client.post("/logout")
    for email in ("other@example.org", "nobody@example.org"):
        login(client, email)
        assert client.get(f"/library/{eid}").status_code == 404
        assert client.get(f"/library/{eid}/roadmap.json").status_code == 404
        assert "A coordinated start" not in client.get("/library/").text
        assert client.post(f"/library/{eid}/publish").status_code == 404
        client.post("/logout")
    assert db.session.get(LibraryEntry, eid).status == EntryStatus.PROPOSED
    # Sending back needs a comment; the comment reaches the team.
    login(client, "adviser@example.org")
    assert client.post(f"/library/{eid}/send-back", data={"comment": ""}).status_code == 400
    assert client.post(f"/library/{eid}/send-back", data={"comment": "Drop the city names"}).status_code == 302
    client.post("/logout")
    login(client, "editor@example.org")
    assert "Drop the city names" in client.get("/library/mine").text
    client.post("/logout")
    login(client, "other@example.org")
    assert client.get(f"/library/{eid}").status_code == 404


def publish_kenya(client, rid: int) -> int:
    login(client, "editor@example.org")
    propose(client, rid, share="as_is")
    eid = entry_id()
    client.post("/logout")
    login(client, "adviser@example.org")
    client.post(f"/library/{eid}/publish")
    client.post("/logout")
    return eid


def test_search_and_filters_find_published_roadmaps(client, world):
    approve(world["kenya"])
    eid = publish_kenya(client, world["kenya"])
    login(client, "viewer@example.org")
    found = {
        query: f"/library/{eid}" in client.get("/library/", query_string=query).text
        for query in (
            "q=lead+agency",
            "q=nothing+like+this",
            "region=Africa",
            "pillar=legal",
            "pillar=cooperation",
            "threat=grooming",
            "threat=gambling",
            "maturity=2",
            "maturity=5",
            "size=small",
            "size=large",
            "duration=up_to_1_year",
            "duration=over_3_years",
        )
    }
    assert [q for q, hit in found.items() if hit] == [
        "q=lead+agency",
        "region=Africa",
        "pillar=legal",
        "threat=grooming",
        "maturity=2",
        "size=small",
        "duration=up_to_1_year",
    ]
    # A value no filter offers is refused, not silently ignored.
    for query in ("pillar=nonsense", "region=Europe"):
        response = client.get("/library/", query_string=query)
        assert response.status_code == 400 and "Not a valid choice" in response.text


def test_a_copy_is_complete_keeps_its_attribution_and_counts_as_a_reuse(client, world):
    approve(world["kenya"])
    eid = publish_kenya(client, world["kenya"])
    login(client, "other@example.org")
    form = {"country": "UGA", "title": "Uganda from Kenya", "start_date": "2028-01-03", "language": "en"}
    refused = client.post(f"/library/{eid}/adapt", data=form)
    assert refused.status_code == 400 and "Choose at least one pillar" in refused.text
    before = db.session.scalar(select(db.func.count(Roadmap.id)))
    # Kenya is not the user's country: it is not among the choices.
    assert client.post(f"/library/{eid}/adapt", data=form | {"country": "KEN", "pillars": ["legal"]}).status_code == 400
    assert db.session.scalar(select(db.func.count(Roadmap.id))) == before
    response = client.post(f"/library/{eid}/adapt", data=form | {"pillars": ["legal", "technical", "organizational"]})
    assert response.status_code == 302
    new_id = int(response.headers["Location"].rsplit("/", 1)[1])
    plan = load_plan(new_id)
    assert (plan.country, plan.status.value) == ("UGA", "draft")
    assert [d.key for d in plan.deliverables] == ["O1", "L1", "T1"]
    assert [(x.predecessor, x.successor) for x in plan.dependencies] == [("O1", "L1"), ("L1", "T1")]
    assert [(s.key, s.kind.value) for s in plan.stakeholders] == [
        ("MOICT", "government"),
        ("POLICE", "law_enforcement"),
        ("NGO", "civil_society"),
    ]
    source = load_plan(world["kenya"])
    for d in plan.deliverables:
        original = source.deliverable(d.key)
        assert (d.title, d.pillar, d.duration_weeks, d.lead, d.partners, d.threats) == (
            original.title,
            original.pillar,
            original.duration_weeks,
            original.lead,
            original.partners,
            original.threats,
        )
        assert d.status == DeliverableStatus.NOT_STARTED and d.cost is None
    page = client.get(f"/roadmaps/{new_id}").text
    assert "Adapted from the published roadmap" in page and f"/library/{eid}" in page
    assert "1 time" in client.get(f"/library/{eid}").text
    # Viewers and advisers edit no country, so they cannot start a roadmap from it.
    client.post("/logout")
    login(client, "viewer@example.org")
    assert client.get(f"/library/{eid}/adapt").status_code == 403


def test_lessons_and_templates_reach_the_library_and_the_wizard(client, world):
    rid = world["kenya"]
    approve(rid)
    o1 = db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == "O1"))
    login(client, "editor@example.org")
    lesson = {"helped": "A decree named the lead agency", "blocked": "", "cost": "Two staff for a year"}
    assert client.post(f"/roadmaps/{rid}/deliverables/{o1.id}/lesson", data=lesson).status_code == 409
    record_progress(
        Actor("x"),
        rid,
        o1.id,
        o1.version,
        Progress(DeliverableStatus.DONE, 100, date(2027, 1, 4), date(2027, 3, 1)),
        date(2027, 6, 1),
    )
    empty = client.post(f"/roadmaps/{rid}/deliverables/{o1.id}/lesson", data={"helped": " "})
    assert empty.status_code == 400 and "Write at least one" in empty.text
    assert client.post(f"/roadmaps/{rid}/deliverables/{o1.id}/lesson", data=lesson).status_code == 302
    assert client.post(f"/roadmaps/{rid}/deliverables/{o1.id}/propose-template").status_code == 302
    # Not shared until the roadmap is published, and then without the cost in a redacted copy.
    assert "A decree named" not in client.get("/library/lessons").text
    propose(client, rid)
    eid = entry_id()
    client.post("/logout")
    login(client, "adviser@example.org")
    client.post(f"/library/{eid}/publish")
    review = client.get("/library/review").text
    template_id = int(review.split("/library/templates/")[1].split("/")[0])
    assert client.post(f"/library/templates/{template_id}/accept").status_code == 302
    client.post("/logout")
    login(client, "other@example.org")
    shared = client.get("/library/lessons").text
    assert "A decree named the lead agency" in shared and "Two staff" not in shared
    assert "A decree named the lead agency" in client.get(f"/library/{eid}").text
    # The accepted template is suggested in the wizard, and a deliverable made from it carries its lessons.
    uganda = world["uganda"]
    wizard = client.get(f"/roadmaps/{uganda}/wizard/organizational").text
    assert "Designate a lead agency" in wizard
    key = f"shared-{rid}-O1"
    assert (
        client.get(
            f"/roadmaps/{uganda}/deliverables/new?pillar=organizational&template={key}", follow_redirects=True
        ).status_code
        == 200
    )
    db.session.execute(db.update(Deliverable).where(Deliverable.id == o1.id).values(template_key="lead_agency"))
    db.session.commit()
    wizard = client.get(f"/roadmaps/{uganda}/wizard/organizational").text
    assert "1 lesson learned by other countries" in wizard and "A decree named the lead agency" in wizard
