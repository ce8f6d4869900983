"""E-mail from the job queue: a mail for each notice as it is written, and ``cop-roadmap send-digest``
for those who asked for one a day. Nothing is mailed while ``SMTP_URL`` is not set: the inbox alone.

A web request never waits on the mail relay. Notices are written inside the change's transaction
(models/operations/notices/record.py), which keeps their ids on the session; once it commits, the
hook below queues one job for them. A job claims its notices before sending (``mailed_at``), so a job
run twice, or by two workers, mails each notice once; a mail that fails gives its claim back and the
job is tried again later.
"""

from __future__ import annotations

import logging

import click
from flask import Flask, current_app, has_app_context
from huey import Huey
from sqlalchemy import event
from sqlalchemy.exc import SQLAlchemyError

from models import db
from models.operations.notices import NEW_NOTICES
from models.operations.notices.mailing import claim_digest, claim_each, digest_recipients, release
from models.queries.inbox import notices, recipients
from views.jobs.letters import MailSettingsError, check_settings, digest_mail, mail_wanted, notice_mail, relay
from views.jobs.queue import registered

LOG = logging.getLogger(__name__)
RETRIES = 3
RETRY_DELAY_S = 300  # a relay that is down for a moment gets five minutes before the next try


def mail_tasks(app: Flask):
    """The mail tasks on the app's queue (one notice each, one digest), registered the first time wanted."""

    def register(queue: Huey):
        @queue.task(name="mail_notices", retries=RETRIES, retry_delay=RETRY_DELAY_S)
        def mail_notices(notice_ids: list[int]) -> None:
            with app.app_context():
                send_notices(notice_ids)

        @queue.task(name="mail_digest", retries=RETRIES, retry_delay=RETRY_DELAY_S)
        def mail_digest(user_id: int) -> None:
            with app.app_context():
                send_digest(user_id)

        return mail_notices, mail_digest

    return registered(app, "mail_tasks", register)


def send_notices(notice_ids: list[int]) -> int:
    """Mail each of these notices still to be mailed one by one; returns how many were sent."""
    app = current_app._get_current_object()
    claimed = claim_each(notice_ids)
    if not claimed:
        return 0
    sent: list[int] = []
    try:
        who = recipients(claimed)
        with relay(app) as connection:
            for notice in notices(claimed):
                connection.send_message(notice_mail(app, who[notice.id], notice))
                sent.append(notice.id)
    except Exception:
        release(set(claimed) - set(sent))
        raise
    return len(sent)


def send_digest(user_id: int) -> int:
    """Mail the user's digest of unread notices not mailed yet; returns how many it listed."""
    app = current_app._get_current_object()
    claimed = claim_digest(user_id)
    if not claimed:
        return 0
    try:
        listed = notices(claimed)
        with relay(app) as connection:
            connection.send_message(digest_mail(app, recipients(claimed[:1])[claimed[0]], listed))
    except Exception:
        release(claimed)
        raise
    return len(listed)


def _after_commit(session) -> None:
    notice_ids = session.info.pop(NEW_NOTICES, None)
    if not notice_ids or not has_app_context():
        return
    app = current_app._get_current_object()
    if not mail_wanted(app):
        return
    try:
        check_settings(app)
        mail_tasks(app)[0](notice_ids)
    except MailSettingsError as exc:
        LOG.error("notices %s are not mailed: %s", notice_ids, exc)
    except Exception:  # the queue unreachable: the change is saved and in the inbox; only the mail is lost
        LOG.exception("notices %s could not be queued for mailing", notice_ids)


def _after_rollback(session, previous_transaction) -> None:
    session.info.pop(NEW_NOTICES, None)  # rolled back with the change they told of


def install_mail_hook() -> None:
    """Queue the mail for new notices once their transaction commits (once per process)."""
    if not event.contains(db.session, "after_commit", _after_commit):
        event.listen(db.session, "after_commit", _after_commit)
        event.listen(db.session, "after_soft_rollback", _after_rollback)


@click.command("send-digest")
def send_digest_command() -> None:
    """Queue the daily digest: one e-mail to each person who asked for one and has unread notices.

    Run it once a day (cron); the worker sends the mails.
    """
    app = current_app._get_current_object()
    if not mail_wanted(app):
        click.echo("No e-mail is sent: COP_ROADMAP_SMTP_URL is not set.", err=True)
        return
    try:
        check_settings(app)
        people = digest_recipients()
        task = mail_tasks(app)[1]
        for user_id in people:
            task(user_id)
    except MailSettingsError as exc:
        raise click.ClickException(str(exc)) from None
    except SQLAlchemyError as exc:
        raise click.ClickException(f"cannot read the database: {str(exc).splitlines()[0][:200]}") from None
    click.echo(f"{len(people)} digest(s) queued.")
