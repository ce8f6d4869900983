"""Chart labels that need shaping, lifted out of the SVG and laid over the chart as HTML text for the PDF.

WeasyPrint draws SVG ``<text>`` one character at a time: Arabic letters come out unjoined and
right-to-left words in left-to-right order. Its HTML text goes through Pango with full shaping and
the bidi algorithm, so those labels are printed as absolutely positioned HTML over the chart instead.
Labels that need no shaping (Latin, Cyrillic, CJK) stay in the SVG, where they cost no layout boxes.
Web pages keep the SVG as it is: browsers shape SVG text themselves.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

# The label's top edge above its baseline, in ems, with line-height 1: the Noto fonts' ascender
# less half their extra leading, checked against the SVG text it replaces on a printed page.
BASELINE_EM = 0.88
# A label centred on x is set in a box this many px either side of x, wide enough for any label.
MIDDLE_REACH = 400.0
_TEXT = re.compile(r"<text\b([^>]*)>([^<]*)</text>")
_ATTR = re.compile(r'([a-z-]+)="([^"]*)"')
_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}")


@dataclass(frozen=True)
class Lifted:
    """A chart's SVG without its shaped labels, and those labels as HTML to lay over it."""

    svg: str
    labels: str


def needs_shaping(text: str) -> bool:
    """Whether text has right-to-left letters or combining marks, which SVG text in WeasyPrint cannot draw."""
    return any(
        unicodedata.bidirectional(ch) in ("R", "AL", "AN") or unicodedata.category(ch) in ("Mn", "Mc") for ch in text
    )


def _direction(text: str) -> str:
    # The label's own base direction, from its first strong letter, as the bidi algorithm would take it.
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def _label(values: dict[str, str], content: str, width: float, scale: float) -> str:
    size = float(values.get("font-size", "11"))
    x, y = float(values["x"]), float(values["y"])
    anchor = values.get("text-anchor", "start")
    if anchor == "end":
        across = f"right: {(width - x) * scale:.2f}px"
    elif anchor == "middle":
        across = (
            f"left: {(x - MIDDLE_REACH) * scale:.2f}px; width: {2 * MIDDLE_REACH * scale:.2f}px; text-align: center"
        )
    else:
        across = f"left: {x * scale:.2f}px"
    colour = values.get("fill", "")
    style = [
        across,
        f"top: {(y - BASELINE_EM * size) * scale:.2f}px",
        f"font-size: {size * scale:.2f}px",
        f"color: {colour}" if _COLOUR.fullmatch(colour) else "",
        "font-weight: bold" if values.get("font-weight") == "bold" else "",
    ]
    text = html.unescape(content)
    return (
        f'<span class="chart-label" dir="{_direction(text)}" style="{"; ".join(s for s in style if s)}">'
        f"{html.escape(text)}</span>"
    )


def lift_labels(svg: str, width: float, scale: float) -> Lifted:
    """The SVG (drawn ``width`` px wide, shown at ``scale``) with every label that needs shaping moved to HTML."""
    labels: list[str] = []

    def lift(match: re.Match[str]) -> str:
        content = match[2]
        if not needs_shaping(html.unescape(content)):
            return match[0]
        labels.append(_label(dict(_ATTR.findall(match[1])), content, width, scale))
        return ""

    return Lifted(_TEXT.sub(lift, svg), "".join(labels))
