"""Names in the built-in knowledge base that a reader types must mean one thing.

`pvrules explain/whatif --target NAME` refuses a name that is both a catalogue item and a
fact; an item that a rule recommends must therefore never share its id with a fact.
"""

from __future__ import annotations

from pvrules.kb import load_kb


def test_no_catalogue_item_has_the_id_of_a_fact() -> None:
    kb = load_kb(use_env=False)
    clashes = sorted(set(kb.catalogues.items) & set(kb.vocab.facts))
    assert not clashes, f"both a catalogue item and a fact: {clashes}; rename the item"
