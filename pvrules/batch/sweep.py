"""``pvrules sweep``: how the advice changes when one or two facts vary.

Each point of the grid is the case with ``--set FACT=value`` for every varied
fact (entity facts named as in ``--set``: ``opgave:ID.schaal``). The verdicts of
each point are read from its advice JSON by :func:`pvrules.batch.summary.holdings`.
"""

from __future__ import annotations

import html
import itertools
import json
from collections.abc import Sequence
from typing import Any

from pvrules.batch.summary import holdings
from pvrules.batch.sweep_model import MARKS, TEXT, Axis, Sweep
from pvrules.errors import InputError, Problem

MAX_AXES = 2
MAX_POINTS = 400
def parse_vary(text: str) -> Axis:
    """``FACT=v1,v2,...`` as an :class:`Axis`.

    Raises:
        InputError: when the text is not of that form.
    """
    fact, sep, values = text.partition("=")
    items = tuple(v.strip() for v in values.split(",") if v.strip())
    if not sep or not fact.strip() or not items:
        raise InputError(f"cannot read --vary '{text}'", [Problem(
            "bad-option", "expected FACT=VALUE1,VALUE2,..., e.g. draagvlak_raad=laag,hoog "
            "or opgave:ID.schaal=lokaal,regionaal", "--vary")])
    if len(set(items)) != len(items):
        raise InputError(f"--vary '{text}' repeats a value", [Problem(
            "bad-option", "each value once", "--vary")])
    return Axis(fact.strip(), items)


def run_sweep(pipe: Any, source: str, axes: Sequence[Axis], lang: str = "nl",
              base: Sequence[str] = ()) -> Sweep:
    """Evaluate the case at every combination of the axes' values.

    Args:
        pipe: a :class:`~pvrules.pipeline.Pipeline`.
        source: the case file (or ``example:NAME``).
        axes: one or two varied facts.
        lang: the language of the verdicts' labels.
        base: ``--set`` changes applied at every point first.
    """
    from pvrules.batch.runner import advice_json

    if not 1 <= len(axes) <= MAX_AXES:
        raise InputError("give one or two --vary options", [Problem(
            "bad-option", f"{len(axes)} facts varied; a sweep varies one or two", "--vary")])
    if len({a.fact for a in axes}) != len(axes):
        raise InputError("the same fact is varied twice", [Problem(
            "bad-option", "vary two different facts", "--vary")])
    grid = list(itertools.product(*(a.values for a in axes)))
    if len(grid) > MAX_POINTS:
        raise InputError(f"{len(grid)} points is too many for one sweep", [Problem(
            "bad-option", f"at most {MAX_POINTS} combinations", "--vary")])

    def verdicts(overrides: Sequence[str]) -> tuple[str, dict[str, str]]:
        case = pipe.load_case(source, [*base, *overrides])
        text, _ctx = advice_json(pipe, case, lang)
        advice = json.loads(text)
        return case.meta.id, holdings(advice)

    case_id, given = verdicts(())
    points = []
    for values in grid:
        sets = [f"{axis.fact}={value}" for axis, value in zip(axes, values, strict=True)]
        points.append((tuple(values), verdicts(sets)[1]))
    return Sweep(case_id, tuple(axes), given, tuple(points))


def _header(sweep: Sweep, lang: str) -> list[str]:
    names = [" / ".join(values) for values, _held in sweep.points]
    return [TEXT[lang]["verdict"], TEXT[lang]["given"], *names]


def _rows(sweep: Sweep) -> list[list[str]]:
    rows = []
    for verdict in sweep.verdicts():
        cells = [MARKS.get(sweep.given.get(verdict, ""), "")]
        cells += [MARKS.get(held.get(verdict, ""), "") for _values, held in sweep.points]
        rows.append([verdict, *cells])
    return rows


def render_markdown(sweep: Sweep, lang: str = "nl") -> str:
    """The sweep as a Markdown table: one row per verdict, one column per point."""
    t = TEXT[lang]
    facts = " × ".join(f"`{a.fact}`" for a in sweep.axes)
    lines = [f"# {t['title']}: {sweep.case_id} — {facts}", "",
             f"{t['legend']}. {t['changing']} ({len(sweep.changing())}) "
             f"{t['bold']}.", ""]
    header = _header(sweep, lang)
    lines.append("| " + " | ".join(_cell(h) for h in header) + " |")
    lines.append("|" + "---|" + ":-:|" * (len(header) - 1))
    changing = set(sweep.changing())
    for row in _rows(sweep):
        label = f"**{_cell(row[0])}**" if row[0] in changing else _cell(row[0])
        lines.append("| " + " | ".join([label, *(_cell(c) for c in row[1:])]) + " |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render_csv(sweep: Sweep, lang: str = "nl") -> str:
    """The same table as CSV."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(_header(sweep, lang))
    writer.writerows(_rows(sweep))
    return buf.getvalue()


def render_json(sweep: Sweep) -> str:
    """The sweep as JSON: the axes, the verdicts as given and at each point."""
    data = {
        "case": sweep.case_id,
        "axes": [{"fact": a.fact, "values": list(a.values)} for a in sweep.axes],
        "given": sweep.given,
        "points": [{"values": dict(zip((a.fact for a in sweep.axes), values, strict=True)),
                    "verdicts": held} for values, held in sweep.points],
        "changing": sweep.changing(),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_html(sweep: Sweep, lang: str = "nl") -> str:
    """A self-contained HTML page: the table and, for two facts, heatmaps."""
    from pvrules.batch.heatmap import heatmaps

    t = TEXT[lang]
    esc = html.escape
    facts = " × ".join(a.fact for a in sweep.axes)
    header = _header(sweep, lang)
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = []
    changing = set(sweep.changing())
    for row in _rows(sweep):
        cls = ' class="changes"' if row[0] in changing else ""
        cells = "".join(f"<td>{esc(c)}</td>" for c in row[1:])
        body.append(f"<tr{cls}><th scope=\"row\">{esc(row[0])}</th>{cells}</tr>")
    maps = heatmaps(sweep, lang) if len(sweep.axes) == 2 else ""
    return (
        f"<!DOCTYPE html>\n<html lang=\"{esc(lang)}\"><head><meta charset=\"utf-8\">"
        f"<title>{esc(t['title'])}: {esc(sweep.case_id)}</title><style>{_CSS}</style>"
        f"</head><body>\n<h1>{esc(t['title'])}: {esc(sweep.case_id)} — {esc(facts)}</h1>\n"
        f"<p>{esc(t['legend'])}</p>\n{maps}"
        f"<table class=\"sweep\"><thead><tr>{head}</tr></thead><tbody>\n"
        + "\n".join(body) + "\n</tbody></table>\n</body></html>\n")


_CSS = (
    "body{font-family:sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;margin:1em 0}"
    "th,td{border:1px solid #ccc;padding:.25em .5em;text-align:center}"
    "th[scope=row]{text-align:left;font-weight:normal}"
    "tr.changes th[scope=row]{font-weight:bold}"
    ".heat td{width:3.5em;height:2.2em}"
    ".grid{display:inline-block;vertical-align:top;margin:0 1.5em 1em 0}"
    ".grid h3{font-size:1em;max-width:22em}"
)
