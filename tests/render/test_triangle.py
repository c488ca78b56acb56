"""The triangle picture: geometry, imbalance, deterministic SVG and PNG."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from PIL import Image

from pvrules.render.triangle import (
    TriangleCorner,
    fraction,
    imbalance,
    mark_lagging,
    render_png,
    render_svg,
)

SVG = "{http://www.w3.org/2000/svg}"


def corners(pw: float | None, leg: float | None, org: float | None) -> list[TriangleCorner]:
    return [TriangleCorner("publieke_waarde", "Publieke waarde", "x", pw),
            TriangleCorner("legitimiteit", "Legitimiteit <&>", "y", leg),
            TriangleCorner("organisatie", "Organisatie", "z", org)]


def test_fraction() -> None:
    assert fraction(0, 2) == 0.0
    assert fraction(2, 2) == 1.0
    assert fraction(1, 2) == 0.5
    assert fraction(None, 2) is None
    assert fraction(1, 0) is None


def test_imbalance_finds_the_lagging_corner() -> None:
    found = imbalance(corners(0.5, 0.0, 1.0))
    assert found.lagging == ("legitimiteit",)
    assert found.leading == ("organisatie",)
    assert not found.balanced


def test_small_gap_is_balanced_and_unknown_is_reported() -> None:
    found = imbalance(corners(0.5, 0.5, None))
    assert found.balanced
    assert found.unknown == ("organisatie",)
    assert imbalance(corners(1.0, 1.0, 0.75)).balanced
    assert imbalance(corners(1.0, 1.0, 0.5)).lagging == ("organisatie",)


def test_mark_lagging_orders_and_marks() -> None:
    marked = mark_lagging(list(reversed(corners(1.0, 0.0, 1.0))))
    assert [c.id for c in marked] == ["publieke_waarde", "legitimiteit", "organisatie"]
    assert [c.lagging for c in marked] == [False, True, False]


def test_svg_is_valid_escaped_and_deterministic() -> None:
    svg = render_svg(corners(0.5, 0.0, 1.0), title='Driehoek "A" & <B>', note="Onevenwicht")
    assert svg == render_svg(corners(0.5, 0.0, 1.0), title='Driehoek "A" & <B>',
                             note="Onevenwicht")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text == 'Driehoek "A" & <B>'
    texts = "".join(root.itertext())
    assert "Legitimiteit <&>" in texts
    assert "▼" in texts  # the lagging corner is marked
    assert root.find(f"{SVG}polygon[@class='levels']") is not None
    assert "href" not in svg
    assert "http://" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_svg_with_unknown_corner_has_no_full_level_polygon() -> None:
    svg = render_svg(corners(None, None, 1.0), title="t")
    assert "class=\"levels\"" not in svg


def test_png_is_deterministic_and_not_blank() -> None:
    png = render_png(corners(0.5, 0.0, 1.0), note="Onevenwicht")
    assert png == render_png(corners(0.5, 0.0, 1.0), note="Onevenwicht")
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG"
    assert img.size[0] >= 800
    colours = img.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None
    assert len(colours) > 20
    # the lagging corner's warning colour is in the picture
    assert any(c == (0xC2, 0x41, 0x0C) for _n, c in colours)
