"""A roadmap as a Microsoft Project file (MSPDI XML), for the web download and the command line."""

from __future__ import annotations

from flask_babel import force_locale, gettext

from models import Roadmap
from models.queries.loading import load_plan
from roadmap.exchange.mspdi import to_mspdi
from roadmap.sequencing import sequence
from roadmap.vocabulary import Pillar
from views.workspace.roadmaps import deliverable_ids

MSPDI_TYPE = "application/vnd.ms-project+xml"


def export_mspdi(roadmap: Roadmap) -> bytes:
    """The roadmap's MSPDI XML; task UIDs follow the deliverables' ids so they stay put across exports."""
    plan = load_plan(roadmap.id)
    # The pillar tasks are named in the roadmap's own language, as in its printed PDF.
    with force_locale(str(plan.language)):
        names = {p: gettext(p.label) for p in Pillar}
    return to_mspdi(plan, sequence(plan), uids=deliverable_ids(roadmap.id), pillar_names=names)


def mspdi_filename(roadmap: Roadmap) -> str:
    """The name offered for the download."""
    return f"{roadmap.country.code.lower()}-roadmap-{roadmap.id}.mspdi.xml"
