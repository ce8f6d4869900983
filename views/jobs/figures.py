"""The dashboard's figures worked out at night: a periodic job of the worker, just after midnight UTC.

Forecast figures hold for one day (models/queries/dashboard_schedules.py), so the first dashboard
of each day would otherwise work out every roadmap it shows, and a filter on them (slipping, overdue,
blocked on the critical path) every roadmap there is: about 3 ms a roadmap of 60 deliverables, 0.7 s
for 193 countries. The job does it before anyone asks; a roadmap changed during the day is worked out
again alone, at its next showing. Two workers may both run it: the figures are the same, and the
later write wins.
"""

from __future__ import annotations

import logging

from flask import Flask
from huey import Huey, crontab

from models.base import utcnow
from models.queries.dashboard import warm_figures
from views.jobs.queue import registered

LOG = logging.getLogger(__name__)


def figures_task(app: Flask):
    """The nightly task on the app's queue, registered the first time wanted."""

    def register(queue: Huey):
        @queue.periodic_task(crontab(minute="5", hour="0"), name="dashboard_figures")
        def dashboard_figures() -> int:
            with app.app_context():
                count = warm_figures(utcnow().date())
            LOG.info("dashboard figures worked out for %d roadmaps", count)
            return count

        return dashboard_figures

    return registered(app, "figures_task", register)
