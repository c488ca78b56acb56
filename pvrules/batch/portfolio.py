"""The shipped portfolio of real municipalities, and ``example:`` batch inputs.

``examples/portfolio/gemeenten.csv`` is a sourced table (one municipality per
row: name, province, population and the date the figure holds for, with the id
of its source in ``SOURCES.md``). :func:`portfolio_cases` turns it into case
data, one case per municipality with the municipality as its only partner;
``gemeenten.jsonl`` beside it is that output, the batch input the README uses.
Every fact the table does not give stays unknown.
"""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path
from typing import Any

from pvrules.errors import InputError, Problem

EXAMPLE_INPUTS = {"portfolio": ("portfolio", "gemeenten.jsonl")}
"""``example:NAME`` batch inputs → (folder, file) in the shipped examples."""


def resolve_input(source: str) -> Path:
    """The path of a batch input; ``example:NAME`` for a shipped one."""
    if not source.startswith("example:"):
        return Path(source)
    name = source.split(":", 1)[1]
    if name not in EXAMPLE_INPUTS:
        raise InputError(f"no built-in batch input '{name}'", [Problem(
            "unknown-example", f"unknown example '{name}'", "INPUT",
            allowed=tuple(f"example:{n}" for n in EXAMPLE_INPUTS))])
    folder, file = EXAMPLE_INPUTS[name]
    return Path(str(resources.files("pvrules.examples") / folder / file))


def portfolio_cases(csv_text: str) -> list[dict[str, Any]]:
    """One case per row of the sourced municipality table, in table order."""
    cases = []
    for row in csv.DictReader(io.StringIO(csv_text)):
        year = row["peildatum"][:4]
        partner: dict[str, Any] = {
            "id": row["id"], "naam": row["naam"], "soort": "gemeente",
            "inwoners": int(row["inwoners"]),
            "toelichting": (f"Provincie {row['provincie']}; {int(row['inwoners']):,} inwoners "
                            f"op {row['peildatum']} (bron: {row['bron']}).").replace(",", "."),
        }
        cases.append({
            "casus": {
                "id": f"{row['id'].replace('_', '-')}-{year}",
                "titel": f"Gemeente {row['naam']} ({row['provincie']})",
                "datum": row["peildatum"],
                "toelichting": "Portfolio van echte gemeenten: alleen het inwonertal is "
                               "bekend (zie examples/portfolio/SOURCES.md); alle andere "
                               "feiten zijn onbekend.",
            },
            "partners": [partner],
        })
    return cases


def portfolio_jsonl(csv_text: str) -> str:
    """The JSON Lines batch input for the table (what ``gemeenten.jsonl`` holds)."""
    return "".join(json.dumps(c, ensure_ascii=False, sort_keys=True) + "\n"
                   for c in portfolio_cases(csv_text))
