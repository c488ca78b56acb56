"""The public value triangle as a picture: inline SVG for HTML, PNG for Word.

Both pictures come from one geometry (:func:`layout`) so they show the same
thing: the outer triangle with public value at the top, legitimacy bottom left
and organisation bottom right; a grid line per level; and a filled inner
triangle whose points sit as far out as each corner's level. The corner that
lags behind (the imbalance) is drawn in a warning colour and marked. A corner
whose level is unknown is drawn hollow at the centre and says so.

Output is deterministic: the same levels give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

WIDTH = 520
HEIGHT = 470
_VERTICES = {
    "publieke_waarde": (260.0, 70.0),
    "legitimiteit": (70.0, 390.0),
    "organisatie": (450.0, 390.0),
}
_ORDER = ("publieke_waarde", "legitimiteit", "organisatie")
_CENTRE = (260.0, 283.33)
_INNER = 0.18
"""How far out the lowest level sits, so an all-low triangle is still visible."""

INK = "#1f2937"
GRID = "#cbd5e1"
FILL = "#2563eb"
WARN = "#c2410c"
MUTED = "#6b7280"
IMBALANCE_GAP = 0.5
"""A gap of at least half the scale between two corners counts as an imbalance."""


@dataclass(frozen=True)
class TriangleCorner:
    """One corner as the picture needs it.

    Attributes:
        id: ``publieke_waarde``, ``legitimiteit`` or ``organisatie``.
        label: the corner's name, in the report's language.
        level: the level as shown (``sterk``, ``onbekend``...).
        fraction: the level on a 0..1 scale, ``None`` when unknown.
        lagging: whether this corner lags behind the others (the imbalance).
    """

    id: str
    label: str
    level: str
    fraction: float | None
    lagging: bool = False


@dataclass(frozen=True)
class Imbalance:
    """Where the triangle is out of balance.

    Attributes:
        lagging: ids of the corners that lag behind.
        leading: ids of the strongest corners.
        gap: the difference between strongest and weakest (0..1).
        unknown: ids of the corners whose level is unknown.
    """

    lagging: tuple[str, ...]
    leading: tuple[str, ...]
    gap: float
    unknown: tuple[str, ...]

    @property
    def balanced(self) -> bool:
        """True when no corner lags far behind (unknown corners aside)."""
        return not self.lagging


def fraction(rank: int | None, max_rank: int) -> float | None:
    """A level's rank on a 0..1 scale; ``None`` when unknown or there is no scale."""
    if rank is None or max_rank <= 0:
        return None
    return max(0.0, min(1.0, rank / max_rank))


def imbalance(corners: Sequence[TriangleCorner]) -> Imbalance:
    """Find the lagging corners: at least :data:`IMBALANCE_GAP` below the strongest."""
    known = [(c.id, c.fraction) for c in corners if c.fraction is not None]
    unknown = tuple(c.id for c in corners if c.fraction is None)
    if len(known) < 2:
        return Imbalance((), (), 0.0, unknown)
    top = max(f for _i, f in known)
    low = min(f for _i, f in known)
    gap = round(top - low, 4)
    if gap < IMBALANCE_GAP:
        return Imbalance((), (), gap, unknown)
    return Imbalance(tuple(i for i, f in known if f == low),
                     tuple(i for i, f in known if f == top), gap, unknown)


def mark_lagging(corners: Sequence[TriangleCorner]) -> tuple[TriangleCorner, ...]:
    """The corners in triangle order, with ``lagging`` set from :func:`imbalance`."""
    lagging = set(imbalance(corners).lagging)
    by_id = {c.id: c for c in corners}
    ordered = [by_id[i] for i in _ORDER if i in by_id]
    return tuple(TriangleCorner(c.id, c.label, c.level, c.fraction, c.id in lagging)
                 for c in ordered)


def _towards(corner_id: str, scale: float) -> tuple[float, float]:
    vx, vy = _VERTICES[corner_id]
    cx, cy = _CENTRE
    return (cx + (vx - cx) * scale, cy + (vy - cy) * scale)


def _scale(frac: float) -> float:
    return _INNER + (1.0 - _INNER) * frac


@dataclass(frozen=True)
class _Label:
    x: float
    y: float
    anchor: str
    lines: tuple[str, str]
    lagging: bool
    unknown: bool


@dataclass(frozen=True)
class Layout:
    """Everything to draw, in SVG user units (pixels at scale 1)."""

    outer: tuple[tuple[float, float], ...]
    grid: tuple[tuple[tuple[float, float], ...], ...]
    inner: tuple[tuple[float, float], ...] | None
    points: tuple[tuple[float, float, bool, bool], ...]
    labels: tuple[_Label, ...]


def layout(corners: Sequence[TriangleCorner], steps: int = 2) -> Layout:
    """Compute the geometry of the picture for ``corners`` (any order, ids as above)."""
    marked = {c.id: c for c in mark_lagging(corners)}
    outer = tuple(_VERTICES[i] for i in _ORDER)
    steps = max(1, steps)
    grid = tuple(tuple(_towards(i, _scale(k / steps)) for i in _ORDER) for k in range(steps))
    points = []
    for i in _ORDER:
        c = marked.get(i)
        frac = c.fraction if c else None
        x, y = _towards(i, _scale(frac if frac is not None else 0.0))
        points.append((x, y, bool(c and c.lagging), frac is None))
    known = [p for p in points if not p[3]]
    inner = tuple((x, y) for x, y, _l, _u in known) if len(known) >= 2 else None
    offsets = {"publieke_waarde": (0.0, -42.0, "middle"),
               "legitimiteit": (-8.0, 30.0, "start"),
               "organisatie": (8.0, 30.0, "end")}
    labels = []
    for i in _ORDER:
        c = marked.get(i)
        dx, dy, anchor = offsets[i]
        vx, vy = _VERTICES[i]
        label = c.label if c else i
        level = c.level if c else "—"
        labels.append(_Label(vx + dx, vy + dy, anchor, (label, level),
                             bool(c and c.lagging), bool(c is None or c.fraction is None)))
    return Layout(outer, grid, inner, tuple(points), tuple(labels))


def _pts(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def render_svg(corners: Sequence[TriangleCorner], *, title: str, note: str = "",
               steps: int = 2) -> str:
    """The triangle as an inline SVG element (no external resources).

    Args:
        corners: the three corners with their levels.
        title: an accessible title (read by screen readers, shown as tooltip).
        note: a line under the picture, e.g. where the imbalance is.
        steps: number of levels on the scale minus one (grid lines).

    Returns:
        An ``<svg>`` element as text.
    """
    lay = layout(corners, steps)
    height = HEIGHT + (24 if note else 0)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="triangle" role="img" '
           f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
           f'aria-label="{escape(title, {chr(34): "&quot;"})}">',
           f"<title>{escape(title)}</title>",
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
    for x, y, lagging, unknown in lay.points:
        colour = WARN if lagging else (MUTED if unknown else FILL)
        fill = "#ffffff" if unknown else colour
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{9 if lagging else 7}" '
                   f'fill="{fill}" stroke="{colour}" stroke-width="3"/>')
    for lab in lay.labels:
        colour = WARN if lab.lagging else (MUTED if lab.unknown else INK)
        name, level = lab.lines
        mark = " ▼" if lab.lagging else ""
        out.append(f'<text x="{lab.x:.1f}" y="{lab.y:.1f}" text-anchor="{lab.anchor}" '
                   f'font-family="DejaVu Sans, Arial, sans-serif" fill="{colour}">'
                   f'<tspan font-size="18" font-weight="bold">{escape(name)}</tspan>'
                   f'<tspan x="{lab.x:.1f}" dy="21" font-size="16">{escape(level)}{mark}'
                   f"</tspan></text>")
    if note:
        out.append(f'<text x="{WIDTH / 2:.1f}" y="{height - 10}" text-anchor="middle" '
                   f'font-family="DejaVu Sans, Arial, sans-serif" font-size="15" '
                   f'fill="{INK}">{escape(note)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def render_png(corners: Sequence[TriangleCorner], *, note: str = "", steps: int = 2,
               scale: int = 2) -> bytes:
    """The triangle as PNG bytes, drawn with Pillow (same geometry as the SVG).

    Args:
        corners: the three corners with their levels.
        note: a line under the picture, e.g. where the imbalance is.
        steps: number of levels on the scale minus one (grid lines).
        scale: pixels per SVG unit (2 gives a sharp picture in Word).

    Returns:
        The PNG file's bytes, the same for the same input.
    """
    from PIL import Image, ImageDraw, ImageFont

    lay = layout(corners, steps)
    height = HEIGHT + (24 if note else 0)
    img = Image.new("RGBA", (WIDTH * scale, height * scale), (255, 255, 255, 255))

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
    for x, y, lagging, unknown in lay.points:
        colour = WARN if lagging else (MUTED if unknown else FILL)
        r = (9 if lagging else 7) * scale
        draw.ellipse((x * scale - r, y * scale - r, x * scale + r, y * scale + r),
                     fill="#ffffff" if unknown else colour, outline=colour, width=3 * scale)
    bold = ImageFont.load_default(size=18 * scale)
    small = ImageFont.load_default(size=16 * scale)
    anchors = {"middle": "ms", "start": "ls", "end": "rs"}
    for lab in lay.labels:
        colour = WARN if lab.lagging else (MUTED if lab.unknown else INK)
        name, level = lab.lines
        anchor = anchors[lab.anchor]
        pos = (lab.x * scale, lab.y * scale)
        draw.text(pos, name, font=bold, fill=colour, anchor=anchor,
                  stroke_width=1 if scale > 1 else 0, stroke_fill=colour)
        draw.text((pos[0], pos[1] + 21 * scale), level + (" (!)" if lab.lagging else ""),
                  font=small, fill=colour, anchor=anchor)
    if note:
        draw.text((WIDTH / 2 * scale, (height - 10) * scale), note,
                  font=ImageFont.load_default(size=15 * scale), fill=INK, anchor="ms")
    buf = io.BytesIO()
    img.convert("RGB").save(buf, format="PNG", optimize=False)
    return buf.getvalue()
