"""A worker's part job: print one part a render handed to the queue (roadmap/printing/away.py) into the
shared store, under the render's time and memory limits, beating for it meanwhile so the render knows
the worker is alive."""

from __future__ import annotations

import json

from weasyprint import HTML

from roadmap.printing.away import SharedStore, record
from roadmap.printing.cache import Layout, layout_record, pack
from roadmap.printing.document import TEMPLATES_DIR
from roadmap.printing.join import Part
from roadmap.printing.overlap import written
from roadmap.printing.parts import anchors_on
from roadmap.printing.render import run_limited
from roadmap.printing.weasy import TemplateOnlyFetcher


def print_part_job(store: SharedStore, job: str, *, timeout: float, memory_mb: int | None) -> str:
    """Print a handed-over part into the store (a worker's part job), under a render's limits; what
    became of it, in a word for the log. A failure is left in the store for the render to report."""
    claim = record("claim", job)
    if not store.claim(claim):
        return "taken by another"
    kept = store.get(record("source", job))
    if kept is None:  # the print collected it from elsewhere, or stopped
        store.delete(claim)
        return "no longer wanted"
    head, _, source = kept.partition(b"\n")
    try:
        run_limited(
            _print_into,
            (store, job, json.loads(head), source.decode("utf-8")),
            timeout=timeout,
            memory_mb=memory_mb,
            beat=lambda: store.touch(claim),  # the print waiting for the part sees its worker alive
        )
    except Exception as exc:  # RenderError, or the store out of reach: the render says it
        store.put(record("failed", job), str(exc).encode("utf-8"))
        return f"failed: {exc}"
    return "printed"


def _print_into(store: SharedStore, job: str, head: dict, source: str) -> None:
    variant = head["variant"]
    html = HTML(string=source, base_url=TEMPLATES_DIR.as_uri() + "/", url_fetcher=TemplateOnlyFetcher())
    document = html.render(pdf_variant=variant, pdf_tags=True)
    layout = Layout(len(document.pages), anchors_on(document, set(head["owned"]), int(head["start"])))
    if head["layout_only"]:
        store.put(head["key"], layout_record(layout))
    store.put(record("laid", job), layout_record(layout))
    if not head["layout_only"]:
        store.put(head["key"], pack(Part(*written(document, variant, None)), layout))
