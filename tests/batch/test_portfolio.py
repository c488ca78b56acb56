"""The shipped portfolio: the batch input is exactly the sourced table, and it runs."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from pvrules.batch.portfolio import portfolio_cases, portfolio_jsonl, resolve_input
from pvrules.cli import main

FOLDER = resources.files("pvrules.examples") / "portfolio"


def test_jsonl_is_made_from_the_sourced_table() -> None:
    table = (FOLDER / "gemeenten.csv").read_text("utf-8")
    assert (FOLDER / "gemeenten.jsonl").read_text("utf-8") == portfolio_jsonl(table)


def test_every_row_names_a_source_listed_in_sources_md() -> None:
    sources = (FOLDER / "SOURCES.md").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO((FOLDER / "gemeenten.csv").read_text("utf-8"))))
    assert len(rows) >= 5
    for row in rows:
        assert f"`{row['bron']}`" in sources
        figure = f"{int(row['inwoners']):,}".replace(",", ".")
        assert f"{row['naam']} {figure}" in sources  # the figure as the source gives it


def test_only_sourced_facts_are_given() -> None:
    table = (FOLDER / "gemeenten.csv").read_text("utf-8")
    for case in portfolio_cases(table):
        assert set(case) == {"casus", "partners"}  # no case facts: all unknown
        (partner,) = case["partners"]
        assert set(partner) == {"id", "naam", "soort", "inwoners", "toelichting"}


@pytest.mark.slow  # a batch over every municipality of the portfolio
def test_batch_over_the_portfolio(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", "example:portfolio", "-o", str(out),
                                       "--workers", "1"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((out / "summary.csv").read_text("utf-8"))))
    table = list(csv.DictReader(io.StringIO((FOLDER / "gemeenten.csv").read_text("utf-8"))))
    assert len(rows) == len(table)
    for row, source in zip(rows, table, strict=True):
        assert source["naam"] in row["titel"] and row["fout"] == ""
        advice = json.loads((out / "cases" / f"{row['id']}.json").read_text("utf-8"))
        assert advice["date"] == source["peildatum"]
    assert resolve_input("example:portfolio").name == "gemeenten.jsonl"
