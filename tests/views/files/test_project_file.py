"""The Microsoft Project file of a roadmap under way, as an adviser opens it: read back by MPXJ."""

from datetime import UTC, date, datetime

from sqlalchemy import select

from models import Deliverable, db
from models.operations import Actor, move_roadmap
from models.operations.workflow import Step
from tests.factories import import_small, small_document
from tests.views.conftest import login


def _day(value) -> date:
    return datetime.fromisoformat(str(value)).date()


def _record(client, rid, key, **fields):
    db.session.expire_all()
    d = db.session.scalar(select(Deliverable).where(Deliverable.roadmap_id == rid, Deliverable.key == key))
    data = {"percent_complete": "0", "actual_start": "", "actual_finish": "", "note": "", "version": str(d.version)}
    response = client.post(f"/roadmaps/{rid}/deliverables/{d.id}/progress", data=data | fields)
    assert response.status_code == 302, response.text


def test_the_project_file_shows_progress_against_the_approved_baseline(app, client, world, mpxj_reader, tmp_path):
    # A roadmap that began on Monday 1 June 2026, with no progress yet.
    deliverables = small_document()["deliverables"]
    for field in ("status", "percent_complete", "actual_start"):
        deliverables[2].pop(field)
    rid = import_small(start_date="2026-06-01", deliverables=deliverables)
    login(client, "editor@example.org")
    draft = client.get(f"/roadmaps/{rid}/roadmap.mspdi.xml").data
    assert b"<Baseline>" not in draft  # nothing approved yet, nothing to compare with
    move_roadmap(Actor("Ed"), rid, Step.SUBMIT, editor=True, reviewer=False)
    move_roadmap(Actor("Ada"), rid, Step.APPROVE, editor=False, reviewer=True)
    _record(
        client, rid, "O1", status="done", percent_complete="100", actual_start="2026-06-01", actual_finish="2026-07-31"
    )
    _record(client, rid, "L1", status="in_progress", percent_complete="40", actual_start="2026-08-03")
    _record(client, rid, "T1", status="cancelled")

    response = client.get(f"/roadmaps/{rid}/roadmap.mspdi.xml")
    assert response.status_code == 200
    project = mpxj_reader(response.data)
    assert _day(project.getProjectProperties().getStatusDate()) == datetime.now(UTC).date()
    tasks = {str(t.getName()): t for t in project.getTasks() if t.getUniqueID().intValue() != 0}

    done = tasks["Designate a lead agency"]  # eight weeks planned, finished a week late
    assert (_day(done.getActualStart()), _day(done.getActualFinish())) == (date(2026, 6, 1), date(2026, 7, 31))
    assert done.getPercentageComplete().intValue() == 100
    assert (_day(done.getBaselineStart()), _day(done.getBaselineFinish())) == (date(2026, 6, 1), date(2026, 7, 24))
    assert (done.getBaselineDuration().getDuration(), str(done.getBaselineDuration().getUnits())) == (8.0, "w")
    assert _day(done.getFinish()) == date(2026, 7, 31)  # the slip shows against the baseline

    going = tasks["Legal gap analysis"]
    assert _day(going.getActualStart()) == date(2026, 8, 3) and going.getActualFinish() is None
    assert going.getPercentageComplete().intValue() == 40
    assert (_day(going.getBaselineStart()), _day(going.getBaselineFinish())) == (date(2026, 7, 27), date(2026, 11, 13))

    assert [name for name, t in tasks.items() if not t.getActive()] == ["National reporting portal"]
    # Kept so the link through it still reads.
    assert [str(r.getPredecessorTask().getName()) for r in tasks["Portal launch"].getPredecessors()] == [
        "National reporting portal"
    ]

    assert sorted(str(r.getName()) for r in project.getResources()) == ["Ministry of ICT", "National Police"]
    leads = {
        str(t.getName()): [str(a.getResource().getName()) for a in t.getResourceAssignments()] for t in tasks.values()
    }
    assert leads["Designate a lead agency"] == leads["Legal gap analysis"] == ["Ministry of ICT"]
    assert leads["National reporting portal"] == ["National Police"] and leads["Portal launch"] == []

    out = tmp_path / "plan.xml"
    result = app.test_cli_runner().invoke(args=["export", str(rid), "--format", "mspdi", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == response.data  # the command line writes the same file
