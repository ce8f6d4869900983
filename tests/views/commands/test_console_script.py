"""The installed `cop-roadmap` console script, run the way a user runs it."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import small_document

SCRIPT = shutil.which("cop-roadmap", path=str(Path(sys.executable).parent)) or shutil.which("cop-roadmap")


def run(tmp_path, *args, env_extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COP_ROADMAP_", "FLASK_"))}
    env.pop("DATABASE_URL", None)
    env["COP_ROADMAP_INSTANCE"] = str(tmp_path / "instance")
    env.update(env_extra or {})
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, env=env, timeout=120, check=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_env(request):
    if request.param == "sqlite":
        return {}
    return {"DATABASE_URL": request.getfixturevalue("pg_schema")}


def test_the_console_script_is_installed():
    assert SCRIPT, "cop-roadmap is not on PATH: install the package (pip install -e .)"


def test_a_user_session_from_an_empty_machine(tmp_path, database_env):
    not_ready = run(tmp_path, "import", "x.json", env_extra=database_env)
    assert not_ready.returncode == 1 and "run `cop-roadmap init-db` first" in not_ready.stderr

    for _ in range(2):  # init-db is safe to run again
        init = run(tmp_path, "init-db", env_extra=database_env)
        assert init.returncode == 0, init.stderr
    # The migration commands are loaded only when run; they still see the schema init-db made.
    current = run(tmp_path, "db", "current", env_extra=database_env)
    assert current.returncode == 0 and "(head)" in current.stdout, current.stderr
    seed = run(tmp_path, "seed-demo", env_extra=database_env)
    assert seed.returncode == 0 and "Demo user created: admin@example.org" in seed.stdout

    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(small_document(title="Plan national 🇰🇪"), ensure_ascii=False), encoding="utf-8")
    imported = run(tmp_path, "import", str(plan), env_extra=database_env)
    assert imported.returncode == 0, imported.stderr
    roadmap_id = imported.stdout.strip()
    assert roadmap_id.isdigit()

    out = tmp_path / "out.json"
    exported = run(tmp_path, "export", roadmap_id, "--format", "json", "-o", str(out), env_extra=database_env)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "Plan national 🇰🇪"

    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "cop-roadmap/1"')
    refused = run(tmp_path, "import", str(bad), env_extra=database_env)
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1 and "not valid JSON" in refused.stderr and "Traceback" not in refused.stderr


def test_the_secret_key_is_generated_once_and_kept_private(tmp_path):
    assert run(tmp_path, "init-db").returncode == 0
    key_file = tmp_path / "instance" / "secret_key"
    first = key_file.read_text()
    assert len(first) >= 64 and oct(key_file.stat().st_mode & 0o777) == "0o600"
    run(tmp_path, "init-db")
    assert key_file.read_text() == first
