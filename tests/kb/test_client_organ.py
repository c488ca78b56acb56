"""The client's organ (``casus.opdrachtgever.orgaan`` → ``opdrachtgever_orgaan``).

Which organ asks: given, or read from the client's name when it names exactly one; an
unknown value is an error with "did you mean". "Eerst uitzoeken" never asks that organ
about its own view (the vocabulary's ``ask: {unless: …}``), and the measure to sound out
support does not ask the raden how the raden think.
"""

from __future__ import annotations

import pytest

from pvrules.errors import CaseError
from pvrules.explain.context import ExplainContext
from pvrules.explain.findout import weighed_slots
from pvrules.explain.findout_items import asked
from pvrules.explain.texts import organs
from pvrules.infer.reference import ReferenceEngine
from pvrules.kb import KnowledgeBase, load_kb
from pvrules.validate.case import CASE_KEY, Case, load_case_text
from pvrules.validate.client import CLIENT_ORGAN_FACT, organ_from_name

CASE = """
casus:
  id: orgaan
  titel: Orgaan van de opdrachtgever
  datum: "2019-09-01"
  opdrachtgever: {{naam: "{naam}", soort: gemeenten{orgaan}}}
feiten:
  draagvlak_partners: gemiddeld
  draagvlak_inwoners: gemiddeld
partners:
  - {{id: a, naam: Aa, soort: gemeente}}
  - {{id: b, naam: Bee, soort: gemeente}}
opties:
  - {{id: fusie, naam: Fusie, optievorm: herindeling, partners: [a, b]}}
"""


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb([], [], use_env=False)


def _case(kb: KnowledgeBase, naam: str, orgaan: str | None = None) -> Case:
    extra = f", orgaan: {orgaan}" if orgaan else ""
    return load_case_text(CASE.format(naam=naam, orgaan=extra), "orgaan.yaml", kb.vocab)


@pytest.mark.parametrize(("name", "organ"), [
    ("Raden van Aa en Bee", "raden"),
    ("Gemeenteraad van Aa", "raad"),
    ("Colleges van Aa en Bee", "colleges"),
    ("College van burgemeester en wethouders van Aa", "college"),
    ("Gedeputeerde Staten van Noord-Brabant", "gedeputeerde_staten"),
    ("Provincie Utrecht (Gedeputeerde Staten)", "gedeputeerde_staten"),
    ("Provinciale Staten van Groningen", "provinciale_staten"),
    ("Algemeen bestuur van de regio", "algemeen_bestuur"),
    ("College en raad van Aa", None),            # two organs: not known
    ("Gemeente Aa", None),
    ("Gemeentesecretaris van Aa", None),
])
def test_the_organ_is_read_from_a_name_that_names_exactly_one(name: str,
                                                             organ: str | None) -> None:
    assert organ_from_name(name) == organ


def test_a_given_organ_wins_and_an_unknown_one_is_an_error(kb: KnowledgeBase) -> None:
    case = _case(kb, "Gemeente Aa en Bee", "raden")
    assert case.facts[CASE_KEY][CLIENT_ORGAN_FACT] == "raden"
    assert CLIENT_ORGAN_FACT not in _case(kb, "Gemeente Aa en Bee").facts[CASE_KEY]
    with pytest.raises(CaseError) as err:
        _case(kb, "Raden van Aa en Bee", "raaden")
    shown = str(err.value) + " ".join(str(p) for p in err.value.problems)
    assert "casus.opdrachtgever.orgaan" in shown and "raden" in shown, shown


def _asked_of_raden(kb: KnowledgeBase, naam: str) -> set[str]:
    """The draagvlak questions about the raden that "Eerst uitzoeken" may ask."""
    case = _case(kb, naam)
    ctx = ExplainContext(kb, ReferenceEngine(kb.rules, kb.vocab).evaluate(case), "nl")
    raden = {f.id for f in kb.vocab.facts.values() if not isinstance(f.ask, bool)
             and f.ask.role == "raden"}
    return {s[1] for s in (f.slot for f in weighed_slots(ctx)) if s[1] in raden
            and asked(ctx, s)}


def test_the_client_organ_is_not_asked_about_its_own_view(kb: KnowledgeBase) -> None:
    by_colleges = _asked_of_raden(kb, "Colleges van Aa en Bee")
    assert {"draagvlak_raad", "steun_raden"} <= by_colleges   # the raden are others: asked
    assert not _asked_of_raden(kb, "Raden van Aa en Bee")     # the raden ask: never of themselves


@pytest.mark.parametrize("naam", ["Raden van Aa en Bee", "Colleges van Aa en Bee"])
def test_sounding_out_support_never_asks_the_raden_about_themselves(kb: KnowledgeBase,
                                                                    naam: str) -> None:
    case = _case(kb, naam)
    ctx = ExplainContext(kb, ReferenceEngine(kb.rules, kb.vocab).evaluate(case), "nl")
    council = organs(case, ctx.msg)["raad"]
    keys = ctx.decisions.key_recommendations
    assert any(k.item == "draagvlak_peilen" for k in keys), [k.item for k in keys]
    for k in keys:
        text = " ".join(str(v) for v in vars(k).values() if isinstance(v, str))
        assert f"hoe {council}" not in text and "hoe de raden" not in text, text


def test_the_raden_that_ask_speak_for_themselves(kb: KnowledgeBase) -> None:
    """Review 8 ⚠ (BAR): the measure's own action for the client organ (``action_raden``)."""
    texts = {}
    for naam in ("Raden van Aa en Bee", "Colleges van Aa en Bee"):
        case = _case(kb, naam)
        ctx = ExplainContext(kb, ReferenceEngine(kb.rules, kb.vocab).evaluate(case), "nl")
        rec = next(k for k in ctx.decisions.key_recommendations if k.item == "draagvlak_peilen")
        texts[naam] = rec.action
    assert texts["Raden van Aa en Bee"] != texts["Colleges van Aa en Bee"]
    assert "Laat de raden" in texts["Colleges van Aa en Bee"]
    assert "Laat de raden" not in texts["Raden van Aa en Bee"], texts
    assert "u elk" in texts["Raden van Aa en Bee"], texts
