"""SVG building blocks shared by the charts: escaping, text measuring, mirroring, the document and legend.

Charts are built as strings, not through a DOM library, so ``roadmap/`` needs nothing beyond the stdlib.
Every piece of user text goes through :func:`esc`; nothing here emits an external reference.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from roadmap.i18n import N_
from roadmap.vocabulary import Pillar

Gettext = Callable[[str], str]

# Chinese and Arabic need their own Noto families named here: a page stylesheet cannot reach
# into inline SVG in WeasyPrint, and fontconfig would otherwise pick Japanese glyph shapes.
FONT_FAMILY = "Noto Sans, Noto Sans CJK SC, Noto Sans Arabic, DejaVu Sans, sans-serif"
INK = "#1a1a1a"
MUTED = "#555555"
GRID = "#d0d0d0"
CRITICAL = "#111111"

PILLAR_COLOURS: dict[Pillar, str] = {
    Pillar.LEGAL: "#1f5fa8",
    Pillar.TECHNICAL: "#1c7c54",
    Pillar.ORGANIZATIONAL: "#8a4b08",
    Pillar.CAPACITY: "#6b3fa0",
    Pillar.COOPERATION: "#a3264a",
}

# One word per pillar, for tags on bars and boxes where the full name does not fit.
PILLAR_TAGS: dict[Pillar, str] = {
    Pillar.LEGAL: N_("Legal"),
    Pillar.TECHNICAL: N_("Technical"),
    Pillar.ORGANIZATIONAL: N_("Organizational"),
    Pillar.CAPACITY: N_("Capacity"),
    Pillar.COOPERATION: N_("Cooperation"),
}

# XML 1.0 cannot carry these at all, even escaped; a stray control character in a title would
# otherwise make the whole chart unreadable to every parser.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def identity(text: str) -> str:
    """The default gettext: English as written."""
    return text


def esc(text: object) -> str:
    """Text made safe for XML content and double- or single-quoted attribute values."""
    s = _NOT_XML.sub("", str(text))
    return (
        s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")
    )


def num(value: float) -> str:
    """A coordinate written compactly and always the same way (so equal charts are equal strings)."""
    rounded = round(value, 2)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.2f}".rstrip("0")


def attrs(**values: object) -> str:
    """Attributes from keywords (``font_size`` → ``font-size``, ``cls`` → ``class``, ``data_key`` → ``data-key``)."""
    out = []
    for name, value in values.items():
        if value is None:
            continue
        name = "class" if name == "cls" else name.replace("_", "-")
        text = num(value) if isinstance(value, float | int) and not isinstance(value, bool) else str(value)
        out.append(f' {name}="{esc(text)}"')
    return "".join(out)


def _char_width(ch: str) -> float:
    # Estimated advance in em, erring wide (DejaVu Sans is wider than Noto Sans), so text measured
    # here never overflows the box it was fitted to in either font.
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0.0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.05
    if ord(ch) >= 0x1F000:
        return 1.25
    if ch == " ":
        return 0.33
    if ch in "iljI.,:;'|!()[]{}`":
        return 0.34
    if ch in "frt-":
        return 0.45
    if ch in "mwMW@%":
        return 0.95
    if ch.isupper() or ch.isdigit():
        return 0.7 if ch.isupper() else 0.64
    return 0.62


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated width of text in px at a font size; no font metrics are available to pure code."""
    return sum(_char_width(ch) for ch in text) * size * (1.08 if bold else 1.0)


def truncate(text: str, width: float, size: float, *, bold: bool = False) -> str:
    """The text, cut and ended with "…" if it would be wider than width."""
    if text_width(text, size, bold=bold) <= width:
        return text
    budget = width - text_width("…", size, bold=bold)
    used = 0.0
    for i, ch in enumerate(text):
        used += _char_width(ch) * size * (1.08 if bold else 1.0)
        if used > budget:
            return text[:i].rstrip() + "…" if i else ""
    return text


def wrap(text: str, width: float, size: float, lines: int) -> list[str]:
    """Text broken at spaces into at most ``lines`` lines of width, the last one truncated with "…"."""
    if lines <= 1:
        return [truncate(" ".join(text.split()), width, size)]
    words = text.split()
    out: list[str] = []
    current = ""
    for i, word in enumerate(words):
        trial = f"{current} {word}" if current else word
        if text_width(trial, size) <= width or not current:
            current = trial
            continue
        out.append(current)
        current = word
        if len(out) == lines - 1:
            current = " ".join(words[i:])
            break
    if current:
        out.append(current)
    return [truncate(line, width, size) for line in out[:lines]]


@dataclass(frozen=True, slots=True)
class Mirror:
    """Maps left-to-right drawing coordinates onto the page, flipped when the layout is right to left."""

    width: float
    rtl: bool

    def x(self, x: float) -> float:
        """A point's x."""
        return self.width - x if self.rtl else x

    def left(self, x: float, w: float) -> float:
        """The left edge of a span drawn from x to x + w."""
        return self.width - x - w if self.rtl else x

    def anchor(self, anchor: str) -> str:
        """A text-anchor, swapped for right to left."""
        if not self.rtl or anchor == "middle":
            return anchor
        return "end" if anchor == "start" else "start"


def text(
    x: float,
    y: float,
    content: str,
    *,
    size: int = 11,
    anchor: str = "start",
    bold: bool = False,
    fill: str = INK,
    cls: str | None = None,
) -> str:
    """A <text> element; y is the baseline."""
    return (
        f"<text{attrs(cls=cls, x=x, y=y, font_size=size, text_anchor=None if anchor == 'start' else anchor)}"
        f"{attrs(font_weight='bold' if bold else None, fill=fill)}>{esc(content)}</text>"
    )


def diamond(cx: float, cy: float, r: float, mirror: Mirror, fill: str, extra: str = "") -> str:
    """A milestone: a diamond of half-width r centred at (cx, cy) in left-to-right coordinates."""
    points = ((cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy))
    shape = " ".join(f"{num(mirror.x(x))},{num(y)}" for x, y in points)
    return f"<polygon{attrs(cls='milestone', points=shape, fill=fill)}{extra}/>"


def tooltip(content: str) -> str:
    """A <title> child: the full text on hover in a browser, read by screen readers."""
    return f"<title>{esc(content)}</title>"


def document(width: float, height: float, title: str, desc: str, body: Sequence[str]) -> str:
    """A standalone, accessible SVG document of the given size around the body elements."""
    inner = "".join(body)
    # Ids come from the content so that charts inlined in one HTML page do not collide, while the
    # same input still gives the same string.
    digest = hashlib.sha1(f"{title}\x00{desc}\x00{inner}".encode(), usedforsecurity=False).hexdigest()[:10]
    prefix = f"cop-chart-{digest}"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg"{attrs(width=width, height=height)}'
        f' viewBox="0 0 {num(width)} {num(height)}" role="img"'
        f"{attrs(aria_labelledby=f'{prefix}-title {prefix}-desc', font_family=FONT_FAMILY, font_size=11, fill=INK)}>"
        f'<title id="{prefix}-title">{esc(title)}</title><desc id="{prefix}-desc">{esc(desc)}</desc>'
        f'<rect width="{num(width)}" height="{num(height)}" fill="#ffffff"/>'
    )
    return f"{head}{inner}</svg>"


def nothing_to_show(message: str, title: str, width: float = 420) -> str:
    """A small chart that says there is nothing to draw."""
    body = [
        f'<rect x="0.5" y="0.5" width="{num(width - 1)}" height="47" fill="#f6f6f6" stroke="{GRID}"/>',
        text(width / 2, 28, truncate(message, width - 16, 12), size=12, anchor="middle", fill=MUTED),
    ]
    return document(width, 48, title, message, body)


# A legend swatch draws itself in a 24 × 14 box whose top-left corner is (x, y).
Swatch = Callable[[float, float], str]
SWATCH_W, SWATCH_H = 24, 14
LEGEND_SIZE = 11
LEGEND_LINE = 20


def legend(
    items: Sequence[tuple[Swatch, str]], heading: str, top: float, width: float, mirror: Mirror
) -> tuple[str, float]:
    """Legend entries flowed into lines across width, starting at top; returns the SVG and its height."""
    parts: list[str] = []
    pad = 8
    x, y = pad, top
    heading_w = text_width(heading, LEGEND_SIZE, bold=True)
    parts.append(text(mirror.x(x), y + 11, heading, size=LEGEND_SIZE, bold=True, anchor=mirror.anchor("start")))
    x += heading_w + 12
    for swatch, label in items:
        swatch_w = getattr(swatch, "width", SWATCH_W)  # a sample of text is as wide as the text
        label = truncate(label, width - 2 * pad - swatch_w - 6, LEGEND_SIZE)
        item_w = swatch_w + 6 + text_width(label, LEGEND_SIZE)
        if x + item_w > width - pad and x > pad + heading_w + 12:
            x, y = pad + heading_w + 12, y + LEGEND_LINE
        parts.append(swatch(mirror.left(x, swatch_w), y))
        parts.append(text(mirror.x(x + swatch_w + 6), y + 11, label, size=LEGEND_SIZE, anchor=mirror.anchor("start")))
        x += item_w + 16
    return f'<g class="legend">{"".join(parts)}</g>', y + LEGEND_LINE - top


def fill_swatch(colour: str) -> Swatch:
    """A swatch filled with one colour."""
    return lambda x, y: f"<rect{attrs(x=x, y=y + 2, width=SWATCH_W, height=SWATCH_H - 4, fill=colour, rx=2)}/>"


def text_swatch(sample: str, size: float, colour: str) -> Swatch:
    """A swatch that is a sample of text (a lag as the graph writes it), as wide as that text."""
    width = max(SWATCH_W, text_width(sample, size, bold=True) + 4)

    def draw(x: float, y: float) -> str:
        return text(x + width / 2, y + 11, sample, size=size, anchor="middle", bold=True, fill=colour)

    draw.width = width  # type: ignore[attr-defined]
    return draw


def line_swatch(colour: str, stroke_width: float, dash: str | None) -> Swatch:
    """A swatch showing a line style."""

    def draw(x: float, y: float) -> str:
        return (
            f"<line{attrs(x1=x, y1=y + SWATCH_H / 2, x2=x + SWATCH_W, y2=y + SWATCH_H / 2, stroke=colour)}"
            f"{attrs(stroke_width=stroke_width, stroke_dasharray=dash)}/>"
        )

    return draw
