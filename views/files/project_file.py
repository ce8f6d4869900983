"""A roadmap as a Microsoft Project file (MSPDI XML), for the web download and the command line."""

from __future__ import annotations

from datetime import date

from flask_babel import force_locale, gettext

from models import Roadmap
from models.operations.workflow import baseline_documents
from models.queries.loading import load_plan
from roadmap.exchange.mspdi import to_mspdi
from roadmap.forecast import baseline_dates, forecast
from roadmap.vocabulary import Pillar
from views.tracking.progress import today
from views.workspace.roadmaps import deliverable_ids

MSPDI_TYPE = "application/vnd.ms-project+xml"


def export_mspdi(roadmap: Roadmap, as_of: date | None = None) -> bytes:
    """The roadmap's MSPDI XML as of a day (today without one): the forecast with the progress
    recorded by then, against the latest approved baseline. Task UIDs follow the deliverables' ids
    so they stay put across exports. Raises DependencyLoopError or ScheduleError for a plan that
    cannot be scheduled."""
    plan = load_plan(roadmap.id)
    status_date = as_of or today()
    # Dates from the forecast, not the plan as drafted: Project requires a task that has started
    # to start on its actual start, and the file is read against its baseline to see the slip.
    schedule = forecast(plan, status_date)
    latest = baseline_documents(roadmap.id)
    # The pillar tasks are named in the roadmap's own language, as in its printed PDF.
    with force_locale(str(plan.language)):
        names = {p: gettext(p.label) for p in Pillar}
    return to_mspdi(
        plan,
        schedule,
        uids=deliverable_ids(roadmap.id),
        pillar_names=names,
        status_date=status_date,
        baseline=baseline_dates(latest[2]) if latest else None,
    )


def mspdi_filename(roadmap: Roadmap) -> str:
    """The name offered for the download."""
    return f"{roadmap.country.code.lower()}-roadmap-{roadmap.id}.mspdi.xml"
