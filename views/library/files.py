"""A published roadmap's PDF, made from its snapshot through the same path as a roadmap's own PDF."""

from __future__ import annotations

from datetime import date

from flask_babel import force_locale, format_date, gettext, ngettext

from models import LibraryEntry, db
from roadmap.exchange import interchange
from roadmap.plan import Plan
from roadmap.printing.cache import cache_key
from roadmap.printing.document import PrintContext, render_parts
from roadmap.printing.render import render_pdf
from roadmap.sequencing import Schedule
from views.files.printing import pdf_store, render_limits


def snapshot_pdf(entry: LibraryEntry, plan: Plan, schedule: Schedule) -> bytes:
    """The printed snapshot, from the cache when the same one was printed today; RenderError if it fails."""
    today = date.today()
    with force_locale(str(plan.language)):
        # The cover names the country in the roadmap's own language, or says it is withheld.
        country = gettext("Country withheld") if entry.country_withheld else entry.country.name
        context = PrintContext(
            country_name=country,
            version=1,
            generated_on=today,
            gettext=gettext,
            ngettext=ngettext,
            format_date=lambda d: format_date(d, "long"),
            today=today,
        )
        key = cache_key(interchange.to_document(plan), version=1, country=country, day=today, pdfa=False)
        cache = pdf_store()
        if (cached := cache.get(key)) is not None:
            return cached
        parts = render_parts(plan, schedule, context)
    db.session.rollback()  # end the read transaction: rendering can take a while
    data = render_pdf(parts, **render_limits())
    cache.put(key, data)
    return data
