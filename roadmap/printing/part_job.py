"""A worker's part job: print one part a render handed to the queue (roadmap/printing/away.py) into the
shared store, under the render's time and memory limits, beating for it meanwhile so the render knows
the worker is alive. The part prints in a child process, which hands its layout and then the part to
the worker to keep: a new process would spend longer reaching the store than printing a small part."""

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
    head = json.loads(head)

    def heard(kind: str, data: bytes) -> None:
        # Kept from here, through this worker's own connection: the printing process makes none.
        if kind == "laid":
            if head["layout_only"]:
                store.put(head["key"], data)  # the trial layout, kept by content as the part cache keeps it
            store.put(record("laid", job), data)
        elif kind == "part":
            store.put(head["key"], data)

    try:
        run_limited(
            _print_part,
            (head, source.decode("utf-8")),
            timeout=timeout,
            memory_mb=memory_mb,
            beat=lambda: store.touch(claim),  # the print waiting for the part sees its worker alive
            heard=heard,
        )
    except Exception as exc:  # RenderError, or the store out of reach: the render says it
        store.put(record("failed", job), str(exc).encode("utf-8"))
        return f"failed: {exc}"
    return "printed"


def _print_part(say, head: dict, source: str) -> None:
    variant = head["variant"]
    html = HTML(string=source, base_url=TEMPLATES_DIR.as_uri() + "/", url_fetcher=TemplateOnlyFetcher())
    document = html.render(pdf_variant=variant, pdf_tags=True)
    layout = Layout(len(document.pages), anchors_on(document, set(head["owned"]), int(head["start"])))
    say("laid", layout_record(layout))  # the print lays out the next part as soon as it has this
    if not head["layout_only"]:
        say("part", pack(Part(*written(document, variant, None)), layout))
