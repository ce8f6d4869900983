"""Cutting a long list of deliverables into pages a slow connection can load: by phase or by pillar.

A page holds whole groups (phases, pillars) where it can; a group too big for one page is cut into
parts in its own order, so a reader always knows which phase or pillar a page shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Page:
    """Groups first..last (numbered from 1), which part of a cut group (1 of 1 when whole), and the keys shown."""

    first: int
    last: int
    part: int
    parts: int
    keys: tuple[str, ...]

    def holds(self, key: str) -> bool:
        """Whether the page shows this key."""
        return key in self.keys


def paginate(groups: Sequence[Sequence[str]], max_items: int, *, merge: bool = True) -> list[Page]:
    """Pages of at most max_items keys: runs of whole groups (one group a page unless ``merge``), big groups cut.

    Every key is on exactly one page, in the order given. With ``merge=False`` an empty group still gets
    its (empty) page, so that each pillar has a page to say it has nothing yet.
    """
    if max_items < 1:
        raise ValueError("max_items must be at least 1")
    pages: list[Page] = []
    run: list[int] = []
    run_keys: list[str] = []

    def close() -> None:
        if run:
            pages.append(Page(run[0], run[-1], 1, 1, tuple(run_keys)))
            run.clear()
            run_keys.clear()

    for number, keys in enumerate(groups, start=1):
        if len(keys) > max_items:
            close()
            count = -(-len(keys) // max_items)
            size, extra = divmod(len(keys), count)  # even parts rather than full ones and a stub
            at = 0
            for part in range(count):
                length = size + (1 if part < extra else 0)
                pages.append(Page(number, number, part + 1, count, tuple(keys[at : at + length])))
                at += length
            continue
        if not merge or len(run_keys) + len(keys) > max_items:
            close()
        run.append(number)
        run_keys.extend(keys)
        if not merge:
            close()
    close()
    return pages


class Keyed(Protocol):
    keys: tuple[str, ...]


def page_holding(pages: Sequence[Keyed], key: str) -> int | None:
    """The index of the page (or chart part) that shows ``key``, if any."""
    return next((i for i, page in enumerate(pages) if key in page.keys), None)
