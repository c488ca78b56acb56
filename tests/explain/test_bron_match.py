"""A stated fact cites the case source it rests on, not every source of its publisher.

``bron_id`` names the source(s); otherwise the ``bron`` text is matched by publisher, then
year, month and title words (:mod:`pvrules.explain.bron_match`). A reasoning step shown as
"Zie redenering N" brings none of N's sources into its own chain.
"""

from __future__ import annotations

import re

import pytest

from pvrules.errors import CaseError
from pvrules.explain.bron_match import CaseSource, matching
from pvrules.explain.context import ExplainContext
from pvrules.kb import KnowledgeBase, load_kb
from pvrules.pipeline import Pipeline, example_names
from pvrules.validate.case import CASE_KEY, load_case_text

NEWS = [CaseSource(1, "oud", ("omroep oost",), "Fusie weer een stap dichterbij", 2017, 3),
        CaseSource(2, "debat", ("omroep oost",), "Discussie over fusie barst los", 2020, 1),
        CaseSource(3, "evaluatie", ("omroep oost",), "Gemeenten moeten over drie jaar fuseren",
                   2020, 4),
        CaseSource(4, "peiling", ("omroep oost",), "Referendum: inwoners stemmen tegen fusie",
                   2020, 10),
        CaseSource(5, "blad", ("dagblad west",), "Raad kiest voor samenwerking", 2020, 5)]


@pytest.mark.parametrize(("said", "ids", "cited"), [
    ("evaluatie van het bureau (Omroep Oost, april 2020)", (), (3,)),        # month
    ("discussie in de raad (Omroep Oost, 2020)", (), (2,)),                 # title word
    ("uitslag van het referendum (Omroep Oost, 2020)", (), (4,)),           # title word
    ("besluit van de raden (Omroep Oost, 2017)", (), (1,)),                 # year
    ("wat de raad vond (Omroep Oost, 2020)", (), ()),                       # cannot tell: none
    ("de raad (Dagblad West, 2020)", (), (5,)),                             # one of its name
    ("referendum (Omroep Oost, 2020); reactie (Dagblad West)", (), (4, 5)),  # two names
    ("wat de raad vond (Omroep Oost, 2020)", ("debat", "blad"), (2, 5)),     # by id
    ("niets dat een bron noemt", (), ()),
])
def test_a_bron_cites_only_the_sources_it_points_at(said: str, ids: tuple[str, ...],
                                                    cited: tuple[int, ...]) -> None:
    assert matching(said, NEWS, ids) == cited


CASE = """
casus:
  id: bronnen
  titel: Bronnen
  datum: "2021-01-01"
  bronnen:
    - {id: debat, title: Discussie over fusie barst los, publisher: Omroep Oost, year: 2020}
    - {id: peiling, title: "Referendum: inwoners stemmen tegen", publisher: Omroep Oost, year: 2020}
feiten:
  draagvlak_inwoners: {waarde: laag, bron: "uitslag (Omroep Oost, 2020)", bron_id: BRON}
"""


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb([], [], use_env=False)


def test_bron_id_names_the_cited_source_and_must_be_a_case_source(kb: KnowledgeBase) -> None:
    case = load_case_text(CASE.replace("BRON", "peiling"), "b.yaml", kb.vocab,
                          sources=kb.catalogues.sources)
    assert case.source_ids[(CASE_KEY, "draagvlak_inwoners")] == ("peiling",)
    with pytest.raises(CaseError) as err:
        load_case_text(CASE.replace("BRON", "peilng"), "b.yaml", kb.vocab,
                       sources=kb.catalogues.sources)
    shown = " ".join(str(p) for p in err.value.problems)
    assert "bron_id" in shown and "peiling" in shown, shown   # place and "did you mean"


def _shipped() -> Pipeline:
    return Pipeline(engine_name="python")


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names())
def test_a_step_referred_to_another_reasoning_brings_none_of_its_sources(name: str) -> None:
    """Review 8 (third time): "Preventief toezicht: eerst financieel herstel [4, 5, 1, 2, 3, 6]"
    — a chain cites what its own steps rest on, not what the reasoning it refers to does."""
    from pvrules.explain.registry import Registry

    pipe = _shipped()
    ctx = ExplainContext(pipe.kb, pipe.evaluate(pipe.load_case(f"example:{name}")), "nl")
    reg = Registry(ctx)
    referring = 0
    for firing in ctx.result.firings:
        number = reg.chain([firing.key])
        chain = next(c for c in reg.chains if c.number == number)
        steps = ctx.builder.steps_for([firing.key])
        assert len(steps) == len(chain.steps)
        shown = [s for s, (_t, text) in zip(steps, chain.steps, strict=True)
                 if not re.fullmatch(ctx.msg("chain.see", n=r"\d+").replace(".", r"\."), text)]
        referring += len(shown) < len(steps)
        # the header cites at most what its own shown steps rest on (doc8: the reasoning's
        # own sources; each step cites its own), never a referred reasoning's
        assert set(chain.sources) <= set(reg.cite(x for s in shown for x in s.sources)), \
            (name, chain.title)
    assert referring or name != "kleine-kwetsbare-gemeente"
