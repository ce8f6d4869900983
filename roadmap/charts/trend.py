"""A small trend chart of an indicator's readings: the points over time, joined, with the target.

Small enough to sit in a table row. It has no axis labels of its own: the table beside it gives the
readings in words (the chart's text equivalent), and its title names the first and last reading. The
vertical scale spans the readings, the baseline and the target together, so a reading's distance
from the target is what the eye sees.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from roadmap.charts._svg import attrs, esc, num

WIDTH, HEIGHT, PAD = 120.0, 32.0, 4.0


def trend_svg(
    readings: Sequence[tuple[date, float]], target: float | None, description: str, baseline: float | None = None
) -> str:
    """An inline SVG of (date, value) readings, oldest first; ``description`` is its accessible name."""
    values = [v for _, v in readings] + [x for x in (target, baseline) if x is not None]
    low, high = min(values, default=0.0), max(values, default=1.0)
    if high == low:
        low, high = low - 1, high + 1
    first = readings[0][0] if readings else None
    span = max(((readings[-1][0] - first).days if first else 0), 1)

    def x(day: date) -> float:
        return PAD + (WIDTH - 2 * PAD) * ((day - first).days / span if first and len(readings) > 1 else 0.5)

    def y(value: float) -> float:
        return HEIGHT - PAD - (HEIGHT - 2 * PAD) * (value - low) / (high - low)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend"{attrs(width=WIDTH, height=HEIGHT)}'
        f' viewBox="0 0 {num(WIDTH)} {num(HEIGHT)}" role="img" aria-label="{esc(description)}">',
        f"<title>{esc(description)}</title>",
    ]
    if target is not None:  # dashed, so it reads as a line to reach, not a reading
        parts.append(
            f"<line{attrs(x1=PAD, x2=WIDTH - PAD, y1=y(target), y2=y(target))}"
            ' stroke="#555" stroke-width="1" stroke-dasharray="3 2"/>'
        )
    if len(readings) > 1:
        points = " ".join(f"{num(x(d))},{num(y(v))}" for d, v in readings)
        parts.append(f'<polyline points="{points}" fill="none" stroke="#0b5cad" stroke-width="1.5"/>')
    for d, v in readings:
        parts.append(f'<circle{attrs(cx=x(d), cy=y(v), r=2.2)} fill="#0b5cad"/>')
    parts.append("</svg>")
    return "".join(parts)
