"""A form sent with an expired or missing CSRF token comes back with everything typed still in it.

The refused request's view is run again, read-only: the posted fields are bound to its forms as
usual, each form fails on the token, so the view shows its own page with the input kept, its
errors, and a fresh token. Nothing can be written meanwhile: any statement that changes the
database raises, and a view that answers anything but its form page (a redirect, a download)
is not shown and its effect on the session is undone.
"""

from __future__ import annotations

from flask import current_app, flash, g, has_app_context, request, session
from flask_babel import gettext as _
from sqlalchemy import event
from sqlalchemy.orm import Session

from models import db

_FLAG = "_csrf_replay"


class WriteDuringReplay(RuntimeError):
    """A view tried to change data while its refused request was being shown again."""


def _replaying() -> bool:
    return has_app_context() and g.get(_FLAG, False)


@event.listens_for(Session, "do_orm_execute")
def _no_statement_writes(state) -> None:
    if _replaying() and not state.is_select:
        raise WriteDuringReplay("a statement that changes data")


@event.listens_for(Session, "before_flush")
def _no_flush_writes(session, _context, _instances) -> None:
    if _replaying() and (session.new or session.dirty or session.deleted):
        raise WriteDuringReplay("flush")


def form_page_with_input_kept():
    """The refused request's own form page with the posted input bound (status 400), or None if it has none."""
    view = current_app.view_functions.get(request.endpoint or "")
    if view is None or request.method != "POST":
        return None
    saved_session = dict(session)
    setattr(g, _FLAG, True)
    g.pop("csrf_valid", None)  # the token was refused: no form may take it as checked
    try:
        flash(
            _("This page had expired, so nothing was saved. What you typed is kept below: check it and send it again."),
            "error",
        )
        response = current_app.make_response(view(**(request.view_args or {})))
    except Exception:  # a write, a refusal (403/404) or an error: fall back to the plain message
        response = None
    finally:
        setattr(g, _FLAG, False)
        db.session.rollback()
    if response is None or response.status_code != 400:
        session.clear()
        session.update(saved_session)
        return None
    return response
