"""Check a fact's ``ask:`` against the whole vocabulary (:mod:`pvrules.validate.ask`)."""

from __future__ import annotations

from pvrules.validate.vocab import Vocabulary
from pvrules.validate.vocabulary import FactDef


def ask_problems(fact: FactDef, vocab: Vocabulary) -> list[tuple[str, tuple[str, ...]]]:
    """What is wrong with ``fact``'s ``ask:`` (message, allowed): unknown facts or values."""
    ask = fact.ask
    if isinstance(ask, bool):
        return []
    out: list[tuple[str, tuple[str, ...]]] = []
    for cond in ask.conditions():
        for name, values in cond.items():
            named = vocab.facts.get(name)
            if named is None:
                out.append((f"'ask' names unknown fact '{name}'",
                            tuple(f.id for f in vocab.facts_of(fact.entity))))
                continue
            if named.id == fact.id:
                out.append((f"'ask' of '{fact.id}' cannot depend on the fact itself", ()))
                continue
            for value in values:
                try:
                    vocab.normalize(named, value)
                except ValueError as err:
                    out.append((f"'ask' condition on '{name}': {err}", vocab.allowed(named)))
    kinds = {vocab.facts[n].entity for n in ask.answered_by or () if n in vocab.facts}
    if len(kinds) > 1:
        out.append(("'ask: answered_by' names facts of one kind of entity only, not of "
                    + " and ".join(sorted(kinds)), ()))
    return out
