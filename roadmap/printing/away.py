"""Parts printed by other workers: a render hands each part to the job queue, and whichever worker takes
it, on this machine or another, prints it into the shared store, where the render collects it.

The store is the one the printed parts are kept in (the database, models/stores/database.py,
or a folder every worker sees), so it carries the part's HTML out and its layout and PDF back. The
records of one hand-over are keyed by a job of their own; the printed part by its content, as the part
cache keys it, so what a worker prints is reused by the next print as well.

A render never waits on a worker that is not there: a part that no worker has taken within
``CLAIM_WAIT_S`` (all busy, or none running) is printed by the render itself, and so is a part whose
worker has gone silent (killed mid-part). The one that takes a part first claims it; the other lets it be.
What a worker does with a part is roadmap/printing/part_job.py.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from roadmap.printing.cache import layout_of, unpack
from roadmap.printing.progress import HEARTBEAT_S

if TYPE_CHECKING:
    from roadmap.printing.join import Part
    from roadmap.printing.overlap import PartPrinting, PrintedHere

LOG = logging.getLogger(__name__)
# Long enough for an idle worker to take a job off the queue, short enough that a print with every
# worker busy loses little by waiting before it prints the part itself.
CLAIM_WAIT_S = 2.0
# A worker beats for its part every HEARTBEAT_S: three missed beats and it is taken for dead.
SILENT_S = 3 * HEARTBEAT_S
# The longest the print sleeps between looks at the store: each look is a request or three, and a part
# collected late holds back the next one.
POLL_MAX_S = 0.1
CHECK_EVERY_S = 0.5
# Parts handed out at once by one print: each holds a worker somewhere, not this print's memory.
AWAY_AT_ONCE = 4


class Courier(Protocol):
    def send(self, job: str) -> None:
        """Queue the part job ``job`` for any worker."""

    def note(self, text: str) -> None:
        """Put a line in the log of whoever runs the print."""


class SharedStore(Protocol):
    def get(self, key: str) -> bytes | None: ...
    def put(self, key: str, data: bytes) -> None: ...
    def claim(self, key: str) -> bool: ...
    def age(self, key: str) -> float | None: ...
    def touch(self, key: str) -> None: ...
    def delete(self, *keys: str) -> None: ...


def record(role: str, job: str) -> str:
    """The store key of one record of a hand-over: "source", "claim", "laid" or "failed"."""
    return hashlib.sha256(f"{role}\0{job}".encode()).hexdigest()


def can_hand_out(store: object) -> bool:
    """Whether a store can carry parts to other workers (it can claim, tell ages, mark use and let go)."""
    return all(callable(getattr(store, name, None)) for name in ("claim", "age", "touch", "delete"))


class PartAway:
    """A part handed to the queue: the same calls as PartPrinting (roadmap/printing/overlap.py).

    ``key`` is where the printed part (or, ``layout_only``, its trial layout) is kept by content;
    ``locally`` prints it here instead, should no worker take it; ``fetched`` hears of a part a worker
    printed (``locally``'s own printing reports and keeps what it prints itself).
    """

    def __init__(
        self,
        source: str,
        *,
        key: str,
        variant: str,
        start: int,
        owned: set[str],
        layout_only: bool,
        store: SharedStore,
        courier: Courier,
        locally: Callable[[], PartPrinting | PrintedHere],
        fetched: Callable[[Part], None] | None = None,
    ):
        self.job = secrets.token_hex(16)
        self.key, self.store, self.layout_only = key, store, layout_only
        self._locally, self._fetched, self._courier = locally, fetched, courier
        self._here: PartPrinting | PrintedHere | None = None
        self._layout: tuple[int, dict[str, int]] | None = None
        self._part: Part | None = None
        head = {"key": key, "variant": variant, "start": start, "owned": sorted(owned), "layout_only": layout_only}
        store.put(record("source", self.job), json.dumps(head).encode() + b"\n" + source.encode("utf-8"))
        courier.send(self.job)
        self._sent = time.monotonic()

    def layout(self) -> tuple[int, dict[str, int]]:
        """Its number of pages and the absolute page of each anchor it owns (waits for them)."""
        if self._layout is None:
            laid = None if self._here else self._wait(self._laid)
            self._layout = laid if laid is not None else self._here.layout()
            if self.layout_only:
                self.close()
        return self._layout

    def part(self) -> Part:
        """The written part (waits for it)."""
        if self._part is None:
            self.layout()
            printed = None if self._here else self._wait(self._printed)
            if printed is not None:
                self._part = printed
                if self._fetched:
                    self._fetched(printed)
            else:
                self._part = self._here.part()
            self.close()
        return self._part

    def collect_if_printed(self) -> None:
        """Collect the part now if its worker has kept it, without waiting: progress shows as parts
        are printed, not only as the print comes to need them."""
        waiting = self._part is None and self._here is None and self._layout is not None and not self.layout_only
        if waiting and (printed := self._printed()) is not None:
            self._part = printed
            if self._fetched:
                self._fetched(printed)
            self.close()

    @property
    def busy(self) -> bool:
        """Not yet collected."""
        return not (self.layout_only and self._layout is not None) and self._part is None

    def close(self) -> None:
        """Let the hand-over's records go (and stop the part printing here, if it came to that)."""
        if self._here is not None:
            self._here.close()
        self.store.delete(*(record(role, self.job) for role in ("source", "claim", "laid", "failed")))

    def _laid(self) -> tuple[int, dict[str, int]] | None:
        kept = self.store.get(record("laid", self.job))
        layout = layout_of(kept) if kept is not None else None
        return None if layout is None else (layout.pages, layout.anchors)

    def _printed(self) -> Part | None:
        kept = self.store.get(self.key)
        unpacked = unpack(kept) if kept is not None else None
        return None if unpacked is None else unpacked[0]

    def _wait(self, ready: Callable[[], object]):
        """What ``ready`` finds once a worker has it; None once this print has taken the part over."""
        pause, checked = 0.02, time.monotonic()
        while True:
            if (found := ready()) is not None:
                return found
            # A worker's failure or death shows over seconds: looked for twice a second, not at every look.
            if time.monotonic() - checked >= CHECK_EVERY_S:
                checked = time.monotonic()
                if (failed := self.store.get(record("failed", self.job))) is not None:
                    reason = failed.decode("utf-8", "replace")
                    raise MemoryError(reason) if reason.startswith("MemoryError") else RuntimeError(reason)
                if why := self._why_print_here():
                    self._note(f"part job {self.job[:12]}: {why}; printing it and the parts after it here")
                    self._here = self._locally()
                    return None
            time.sleep(pause)
            pause = min(pause * 1.5, POLL_MAX_S)

    def _why_print_here(self) -> str | None:
        """Why this print should print the part itself (claiming it when no worker has), or None."""
        age = self.store.age(record("claim", self.job))
        if age is None:
            # Not taken yet: after a while, this print claims it, unless a worker does at this moment.
            late = time.monotonic() - self._sent > CLAIM_WAIT_S
            return (
                f"no worker took it within {CLAIM_WAIT_S:g} s"
                if late and self.store.claim(record("claim", self.job))
                else None
            )
        return f"its worker went silent for {age:.0f} s" if age > SILENT_S else None

    def _note(self, text: str) -> None:
        if note := getattr(self._courier, "note", None):
            note(text)
        else:
            LOG.warning("%s", text)
