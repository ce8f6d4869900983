"""How far a render has come, as the printing child reports it to whoever waits for the PDF."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Progress:
    """Parts printed of all parts, and the pages those parts hold."""

    parts_done: int
    parts_total: int
    pages: int
