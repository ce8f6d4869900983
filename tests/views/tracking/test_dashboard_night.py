"""The dashboard's figures worked out at night by the worker, so the first adviser of the day does not wait."""

from datetime import datetime, time, timedelta

from sqlalchemy import select, update

from models import ForecastFigures, db
from models.base import utcnow
from models.operations import Actor
from models.operations.workflow import archive_roadmap
from tests.factories import import_small
from tests.views.conftest import login
from tests.views.tracking.test_dashboard import csv_rows
from views.jobs.figures import figures_task
from views.jobs.queue import queue_for


def test_the_night_job_keeps_every_roadmaps_figures_for_the_day(app, client, world, ctx):
    fiji = import_small(country="FJI", title="Fiji roadmap")
    archive_roadmap(Actor("test"), fiji, editor=True)
    task = figures_task(app)
    # It is the queue's periodic task, due at five past midnight UTC and at no other time.
    queue = queue_for(app)
    midnight = datetime.combine(utcnow().date(), time(0, 5))
    assert [t.name for t in queue.read_periodic(midnight)] == ["dashboard_figures"]
    assert queue.read_periodic(midnight + timedelta(hours=1)) == []

    assert task.call_local() == 2  # Kenya and Uganda; the archived roadmap is left alone
    kept = db.session.execute(select(ForecastFigures.roadmap_id, ForecastFigures.as_of)).all()
    assert sorted(kept) == sorted([(world["kenya"], utcnow().date()), (world["uganda"], utcnow().date())])

    # The dashboard, even filtered on the figures, shows what the night kept instead of working it out:
    # a kept figure marked here is the one shown.
    db.session.execute(
        update(ForecastFigures).where(ForecastFigures.roadmap_id == world["kenya"]).values(slip_days=4242)
    )
    db.session.commit()
    login(client, "adviser@example.org")
    with app.app_context():
        rows = csv_rows(client.get("/dashboard.csv", query_string={"slipping": "4000"}))
    assert [(r["Country"], r["Finish slip (days)"]) for r in rows] == [("Kenya", "4242")]
