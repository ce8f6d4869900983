"""Printing the roadmap part by part, so that a print needs the memory of its largest part only.

WeasyPrint keeps every laid-out page of a document until the PDF is written: printed as one
document, a roadmap of 300 deliverables needs over a gigabyte. Here each part (roadmap/printing/document.py:
front matter, sequence, charts, one part per pillar, annexes) is laid out, written and let go in
turn, and roadmap/printing/join.py joins the parts' PDFs into one tagged PDF.

What one document gave for free is rebuilt:

- Page numbers in cross-references. A part's page counter starts where the part starts, so its
  references to itself stay target-counter; references into other parts are written in as
  numbers. A part that refers ahead (the contents, the sequence) is first laid out with
  placeholder numbers to learn its length and where its anchors fall, and printed for real once
  every page is known. Should that change its length, the roadmap is printed as one document.
- Links into another part: the part gets an empty anchor of that name, so WeasyPrint writes the
  link; the join keeps only the real target under that name.
- "Page N of M": M is known only once every part is printed, so the numbers are printed
  afterwards, as a document of M empty pages with only that footer laid over the others.

Each part prints in a process of its own (roadmap/printing/overlap.py): the next part is laid out
while the one before it is still being written, which its place in the whole does not wait for.

With a PartCache, each part's PDF (and each ahead-referring part's trial layout) is kept under a
key of the very HTML printed, page numbers and first page included: after an edit, the parts whose
HTML did not change are taken from the cache, and the join and the page numbers reuse them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from io import BytesIO

from weasyprint import HTML, Attachment
from weasyprint.urls import URLFetcher

from roadmap.printing.away import AWAY_AT_ONCE, Courier, PartAway, can_hand_out
from roadmap.printing.cache import Layout, PartCache, layout_of, layout_record, pack, unpack
from roadmap.printing.document import TEMPLATES_DIR, PrintParts
from roadmap.printing.join import Part, PartsShifted, join_parts
from roadmap.printing.overlap import AT_ONCE, PartPrinting, PrintedHere
from roadmap.printing.progress import Progress

_ID = re.compile(r'\sid="([^"]+)"')
_LINK = re.compile(r'\shref="#([^"]+)"')
_BODY = re.compile(r"<body[^>]*>")
# As wide as the widest page number of a roadmap of under a thousand pages, in tabular digits.
_PLACEHOLDER = "888"


def parts_to_pdf(
    parts: PrintParts,
    *,
    variant: str,
    attachment: Attachment | None,
    fetcher: URLFetcher,
    progress: Callable[[Progress], None] | None = None,
    cache: PartCache | None = None,
    at_once: int = AT_ONCE,
    courier: Courier | None = None,
) -> bytes:
    """The roadmap's PDF from its parts; PartsShifted if the parts do not add up (see the module).
    With a ``courier`` and a cache every worker reaches, the parts are printed by any worker
    (roadmap/printing/away.py)."""
    owners: dict[str, int] = {}
    for index, document in enumerate(parts.documents):
        for name in _ID.findall(document):
            owners.setdefault(name, index)
    numbers = re.compile(re.escape(parts.token) + r"([^@]*)@@")
    ahead = [any(owners.get(a, -1) > i for a in numbers.findall(d)) for i, d in enumerate(parts.documents)]

    count = len(parts.documents)
    finished: list[Part] = []

    def report(part: Part) -> None:
        finished.append(part)
        if progress:
            progress(Progress(len(finished), count, sum(len(p.landscape) for p in finished)))

    printer = _Printer(parts, owners, numbers, variant, fetcher, cache, report, at_once, courier)
    laid_out: list[Layout | None] = [None] * count
    printing: list[_Printed | None] = [None] * count
    try:
        for i in range(count):
            start = 1 + sum(layout.pages for layout in laid_out[:i])
            if ahead[i]:
                laid_out[i] = printer.layout(i, start)
            else:
                printing[i], laid_out[i] = printer.print(i, start, attachment if i == 0 else None)
        for i in range(count):
            if ahead[i]:
                start = 1 + sum(layout.pages for layout in laid_out[:i])
                printing[i], layout = printer.print(i, start, attachment if i == 0 else None)
                if layout != laid_out[i]:
                    raise PartsShifted(f"part {i + 1} moved once its page numbers were written in")
        printed = [p.part() for p in printing if p is not None]
    finally:
        printer.close()
    return join_parts(printed, printer.furniture(printed), owners)


class _Kept:
    """A part taken from the cache: printed already."""

    def __init__(self, part: Part, on_part: Callable[[Part], None]):
        self._part = part
        on_part(part)

    def part(self) -> Part:
        return self._part


_Printed = _Kept | PartPrinting | PrintedHere | PartAway


class _Printer:
    def __init__(
        self,
        parts: PrintParts,
        owners: dict[str, int],
        numbers: re.Pattern,
        variant: str,
        fetcher,
        cache,
        on_part: Callable[[Part], None],
        at_once: int = AT_ONCE,
        courier: Courier | None = None,
    ):
        self.parts, self.owners, self.numbers = parts, owners, numbers
        self.variant, self.fetcher, self.cache, self.on_part = variant, fetcher, cache, on_part
        self.pages: dict[str, int] = {}  # anchor → absolute page, as parts are laid out or printed
        self.running: list[PartPrinting | PrintedHere | PartAway] = []
        self.at_once = max(1, at_once)
        # Parts go to other workers only through a store they all reach, which the cache then is.
        self.courier = courier if cache is not None and can_hand_out(cache.files) else None
        self.here_at_once = self.at_once
        if self.courier:
            self.at_once = max(self.at_once, AWAY_AT_ONCE)

    def _html(self, text: str) -> HTML:
        return HTML(string=text, base_url=TEMPLATES_DIR.as_uri() + "/", url_fetcher=self.fetcher)

    def _source(self, index: int, start: int, *, placeholders: bool) -> str:
        document = self.parts.documents[index]

        def number(match: re.Match) -> str:
            anchor = match.group(1)
            if self.owners.get(anchor) == index or anchor not in self.owners:
                return ""  # target-counter, counted from the part's first page
            if anchor in self.pages:
                return str(self.pages[anchor])
            if placeholders:
                return _PLACEHOLDER
            raise PartsShifted(f"no page is known for #{anchor}")

        document = self.numbers.sub(number, document)
        own = set(_ID.findall(document))
        elsewhere = sorted({a for a in _LINK.findall(document) if a not in own and a in self.owners})
        stubs = "".join(f'<span id="{a}"></span>' for a in elsewhere)
        first = f"<style>@page :first {{ counter-reset: page {start} }}</style></head>"
        document = document.replace("</head>", first, 1)
        if not stubs:
            return document
        # At the top and out of the flow: even an empty block after the last line can need a page of its
        # own when that line ends a page, which the same roadmap printed as one document does not have.
        holder = (
            f'<div class="link-stubs" style="position: absolute; width: 0; height: 0; overflow: hidden">{stubs}</div>'
        )
        return _BODY.sub(lambda opened: opened.group(0) + holder, document, count=1)

    def _owned(self, index: int) -> set[str]:
        return {name for name, owner in self.owners.items() if owner == index}

    def _start(self, index: int, start: int, source: str, attachment, *, layout_only: bool, on_part=None, key=None):
        """The part printing (here, or by any worker), once fewer than ``at_once`` others are still at work."""
        for printing in self.running:
            if isinstance(printing, PartAway):
                printing.collect_if_printed()
        self.running = [p for p in self.running if p.busy]
        while len(self.running) >= self.at_once:
            self.running.pop(0).part()  # the oldest has been written the longest: collect it

        def here() -> PartPrinting | PrintedHere:
            owned = self._owned(index)
            return (PartPrinting if self.here_at_once > 1 else PrintedHere)(
                self._html(source),
                variant=self.variant,
                attachment=attachment,
                anchors_of=lambda document: anchors_on(document, owned, start),
                layout_only=layout_only,
                on_part=on_part,
            )

        if self.courier and key and attachment is None:
            printing = PartAway(
                source,
                key=key,
                variant=self.variant,
                start=start,
                owned=self._owned(index),
                layout_only=layout_only,
                store=self.cache.files,
                courier=self.courier,
                locally=lambda: self._on_our_own(here),
                fetched=self.on_part,
            )
        else:
            printing = here()
        self.running.append(printing)
        return printing

    def _on_our_own(self, here: Callable[[], PartPrinting | PrintedHere]) -> PartPrinting | PrintedHere:
        # No worker was free for a part (or one died): the rest is printed here, without waiting again.
        self.courier, self.at_once = None, self.here_at_once
        return here()

    def close(self) -> None:
        """Stop whatever is still printing (a part failed, or the time ran out)."""
        for printing in self.running:
            printing.close()
        self.running = []

    def _kept(self, kind: str, source: str) -> tuple[str | None, bytes | None]:
        if self.cache is None:
            return None, None
        key = self.cache.key(kind, self.variant, source)
        return key, self.cache.files.get(key)

    def layout(self, index: int, start: int) -> Layout:
        """Lay a part out with placeholder numbers: its length and where its anchors fall."""
        source = self._source(index, start, placeholders=True)
        key, kept = self._kept("layout", source)
        layout = layout_of(kept) if kept is not None else None
        if layout is None:
            layout = Layout(*self._start(index, start, source, None, layout_only=True, key=key).layout())
            if key:
                self.cache.files.put(key, layout_record(layout))
        self.pages.update(layout.anchors)
        return layout

    def print(self, index: int, start: int, attachment: Attachment | None) -> tuple[_Printed, Layout]:
        """Print a part with its real numbers (or take it from the cache): its layout at once, the part
        itself when it is written."""
        source = self._source(index, start, placeholders=False)
        # A part carrying the PDF/A attachment is printed each time: its key would have to hold the file.
        key, kept = self._kept("part", source) if attachment is None else (None, None)
        unpacked = unpack(kept) if kept is not None else None
        if unpacked is not None:
            part, layout = unpacked
            self.pages.update(layout.anchors)
            return _Kept(part, self.on_part), layout

        def written(part: Part) -> None:
            if key:
                self.cache.files.put(key, pack(part, layout))
            self.on_part(part)

        printing = self._start(index, start, source, attachment, layout_only=False, on_part=written, key=key)
        layout = Layout(*printing.layout())
        self.pages.update(layout.anchors)
        if not printing.busy:
            printing.part()  # printed here, already: kept and reported now
        return printing, layout

    def furniture(self, printed: list[Part]) -> bytes:
        """'Page N of M' alone on M pages shaped as the printed ones, with nothing to tag: it is laid
        over them as an artifact."""
        sheets = "".join(
            '<div class="sheet landscape-sheet"></div>' if wide else '<div class="sheet"></div>'
            for part in printed
            for wide in part.landscape
        )
        source = self.parts.furniture + sheets + "</body></html>"
        key, kept = self._kept("furniture", source)
        if kept is None or not kept.startswith(b"%PDF-"):
            kept = self._html(source).write_pdf()
            if key:
                self.cache.files.put(key, kept)
        return kept


def anchors_on(document, owned: set[str], start: int) -> dict[str, int]:
    """The absolute page (the part starting on page ``start``) of each anchor of ``owned`` the laid-out
    ``document`` shows."""
    found: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=start):
        for name in page.anchors:
            if name in owned:
                found.setdefault(name, number)
    return found


def attachment_of(data: tuple[str, bytes] | None, fetcher: URLFetcher) -> Attachment | None:
    """The cop-roadmap/1 document as a PDF/A-3 attachment."""
    if data is None:
        return None
    name, body = data
    return Attachment(
        file_obj=BytesIO(body),
        name=name,
        description="The roadmap in the cop-roadmap/1 interchange format",
        relationship="Source",
        url_fetcher=fetcher,
    )
