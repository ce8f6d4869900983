"""The e-mails themselves: a notice or a day's digest as a plain-text message, and the connection to the
mail relay named by ``SMTP_URL`` (``COP_ROADMAP_SMTP_URL``).

The relay is given as ``smtp://[user:password@]host[:port][?starttls=1]``, or ``smtps://`` for a relay
that speaks TLS from the start. Links in a mail are made from ``BASE_URL`` (``COP_ROADMAP_BASE_URL``,
the address people open the site at), never from a request's Host header, which whoever sends the
request chooses. Each mail is written in the language its reader last chose for the pages
(``users.language``), or the site's default language (``BABEL_DEFAULT_LOCALE``) for someone who never
chose one.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from urllib.parse import parse_qs, unquote, urlsplit

from flask import Flask
from flask_babel import force_locale, gettext, ngettext

from models.queries.inbox import Notice, Recipient
from views.inbox.tokens import mail_off_token
from views.inbox.words import sentence

TIMEOUT_S = 30


class MailSettingsError(ValueError):
    """The mail settings cannot work (a relay address of another kind, no site address for the links)."""


def mail_wanted(app: Flask) -> bool:
    """Whether the site sends e-mail at all: only when a relay is set."""
    return bool(app.config.get("SMTP_URL"))


def check_settings(app: Flask) -> None:
    """Refuse, naming the setting, mail settings that cannot work."""
    _links(app)
    if urlsplit(str(app.config["SMTP_URL"])).scheme not in ("smtp", "smtps"):
        raise MailSettingsError("COP_ROADMAP_SMTP_URL must be smtp://host:port or smtps://host:port")


def _links(app: Flask):
    base = str(app.config.get("BASE_URL") or "")
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise MailSettingsError("set COP_ROADMAP_BASE_URL to the site's address (https://…) for the links in e-mails")
    adapter = app.url_map.bind(parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme)

    def link(endpoint: str, **values) -> str:
        return adapter.build(endpoint, values, force_external=True)

    return link


def _sender(app: Flask) -> str:
    return str(app.config.get("MAIL_FROM") or f"COP Roadmap <noreply@{urlsplit(str(app.config['BASE_URL'])).hostname}>")


def _message(app: Flask, recipient: Recipient, subject: str, lines: list[str]) -> EmailMessage:
    link = _links(app)
    off = link("inbox.mail_off", token=mail_off_token(recipient.id))
    lines = [
        *lines,
        "",
        "-- ",
        gettext("You receive this because you take part in these roadmaps on COP Roadmap."),
        gettext("Choose a daily digest or no e-mail on your account page: %(link)s", link=link("account.tokens")),
        gettext("Turn off all e-mail from COP Roadmap: %(link)s", link=off),
    ]
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = _sender(app)
    message["To"] = formataddr((recipient.name, recipient.email))
    message["Message-ID"] = make_msgid(domain=urlsplit(str(app.config["BASE_URL"])).hostname)
    message["Auto-Submitted"] = "auto-generated"
    message["List-Unsubscribe"] = f"<{off}>"
    message.set_content("\n".join(lines) + "\n")
    return message


def _told(notice: Notice, link) -> list[str]:
    lines = [sentence(notice.kind, notice.actor, notice.roadmap_title)]
    if notice.excerpt:
        lines.append(f"  “{notice.excerpt}”")
    lines.append(gettext("Open it: %(link)s", link=link("inbox.open_notice", notice_id=notice.id)))
    return lines


def _language(app: Flask, recipient: Recipient) -> str:
    return recipient.language or app.config.get("BABEL_DEFAULT_LOCALE", "en")


def notice_mail(app: Flask, recipient: Recipient, notice: Notice) -> EmailMessage:
    """The mail telling one person of one notice."""
    with force_locale(_language(app, recipient)):
        subject = "[COP Roadmap] " + sentence(notice.kind, notice.actor, notice.roadmap_title)
        return _message(app, recipient, subject, _told(notice, _links(app)))


def digest_mail(app: Flask, recipient: Recipient, notices: list[Notice]) -> EmailMessage:
    """The day's digest: every notice still unread and not mailed, oldest first."""
    with force_locale(_language(app, recipient)):
        link = _links(app)
        count = len(notices)
        subject = "[COP Roadmap] " + ngettext("%(num)d new notice", "%(num)d new notices", count)
        lines = [ngettext("%(num)d notice in your inbox:", "%(num)d notices in your inbox:", count), ""]
        for notice in notices:
            lines += [*_told(notice, link), ""]
        lines.append(gettext("Your inbox: %(link)s", link=link("inbox.index")))
        return _message(app, recipient, subject, lines)


@contextmanager
def relay(app: Flask) -> Iterator[smtplib.SMTP]:
    """A connection to the mail relay, signed in and over TLS as its address asks, closed afterwards."""
    url = urlsplit(str(app.config["SMTP_URL"]))
    if url.scheme not in ("smtp", "smtps") or not url.hostname:
        raise MailSettingsError("COP_ROADMAP_SMTP_URL must be smtp://host:port or smtps://host:port")
    starttls = parse_qs(url.query).get("starttls", ["0"])[0].lower() in ("1", "true", "yes")
    context = ssl.create_default_context()
    if url.scheme == "smtps":
        connection: smtplib.SMTP = smtplib.SMTP_SSL(url.hostname, url.port or 465, timeout=TIMEOUT_S, context=context)
    else:
        connection = smtplib.SMTP(url.hostname, url.port or 25, timeout=TIMEOUT_S)
    try:
        if starttls:
            connection.starttls(context=context)
        if url.username:
            connection.login(unquote(url.username), unquote(url.password or ""))
        yield connection
    finally:
        try:
            connection.quit()
        except (smtplib.SMTPException, OSError):
            connection.close()
