"""``evaluate()``: the shortest way to run the rules on a few facts in a Python test."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from pvrules.infer.engine import Engine, make_engine
from pvrules.infer.result import Result
from pvrules.kb import KnowledgeBase, load_kb
from pvrules.load.yamlio import Document
from pvrules.validate.case import case_from_document


@lru_cache(maxsize=8)
def _loaded(rules_dirs: tuple[str, ...], knowledge_dirs: tuple[str, ...], include_builtin: bool,
            engine: str) -> tuple[KnowledgeBase, Engine]:
    kb = load_kb(rules_dirs, knowledge_dirs, include_builtin=include_builtin)
    return kb, make_engine(kb, engine, notice=False)


def _is_case(data: Mapping[str, Any], kb: KnowledgeBase) -> bool:
    collections = {e.collection for e in kb.vocab.entities.values()}
    return bool(data) and all(k in {"casus", "feiten", "afloop", *collections} for k in data)


def evaluate(facts_or_case: Mapping[str, Any], *,
             rules_dirs: Sequence[str | os.PathLike[str]] = (),
             knowledge_dirs: Sequence[str | os.PathLike[str]] = (),
             include_builtin: bool = True, engine: str = "python",
             overrides: Sequence[str] = ()) -> Result:
    """Evaluate a case given as a dict, with the built-in knowledge base (plus extensions).

    ``facts_or_case`` is either a whole case (``casus``, ``feiten``, ``opgaven``...;
    ``casus`` may be left out) or just the facts of the case as a whole::

        result = evaluate({"draagvlak_raad": "laag"})
        result = evaluate({"feiten": {...}, "opgaven": [{"id": "o1", ...}]})

    Raises:
        CaseError: the case does not fit the vocabulary.
        RuleFileError: the knowledge base cannot be loaded.
    """
    kb, eng = _loaded(tuple(map(str, rules_dirs)), tuple(map(str, knowledge_dirs)),
                      include_builtin, engine)
    data: dict[str, Any] = dict(facts_or_case) if _is_case(facts_or_case, kb) \
        else {"feiten": dict(facts_or_case)}
    data.setdefault("casus", {"id": "evaluate", "titel": "pvrules.testing.evaluate"})
    return eng.evaluate(case_from_document(Document(data, "<evaluate>", {}), kb.vocab,
                                           overrides))
