"""Making the printed roadmap's PDF safely: in a child process with a time limit, so a pathological
roadmap cannot hang a web worker (the printing itself is roadmap/printing/weasy.py).
"""

from __future__ import annotations

import multiprocessing

from roadmap.printing.document import PrintParts

DEFAULT_TIMEOUT_S = 120.0


class RenderError(RuntimeError):
    """The PDF could not be made; the message is one line for the user."""


class RenderTimeout(RenderError):
    """Rendering went past its time limit and was stopped."""


def _child(conn, html: str | PrintParts, pdfa: bool, attachment: tuple[str, bytes] | None) -> None:
    from roadmap.printing.weasy import html_to_pdf  # already imported by the fork server

    try:
        conn.send(("ok", html_to_pdf(html, pdfa=pdfa, attachment=attachment)))
    except Exception as exc:  # the parent turns it into one line for the user
        conn.send(("error", f"{exc.__class__.__name__}: {exc}"))
    finally:
        conn.close()


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
) -> bytes:
    """Render in a child process; RenderTimeout past ``timeout`` seconds, RenderError if it fails."""
    context = _context()
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, html, pdfa, attachment), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise RenderTimeout(f"making the PDF took longer than {timeout:g} seconds and was stopped")
        try:
            status, payload = receive.recv()
        except EOFError:
            raise RenderError("the PDF renderer stopped without a result") from None
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if status != "ok":
        raise RenderError(f"the PDF could not be made ({payload})")
    return payload
