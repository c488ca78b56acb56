"""The public value triangle as a picture: inline SVG for HTML, PNG for Word.

Both pictures come from one geometry (:func:`layout`): the corners of the
decisions (three in Moore's triangle, any number in another knowledge base)
on a circle, the first at the top; a grid line per level; and a filled inner
shape whose points sit as far out as each corner's level. A corner whose level
is unknown is drawn hollow at the centre. The picture judges nothing: the
balance is the decisions' sentence, printed beside it.

Output is deterministic: the same levels give the same bytes.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

WIDTH = 520
HEIGHT = 470
_CENTRE = (260.0, 260.0)
_RADIUS = 185.0
_INNER = 0.18
"""How far out the lowest level sits, so an all-low shape is still visible."""

INK = "#1f2937"
GRID = "#cbd5e1"
FILL = "#2563eb"
MUTED = "#6b7280"
FONT = "DejaVu Sans, Arial, sans-serif"


@dataclass(frozen=True)
class Label:
    """A corner's name and level, placed outside its vertex."""

    x: float
    y: float
    anchor: str
    name: str
    level: str
    unknown: bool


@dataclass(frozen=True)
class Layout:
    """Everything to draw, in SVG user units (pixels at scale 1)."""

    outer: tuple[tuple[float, float], ...]
    grid: tuple[tuple[tuple[float, float], ...], ...]
    inner: tuple[tuple[float, float], ...] | None
    points: tuple[tuple[float, float, bool], ...]
    labels: tuple[Label, ...]


def fraction(corner: Mapping[str, Any]) -> float | None:
    """A corner's level on a 0..1 scale; ``None`` when unknown or there is no scale."""
    rank, top = corner.get("rank"), corner.get("max_rank") or 0
    if rank is None or top <= 0:
        return None
    return max(0.0, min(1.0, int(rank) / int(top)))


def _vertex(i: int, n: int, scale: float = 1.0) -> tuple[float, float]:
    angle = -math.pi / 2 - 2 * math.pi * i / n  # counter-clockwise: 2nd corner bottom left
    return (_CENTRE[0] + _RADIUS * scale * math.cos(angle),
            _CENTRE[1] + _RADIUS * scale * math.sin(angle))


def layout(corners: Sequence[Mapping[str, Any]]) -> Layout:
    """The geometry for ``corners`` (dicts with label, level, rank, max_rank), in order."""
    n = max(3, len(corners))
    steps = max([int(c.get("max_rank") or 0) for c in corners] + [1])
    outer = tuple(_vertex(i, n) for i in range(n))
    grid = tuple(tuple(_vertex(i, n, _INNER + (1 - _INNER) * k / steps) for i in range(n))
                 for k in range(steps))
    points = []
    labels = []
    for i, c in enumerate(corners):
        frac = fraction(c)
        x, y = _vertex(i, n, _INNER + (1 - _INNER) * (frac or 0.0))
        points.append((x, y, frac is None))
        vx, vy = _vertex(i, n, 1.0)
        dx, dy = vx - _CENTRE[0], vy - _CENTRE[1]
        if abs(dx) < 30:  # top or bottom: centred above or below
            anchor, lx, ly = "middle", vx, vy + (-44 if dy < 0 else 32)
        elif dy > 20:  # lower corners: below, running inwards
            anchor, lx, ly = ("start", vx - 8, vy + 32) if dx < 0 else ("end", vx + 8, vy + 32)
        else:  # sides: beside, running outwards
            anchor, lx, ly = ("end", vx - 14, vy) if dx < 0 else ("start", vx + 14, vy)
        labels.append(Label(lx, ly, anchor, str(c.get("label", "")), str(c.get("level", "")),
                            frac is None))
    known = [(x, y) for x, y, unknown in points if not unknown]
    inner = tuple(known) if len(known) >= 2 else None
    return Layout(outer, grid, inner, tuple(points), tuple(labels))


def _pts(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def render_svg(corners: Sequence[Mapping[str, Any]], *, title: str) -> str:
    """The triangle as an inline ``<svg>`` element (no external resources).

    Args:
        corners: the corners of the decisions, in order.
        title: an accessible title (read by screen readers, shown as tooltip).
    """
    lay = layout(corners)
    attr = escape(title, {'"': "&quot;"})
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="triangle" role="img" '
           f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
           f'aria-label="{attr}">', f"<title>{escape(title)}</title>",
           f'<polygon points="{_pts(lay.outer)}" fill="#f8fafc" stroke="{INK}" '
           f'stroke-width="2"/>']
    for ring in lay.grid:
        out.append(f'<polygon points="{_pts(ring)}" fill="none" stroke="{GRID}" '
                   f'stroke-width="1" stroke-dasharray="4 4"/>')
    for vx, vy in lay.outer:
        out.append(f'<line x1="{_CENTRE[0]:.1f}" y1="{_CENTRE[1]:.1f}" x2="{vx:.1f}" '
                   f'y2="{vy:.1f}" stroke="{GRID}" stroke-width="1"/>')
    if lay.inner:
        out.append(f'<polygon class="levels" points="{_pts(lay.inner)}" fill="{FILL}" '
                   f'fill-opacity="0.25" stroke="{FILL}" stroke-width="3"/>')
    for x, y, unknown in lay.points:
        colour = MUTED if unknown else FILL
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" '
                   f'fill="{"#ffffff" if unknown else colour}" stroke="{colour}" '
                   f'stroke-width="3"/>')
    for lab in lay.labels:
        colour = MUTED if lab.unknown else INK
        out.append(f'<text x="{lab.x:.1f}" y="{lab.y:.1f}" text-anchor="{lab.anchor}" '
                   f'font-family="{FONT}" fill="{colour}">'
                   f'<tspan font-size="18" font-weight="bold">{escape(lab.name)}</tspan>'
                   f'<tspan x="{lab.x:.1f}" dy="21" font-size="16">{escape(lab.level)}'
                   f"</tspan></text>")
    out.append("</svg>")
    return "\n".join(out)


def render_png(corners: Sequence[Mapping[str, Any]], *, scale: int = 2) -> bytes:
    """The triangle as PNG bytes, drawn with Pillow (same geometry as the SVG).

    Args:
        corners: the corners of the decisions, in order.
        scale: pixels per SVG unit (2 gives a sharp picture in Word).
    """
    return _draw_png(layout(corners), scale)


@lru_cache(maxsize=16)
def _draw_png(lay: Layout, scale: int) -> bytes:
    """The PNG of one geometry: drawn once, since encoding it costs more than a report."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGBA", (WIDTH * scale, HEIGHT * scale), (255, 255, 255, 255))

    def sc(pts: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
        return [(x * scale, y * scale) for x, y in pts]

    draw = ImageDraw.Draw(img)
    draw.polygon(sc(lay.outer), fill="#f8fafc", outline=INK, width=2 * scale)
    for ring in lay.grid:
        draw.polygon(sc(ring), outline=GRID, width=scale)
    for vx, vy in lay.outer:
        draw.line(sc([_CENTRE, (vx, vy)]), fill=GRID, width=scale)
    if lay.inner:
        overlay = Image.new("RGBA", img.size, (0, 0, 0, 0))
        ImageDraw.Draw(overlay).polygon(sc(lay.inner), fill=(37, 99, 235, 64))
        img = Image.alpha_composite(img, overlay)
        draw = ImageDraw.Draw(img)
        draw.polygon(sc(lay.inner), outline=FILL, width=3 * scale)
    for x, y, unknown in lay.points:
        colour = MUTED if unknown else FILL
        r = 7 * scale
        draw.ellipse((x * scale - r, y * scale - r, x * scale + r, y * scale + r),
                     fill="#ffffff" if unknown else colour, outline=colour, width=3 * scale)
    bold = ImageFont.load_default(size=18 * scale)
    small = ImageFont.load_default(size=16 * scale)
    anchors = {"middle": "ms", "start": "ls", "end": "rs"}
    for lab in lay.labels:
        colour = MUTED if lab.unknown else INK
        pos = (lab.x * scale, lab.y * scale)
        draw.text(pos, lab.name, font=bold, fill=colour, anchor=anchors[lab.anchor],
                  stroke_width=1 if scale > 1 else 0, stroke_fill=colour)
        draw.text((pos[0], pos[1] + 21 * scale), lab.level, font=small, fill=colour,
                  anchor=anchors[lab.anchor])
    buf = io.BytesIO()
    img.convert("RGB").save(buf, format="PNG", optimize=False)
    return buf.getvalue()
