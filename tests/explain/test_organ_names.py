"""How the client's raden are named in a sentence (``texts.organs``).

Two or three raden are named ("de raden van Aa, Bee en Cee"); more are counted ("de raden
van de vijf gemeenten"): a list of seven names in every sentence of §1 buries the advice.
"""

from __future__ import annotations

import pytest

from pvrules.explain.texts import MAX_NAMED, organs
from pvrules.kb import KnowledgeBase, load_kb
from pvrules.messages import Messages
from pvrules.validate.case import load_case_text

NAMES = ["Aa", "Bee", "Cee", "Dee", "Ee", "Ef", "Gee"]


def _case_text(n: int) -> str:
    ids = [name.lower() for name in NAMES[:n]]
    partners = "\n".join(f"  - {{id: {i}, naam: {name}, soort: gemeente}}"
                         for i, name in zip(ids, NAMES[:n], strict=True))
    return f"""
casus:
  id: raden
  titel: Raden die samen vragen
  datum: "2019-09-01"
  opdrachtgever: {{naam: "De raden", soort: gemeenten, entiteit: [{", ".join(ids)}]}}
partners:
{partners}
"""


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb([], [], use_env=False)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("n", range(2, len(NAMES) + 1))
def test_a_few_raden_are_named_and_many_are_counted(kb: KnowledgeBase, n: int,
                                                    lang: str) -> None:
    case = load_case_text(_case_text(n), "raden.yaml", kb.vocab)
    msg = Messages(lang)
    council = organs(case, msg)["raad"]
    named = [name for name in NAMES[:n] if name in council.split(" ")
             or f"{name}," in council]
    if n <= MAX_NAMED:
        assert len(named) == n, council
    else:
        assert not named, council
        assert msg("number.words").split()[n] in council, council
