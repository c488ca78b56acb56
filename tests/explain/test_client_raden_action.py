"""Where the raden that ask are the partners, the action asks their colleges, nobody beside them.

BAR: three raden commission the advice about their own shared organisation; "de besturen van
de partners" would be a second set of boards that does not exist (review 9, Top 10 #8).
"""

from __future__ import annotations

from pathlib import Path

from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_raden_as_client_ask_their_colleges_only() -> None:
    pipe = Pipeline([], [], "python")
    ctx = ExplainContext(pipe.kb, pipe.evaluate_file(str(EXAMPLES / "bar-2016.yaml")), "nl")
    recs = [k for k in ctx.decisions.key_recommendations if k.item == "draagvlak_peilen"]
    assert recs, "BAR's key recommendations sound out support"
    action = recs[0].action
    assert "colleges" in action
    assert "besturen van de partners" not in action


def test_raden_beside_other_partners_still_ask_those_partners(tmp_path: Path) -> None:
    """Where some partner is not a client, its board is still asked for its position."""
    text = (EXAMPLES / "bar-2016.yaml").read_text(encoding="utf-8")
    extra = "  - {id: buur, naam: Buurdorp, soort: gemeente}\n"
    marker = "samenwerkingen:\n"
    assert marker in text
    path = tmp_path / "case.yaml"
    path.write_text(text.replace(marker, extra + marker, 1), encoding="utf-8")
    pipe = Pipeline([], [], "python")
    ctx = ExplainContext(pipe.kb, pipe.evaluate_file(str(path)), "nl")
    recs = [k for k in ctx.decisions.key_recommendations if k.item == "draagvlak_peilen"]
    assert recs and "besturen van de partners" in recs[0].action



def test_one_raad_is_not_addressed_as_the_raden(tmp_path: Path) -> None:
    """A gemeente client has one raad: "Laat de raad zich …", never "Laat de raden zich …"."""
    path = tmp_path / "case.yaml"
    path.write_text(
        'casus: {id: t, titel: t, datum: "2020-06-01",'
        " opdrachtgever: {naam: Gemeente Adorp, soort: gemeente, entiteit: a}}\n"
        "partners:\n"
        "  - {id: a, naam: Adorp, soort: gemeente}\n"
        "  - {id: b, naam: Bedum, soort: gemeente}\n"
        "opties:\n"
        "  - {id: h, naam: Samen, optievorm: herindeling, partners: [a, b]}\n"
        "  - {id: w, naam: Werkorganisatie, optievorm: werkorganisatie, partners: [a, b]}\n",
        encoding="utf-8")
    pipe = Pipeline([], [], "python")
    ctx = ExplainContext(pipe.kb, pipe.evaluate_file(str(path)), "nl")
    lines = [k.action for k in ctx.decisions.key_recommendations
             if k.item == "draagvlak_peilen"] + [
        i.action for g in ctx.decisions.recommendation_groups for i in g.items
        if i.item == "draagvlak_peilen"]
    assert lines, "support is sounded out"
    assert all("Laat de raad zich" in line for line in lines), lines
