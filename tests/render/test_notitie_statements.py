"""The notitie states yes/no facts as sentences, not as "Label: nee." (review 12, Intake).

Every yes/no input fact of the case has a sentence for both values in both languages
(``statement.FACT.true`` / ``.false``); a fact of another entity may go without and then
falls back to the label and its value (:func:`pvrules.explain.casefacts.statement`).
"""

from __future__ import annotations

import pytest

from pvrules.explain.casefacts import statement
from pvrules.kb import load_kb
from pvrules.messages import Messages

KB = load_kb([], [], use_env=False)
CASE_BOOLS = sorted(f.id for f in KB.vocab.facts.values() if f.type == "bool"
                    and f.origin == "input" and f.aggregate is None and f.entity == "case")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_yes_no_fact_of_the_case_has_a_sentence_for_both_values(lang: str) -> None:
    msg = Messages(lang)
    missing = [f"statement.{f}.{v}" for f in CASE_BOOLS for v in ("true", "false")
               if not msg.has(f"statement.{f}.{v}")]
    assert not missing, f"add to pvrules/messages/facts.yaml: {missing}"
    said = [statement(msg, f, v) for f in CASE_BOOLS for v in (True, False)]
    assert all(s and s[0].isupper() and s.endswith(".") for s in said)
    assert len(set(said)) == len(said)  # yes and no never read alike


def test_the_intake_example_says_what_we_were_told() -> None:
    nl = Messages("nl")
    assert statement(nl, "keuze_politiek_gevoelig", False) == \
        "De keuze ligt politiek niet gevoelig."
    assert statement(Messages("en"), "opgavenanalyse_gedaan", False) == \
        "No analysis of the tasks has been made yet."
    assert statement(nl, "keuze_politiek_gevoelig", None) is None  # unknown: nothing stated
    assert statement(nl, "ambitie", "hoog") is None  # a level reads "Ambitie is hoog."
