"""Printing one part's PDF while the next part is laid out, each in a process of its own.

A part's place in the whole (its first page, the page numbers it shows of earlier parts) is known
as soon as the parts before it are laid out; writing their PDFs (drawing, tagging, subsetting
fonts: about a third of the time) need not be waited for. So each part is printed in a forked
process that reports its layout first and its PDF after, and the next part starts as soon as the
layout arrives: two processes at a time, each holding one part, so the peak memory of a process
stays that of the largest part.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only the processes that print load WeasyPrint and pikepdf
    from weasyprint import HTML, Attachment

    from roadmap.printing.join import Part

# One process writing the last part's PDF while the next is laid out: a layout waits on the one
# before it, so more at once would only wait. A worker already printing a roadmap per core asks
# for one at a time: overlapping parts then only costs what parallel prints would have used.
AT_ONCE = 2


class PartPrinting:
    """A part printing in its own process: ``layout()`` as soon as it is laid out, ``part()`` once written."""

    def __init__(
        self,
        html: HTML,
        *,
        variant: str,
        attachment: Attachment | None,
        anchors_of: Callable,
        layout_only: bool,
        on_part: Callable[[Part], None] | None = None,
    ):
        receive, send = _CONTEXT.Pipe(duplex=False)
        self._receive, self._on_part = receive, on_part
        self._process = _CONTEXT.Process(
            target=_print, args=(send, html, variant, attachment, anchors_of, layout_only), daemon=True
        )
        self._process.start()
        send.close()
        self._layout: tuple[int, dict[str, int]] | None = None
        self._part: Part | None = None
        self.layout_only = layout_only

    def layout(self) -> tuple[int, dict[str, int]]:
        """Its number of pages and the absolute page of each anchor it owns (waits for them)."""
        if self._layout is None:
            _, pages, anchors = self._next("layout")
            self._layout = (pages, anchors)
            if self.layout_only:
                self.close()
        return self._layout

    def part(self) -> Part:
        """The written part (waits for it)."""
        if self._part is None:
            self.layout()
            from roadmap.printing.join import Part

            _, pdf, bookmarks, landscape = self._next("part")
            self._part = Part(pdf=pdf, bookmarks=bookmarks, landscape=landscape)
            self.close()
            if self._on_part:
                self._on_part(self._part)
        return self._part

    @property
    def busy(self) -> bool:
        """Still holding a process: laid out but not yet collected."""
        return self._process is not None and not (self.layout_only and self._layout is not None) and self._part is None

    def _next(self, kind: str) -> tuple:
        try:
            message = self._receive.recv()
        except EOFError:
            raise RuntimeError("a part's printer stopped without a result") from None
        if message[0] == "error":
            if message[1].startswith("MemoryError"):
                raise MemoryError(message[1])
            raise RuntimeError(message[1])
        if message[0] != kind:
            raise RuntimeError(f"a part's printer sent {message[0]} for {kind}")
        return message

    def close(self) -> None:
        """Let the process go (or stop it, if it is still printing)."""
        if self._process is None:
            return
        self._receive.close()
        self._process.join(5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(5)
        self._process = None


class PrintedHere:
    """A part printed in this process, for a render that prints one part at a time: no fork, no copy
    of the part through a pipe. The same calls as PartPrinting."""

    busy = False

    def __init__(
        self,
        html: HTML,
        *,
        variant: str,
        attachment: Attachment | None,
        anchors_of: Callable,
        layout_only: bool,
        on_part: Callable[[Part], None] | None = None,
    ):
        from roadmap.printing.join import Part

        document = html.render(pdf_variant=variant, pdf_tags=True)
        self._layout = (len(document.pages), anchors_of(document))
        self._part = None if layout_only else Part(*written(document, variant, attachment))
        self._on_part = on_part

    def layout(self) -> tuple[int, dict[str, int]]:
        return self._layout

    def part(self) -> Part:
        if self._on_part:  # told once, when collected, as PartPrinting tells it
            self._on_part(self._part)
            self._on_part = None
        return self._part

    def close(self) -> None:
        pass


def written(document, variant: str, attachment) -> tuple[bytes, list, tuple[bool, ...]]:
    """A laid-out part written: its PDF, its outline, and which of its pages are landscape (a Part's fields)."""
    pdf = document.write_pdf(pdf_variant=variant, pdf_tags=True, attachments=[attachment] if attachment else [])
    bookmarks = document.make_bookmark_tree(scale=0.75, transform_pages=True)
    return pdf, bookmarks, tuple(page.width > page.height for page in document.pages)


def _print(conn, html: HTML, variant: str, attachment, anchors_of, layout_only: bool) -> None:
    # A forked process inherits its parent's garbage-collection callbacks but none of its other threads:
    # a callback that waits on one of them (an embedded JVM's collector, say) would hang the part for good.
    gc.callbacks.clear()
    try:
        document = html.render(pdf_variant=variant, pdf_tags=True)
        conn.send(("layout", len(document.pages), anchors_of(document)))
        if not layout_only:
            conn.send(("part", *written(document, variant, attachment)))
    except Exception as exc:  # the coordinator turns it into the render's one-line error
        conn.send(("error", f"{exc.__class__.__name__}: {exc}"))
    finally:
        conn.close()


# Forked: the parts' processes start in milliseconds from a process that has WeasyPrint loaded, and
# inherit its memory limit (roadmap/printing/render.py), which a fork server's children would not.
_CONTEXT = multiprocessing.get_context("fork")
