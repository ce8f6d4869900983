"""The Microsoft Project export, read back by MPXJ (the reader ProjectLibre and many tools use)."""

from datetime import date, datetime

from defusedxml.ElementTree import fromstring

from roadmap.exchange.interchange import read_document
from roadmap.exchange.mspdi import to_mspdi
from roadmap.forecast import baseline_dates, forecast
from roadmap.plan import Plan
from roadmap.sequencing import Schedule, schedule_document, sequence
from tests.factories import small_document


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


# A roadmap under way, reported as of Monday 12 April 2027: O1 done a week late, L1 40 % in, T1
# cancelled (M1 still waits on it), and C2 added since the baseline was approved.
AS_OF = date(2027, 4, 12)
P = "{http://schemas.microsoft.com/project}"


def _under_way() -> tuple[Plan, Schedule, dict]:
    approved = read_document(small_document())
    doc = small_document()
    o1, l1, t1 = doc["deliverables"][:3]
    o1.update(status="done", percent_complete=100, actual_start="2027-01-04", actual_finish="2027-03-05")
    l1.update(status="in_progress", percent_complete=40, actual_start="2027-03-08")
    t1.update(status="cancelled", percent_complete=0)
    del t1["actual_start"]
    doc["deliverables"].append({"key": "C2", "pillar": "capacity", "title": "Train teachers", "duration_weeks": 3})
    plan = read_document(doc)
    baseline = baseline_dates(schedule_document(sequence(approved), 1))
    return plan, forecast(plan, AS_OF), baseline


def _tasks(project) -> dict:
    return {t.findtext(f"{P}Name"): t for t in project.iter(f"{P}Task")}


def test_the_file_carries_progress_baseline_status_date_and_leads():
    plan, schedule, baseline = _under_way()
    project = fromstring(to_mspdi(plan, schedule, status_date=AS_OF, baseline=baseline))
    assert project.findtext(f"{P}StatusDate") == "2027-04-12T17:00:00"
    tasks = _tasks(project)

    def fields(name, *tags):
        return [tasks[name].findtext(f"{P}{tag}") for tag in tags]

    def planned(name):
        found = tasks[name].findall(f"{P}Baseline")
        return [[b.findtext(f"{P}{tag}") for tag in ("Number", "Start", "Finish", "Duration")] for b in found]

    # Done a week late: it starts and finishes on its actual days, which the baseline did not.
    assert fields("Designate a lead agency", "Start", "Finish", "ActualStart", "ActualFinish", "PercentComplete") == [
        "2027-01-04T08:00:00", "2027-03-05T17:00:00", "2027-01-04T08:00:00", "2027-03-05T17:00:00", "100",
    ]  # fmt: skip
    assert planned("Designate a lead agency") == [["0", "2027-01-04T08:00:00", "2027-02-26T17:00:00", "PT320H0M0S"]]
    assert fields("Legal gap analysis", "Start", "ActualStart", "ActualFinish", "PercentComplete") == [
        "2027-03-08T08:00:00", "2027-03-08T08:00:00", None, "40",
    ]  # fmt: skip
    assert fields("Legal gap analysis", "PercentWorkComplete") == ["40"]
    assert planned("Legal gap analysis") == [["0", "2027-03-01T08:00:00", "2027-06-18T17:00:00", "PT640H0M0S"]]
    assert planned("Portal launch") == [["0", "2027-08-09T08:00:00", "2027-08-09T08:00:00", "PT0H0M0S"]]
    assert planned("Train teachers") == []  # added since the approval: nothing to compare with
    assert fields("Train teachers", "Active", "ActualStart", "PercentComplete") == ["1", None, "0"]

    # Cancelled: inactive, still twenty weeks long, and still linked on both sides.
    portal = tasks["National reporting portal"]
    assert fields("National reporting portal", "Active", "Milestone", "Duration") == ["0", "0", "PT800H0M0S"]
    assert [link.findtext(f"{P}PredecessorUID") for link in portal.iter(f"{P}PredecessorLink")] == [
        tasks["Legal gap analysis"].findtext(f"{P}UID")
    ]
    launch_links = tasks["Portal launch"].iter(f"{P}PredecessorLink")
    assert [link.findtext(f"{P}PredecessorUID") for link in launch_links] == [portal.findtext(f"{P}UID")]
    assert all(t.findtext(f"{P}Active") == "1" for name, t in tasks.items() if name != "National reporting portal")
    # The pillars roll their tasks' progress up; a pillar of cancelled work only reports none.
    assert fields("Organizational Structures", "PercentComplete") == ["100"]
    assert fields("Legal Measures", "PercentComplete") == ["40"]

    # One resource per lead organisation, each assigned the tasks it leads.
    resources = {r.findtext(f"{P}UID"): r.findtext(f"{P}Name") for r in project.iter(f"{P}Resource")}
    assert sorted(resources.values()) == ["Ministry of ICT", "National Police"]
    by_uid = {t.findtext(f"{P}UID"): name for name, t in tasks.items()}
    assigned = sorted(
        (by_uid[a.findtext(f"{P}TaskUID")], resources[a.findtext(f"{P}ResourceUID")])
        for a in project.iter(f"{P}Assignment")
    )
    assert assigned == [
        ("Designate a lead agency", "Ministry of ICT"),
        ("Legal gap analysis", "Ministry of ICT"),
        ("National reporting portal", "National Police"),
    ]


def test_without_a_baseline_or_status_date_neither_is_written():
    plan, schedule, _ = _under_way()
    project = fromstring(to_mspdi(plan, schedule))
    assert project.find(f"{P}StatusDate") is None
    assert list(project.iter(f"{P}Baseline")) == []
    # The recorded progress is the plan's own, so it is there all the same.
    assert _tasks(project)["Designate a lead agency"].findtext(f"{P}ActualFinish") == "2027-03-05T17:00:00"


def test_elements_follow_the_order_of_microsofts_schema(mpxj_reader):
    # Project refuses a file whose elements are out of order; MPXJ's classes generated from the
    # schema (mspdi_pj12.xsd) carry that order.
    from java.lang import Class

    xml_type = Class.forName("jakarta.xml.bind.annotation.XmlType")

    def order(name):
        names = list(Class.forName(f"org.mpxj.mspdi.schema.{name}").getAnnotation(xml_type).propOrder())
        return [str(n).lower() for n in names]

    plan, schedule, baseline = _under_way()
    project = fromstring(to_mspdi(plan, schedule, status_date=AS_OF, baseline=baseline))
    for name, elements in [
        ("Project", [project]),
        ("Project$Tasks$Task", list(project.iter(f"{P}Task"))),
        ("Project$Tasks$Task$Baseline", list(project.iter(f"{P}Baseline"))),
        ("Project$Resources$Resource", list(project.iter(f"{P}Resource"))),
        ("Project$Assignments$Assignment", list(project.iter(f"{P}Assignment"))),
    ]:
        expected = order(name)
        for element in elements:
            tags = [child.tag.removeprefix(P).lower() for child in element]
            assert all(tag in expected for tag in tags), (name, tags)
            places = [expected.index(tag) for tag in tags]
            assert places == sorted(places), (name, tags)
