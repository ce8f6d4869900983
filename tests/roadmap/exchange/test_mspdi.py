"""The Microsoft Project export, read back by MPXJ (the reader ProjectLibre and many tools use)."""

from datetime import date, datetime

import pytest

from roadmap.exchange.interchange import read_document
from roadmap.exchange.mspdi import to_mspdi
from roadmap.sequencing import sequence
from tests.factories import small_document


@pytest.fixture(scope="session")
def mpxj_reader(tmp_path_factory):
    """MPXJ's reader in a JVM started once for the session; skipped only if no Java runtime starts."""
    jpype = pytest.importorskip("jpype")
    pytest.importorskip("mpxj")  # puts the MPXJ jars on the class path
    if not jpype.isJVMStarted():
        try:
            jpype.startJVM()
        except (OSError, RuntimeError) as exc:  # JVMNotFoundException is an OSError
            pytest.skip(f"no Java runtime could be started ({exc}); install one, e.g. default-jre-headless")
    from org.mpxj.reader import UniversalProjectReader

    folder = tmp_path_factory.mktemp("mspdi")

    def read(data: bytes):
        path = folder / "roadmap.xml"
        path.write_bytes(data)
        return UniversalProjectReader().read(str(path))

    return read


def _day(value) -> date:
    return datetime.fromisoformat(str(value)).date()


def test_mpxj_reads_back_tasks_outline_dates_and_links(mpxj_reader):
    doc = small_document()
    doc["deliverables"][0]["duration_weeks"] = 9  # O1 now starts on a Monday and ends on a Friday
    plan = read_document(doc)
    schedule = sequence(plan)
    project = mpxj_reader(to_mspdi(plan, schedule, uids={"O1": 7, "L1": 3, "T1": 5, "M1": 9}))

    assert str(project.getProjectProperties().getProjectTitle()) == "Kenya COP roadmap"
    assert _day(project.getProjectProperties().getStartDate()) == date(2027, 1, 4)
    tasks = {str(t.getName()): t for t in project.getTasks() if t.getUniqueID().intValue() != 0}
    assert list(tasks) == [
        "Legal Measures", "Legal gap analysis",
        "Technical & Procedural Measures", "National reporting portal",
        "Organizational Structures", "Designate a lead agency",
        "Capacity Building", "Portal launch",
    ]  # fmt: skip
    for pillar, child in [("Legal Measures", "Legal gap analysis"), ("Capacity Building", "Portal launch")]:
        assert tasks[pillar].getOutlineLevel().intValue() == 1 and tasks[pillar].getSummary()
        assert tasks[child].getOutlineLevel().intValue() == 2
        assert str(tasks[child].getParentTask().getName()) == pillar
    # UIDs follow the ids given, so a second export updates the same tasks in Project.
    assert tasks["Designate a lead agency"].getUniqueID().intValue() == 17

    for key, name in [
        ("O1", "Designate a lead agency"),
        ("L1", "Legal gap analysis"),
        ("T1", "National reporting portal"),
    ]:
        task, placed = tasks[name], schedule.get(key)
        duration = task.getDuration()
        # Written as 40 working hours a week, read back in the weeks the file asks to show.
        assert (duration.getDuration(), str(duration.getUnits())) == (placed.duration_weeks, "w")
        assert _day(task.getStart()) == placed.start
        assert str(task.getStart()).endswith("T08:00") and str(task.getFinish()).endswith("T17:00")
    # 9 weeks from Monday 4 January: the work ends on Friday 5 March (the schedule's Sunday, as Project counts).
    assert _day(tasks["Designate a lead agency"].getFinish()) == date(2027, 3, 5)
    launch = tasks["Portal launch"]
    assert launch.getMilestone() and launch.getDuration().getDuration() == 0
    assert _day(launch.getStart()) == schedule.get("M1").start

    def links(name):
        return [
            (
                str(r.getPredecessorTask().getName()),
                str(r.getType()),
                r.getLag().getDuration(),
                str(r.getLag().getUnits()),
            )
            for r in tasks[name].getPredecessors()
        ]

    assert links("Legal gap analysis") == [("Designate a lead agency", "FS", 0.0, "w")]
    assert links("National reporting portal") == [("Legal gap analysis", "SS", 4.0, "w")]
    assert links("Portal launch") == [("National reporting portal", "FF", -1.0, "w")]
    assert links("Designate a lead agency") == []


def test_user_text_is_escaped_not_spliced_into_the_xml(mpxj_reader):
    doc = small_document(title='Plan <Project> & "friends" </Name>')
    doc["deliverables"][1]["title"] = "</Task><Task><Name>injected"
    plan = read_document(doc)
    project = mpxj_reader(to_mspdi(plan, sequence(plan)))
    names = [str(t.getName()) for t in project.getTasks()]
    assert "</Task><Task><Name>injected" in names and "injected" not in names
    assert str(project.getProjectProperties().getProjectTitle()) == 'Plan <Project> & "friends" </Name>'
