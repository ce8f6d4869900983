"""A published roadmap's PDF, made from its snapshot through the same path as a roadmap's own PDF.

The web asks the job queue for it (views/jobs/printing.py), as for a roadmap: ``snapshot_wanted``
says what it would be kept under, ``print_snapshot`` prints it in the worker.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask_babel import force_locale, format_date, gettext, ngettext

from models import LibraryEntry, db
from roadmap.library import snapshot_plan
from roadmap.printing.cache import cache_key
from roadmap.printing.document import PrintContext, render_parts
from roadmap.printing.progress import Progress
from roadmap.printing.render import render_pdf
from roadmap.sequencing import sequence
from views.files.printing import (
    PrintedRoadmap,
    keep_also,
    part_store,
    pdf_store,
    render_limits,
    translations_stamp,
)


@dataclass(frozen=True)
class SnapshotWanted:
    """What an entry's PDF would be made from today, and the key it is (or would be) kept under."""

    key: str
    filename: str
    country: str


def snapshot_wanted(entry: LibraryEntry, today: date | None = None) -> SnapshotWanted:
    today = today or date.today()
    document = json.loads(entry.document)
    with force_locale(str(document.get("language") or "en")):
        # The cover names the country in the roadmap's own language, or says it is withheld.
        country = gettext("Country withheld") if entry.country_withheld else entry.country.name
    language = str(document.get("language") or "en")
    key = cache_key(
        document, entry=entry.id, version=1, country=country, day=today, pdfa=False, words=translations_stamp(language)
    )
    return SnapshotWanted(key, f"library-{entry.id}.pdf", country)


def print_snapshot(
    entry: LibraryEntry,
    progress: Callable[[Progress], None] | None = None,
    also_key: str | None = None,
    courier: Callable[[str], None] | None = None,
) -> int:
    """Print the entry's snapshot into the PDF store; its number of pages. RenderError if it fails.
    ``courier`` hands the parts to other workers, as ``export_pdf``'s."""
    today = date.today()
    wanted = snapshot_wanted(entry, today)
    plan = snapshot_plan(json.loads(entry.document))
    with force_locale(str(plan.language)):
        context = PrintContext(
            country_name=wanted.country,
            version=1,
            generated_on=today,
            gettext=gettext,
            ngettext=ngettext,
            format_date=lambda d: format_date(d, "long"),
            today=today,
        )
        parts = render_parts(plan, sequence(plan), context)
    db.session.rollback()  # end the read transaction: rendering can take a while
    data = render_pdf(parts, progress=progress, part_cache=part_store(), courier=courier, **render_limits())
    store = pdf_store()
    store.put(wanted.key, data)
    keep_also(store, also_key, wanted.key, data)
    return PrintedRoadmap(data, wanted.filename).pages
