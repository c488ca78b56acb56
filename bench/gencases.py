"""Random cases for the shipped vocabulary (benchmarks only): every input fact may be set."""

from __future__ import annotations

import random
from typing import Any

from pvrules.validate.vocab import Vocabulary


def _value(rng: random.Random, vocab: Vocabulary, fact: Any) -> Any:
    if fact.type in ("level", "enum"):
        return rng.choice([v.id for v in vocab.value_defs(fact)])
    if fact.type == "list":
        ids = [v.id for v in vocab.value_defs(fact)]
        return rng.sample(ids, rng.randint(0, min(3, len(ids))))
    if fact.type == "bool":
        return rng.random() < 0.5
    if fact.type == "text":  # free text (a date, a name): a valid ISO date fits every text fact
        return f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    low = 0 if fact.min is None else fact.min
    high = 100 if fact.max is None else fact.max
    value = rng.uniform(low, min(high, low + 200_000))
    return int(value) if fact.integer else round(value, 2)


def facts(rng: random.Random, vocab: Vocabulary, entity: str, p_unknown: float) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for fact in vocab.facts_of(entity):
        if fact.origin != "input" or rng.random() < p_unknown:
            continue
        out[fact.id] = _value(rng, vocab, fact)
    return out


def shipped_case(rng: random.Random, vocab: Vocabulary, index: int, counts: dict[str, int],
                 p_unknown: float = 0.3) -> dict[str, Any]:
    """A case with ``counts[entity]`` entities of each type (others: 0-3 at random)."""
    data: dict[str, Any] = {"casus": {"id": f"gen-{index}", "titel": f"Generated case {index}"},
                            "feiten": facts(rng, vocab, "case", p_unknown)}
    for ent in vocab.entities.values():
        if ent.id == "case":
            continue
        n = counts.get(ent.id, rng.randint(0, 3))
        data[ent.collection] = [{"id": f"{ent.id[:3]}{i}", **facts(rng, vocab, ent.id, p_unknown)}
                                for i in range(n)]
    return data
