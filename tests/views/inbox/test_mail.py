"""E-mail about the inbox, sent through a real SMTP server started here (aiosmtpd): from the job queue,
never in the request; once, however often the job runs; a digest a day for those who ask; and an
unsubscribe link that works without signing in."""

import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from models import MailChoice, Notification, User, db
from tests.views.conftest import login, run_queued_jobs
from views.jobs.mail import mail_tasks

SITE = "https://roadmap.example.org"


class Collect:
    """An SMTP handler keeping every message it is given."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def smtp_relay(app, site: str) -> Iterator[list]:
    """A real SMTP server on this machine, and the app set to send through it; yields what it receives."""
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    app.config.update(
        SMTP_URL=f"smtp://127.0.0.1:{controller.port}", BASE_URL=site, MAIL_FROM="COP Roadmap <roadmap@example.org>"
    )
    try:
        yield handler.messages
    finally:
        controller.stop()


@pytest.fixture
def mailbox(app):
    with smtp_relay(app, SITE) as messages:
        yield messages


def body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def submit(app, client, rid, email="editor@example.org"):
    with app.app_context():
        login(client, email)
        assert client.post(f"/roadmaps/{rid}/status", data={"move": "submit"}).status_code == 302


def test_a_notice_is_mailed_by_the_job_queue_once(app, world, mailbox):
    rid = world["kenya"]
    submit(app, app.test_client(), rid)
    assert mailbox == []  # the request only queued the mail
    assert run_queued_jobs(app) == 1
    assert len(mailbox) == 1
    recipients, message = mailbox[0]
    assert recipients == ["adviser@example.org"]  # follows no country; the editor who submitted is not mailed
    assert message["Subject"] == "[COP Roadmap] Editor submitted “Kenya COP roadmap” for review"
    assert message["From"] == "COP Roadmap <roadmap@example.org>"
    text = body(message)
    notice = db.session.scalar(select(Notification.id))
    assert f"Open it: {SITE}/inbox/{notice}" in text
    assert re.search(rf"Turn off all e-mail from COP Roadmap: {SITE}/inbox/mail-off/\S+", text)
    assert db.session.scalar(select(Notification.mailed_at)) is not None

    # The same job queued again, and run again: nothing more is sent.
    mail_tasks(app)[0]([notice])
    assert run_queued_jobs(app) == 1
    assert len(mailbox) == 1


def test_the_unsubscribe_link_turns_mail_off_without_signing_in(app, world, mailbox):
    rid = world["kenya"]
    submit(app, app.test_client(), rid)
    run_queued_jobs(app)
    link = re.search(rf"Turn off all e-mail from COP Roadmap: {SITE}(\S+)", body(mailbox[0][1])).group(1)
    stranger = app.test_client()
    with app.app_context():
        page = stranger.get(link)
        assert page.status_code == 200
        assert "Stop all e-mail from COP Roadmap to" in page.get_data(as_text=True)
    adviser = db.session.scalar(select(User).where(User.email == "adviser@example.org"))
    assert adviser.mail_notices == MailChoice.EACH  # opening the link changed nothing
    with app.app_context():
        done = stranger.post(link)
        assert done.status_code == 200
        assert "E-mail is off for" in done.get_data(as_text=True)
    db.session.expire_all()
    assert adviser.mail_notices == MailChoice.OFF
    with app.app_context():
        forged = stranger.get(link[:-3] + "abc")
        assert forged.status_code == 404
        assert "This link is not valid" in forged.get_data(as_text=True)

    # Returned, and submitted again: the adviser's inbox has it, their mailbox does not.
    with app.app_context():
        login(stranger, "admin@example.org")
        stranger.post(f"/roadmaps/{rid}/status", data={"move": "return", "comment": "Not yet."})
    submit(app, app.test_client(), rid)
    run_queued_jobs(app)
    # The return was mailed to the team; the second submission to nobody.
    assert [to for to, _ in mailbox] == [["adviser@example.org"], ["editor@example.org"], ["viewer@example.org"]]
    assert db.session.scalar(
        select(Notification.id).where(Notification.recipient_id == adviser.id, Notification.mailed_at.is_(None))
    )


def test_a_daily_digest_lists_what_is_unread_once(app, world, mailbox):
    rid = world["kenya"]
    editor, adviser = app.test_client(), app.test_client()
    with app.app_context():
        login(editor, "editor@example.org")
        refused = editor.post("/account/mail", data={"mail": "weekly"})
        assert refused.status_code == 400
        assert "Not a valid choice" in refused.get_data(as_text=True)
        assert editor.post("/account/mail", data={"mail": "daily"}).status_code == 302
        page = editor.get("/account/tokens").get_data(as_text=True)
        assert re.search(r'<input checked [^>]*value="daily"', page)
    submit(app, editor, rid)
    with app.app_context():
        login(adviser, "adviser@example.org")
        adviser.post(f"/roadmaps/{rid}/status", data={"move": "return", "comment": "Cost the legal review."})
    run_queued_jobs(app)
    # The submission to the adviser, the return to the viewer; the editor waits for the digest.
    assert [to for to, _ in mailbox] == [["adviser@example.org"], ["viewer@example.org"]]

    runner = app.test_cli_runner()
    result = runner.invoke(args=["send-digest"])
    assert result.exit_code == 0, result.output
    assert "1 digest(s) queued." in result.output
    run_queued_jobs(app)
    to, digest = mailbox[-1]
    assert to == ["editor@example.org"]
    assert digest["Subject"] == "[COP Roadmap] 1 new notice"
    text = body(digest)
    assert "Adviser returned “Kenya COP roadmap” to draft" in text
    assert "Cost the legal review." in text
    assert f"Your inbox: {SITE}/inbox/" in text

    assert "0 digest(s) queued." in runner.invoke(args=["send-digest"]).output
    run_queued_jobs(app)
    assert len(mailbox) == 3


def test_without_a_mail_server_the_inbox_alone(app, world):
    rid = world["kenya"]
    submit(app, app.test_client(), rid)
    assert run_queued_jobs(app) == 0
    assert db.session.scalar(select(Notification.id)) is not None
    result = app.test_cli_runner().invoke(args=["send-digest"])
    assert result.exit_code == 0
    assert "COP_ROADMAP_SMTP_URL is not set" in result.output
    with app.app_context():
        client = app.test_client()
        login(client, "editor@example.org")
        assert "This site sends no e-mail yet" in client.get("/account/tokens").get_data(as_text=True)


def test_a_mail_that_cannot_be_sent_is_kept_for_the_next_try(app, world):
    rid = world["kenya"]
    app.config.update(SMTP_URL=f"smtp://127.0.0.1:{free_port()}", BASE_URL=SITE)  # nobody listens there
    submit(app, app.test_client(), rid)
    run_queued_jobs(app)  # the job fails, and is queued again for later
    assert db.session.scalar(select(Notification.mailed_at)) is None


def test_mail_is_written_in_the_language_its_reader_chose_for_the_pages(app, world, mailbox):
    adviser = app.test_client()
    with app.app_context():
        login(adviser, "adviser@example.org")
        adviser.post("/language", data={"lang": "fr", "next": "/"})
    assert db.session.scalar(select(User.language).where(User.email == "adviser@example.org")) == "fr"
    submit(app, app.test_client(), world["kenya"])
    run_queued_jobs(app)
    (recipients, message), *_ = mailbox
    assert recipients == ["adviser@example.org"]
    assert message["Subject"] == "[COP Roadmap] Editor a soumis « Kenya COP roadmap » pour examen"
    assert "L’ouvrir : " in body(message)
