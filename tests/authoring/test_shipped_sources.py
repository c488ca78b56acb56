"""The shipped knowledge base cites sources only where they can carry the sentence.

The same checks as the lint (``source-not-for``, ``source-no-author``, ``route-source-unseen``),
run on the built-in rules without the cost of a full lint, so that an edit that puts a theory
source back at an option's effect, or a nameless source back in, fails the edit loop.
"""

from __future__ import annotations

import pytest

from pvrules.authoring.check_claims import NORM_KINDS
from pvrules.authoring.check_sources import is_named
from pvrules.kb import KnowledgeBase
from pvrules.pipeline import Pipeline


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return Pipeline(engine_name="python").kb


def _actions(kb: KnowledgeBase, rule_id: str) -> list[dict[str, object]]:
    then = kb.entries[rule_id].spec.model_dump().get("then") or []
    return [{k: v for k, v in a.items() if v is not None} for a in then if isinstance(a, dict)]


def test_no_effect_rests_on_a_source_that_does_not_carry_effects(kb: KnowledgeBase) -> None:
    sources = kb.catalogues.sources
    bad = [(rid, ref) for rid, entry in kb.entries.items()
           if any(a.get("effect") for a in _actions(kb, rid))
           for ref in entry.spec.sources
           if ref in sources and "effect" in (sources[ref].not_for or ())]
    assert not bad, f"option effects citing a source with not_for: effect: {bad}"


def test_every_source_names_an_author_or_publisher(kb: KnowledgeBase) -> None:
    nameless = [s.id for s in kb.catalogues.sources.values()
                if not (is_named(s.author) or is_named(s.publisher))]
    assert not nameless, f"sources a reader cannot look up: {nameless}"


def test_route_only_rules_cite_laws_or_nothing(kb: KnowledgeBase) -> None:
    sources = kb.catalogues.sources
    bad = [(rid, ref) for rid, entry in kb.entries.items()
           if (acts := _actions(kb, rid)) and all(set(a) == {"route"} for a in acts)
           for ref in entry.spec.sources
           if ref in sources and sources[ref].kind not in NORM_KINDS]
    assert not bad, f"route-only rules citing a study or web page nobody sees cited: {bad}"
