"""Heatmaps of a two-fact sweep, as plain HTML tables (no script, no external file).

The first map counts, at each point, how many verdicts differ from the case as
given; then one small map per verdict that changes shows where it holds.
"""

from __future__ import annotations

import html

from pvrules.batch.sweep_model import MARKS, TEXT, Sweep

COLOURS = {"aanbevolen": "#8fd19e", "afgeraden": "#f1a1a1", "": "#f4f4f4"}


def _shade(count: int, top: int) -> str:
    """White for 0, deepening blue up to ``top``."""
    if top <= 0 or count <= 0:
        return "#ffffff"
    share = count / top
    red = int(255 - 180 * share)
    green = int(255 - 120 * share)
    return f"#{red:02x}{green:02x}ff"


def _grid(sweep: Sweep, title: str, cell: dict[tuple[str, str], tuple[str, str, str]]) -> str:
    """One map: rows are the first fact's values, columns the second's."""
    esc = html.escape
    first, second = sweep.axes
    head = "".join(f"<th>{esc(v)}</th>" for v in second.values)
    rows = []
    for v1 in first.values:
        tds = []
        for v2 in second.values:
            text, colour, tip = cell[(v1, v2)]
            tds.append(f"<td style=\"background:{colour}\" title=\"{esc(tip)}\">{esc(text)}</td>")
        rows.append(f"<tr><th>{esc(v1)}</th>{''.join(tds)}</tr>")
    return (f"<div class=\"grid\"><h3>{esc(title)}</h3><table class=\"heat\"><thead><tr>"
            f"<th>{esc(first.fact)} ↓ · {esc(second.fact)} →</th>{head}</tr></thead><tbody>"
            + "".join(rows) + "</tbody></table></div>\n")


def heatmaps(sweep: Sweep, lang: str = "nl") -> str:
    """The heatmaps of a sweep over two facts."""
    t = TEXT[lang]
    held = dict(sweep.points)
    counts: dict[tuple[str, str], list[str]] = {}
    for (v1, v2), h in held.items():
        counts[(v1, v2)] = [v for v in sweep.verdicts() if h.get(v) != sweep.given.get(v)]
    top = max((len(c) for c in counts.values()), default=0)
    overview = {key: (str(len(diff)), _shade(len(diff), top), "; ".join(diff))
                for key, diff in counts.items()}
    out = [f"<h2>{html.escape(t['changes'])}</h2>\n", _grid(sweep, t["changes"], overview)]
    changing = sweep.changing()
    out.append(f"<h2>{html.escape(t['changing'])}</h2>\n")
    if not changing:
        out.append(f"<p>{html.escape(t['none'])}</p>\n")
    for verdict in changing:
        cells = {}
        for (v1, v2), h in held.items():
            state = h.get(verdict, "")
            cells[(v1, v2)] = (MARKS.get(state, ""), COLOURS.get(state, "#ffffff"), state)
        out.append(_grid(sweep, verdict, cells))
    return "".join(out)
