"""The roadmap's calendar feed: editors make, copy and revoke its secret link; calendars read it.

Calendar programs cannot sign in, so the feed answers to its secret token alone (models/operations/feeds.py
keeps only the token's digest). A wrong or revoked token is a 404, like a page that does not exist.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from models import Deliverable, Roadmap, User, db
from models.base import utcnow
from models.operations import Actor
from models.operations.feeds import has_feed, new_feed_token, revoke_feed_token, roadmap_by_feed_token
from models.queries.loading import load_plan
from roadmap.exchange.ical import DayEvent, calendar_bytes
from roadmap.forecast import forecast
from roadmap.graph import DependencyLoopError
from roadmap.sequencing import ScheduleError
from roadmap.vocabulary import DeliverableStatus
from views.access import can_read, roadmap_for
from views.extensions import limiter
from views.labels import status_label

bp = Blueprint("calendar", __name__)


@bp.route("/roadmaps/<int:roadmap_id>/calendar")
@login_required
def settings(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    return render_template("calendar/settings.html", roadmap=roadmap, active=has_feed(roadmap.id), link=None)


@bp.route("/roadmaps/<int:roadmap_id>/calendar/new", methods=["POST"])
@login_required
def make_link(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    token = new_feed_token(Actor.of(current_user), roadmap.id)
    # Shown on this response only, never redirected through the session: the link is a secret.
    link = url_for("calendar.feed", token=token, _external=True)
    page = render_template("calendar/settings.html", roadmap=roadmap, active=True, link=link)
    return page, 200, {"Cache-Control": "no-store"}


@bp.route("/roadmaps/<int:roadmap_id>/calendar/revoke", methods=["POST"])
@login_required
def revoke(roadmap_id: int):
    roadmap = roadmap_for(roadmap_id, edit=True)
    revoke_feed_token(Actor.of(current_user), roadmap.id)
    flash(_("The calendar link is revoked: calendars subscribed to it no longer update."), "info")
    return redirect(url_for("calendar.settings", roadmap_id=roadmap.id))


@bp.route("/calendar/<token>.ics")
@limiter.limit(lambda: current_app.config.get("FEED_RATE_LIMIT", "30 per minute"))
def feed(token: str):
    found = roadmap_by_feed_token(token)
    if found is None:
        abort(404)
    roadmap_id, maker_id = found
    # The link answers only while the person who made it may still read the roadmap: someone who
    # left the country's team, or whose account was stopped, does not keep a window on it.
    maker = db.session.get(User, maker_id) if maker_id is not None else None
    roadmap = db.session.get(Roadmap, roadmap_id)
    if maker is None or not maker.active or not can_read(maker, roadmap.country_id):
        abort(404)
    plan = load_plan(roadmap_id)
    today = utcnow().date()
    try:
        schedule = forecast(plan, today)
    except (DependencyLoopError, ScheduleError):
        abort(409)
    d = Deliverable.__table__.c
    ids = dict(db.session.execute(select(d.key, d.id).where(d.roadmap_id == roadmap_id)).all())
    events = []
    # No one is signed in: the feed speaks the roadmap's own language.
    with force_locale(plan.language.value):
        for d in plan.deliverables:
            if d.status in (DeliverableStatus.CANCELLED, DeliverableStatus.IN_PLACE):
                continue  # nothing happens on a date: cancelled, or there before the roadmap
            kind = "milestone" if d.is_milestone else "finish"
            summary = (
                _("Milestone: %(title)s", title=d.title) if d.is_milestone else _("Finish: %(title)s", title=d.title)
            )
            description = _(
                "%(key)s · %(pillar)s · %(status)s, %(percent)d %% done. Dates are forecast from recorded progress.",
                key=d.key,
                pillar=_(d.pillar.label),
                status=status_label(d.status),
                percent=d.percent_complete,
            )
            uid = f"roadmap-{roadmap_id}-deliverable-{ids[d.key]}-{kind}@cop-roadmap"
            events.append(DayEvent(uid, schedule.get(d.key).finish, summary, description))
        body = calendar_bytes(plan.title, events, utcnow())
    return body, 200, {"Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "no-store"}
