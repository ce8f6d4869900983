"""How far a render has come, as the printing child reports it to whoever waits for the PDF."""

from __future__ import annotations

from dataclasses import dataclass

# How often the caller hears from a render even when no part has finished: a job queue reads a
# silent render as a dead worker. A worker printing a part beats as often (roadmap/printing/away.py).
HEARTBEAT_S = 5.0


@dataclass(frozen=True, slots=True)
class Progress:
    """Parts printed of all parts, and the pages those parts hold."""

    parts_done: int
    parts_total: int
    pages: int
