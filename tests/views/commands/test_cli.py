"""The cop-roadmap command through Click's runner, on SQLite and PostgreSQL."""

import json

import pytest
from sqlalchemy import func, select

from models import Deliverable, Dependency, JournalEntry, Membership, Roadmap, Stakeholder, User, db
from tests.factories import small_document
from tests.roadmap.exchange.test_interchange import BAD_INPUTS


@pytest.fixture
def cli(db_app):
    runner = db_app.test_cli_runner()

    def invoke(*args, env=None, input=None):
        with db_app.app_context():
            result = runner.invoke(args=list(args), env=env, input=input)
            db.session.remove()
        return result

    return invoke


def counts(app):
    with app.app_context():
        return {
            m.__name__: db.session.scalar(select(func.count()).select_from(m))
            for m in (Roadmap, Deliverable, Dependency, Stakeholder, JournalEntry, User, Membership)
        }


def write(tmp_path, doc, name="plan.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_import_prints_the_new_id_and_export_gives_the_document_back(cli, tmp_path, db_app):
    result = cli("import", str(write(tmp_path, small_document())))
    assert result.exit_code == 0, result.output
    roadmap_id = result.stdout.strip()
    assert roadmap_id.isdigit()
    out = tmp_path / "out.json"
    assert cli("export", roadmap_id, "--format", "json", "-o", str(out)).exit_code == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["title"] == "Kenya COP roadmap" and len(exported["deliverables"]) == 4
    again = cli("import", str(out))
    cli("export", again.stdout.strip(), "-o", str(tmp_path / "again.json"))
    assert json.loads((tmp_path / "again.json").read_text(encoding="utf-8")) == exported


def test_export_to_standard_output(cli, tmp_path):
    roadmap_id = cli("import", str(write(tmp_path, small_document()))).stdout.strip()
    result = cli("export", roadmap_id, "-o", "-")
    assert json.loads(result.stdout)["format"] == "cop-roadmap/1"


@pytest.mark.parametrize(("data", "expected"), [(d, e) for _, d, e in BAD_INPUTS], ids=[n for n, _, _ in BAD_INPUTS])
def test_bad_import_exits_1_with_one_line_and_changes_nothing(cli, tmp_path, db_app, data, expected):
    cli("import", str(write(tmp_path, small_document(), "good.json")))
    before = counts(db_app)
    path = tmp_path / "bad.json"
    path.write_bytes(data)
    result = cli("import", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0] and str(path) in lines[0]
    assert counts(db_app) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export", "abc", "-o", "x.json"), '"abc" is not a roadmap id'),
        (("export", "²", "-o", "x.json"), '"²" is not a roadmap id'),
        (("schedule", "99999999999999999999"), '"99999999999999999999" is not a roadmap id'),
        (("export", "4242", "-o", "x.json"), "no roadmap has the id 4242"),
        (("export", "1", "--format", "xml", "-o", "x.json"), 'unknown format "xml"'),
        (("export", "1", "--format", "pdf", "--paper", "a5", "-o", "x.pdf"), 'unknown paper "a5" (expected a4 or a3)'),
        (("export", "1", "--paper", "a3", "-o", "x.json"), "--paper applies to --format pdf and html only"),
        (("export", "1", "-o", "/no/such/dir/x.json"), "no such directory"),
        (("import", "/no/such/file.json"), "no such file"),
    ],
)
def test_other_command_errors_are_one_line(cli, tmp_path, args, message):
    cli("import", str(write(tmp_path, small_document())))
    result = cli(*args)
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr


def test_export_never_leaves_half_a_file(cli, tmp_path):
    roadmap_id = cli("import", str(write(tmp_path, small_document()))).stdout.strip()
    target = tmp_path / "kept.json"
    target.write_text("previous content")
    assert cli("export", "999", "-o", str(target)).exit_code == 1
    assert target.read_text() == "previous content"
    assert cli("export", roadmap_id, "-o", str(target)).exit_code == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".kept")] == []


def test_seed_demo_is_complete_and_idempotent(cli, db_app):
    first = cli("seed-demo")
    assert first.exit_code == 0, first.output
    after_first = counts(db_app)
    second = cli("seed-demo")
    assert second.exit_code == 0 and "already there" in second.stdout
    assert counts(db_app) == after_first
    with db_app.app_context():
        biggest = db.session.scalar(select(Roadmap).order_by(Roadmap.id))
        n_deliverables = db.session.scalar(
            select(func.count(Deliverable.id)).where(Deliverable.roadmap_id == biggest.id)
        )
        n_links = db.session.scalar(select(func.count(Dependency.id)).where(Dependency.roadmap_id == biggest.id))
        assert n_deliverables >= 35 and n_links >= 40
        roles = {(u.role, tuple(m.role for m in u.memberships)) for u in db.session.scalars(select(User))}
        assert {("admin", ()), ("adviser", ()), ("member", ("editor",)), ("member", ("viewer",))} <= roles


def test_the_ghana_demos_title_names_the_years_its_schedule_runs(cli, db_app):
    assert cli("seed-demo").exit_code == 0
    with db_app.app_context():
        ghana = db.session.execute(
            select(Roadmap.id, Roadmap.title).where(Roadmap.title.like("%Child Online Protection Roadmap%"))
        ).one()
    schedule = json.loads(cli("schedule", str(ghana.id), "--json").stdout)
    first, last = schedule["start_date"][:4], schedule["finish_date"][:4]
    assert f" {first}–{last} " in ghana.title, (ghana.title, first, last)


def test_a_database_seeded_under_the_demos_former_title_gets_no_second_copy(cli, db_app):
    assert cli("seed-demo").exit_code == 0
    with db_app.app_context():
        ghana = db.session.scalar(select(Roadmap).where(Roadmap.title.like("%Roadmap 2027%")))
        ghana.title = "National Child Online Protection Roadmap 2027–2030 (demo)"  # as seeded before
        db.session.commit()
        before = db.session.scalar(select(func.count(Roadmap.id)))
    again = cli("seed-demo")
    assert again.exit_code == 0 and "2027–2030 (demo)" in again.stdout and "already there" in again.stdout
    with db_app.app_context():
        assert db.session.scalar(select(func.count(Roadmap.id))) == before


def test_create_user_takes_the_password_from_the_environment(cli, db_app):
    result = cli(
        "create-user",
        "ama@example.org",
        "--role",
        "member",
        "--country",
        "GHA:editor",
        "--name",
        "Ama",
        env={"COP_ROADMAP_PASSWORD": "a long password"},
    )
    assert result.exit_code == 0, result.output
    with db_app.app_context():
        user = db.session.scalar(select(User).where(User.email == "ama@example.org"))
        assert user.check_password("a long password")
        assert [(m.country.code, m.role) for m in user.memberships] == [("GHA", "editor")]


def test_create_user_prompts_for_the_password_twice(cli, db_app):
    result = cli(
        "create-user",
        "kofi@example.org",
        "--role",
        "adviser",
        input="s3cret-pass\ns3cret-pass\n",
        env={"COP_ROADMAP_PASSWORD": None},
    )
    assert result.exit_code == 0, result.output
    assert "s3cret-pass" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("create-user", "x@example.org", "--role", "superuser"), 'unknown role "superuser"'),
        (("create-user", "x@example.org", "--country", "GHA:owner"), "expected ISO3:editor or ISO3:viewer"),
        (("create-user", "x@example.org", "--country", "ZZZ:editor"), 'unknown ISO 3166-1 alpha-3 country code "ZZZ"'),
        (("create-user", "not-an-email"), "is not an e-mail address"),
        (("create-user", "x@example.org", "--name", "N" * 201), "at most 200 are allowed"),
    ],
)
def test_create_user_refuses_bad_input_and_saves_nothing(cli, db_app, args, message):
    before = counts(db_app)
    result = cli(*args, env={"COP_ROADMAP_PASSWORD": "long enough"})
    assert result.exit_code == 1 and message in result.stderr
    assert counts(db_app) == before


def test_create_user_refuses_a_second_account_for_the_same_email(cli):
    env = {"COP_ROADMAP_PASSWORD": "long enough"}
    assert cli("create-user", "dup@example.org", env=env).exit_code == 0
    result = cli("create-user", "DUP@example.org", env=env)
    assert result.exit_code == 1 and "already exists" in result.stderr


def test_seed_demo_refuses_a_short_demo_password_before_loading_anything(cli, db_app):
    before = counts(db_app)
    result = cli("seed-demo", env={"COP_ROADMAP_DEMO_PASSWORD": "short"})
    assert result.exit_code == 1 and "at least 8 characters" in result.stderr
    assert counts(db_app) == before


def test_a_file_with_a_very_long_name_imports(cli, tmp_path):
    path = write(tmp_path, small_document(), "p" * 230 + ".json")
    result = cli("import", str(path))
    assert result.exit_code == 0, result.output


def test_export_writes_a_file_others_can_read(cli, tmp_path):
    roadmap_id = cli("import", str(write(tmp_path, small_document()))).stdout.strip()
    cli("export", roadmap_id, "-o", str(tmp_path / "shared.json"))
    assert (tmp_path / "shared.json").stat().st_mode & 0o044 == 0o044


def test_schedule_as_of_forecasts_and_gives_the_slip_against_the_approved_baseline(cli, tmp_path, db_app):
    from models.operations import Actor, move_roadmap
    from models.operations.workflow import Step

    rid = int(cli("import", str(write(tmp_path, small_document()))).output.strip().split()[-1])
    with db_app.app_context():
        move_roadmap(Actor("Ed"), rid, Step.SUBMIT, editor=True, reviewer=False)
        move_roadmap(Actor("Ada"), rid, Step.APPROVE, editor=False, reviewer=True, label="First")
        db.session.remove()
    printed = cli("schedule", str(rid), "--json").output
    plain = json.loads(printed)
    # Read by people too: each deliverable on a line of its own.
    for d in plain["deliverables"]:
        assert sum(line.strip().startswith(f'{{"key": "{d["key"]}"') for line in printed.splitlines()) == 1
    result = cli("schedule", str(rid), "--json", "--as-of", "2027-03-01")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["as_of"] == "2027-03-01" and doc["baseline"]["label"] == "First"
    assert set(plain) < set(doc)  # the plain schedule's keys, and more
    by_key = {d["key"]: d for d in doc["deliverables"]}
    # Nothing had started by 2027-03-01 (week 8), so O1 starts then: 8 weeks (56 days) late.
    assert by_key["O1"]["start"] == "2027-03-01" and by_key["O1"]["slip_days"] == 56
    assert by_key["O1"]["baseline_finish"] == {d["key"]: d for d in plain["deliverables"]}["O1"]["finish"]


@pytest.mark.parametrize(
    ("value", "message"),
    [("tomorrowish", '"tomorrowish" is not a date'), ("2027-02-30", "is not a date"), ("1800-01-01", "outside")],
)
def test_schedule_as_of_refuses_a_bad_date_in_one_line(cli, tmp_path, value, message):
    rid = cli("import", str(write(tmp_path, small_document()))).output.strip().split()[-1]
    result = cli("schedule", rid, "--json", "--as-of", value)
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


def test_export_pdf_on_a3_prints_the_chart_pages_on_a3_and_the_text_on_a4(cli, tmp_path):
    import pypdf

    roadmap_id = cli("import", str(write(tmp_path, small_document()))).stdout.strip()
    sizes = {}
    for paper in ("a4", "a3"):
        out = tmp_path / f"{paper}.pdf"
        result = cli("export", roadmap_id, "--format", "pdf", "--paper", paper, "-o", str(out))
        assert result.exit_code == 0, result.stderr
        pages = pypdf.PdfReader(out).pages
        sizes[paper] = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages]
    # The same pages, the landscape (chart) ones on a sheet twice as large.
    assert len(sizes["a3"]) == len(sizes["a4"])
    for a4, a3 in zip(sizes["a4"], sizes["a3"], strict=True):
        assert a3 == ((1191, 842) if a4 == (842, 595) else a4)
    assert (1191, 842) in sizes["a3"] and (595, 842) in sizes["a3"]


def test_an_import_problem_is_one_english_line_whatever_languages_the_pages_speak(cli, tmp_path, db_app):
    # The pages say these problems in the reader's language; the command line, which scripts read, keeps English.
    doc = small_document()
    doc["deliverables"][0]["duration_weeks"] = "six"
    path = write(tmp_path, doc, "bad.json")
    result = cli("import", str(path))
    assert result.exit_code == 1
    assert (
        result.stderr.strip()
        == f'Error: {path}: deliverables[0] (key "O1").duration_weeks: expected a whole number, got "six"'
    )
