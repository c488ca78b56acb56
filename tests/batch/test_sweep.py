"""``pvrules sweep``: the verdicts at each value are those of the advice with --set."""

from __future__ import annotations

import html
import json
import re

import pytest
from click.testing import CliRunner

from pvrules.batch.sweep import Axis, Sweep, render_html, render_markdown
from pvrules.cli import main


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    # on success only standard output (on Python 3.13+ a notice about the engine goes to
    # standard error); on failure the message, which is on standard error
    return result.exit_code, result.stdout if result.exit_code == 0 else result.output


def advised(*sets: str) -> dict[str, str]:
    """Verdicts of `pvrules advise --format json --set ...`, read independently."""
    args = ["advise", "--example", "--format", "json"]
    for item in sets:
        args += ["--set", item]
    code, text = invoke(*args)
    assert code == 0, text
    out = {}
    data = json.loads(text)
    # the advice names an entity by its own name (target_id is its id); the engine's
    # recommendations by kind and name: read the status there, the name here
    names = {(r["item"], r["target_id"]): r["target"] for r in (
        *data["key_recommendations"], *data["advised_against"],
        *(i for g in data["recommendation_groups"] for i in g["items"]))}
    for rec in data["recommendations"]:
        key = rec["target_key"]
        target = names.get((rec["item"], None if key[0] == "case" else key[1]), rec["target"])
        label = rec["label"] + (f" ({target})" if target else "")
        if rec["status"] in ("recommended", "advised_against"):
            out[label] = rec["status"]
    for decision in data["options"]:  # an option the sources prefer or advise against
        for option in decision["options"]:
            if option["preference"] in ("advised", "advised_against"):
                out[option["label"]] = ("recommended" if option["preference"] == "advised"
                                        else "advised_against")
    return out


@pytest.mark.slow  # a sweep and four advice runs; the markdown sweep below stays fast
def test_one_fact_each_column_is_the_advice_with_that_value() -> None:
    values = ["laag", "gemiddeld", "hoog"]
    code, text = invoke("sweep", "--example", "--vary", f"draagvlak_raad={','.join(values)}",
                        "--format", "json")
    assert code == 0, text
    data = json.loads(text)
    assert [p["values"]["draagvlak_raad"] for p in data["points"]] == values
    marks = {"aanbevolen": "recommended", "afgeraden": "advised_against"}
    for point, value in zip(data["points"], values, strict=True):
        got = {k: marks[v] for k, v in point["verdicts"].items()}
        assert got == advised(f"draagvlak_raad={value}")
    assert {k: marks[v] for k, v in data["given"].items()} == advised()
    assert data["changing"]  # the support of the council changes some advice
    for verdict in data["changing"]:
        states = {p["verdicts"].get(verdict) for p in data["points"]}
        states.add(data["given"].get(verdict))
        assert len(states) > 1


def test_markdown_table_has_a_column_per_value_and_bold_changes() -> None:
    code, text = invoke("sweep", "--example", "--vary", "draagvlak_raad=laag,hoog")
    assert code == 0, text
    header = next(line for line in text.splitlines() if line.startswith("| "))
    assert header.endswith("| zoals gegeven | laag | hoog |")
    rows = [line for line in text.splitlines() if line.startswith("| ")][1:]
    assert rows and all(line.count("|") == 5 for line in rows)
    assert any(line.startswith("| **") for line in rows)


@pytest.mark.slow  # two sweeps of six points each
def test_two_facts_with_an_entity_fact_give_an_html_heatmap(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "sweep.html"
    code, text = invoke("sweep", "--example", "--vary", "draagvlak_raad=laag,hoog",
                        "--vary", "opgave:sociaal_domein.schaal=lokaal,subregionaal,regionaal",
                        "-o", str(out))
    assert code == 0, text
    page = out.read_text("utf-8")
    assert "<script" not in page and "http" not in page.split("<body>", 1)[0]
    grids = re.findall(r'<table class="heat">(.*?)</table>', page, re.S)
    assert grids
    for grid in grids:
        body = grid.split("<tbody>", 1)[1]
        rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
        assert len(rows) == 2 and all(r.count("<td") == 3 for r in rows)
    data = json.loads(invoke("sweep", "--example", "--vary", "draagvlak_raad=laag,hoog",
                             "--vary", "opgave:sociaal_domein.schaal=lokaal,subregionaal,"
                             "regionaal", "--format", "json")[1])
    assert len(data["points"]) == 6
    point = next(p for p in data["points"] if p["values"] == {
        "draagvlak_raad": "hoog", "opgave:sociaal_domein.schaal": "regionaal"})
    marks = {"aanbevolen": "recommended", "afgeraden": "advised_against"}
    assert {k: marks[v] for k, v in point["verdicts"].items()} == advised(
        "draagvlak_raad=hoog", "opgave:sociaal_domein.schaal=regionaal")


def test_html_escapes_every_text() -> None:
    evil = '<img src=x onerror="alert(1)">'
    sweep = Sweep("c&d", (Axis("f<1>", ("a", "<b>")), Axis("g", ("x", "y"))),
                  {evil: "aanbevolen"},
                  ((("a", "x"), {evil: "aanbevolen"}), (("a", "y"), {}),
                   (("<b>", "x"), {evil: "afgeraden"}), (("<b>", "y"), {})))
    page = render_html(sweep)
    assert evil not in page and html.escape(evil) in page
    assert "<b>" not in page and "c&amp;d" in page and "f&lt;1&gt;" in page
    text = render_markdown(Sweep("x", (Axis("f", ("a|b",)),), {"p|q": "afgeraden"},
                                 ((("a|b",), {}),)))
    table = [line for line in text.splitlines() if line.startswith("| ")]
    # a pipe inside a cell is escaped: every line has exactly four cell borders
    assert all(len(re.findall(r"(?<!\\)\|", line)) == 4 for line in table)
    assert "p\\|q" in table[1] and "a\\|b" in table[0]


@pytest.mark.parametrize(("args", "message"), [
    (["--vary", "draagvlak_raad"], "expected FACT=VALUE1,VALUE2"),
    (["--vary", "draagvlak_raad=enorm"], "'enorm' is not an allowed value"),
    (["--vary", "a=1", "--vary", "b=1", "--vary", "c=1"], "a sweep varies one or two"),
    (["--vary", "draagvlak_raad=laag", "--vary", "draagvlak_raad=hoog"], "vary two different"),
    (["--vary", "opgave:nergens.schaal=lokaal"], "no opgave with id 'nergens'"),
])
def test_bad_vary_is_a_clear_error(args: list[str], message: str) -> None:
    code, text = invoke("sweep", "--example", *args)
    assert code == 2 and message in text and "Traceback" not in text
