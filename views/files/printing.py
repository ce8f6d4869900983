"""Making a roadmap's printed PDF (and its HTML) for the web and the command line alike."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app
from flask_babel import force_locale, format_date, format_decimal, gettext, ngettext

from models import Roadmap, db
from models.operations.workflow import baseline_documents, edition_of, latest_baseline_id
from models.queries.loading import load_plan
from models.stores.database import DatabaseFileStore
from roadmap.changes import SinceReview, compare
from roadmap.countries import country_name
from roadmap.exchange import interchange
from roadmap.forecast import BaselineDates, baseline_dates
from roadmap.plan import Plan
from roadmap.printing.cache import DEFAULT_CACHE_MB, PartCache, PdfCache, cache_key
from roadmap.printing.charts import PAPERS
from roadmap.printing.document import PrintContext, PrintParts, render_html, render_parts
from roadmap.printing.overlap import AT_ONCE
from roadmap.printing.progress import Progress
from roadmap.printing.render import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S, render_pdf
from roadmap.sequencing import Schedule, schedule_document, sequence
from views.labels import baseline_label

if TYPE_CHECKING:
    from models.stores.s3 import S3FileStore

LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrintedRoadmap:
    """A rendered export and the file name to offer it under."""

    data: bytes
    filename: str
    from_cache: bool = False

    @property
    def pages(self) -> int:
        """How many pages the PDF has."""
        import pikepdf  # here, so commands that print nothing start without it

        with pikepdf.open(BytesIO(self.data)) as pdf:
            return len(pdf.pages)


def _filename(roadmap: Roadmap, extension: str) -> str:
    # Letters and digits of any script are kept, so an Arabic or Chinese title still names the file:
    # send_file offers it as filename* (UTF-8) with an ASCII fallback for older browsers.
    slug = re.sub(r"[\W_]+", "-", roadmap.title).strip("-").lower()[:60] or "roadmap"
    return f"{roadmap.country.code.lower()}-{slug}.{extension}"


def _since_review(
    roadmap_id: int, plan: Plan, schedule: Schedule
) -> tuple[SinceReview | None, dict[str, BaselineDates] | None]:
    """The changes since the latest approved baseline, for the PDF's last annex, and the dates that
    baseline planned, for its progress annex; (None, None) before any approval."""
    latest = baseline_documents(roadmap_id)
    if latest is None:
        return None, None
    summary, document, frozen = latest
    now = compare(document, frozen, interchange.to_document(plan), schedule_document(schedule, roadmap_id))
    return SinceReview(summary.label, summary.approved_at.date(), now), baseline_dates(frozen)


def _printed(roadmap: Roadmap, plan: Plan, today: date, *, in_parts: bool, paper: str = "a4") -> str | PrintParts:
    schedule = sequence(plan)
    since_review, planned = _since_review(roadmap.id, plan, schedule)
    edition = edition_of(roadmap.id)
    # The PDF speaks the roadmap's own language, whatever the language of the person printing it.
    with force_locale(str(plan.language)):
        if since_review is not None:
            since_review = replace(since_review, label=baseline_label(since_review.label))
        if edition is not None:
            edition = replace(edition, label=baseline_label(edition.label))
        context = PrintContext(
            country_name=country_name(roadmap.country.code, str(plan.language)),
            version=roadmap.version,
            generated_on=today,
            gettext=gettext,
            ngettext=ngettext,
            format_date=lambda d: format_date(d, "long"),
            today=today,
            format_number=lambda n: format_decimal(n, format="#,##0.###"),
            since_review=since_review,
            issuing_authority=roadmap.issuing_authority,
            edition=edition,
            baseline_dates=planned,
            logo=logo.data_uri if (logo := roadmap.logo) else None,
            paper=paper,
        )
        return (render_parts if in_parts else render_html)(plan, schedule, context)


def translations_stamp(language: str) -> str:
    """A digest of the language's catalog: a changed translation must not be served from a PDF kept
    before it. Its content, not its time of change: each machine compiles its own catalogs."""
    mo = Path(__file__).resolve().parents[1] / "translations" / language / "LC_MESSAGES" / "messages.mo"
    try:
        stat = mo.stat()
    except FileNotFoundError:
        return "none"
    return _catalog_digest(mo, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=16)
def _catalog_digest(mo: Path, size: int, mtime_ns: int) -> str:
    # Read and hashed once per compiled catalog, not on every download: size and time say when to again.
    return hashlib.sha256(mo.read_bytes()).hexdigest()[:16]


def paper_named(name: str | None) -> str:
    """The chart pages' sheet asked for ("a4" when not said); ValueError naming the choices otherwise."""
    name = (name or "a4").strip().lower()
    if name not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {name!r}")
    return name


def export_html(roadmap: Roadmap, today: date | None = None, paper: str = "a4") -> PrintedRoadmap:
    """The printed roadmap as one self-contained HTML document: what the PDF shows, page numbers
    worked out by WeasyPrint (the PDF itself is printed in parts, see roadmap/printing/parts.py)."""
    html = _printed(roadmap, load_plan(roadmap.id), today or date.today(), in_parts=False, paper=paper)
    return PrintedRoadmap(html.encode("utf-8"), _filename(roadmap, "html"))


def pdf_store() -> PdfCache | DatabaseFileStore | S3FileStore:
    """The finished PDFs, bounded in size (``PDF_CACHE_MB``): in the instance folder, or where web servers
    and workers on other machines see them: the database (``PDF_STORE = "database"``) or an S3 bucket
    (``PDF_STORE = "s3"``)."""
    if (store := shared_store("pdf")) is not None:
        return store
    return PdfCache(Path(current_app.instance_path) / "pdf-cache", max_bytes=_cache_bytes())


def part_store() -> PartCache:
    """Printed parts, so that an edit prints again only the parts it changes (bounded as ``pdf_store``,
    and kept where it keeps the PDFs: a worker on any machine reuses what another printed)."""
    if (store := shared_store("part")) is not None:
        return PartCache.in_store(store)
    return PartCache.in_folder(Path(current_app.instance_path) / "pdf-cache" / "parts", _cache_bytes())


def _cache_bytes() -> int:
    return int(current_app.config.get("PDF_CACHE_MB", DEFAULT_CACHE_MB)) * 1024 * 1024


def shared_store(kind: str) -> DatabaseFileStore | S3FileStore | None:
    """The store every machine reaches that ``PDF_STORE`` names for this kind of file, or None for the
    instance folder; ValueError naming the choices, or the missing bucket."""
    config = current_app.config
    store = str(config.get("PDF_STORE") or "folder")
    if store == "database":
        return DatabaseFileStore(db.engine.url.render_as_string(hide_password=False), _cache_bytes(), kind=kind)
    if store == "s3":
        try:  # here: only installations that keep their files in a bucket install its client
            from models.stores.s3 import S3FileStore
        except ImportError:
            raise ValueError(
                "COP_ROADMAP_PDF_STORE is \"s3\": install the S3 client with pip install 'cop-roadmap[s3]'"
            ) from None
        if not config.get("S3_BUCKET"):
            raise ValueError('COP_ROADMAP_PDF_STORE is "s3": COP_ROADMAP_S3_BUCKET must name the bucket')
        return S3FileStore(
            str(config["S3_BUCKET"]),
            max_bytes=_cache_bytes(),
            kind=kind,
            prefix=str(config.get("S3_PREFIX") or ""),
            endpoint_url=config.get("S3_ENDPOINT_URL") or None,
            region=config.get("S3_REGION") or None,
            access_key=config.get("S3_ACCESS_KEY_ID") or None,
            secret_key=config.get("S3_SECRET_ACCESS_KEY") or None,
        )
    if store != "folder":
        raise ValueError(f'COP_ROADMAP_PDF_STORE must be "folder", "database" or "s3", not {store!r}')
    return None


@dataclass(frozen=True)
class PdfWanted:
    """What a roadmap's PDF would be made from today, and the key it is (or would be) kept under."""

    key: str
    filename: str
    plan: Plan
    document: dict


def pdf_wanted(roadmap: Roadmap, *, pdfa: bool = False, today: date | None = None, paper: str = "a4") -> PdfWanted:
    """The key of the roadmap's PDF as it would print today: whether a kept one is current."""
    plan = load_plan(roadmap.id)
    plan_document = interchange.to_document(plan)
    # Everything printed is in the key: the plan, its version, country and logo on the cover, the day
    # (generation date and the Gantt's today line), the variant, the layout and the translations.
    key = cache_key(
        plan_document,
        # Two roadmaps with the same content (an imported file imported twice, say) print apart: a
        # print job belongs to one roadmap, whose readers alone may follow it.
        roadmap=roadmap.id,
        version=roadmap.version,
        country=roadmap.country.code,
        day=today or date.today(),
        pdfa=pdfa,
        words=translations_stamp(str(plan.language)),
        # The last annex compares with the latest baseline, and the cover names it: a new approval prints anew.
        baseline=latest_baseline_id(roadmap.id),
        authority=roadmap.issuing_authority,
        logo=logo.digest if (logo := roadmap.logo) else None,
        paper=paper,
    )
    filename = _filename(roadmap, "pdf")
    if paper != "a4":  # downloaded side by side, the two prints keep apart
        filename = filename.removesuffix(".pdf") + f"-{paper}.pdf"
    return PdfWanted(key, filename, plan, plan_document)


def export_pdf(
    roadmap: Roadmap,
    *,
    pdfa: bool = False,
    use_cache: bool = True,
    today: date | None = None,
    progress: Callable[[Progress], None] | None = None,
    also_key: str | None = None,
    paper: str = "a4",
    courier: Callable[[str], None] | None = None,
) -> PrintedRoadmap:
    """The printed roadmap, from the cache when nothing it shows has changed; RenderError if it fails.

    This renders in the calling process's child: the web asks the job queue for it (views/jobs/),
    which passes the key the web asked under as ``also_key``, and a ``courier`` that hands the parts
    to the queue for any worker when the installation runs several (views/jobs/parts.py).
    """
    today = today or date.today()
    wanted = pdf_wanted(roadmap, pdfa=pdfa, today=today, paper=paper)
    cache = pdf_store()
    if use_cache and (cached := cache.get(wanted.key)) is not None:
        return PrintedRoadmap(cached, wanted.filename, from_cache=True)
    parts = _printed(roadmap, wanted.plan, today, in_parts=True, paper=paper)
    attachment = None
    if pdfa:
        # PDF/A-3 carries the machine-readable plan inside the printable one.
        attachment = ("roadmap.cop-roadmap.json", interchange.dumps_document(wanted.document).encode("utf-8"))
    db.session.rollback()  # end the read transaction: rendering can take a while
    data = render_pdf(
        parts,
        pdfa=pdfa,
        attachment=attachment,
        progress=progress,
        part_cache=part_store() if use_cache else None,
        courier=courier,
        **render_limits(),
    )
    if use_cache:  # --no-cache neither reads nor replaces what the web serves
        cache.put(wanted.key, data)
    keep_also(cache, also_key, wanted.key, data)
    return PrintedRoadmap(data, wanted.filename)


def keep_also(cache, asked: str | None, made: str, data: bytes) -> None:
    """Keep the PDF under the key the web asked for too, when the worker worked out another (the
    roadmap changed meanwhile, or the machines differ in a template or a translation): the person
    waiting gets the file instead of a print queued again and again."""
    if asked and asked != made:
        LOG.warning("a print was asked for under another key than it was made under: kept under both")
        cache.put(asked, data)


def render_limits() -> dict[str, float | int]:
    """The time and memory a render may take, and how many parts it prints at once, from the configuration."""
    config = current_app.config
    return {
        "timeout": float(config.get("PDF_TIMEOUT", DEFAULT_TIMEOUT_S)),
        "memory_mb": int(config.get("PDF_MEMORY_MB", DEFAULT_MEMORY_MB)),
        # Parts printed at a time: two on an idle machine (the command line); the worker sets one
        # when it already prints a roadmap per core (views/jobs/worker.py).
        "parts_at_once": int(config.get("PDF_PARTS_AT_ONCE", AT_ONCE)),
    }
