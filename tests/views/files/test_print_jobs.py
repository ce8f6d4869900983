"""Printing through the job queue, as people downloading a PDF meet it: one render for everyone asking,
a progress page, limits that answer clearly, and failures remembered rather than printed again."""

import os
import re
import subprocess
import sys
import threading
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import func, select, update

from models import GlobalRole, PrintedFile, PrintJob, PrintStatus, Roadmap, db
from models.base import utcnow
from models.operations import Actor, update_roadmap
from models.operations.printing import fail_job, finish_job, start_job
from tests.factories import PASSWORD, import_small, make_user
from tests.views.conftest import fetch_pdf, login, run_queued_jobs
from views.files.printing import pdf_store
from views.jobs.printing import run_print_job
from views.jobs.queue import queue_for


def pdf_url(roadmap_id: int) -> str:
    return f"/roadmaps/{roadmap_id}/roadmap.pdf"


def status_url(html: str) -> str:
    found = re.search(r'data-status-url="([^"]+)"', html)
    assert found, "the progress page names no status URL"
    return found.group(1)


def as_user(app, email: str):
    """A client signed in as ``email`` whose requests each run in an app context of their own: the test's
    context would otherwise keep the first user Flask-Login loaded for every client."""
    client = app.test_client()

    def request(method: str, url: str, **kwargs):
        with app.app_context():
            return client.open(url, method=method, **kwargs)

    assert request("POST", "/login", data={"email": email, "password": PASSWORD}).status_code == 302
    return request


def jobs() -> list[PrintJob]:
    db.session.expire_all()
    return list(db.session.scalars(select(PrintJob).order_by(PrintJob.id)))


@pytest.mark.parametrize("parts_at_once", [2, 1])  # overlapped in processes, or one by one here
def test_the_link_shows_a_progress_page_that_works_without_javascript_then_gives_the_file(
    client, world, app, parts_at_once
):
    app.config["PDF_PARTS_AT_ONCE"] = parts_at_once
    login(client, "viewer@example.org")
    waiting = client.get(pdf_url(world["kenya"]))
    assert waiting.status_code == 202 and waiting.mimetype == "text/html"
    html = waiting.get_data(as_text=True)
    assert '<meta http-equiv="refresh" content="2">' in html  # inside <noscript>: reloads every 2 s
    assert "<progress" in html and "Waiting for the printer" in html

    state = client.get(status_url(html)).get_json()
    assert state["status"] == "queued" and state["file_url"] is None

    assert run_queued_jobs(app) == 1
    state = client.get(status_url(html)).get_json()
    assert state["status"] == "done" and state["pages"] > 1
    assert state["parts_done"] == state["parts_total"] > 1
    assert state["file_url"] == pdf_url(world["kenya"])

    done = client.get(pdf_url(world["kenya"]))
    assert done.status_code == 200 and done.mimetype == "application/pdf"
    assert len(pypdf.PdfReader(BytesIO(done.data)).pages) == state["pages"]


def test_people_asking_at_the_same_moment_share_one_render(app, world):
    emails = ("viewer@example.org", "editor@example.org", "adviser@example.org", "admin@example.org")
    clients = {email: app.test_client() for email in emails}
    start = threading.Barrier(len(emails))
    answers = []

    def ask(client, email):
        # Signed in here, in the thread: the test's own app context would share Flask-Login's user.
        login(client, email)
        start.wait()
        response = client.get(pdf_url(world["kenya"]))
        answers.append((response.status_code, status_url(response.get_data(as_text=True))))

    threads = [threading.Thread(target=ask, args=(c, e)) for e, c in clients.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert [code for code, _ in answers] == [202] * 4
    assert len({url for _, url in answers}) == 1  # one job, followed by all four
    assert len(jobs()) == 1
    assert run_queued_jobs(app) == 1  # and it was queued once
    assert client_gets_file(clients["viewer@example.org"], world["kenya"])


def client_gets_file(client, roadmap_id: int) -> bool:
    response = client.get(pdf_url(roadmap_id))
    return response.status_code == 200 and response.data.startswith(b"%PDF")


def test_a_changed_roadmap_is_printed_again_and_the_old_file_is_not_served(client, world, app):
    login(client, "editor@example.org")
    before = fetch_pdf(client, pdf_url(world["kenya"]))
    assert before.status_code == 200
    roadmap = db.session.get(Roadmap, world["kenya"])
    update_roadmap(
        Actor("test"),
        roadmap.id,
        roadmap.version,
        title="Kenya plan nobody had printed",
        start_date=roadmap.start_date,
        language=roadmap.language,
    )
    after = client.get(pdf_url(world["kenya"]))
    assert after.status_code == 202  # not the old file
    assert len(jobs()) == 2
    after = fetch_pdf(client, pdf_url(world["kenya"]))
    text = "".join(p.extract_text() for p in pypdf.PdfReader(BytesIO(after.data)).pages)
    assert "nobody had printed" in text


def test_a_print_of_another_country_is_not_found(app, world):
    other, viewer = as_user(app, "other@example.org"), as_user(app, "viewer@example.org")
    uganda_status = status_url(other("GET", pdf_url(world["uganda"])).get_data(as_text=True))
    assert other("GET", uganda_status).status_code == 200
    assert viewer("GET", uganda_status).status_code == 404
    job_id = uganda_status.rsplit("/", 1)[1]
    # Nor through a roadmap the viewer may read: the job must belong to the roadmap in the URL.
    assert viewer("GET", f"/roadmaps/{world['kenya']}/prints/{job_id}").status_code == 404
    assert viewer("POST", f"/roadmaps/{world['kenya']}/prints/{job_id}/retry").status_code == 404


def test_a_fourth_waiting_print_is_refused_with_retry_after(client, world, app):
    roadmaps = [world["kenya"]] + [import_small(title=f"Kenya plan {n}") for n in range(3)]
    login(client, "viewer@example.org")
    for rid in roadmaps[:3]:
        assert client.get(pdf_url(rid)).status_code == 202
    refused = client.get(pdf_url(roadmaps[3]))
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert "you already have 3 prints waiting" in refused.get_data(as_text=True)
    assert len(jobs()) == 3  # nothing queued for the refused one
    run_queued_jobs(app)
    assert fetch_pdf(client, pdf_url(roadmaps[3])).status_code == 200  # once they are done, it may


def test_a_full_queue_answers_503_with_retry_after(app, world):
    app.config["PRINT_QUEUE_MAX"] = 1
    first, second = as_user(app, "viewer@example.org"), as_user(app, "other@example.org")
    assert first("GET", pdf_url(world["kenya"])).status_code == 202
    busy = second("GET", pdf_url(world["uganda"]))
    assert busy.status_code == 503 and int(busy.headers["Retry-After"]) > 0
    assert "the printer is busy" in busy.get_data(as_text=True)
    # The one already waiting is still shared: asking again for it is not refused.
    assert first("GET", pdf_url(world["kenya"])).status_code == 202


def test_a_failed_print_is_shown_at_once_and_not_retried_until_the_content_changes_or_time_passes(
    client, world, app, caplog
):
    app.config["PDF_TIMEOUT"] = 0.001
    login(client, "editor@example.org")
    client.get(pdf_url(world["kenya"]))
    run_queued_jobs(app)
    failed = client.get(pdf_url(world["kenya"]))
    assert failed.status_code == 422  # the content was too much to print, not a server fault
    page = failed.get_data(as_text=True)
    assert "took longer than 0.001 seconds" in page
    assert f"printing roadmap {world['kenya']} failed" in caplog.text  # logged with the roadmap id
    assert run_queued_jobs(app) == 0  # asking again did not spend another render
    assert "Try again" not in page  # not before the cool-down

    [job] = jobs()
    retried = client.post(f"/roadmaps/{world['kenya']}/prints/{job.id}/retry", follow_redirects=True)
    assert "failed to print a moment ago" in retried.get_data(as_text=True)
    assert run_queued_jobs(app) == 0

    app.config["PDF_TIMEOUT"] = 120
    db.session.execute(update(PrintJob).values(finished_at=utcnow() - timedelta(minutes=11)))
    db.session.commit()
    assert "Try again" in client.get(pdf_url(world["kenya"])).get_data(as_text=True)
    retried = client.post(f"/roadmaps/{world['kenya']}/prints/{job.id}/retry")
    assert retried.status_code == 302
    assert run_queued_jobs(app) == 1
    assert client.get(pdf_url(world["kenya"])).status_code == 200


def test_a_job_run_twice_prints_once(client, world, app):
    login(client, "viewer@example.org")
    client.get(pdf_url(world["kenya"]))
    [job] = jobs()
    run_print_job(job.id)
    finished = jobs()[0].finished_at
    run_print_job(job.id)  # the queue handed it out again: left alone
    assert jobs()[0].finished_at == finished and jobs()[0].attempts == 1


def test_a_job_whose_roadmap_was_deleted_is_dropped(client, world, app):
    login(client, "viewer@example.org")
    client.get(pdf_url(world["kenya"]))
    db.session.delete(db.session.get(Roadmap, world["kenya"]))
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(PrintJob)) == 0
    assert run_queued_jobs(app) == 1  # ran, found nothing to print, and did not fail


@pytest.mark.parametrize("dead_for", [timedelta(seconds=5), timedelta(minutes=1)])
def test_a_running_print_whose_worker_went_silent_is_queued_again_once_then_reported(client, world, app, dead_for):
    login(client, "viewer@example.org")
    html = client.get(pdf_url(world["kenya"])).get_data(as_text=True)

    def died_while_running():
        db.session.execute(update(PrintJob).values(status=PrintStatus.RUNNING, heartbeat_at=utcnow() - dead_for))
        db.session.commit()
        run_queued_jobs(app)  # the queue's copy of the task is gone with its worker

    died_while_running()
    state = client.get(status_url(html)).get_json()
    if dead_for < timedelta(seconds=20):  # still within its heartbeats: left running
        assert state["status"] == "running"
        return
    assert state["status"] == "queued"  # revived once
    db.session.execute(update(PrintJob).values(attempts=2))
    db.session.commit()
    died_while_running()
    state = client.get(status_url(html)).get_json()
    assert state["status"] == "failed" and "stopped while printing it, twice" in state["message"]


def test_a_print_nobody_picks_up_says_the_worker_may_not_be_running(client, world, app):
    login(client, "viewer@example.org")
    html = client.get(pdf_url(world["kenya"])).get_data(as_text=True)
    assert "may not be running" not in client.get(status_url(html)).get_json()["message"]
    db.session.execute(update(PrintJob).values(created_at=utcnow() - timedelta(minutes=3)))
    db.session.commit()
    assert "the print worker may not be running" in client.get(status_url(html)).get_json()["message"]
    assert "the print worker may not be running" in client.get(pdf_url(world["kenya"])).get_data(as_text=True)


def test_two_roadmaps_with_the_same_content_print_apart_and_each_can_be_followed(client, world, app):
    twin = import_small()  # the same file imported twice
    login(client, "viewer@example.org")
    first = status_url(client.get(pdf_url(world["kenya"])).get_data(as_text=True))
    second = status_url(client.get(pdf_url(twin)).get_data(as_text=True))
    assert first != second and len(jobs()) == 2
    assert client.get(second).get_json()["status"] == "queued"
    assert run_queued_jobs(app) == 2
    assert client_gets_file(client, twin) and client_gets_file(client, world["kenya"])


def with_database_store(db_app):
    """A roadmap and a signed-in adviser's client, with printed files kept in the database (call in an
    app context)."""
    db_app.config["PDF_STORE"] = "database"
    rid = import_small()
    make_user("adviser@example.org", GlobalRole.ADVISER)
    client = db_app.test_client()
    login(client, "adviser@example.org")
    return rid, client


def test_with_the_database_store_the_pdf_is_kept_where_every_machine_sees_it(db_app):
    with db_app.app_context():
        rid, client = with_database_store(db_app)
        response = fetch_pdf(client, pdf_url(rid))
        assert response.status_code == 200 and response.data.startswith(b"%PDF")
        [kept] = db.session.scalars(select(PrintedFile).where(PrintedFile.kind == "pdf")).all()
        assert kept.data == response.data and kept.size == len(response.data)
        folder = Path(db_app.instance_path) / "pdf-cache"
        assert not list(folder.glob("*.pdf"))  # nothing in this machine's folder
        assert client.get(pdf_url(rid)).data == response.data


def test_with_the_database_store_printed_parts_are_kept_there_for_any_worker_to_reuse(db_app):
    with db_app.app_context():
        rid, client = with_database_store(db_app)
        first = fetch_pdf(client, pdf_url(rid)).data

        def parts() -> set[str]:
            db.session.expire_all()
            return set(db.session.scalars(select(PrintedFile.key).where(PrintedFile.kind == "part")))

        kept = parts()
        assert len(kept) >= 5  # every part, the contents' trial layout, the page numbers
        assert not list((Path(db_app.instance_path) / "pdf-cache").rglob("*.part"))
        # The whole PDF is gone (evicted, or asked for on a worker of another machine): it is joined
        # again from the kept parts, with nothing printed anew, and reads as the first print.
        db.session.execute(PrintedFile.__table__.delete().where(PrintedFile.kind == "pdf"))
        db.session.execute(PrintJob.__table__.delete())
        db.session.commit()
        again = fetch_pdf(client, pdf_url(rid))
        assert again.status_code == 200 and parts() == kept
        assert [p.extract_text() for p in pypdf.PdfReader(BytesIO(again.data)).pages] == [
            p.extract_text() for p in pypdf.PdfReader(BytesIO(first)).pages
        ]


def test_prints_left_behind_by_a_dead_worker_or_a_lost_queue_do_not_lock_anyone_out(client, world, app):
    roadmaps = [world["kenya"]] + [import_small(title=f"Kenya plan {n}") for n in range(3)]
    login(client, "viewer@example.org")
    for rid in roadmaps[:3]:
        assert client.get(pdf_url(rid)).status_code == 202
    # A deploy later: one print was running on a worker that is gone, the queue lost the other two.
    queue_for(app).flush()
    long_ago = utcnow() - timedelta(hours=1)
    first = jobs()[0].id
    db.session.execute(update(PrintJob).where(PrintJob.id == first).values(status=PrintStatus.RUNNING))
    db.session.execute(update(PrintJob).values(heartbeat_at=long_ago, created_at=long_ago))
    db.session.commit()
    assert client.get(pdf_url(roadmaps[3])).status_code == 202  # not refused: none of the three is alive
    assert run_queued_jobs(app) == 1
    # Asking again for each of them queues it again: the dead worker's once, the lost ones too.
    for rid in roadmaps[:3]:
        assert client.get(pdf_url(rid)).status_code == 202
    assert run_queued_jobs(app) == 3
    assert all(client_gets_file(client, rid) for rid in roadmaps)


def test_a_print_id_too_large_to_be_one_is_not_found(client, world):
    login(client, "viewer@example.org")
    assert client.get(f"/roadmaps/{world['kenya']}/prints/{2**64}").status_code == 404
    assert client.post(f"/roadmaps/{world['kenya']}/prints/{2**64}/retry").status_code == 404


def test_a_print_asked_under_another_key_is_kept_under_it_too(client, world, app):
    # The web server and the worker worked out different keys (a template updated on one machine only):
    # the person waiting still gets the file, rather than a print queued again and again.
    login(client, "viewer@example.org")
    client.get(pdf_url(world["kenya"]))
    db.session.execute(update(PrintJob).values(key="f" * 64))
    db.session.commit()
    run_queued_jobs(app)
    assert pdf_store().get("f" * 64).startswith(b"%PDF")


def test_a_worker_whose_print_was_handed_to_another_changes_nothing_when_it_finishes(client, world, app):
    login(client, "viewer@example.org")
    client.get(pdf_url(world["kenya"]))
    [job] = jobs()
    assert start_job(job.id).attempts == 1  # claimed, then silent so long that it was queued again and claimed
    db.session.execute(update(PrintJob).values(status=PrintStatus.RUNNING, attempts=2))
    db.session.commit()
    fail_job(job.id, "late news from the first worker", attempt=1)
    finish_job(job.id, 99, attempt=1)
    [job] = jobs()
    assert job.status == PrintStatus.RUNNING and job.error is None and job.pages == 0


def test_the_a3_link_prints_its_own_file_with_the_chart_pages_on_a3(client, world, app):
    login(client, "viewer@example.org")
    roadmap = f"/roadmaps/{world['kenya']}"
    assert f"{pdf_url(world['kenya'])}?paper=a3" in client.get(roadmap).get_data(as_text=True)
    waiting = client.get(f"{pdf_url(world['kenya'])}?paper=a3")
    assert waiting.status_code == 202
    state = client.get(status_url(waiting.get_data(as_text=True))).get_json()
    run_queued_jobs(app)
    state = client.get(status_url(waiting.get_data(as_text=True))).get_json()
    assert state["status"] == "done" and state["file_url"] == f"{pdf_url(world['kenya'])}?paper=a3"
    a3 = client.get(state["file_url"])
    assert a3.status_code == 200 and a3.mimetype == "application/pdf"
    landscape = [p.mediabox for p in pypdf.PdfReader(BytesIO(a3.data)).pages if p.mediabox.width > p.mediabox.height]
    assert landscape and all(round(float(box.width)) == 1191 for box in landscape)
    # The A4 file is a print of its own: asked for now, it is not the A3 one.
    assert client.get(pdf_url(world["kenya"])).status_code == 202


def test_a_paper_that_is_not_offered_is_refused_with_the_choices(client, world):
    login(client, "viewer@example.org")
    refused = client.get(f"{pdf_url(world['kenya'])}?paper=letter")
    assert refused.status_code == 400
    assert "A4 or A3" in refused.get_data(as_text=True)
    assert jobs() == []


def test_prints_finished_a_month_ago_are_deleted_as_new_ones_are_asked_for(client, world, app):
    login(client, "viewer@example.org")
    assert client.get(pdf_url(world["kenya"])).status_code == 202
    run_queued_jobs(app)
    [old] = jobs()
    db.session.execute(update(PrintJob).where(PrintJob.id == old.id).values(finished_at=utcnow() - timedelta(days=31)))
    db.session.commit()
    other = import_small(title="Another Kenya plan")
    assert client.get(pdf_url(other)).status_code == 202
    assert [j.roadmap_id for j in jobs()] == [other]  # the month-old print is gone, the new one waits
    # The first roadmap's file is still kept, so it still downloads at once; asked for after its
    # file went, it would simply be printed by a new job.
    assert client_gets_file(client, world["kenya"])


def test_with_an_s3_bucket_the_pdf_and_its_parts_are_kept_there_for_every_machine(app, s3_bucket):
    from models.stores.s3 import S3FileStore

    app.config.update(
        PDF_STORE="s3",
        S3_BUCKET=s3_bucket["bucket"],
        S3_PREFIX="cop-roadmap/",
        S3_ENDPOINT_URL=s3_bucket["endpoint_url"],
        S3_REGION=s3_bucket["region"],
        S3_ACCESS_KEY_ID=s3_bucket["access_key"],
        S3_SECRET_ACCESS_KEY=s3_bucket["secret_key"],
    )
    with app.app_context():
        rid = import_small()
        make_user("adviser@example.org", GlobalRole.ADVISER)
        client = app.test_client()
        login(client, "adviser@example.org")
        response = fetch_pdf(client, pdf_url(rid))
        assert response.status_code == 200 and response.data.startswith(b"%PDF")
        bucket = S3FileStore(
            s3_bucket["bucket"],
            max_bytes=0,
            endpoint_url=s3_bucket["endpoint_url"],
            region=s3_bucket["region"],
            access_key=s3_bucket["access_key"],
            secret_key=s3_bucket["secret_key"],
        )
        listed = bucket._client().list_objects_v2(Bucket=s3_bucket["bucket"])["Contents"]
        kinds = [o["Key"].split("/")[1] for o in listed]
        assert kinds.count("pdf") == 1 and kinds.count("part") >= 5
        assert not list((Path(app.instance_path) / "pdf-cache").rglob("*.p*"))  # nothing on this machine
        assert client.get(pdf_url(rid)).data == response.data  # served from the bucket


def test_without_the_s3_client_the_app_runs_and_a_bucket_store_says_what_to_install(tmp_path):
    """`make run` installs no S3 client: the app must start without it, and asking for the bucket store
    says what to install instead of failing on an import."""
    script = (
        "import sys; sys.modules['botocore'] = sys.modules['boto3'] = None\n"
        "from views import create_app\n"
        "app = create_app({'TESTING': True, 'SECRET_KEY': 'x', 'PDF_STORE': 's3', 'S3_BUCKET': 'b'})\n"
        "from views.files.printing import pdf_store\n"
        "with app.app_context():\n"
        "    try:\n"
        "        pdf_store()\n"
        "    except ValueError as exc:\n"
        "        print(exc)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COP_ROADMAP_", "FLASK_"))}
    env["COP_ROADMAP_INSTANCE"] = str(tmp_path / "instance")
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "install the S3 client with pip install 'cop-roadmap[s3]'" in done.stdout
