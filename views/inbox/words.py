"""Each kind of notice as one sentence, marked for translation once for the inbox page and the e-mails."""

from __future__ import annotations

from flask_babel import gettext

from models import NoticeKind
from roadmap.i18n import N_

# Translated where they are shown: the page gives the names set apart (<bdi>), a mail as plain text.
SENTENCES = {
    NoticeKind.SUBMITTED: N_("%(actor)s submitted “%(roadmap)s” for review"),
    NoticeKind.RETURNED: N_("%(actor)s returned “%(roadmap)s” to draft"),
    NoticeKind.APPROVED: N_("%(actor)s approved “%(roadmap)s”"),
    NoticeKind.REOPENED: N_("%(actor)s reopened “%(roadmap)s” for revision"),
    NoticeKind.THREAD: N_("%(actor)s started a comment thread on “%(roadmap)s”"),
    NoticeKind.REPLY: N_("%(actor)s replied in a comment thread on “%(roadmap)s”"),
}


def sentence(kind: NoticeKind, actor: str, roadmap: str) -> str:
    """The notice in one plain sentence, in the current language."""
    return gettext(SENTENCES[kind], actor=actor, roadmap=roadmap)
