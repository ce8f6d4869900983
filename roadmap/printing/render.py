"""Making the printed roadmap's PDF safely: in a child process with a time limit and a memory limit, so a
pathological roadmap can neither hang nor exhaust the machine that prints it (the printing itself is
roadmap/printing/weasy.py). The child reports each part it finishes, so a caller can show progress.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Callable

from roadmap.i18n import N_
from roadmap.printing.cache import PartCache
from roadmap.printing.document import PrintParts
from roadmap.printing.overlap import AT_ONCE
from roadmap.printing.progress import HEARTBEAT_S, Progress

LOG = logging.getLogger(__name__)
DEFAULT_TIMEOUT_S = 120.0
# A 300-deliverable roadmap prints within about 0.6 GB of address space part by part; a render that
# needs over 1.5 GB is runaway input, not a plan.
DEFAULT_MEMORY_MB = 1536


class RenderError(RuntimeError):
    """The PDF could not be made; the message is one line for the user."""


class RenderTimeout(RenderError):
    """Rendering went past its time limit and was stopped."""


class _SaidCourier:
    """Hands a part's job to the queue through the render's parent, which alone has the app and its
    queue (roadmap/printing/away.py)."""

    def __init__(self, say: Callable[[str, object], None]):
        self.say = say

    def send(self, job: str) -> None:
        self.say("part-job", job)

    def note(self, text: str) -> None:
        """A line for the log of whoever runs the print: this process's own logging goes nowhere."""
        self.say("note", text)


def _render(say, html: str | PrintParts, pdfa: bool, attachment, part_cache, at_once: int, away: bool) -> bytes:
    from roadmap.printing.weasy import html_to_pdf  # already imported by the fork server

    return html_to_pdf(
        html,
        pdfa=pdfa,
        attachment=attachment,
        progress=lambda progress: say("progress", progress),
        part_cache=part_cache,
        parts_at_once=at_once,
        courier=_SaidCourier(say) if away else None,
    )


def _confine(memory_mb: int | None) -> None:
    # A group of its own: the processes it forks for the parts (roadmap/printing/overlap.py) are
    # stopped with it when its time runs out; and should whoever waits for it die, it stops itself.
    os.setpgrp()
    _stop_when_orphaned()
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard if hard != resource.RLIM_INFINITY else limit))


def _last_word(conn, message: tuple) -> None:
    # Whoever waited may be gone (its worker killed): then nobody is told, and this process stops itself.
    with contextlib.suppress(OSError):
        conn.send(message)
        conn.close()


def _limited(conn, memory_mb: int | None, target: Callable, args: tuple) -> None:
    _confine(memory_mb)

    def say(kind: str, data: object) -> None:
        conn.send((kind, data))

    try:
        _last_word(conn, ("ok", target(say, *args)))
    except MemoryError:
        _last_word(conn, ("error", f"it needed more than {memory_mb} MB of memory"))
    except Exception as exc:
        _last_word(conn, ("error", f"{exc.__class__.__name__}: {exc}"))


def run_limited(
    target: Callable,
    args: tuple,
    *,
    timeout: float,
    memory_mb: int | None,
    beat: Callable[[], None] | None = None,
    heard: Callable[[str, object], None] | None = None,
):
    """What ``target(say, *args)`` (picklable) returns, run in a child process under a render's limits,
    calling ``beat`` every few seconds meanwhile and ``heard(kind, data)`` here for each ``say(kind, data)``
    there; RenderTimeout past ``timeout`` seconds, RenderError if it fails."""
    context = _context()
    receive, send = context.Pipe(duplex=False)
    # Not a daemon: a daemon may start no processes, and a render forks one per part. It is stopped
    # below, with its whole process group, whatever happens here.
    child = context.Process(target=_limited, args=(send, memory_mb, target, args))
    child.start()
    send.close()
    deadline = time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RenderTimeout(f"making the PDF took longer than {timeout:g} seconds and was stopped")
            if not receive.poll(min(left, HEARTBEAT_S)):
                if beat:
                    beat()
                continue
            status, payload = _received(receive)
            if status in ("ok", "error"):
                break
            if heard:
                heard(status, payload)
    finally:
        _end(receive, child)
    return _outcome(status, payload)


def _received(receive) -> tuple[str, object]:
    try:
        return receive.recv()
    except EOFError:
        raise RenderError(N_("the PDF renderer stopped without a result")) from None


def _outcome(status: str, payload):
    if status != "ok":
        raise RenderError(f"the PDF could not be made ({payload})")
    return payload


def _end(receive, child) -> None:
    receive.close()
    if child.is_alive():
        _stop(child)
    child.join(5)


def _stop_when_orphaned() -> None:
    # A worker killed mid-print leaves its render running with nobody to enforce the time limit: once
    # its parent is gone the render stops its own process group, parts and all.
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1)
            if os.getppid() != parent:
                os.killpg(0, signal.SIGKILL)

    threading.Thread(target=watch, name="orphan-watch", daemon=True).start()


def _hand_over(courier: Callable[[str], None], job: str) -> None:
    try:
        courier(job)
    except Exception:  # the queue out of reach: the render prints the part itself once no worker takes it
        LOG.warning("a part of a print could not be queued; it is printed where the print runs", exc_info=True)


def _stop(child) -> None:
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        child.kill()


def _context() -> multiprocessing.context.BaseContext:
    # A fork server forks each render from a process that has already imported WeasyPrint, so a
    # render starts in milliseconds and never inherits a web worker's threads or open connections.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["roadmap.printing.weasy"])
    return context


def render_pdf(
    html: str | PrintParts,
    *,
    pdfa: bool = False,
    attachment: tuple[str, bytes] | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
    progress: Callable[[Progress], None] | None = None,
    part_cache: PartCache | None = None,
    parts_at_once: int = AT_ONCE,
    courier: Callable[[str], None] | None = None,
) -> bytes:
    """Render in a child process; RenderTimeout past ``timeout`` seconds, RenderError if it fails.

    ``progress`` is called as parts finish, and at least every few seconds while the render runs.
    With a ``courier`` (and a ``part_cache`` every machine reaches), the parts are handed to it to
    queue for any worker (roadmap/printing/away.py).
    """
    latest = Progress(0, len(html.documents) if isinstance(html, PrintParts) else 1, 0)
    if progress:
        progress(latest)  # the number of parts is known now: the waiting page can show it at once

    def heard(kind: str, data) -> None:
        nonlocal latest
        if kind == "part-job":
            _hand_over(courier, data)
        elif kind == "note":
            LOG.warning("%s", data)
        elif kind == "progress":
            latest = data
            if progress:
                progress(latest)

    return run_limited(
        _render,
        (html, pdfa, attachment, part_cache, parts_at_once, courier is not None),
        timeout=timeout,
        memory_mb=memory_mb,
        beat=(lambda: progress(latest)) if progress else None,
        heard=heard,
    )
