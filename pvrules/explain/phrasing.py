"""People's words for facts, tests and changes of facts, in one language.

The texts come from the message catalogue (:mod:`pvrules.messages`); this
module only chooses and fills them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pvrules.compile.ir import CASE, Cmp, In, Known, Leaf
from pvrules.explain.advice import AdviceBuilder, SourceView
from pvrules.explain.blame import LeafFailure
from pvrules.explain.domains import Domains, FactValue, Slot
from pvrules.explain.texts import client_label
from pvrules.kb import KnowledgeBase
from pvrules.messages import Messages
from pvrules.validate.case import EntityKey

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, cheaper to create: a cold start
    from pvrules.explain.frozen import dataclass

INTERNAL = {"internal": True}
"""Field metadata: left out of JSON output (engine objects kept for checking)."""


@dataclass(frozen=True)
class Change:
    """One changed input fact, in people's words and as a ``--set`` argument."""

    fact: str
    label: str
    entity: str | None
    entity_key: EntityKey
    old: str
    new: str
    set_arg: str
    cost: float
    derived: bool = False
    new_raw: object = None


class Phraser:
    """Turns facts, tests and changes into plain sentences in the builder's language."""

    def __init__(self, builder: AdviceBuilder, msg: Messages) -> None:
        """Phrase for the result of ``builder`` (the context's), with its messages."""
        self.builder = builder
        self.kb = builder.kb
        self.result = builder.result
        self.lang = builder.lang
        self.vocab = builder.kb.vocab
        self.msg = msg

    def entity(self, key: EntityKey | None) -> str | None:
        """``Opgave Sociaal domein``; ``None`` for the case."""
        return self.builder.entity_label(key)

    def value(self, fact_id: str, value: FactValue | None) -> str:
        """A value for people; lists joined, unknown as ``onbekend``."""
        if isinstance(value, tuple):
            if not value:
                return self.msg("value.nothing")
            return ", ".join(self.vocab.display(fact_id, v, self.lang) for v in value)
        return self.vocab.display(fact_id, value, self.lang)

    def label(self, fact_id: str) -> str:
        """A fact's label, naming the client's own organ (:func:`texts.client_label`)."""
        return client_label(self.vocab.facts[fact_id].label.get(self.lang), self.result.case,
                            self.msg)

    def fact(self, slot: Slot) -> str:
        """``Draagvlak`` or ``Schaal (Opgave Sociaal domein)``."""
        label = self.label(slot[1])
        ent = self.entity(slot[0])
        return f"{label} ({ent})" if ent else label

    def _for(self, key: EntityKey) -> str:
        ent = self.entity(key)
        return f" {self.msg('word.for')} {ent}" if ent else ""

    def test(self, leaf: Leaf) -> str:
        """What a leaf test asks: ``minstens gemiddeld``, ``bekend``."""
        fact = leaf.ref.fact
        if isinstance(leaf, Known):
            return self.msg("test.known" if leaf.known else "test.unknown")
        if isinstance(leaf, Cmp):
            return self.msg(f"op.{leaf.op}", v=self.value(fact, leaf.value))
        if isinstance(leaf, In):
            joined = self.msg.join_or([self.value(fact, v) for v in leaf.values])
            return self.msg("op.ne", v=joined) if leaf.negated else joined
        shown = self.value(fact, leaf.value)
        return self.msg("test.without" if leaf.negated else "test.with", v=shown)

    def how_derived(self, slot: Slot) -> str | None:
        """Where a derived fact's value came from, or ``None`` for an input fact."""
        if self.vocab.facts[slot[1]].origin != "derived":
            return None
        got = self.result.derived.get(slot)
        if got is None:
            return self.msg("how.none")
        if got.by is None:
            return self.msg("how.default")
        return self.msg("how.by", title=self.kb.entries[got.by[0]].spec.title.get(self.lang))

    def failure(self, fail: LeafFailure) -> str:
        """One failing test as a sentence."""
        slot, leaf = fail.slot, fail.leaf
        fact = self.vocab.facts[slot[1]]
        label = self.label(fact.id)
        where = self._for(slot[0])
        needed = self.test(leaf)
        if isinstance(leaf, Known):
            if not leaf.known:
                return self.msg("fail.known_but_unknown_needed", label=label, where=where,
                                shown=self.value(slot[1], fail.actual))
            return self.msg("fail.unknown_but_known_needed", label=label, where=where)
        if fail.actual is None:
            how = self.how_derived(slot)
            if how is not None:
                return self.msg("fail.derived_unknown", label=label, where=where, how=how,
                                needed=needed)
            key = "fail.unknown_bool" if fact.type == "bool" else "fail.unknown"
            return self.msg(key, label=label, where=where, needed=needed)
        how = self.how_derived(slot)
        return self.msg("fail.actual", name=self.fact(slot),
                        shown=self.value(slot[1], fail.actual),
                        extra=f" ({how})" if how else "", needed=needed)

    def change(self, slot: Slot, new: FactValue | None, domains: Domains | None = None
               ) -> Change:
        """A change of one fact, with its ``--set`` form."""
        old = self.result.value(slot[0], slot[1])
        cost = domains.cost(slot[1], old, new) if domains is not None else 1.0
        raw = self._raw(slot[1], new)
        where = slot[1] if slot[0][0] == CASE else f"{slot[0][0]}:{slot[0][1]}.{slot[1]}"
        derived = self.vocab.facts[slot[1]].origin == "derived"
        return Change(slot[1], self.label(slot[1]),
                      self.entity(slot[0]), slot[0], self.value(slot[1], old),
                      self.value(slot[1], new), "" if derived else f"{where}={_yaml(raw)}",
                      cost, derived, raw)

    def _raw(self, fact_id: str, value: FactValue | None) -> object:
        if value is None:
            return None
        if isinstance(value, tuple):
            return [self.vocab.raw_value(fact_id, v) for v in value]
        return self.vocab.raw_value(fact_id, value)

    def changes_sentence(self, changes: tuple[Change, ...]) -> str:
        """``Draagvlak van laag naar hoog en ...``."""
        parts = []
        for c in changes:
            name = f"{c.label} ({c.entity})" if c.entity else c.label
            if c.new_raw is None:
                parts.append(self.msg("change.leave_out", name=name, old=c.old))
            elif c.old == self.value(c.fact, None):
                parts.append(self.msg("change.fill_in", name=name, new=c.new))
            else:
                parts.append(self.msg("change.from_to", name=name, old=c.old, new=c.new))
        return self.msg.join(parts)


def source_views(kb: KnowledgeBase, ids: set[str], day: dt.date) -> tuple[SourceView, ...]:
    """The cited sources ``ids``, sorted, as shown to people; none published after ``day``."""
    out = []
    for sid in kb.citable_sources(sorted(ids), day):
        src = kb.catalogues.sources[sid]
        out.append(SourceView(src.id, src.title, src.url, src.section, src.uncertain))
    return tuple(out)


def _yaml(raw: object) -> str:
    if raw is None:
        return "null"
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, list):
        return "[" + ", ".join(str(v) for v in raw) + "]"
    return str(raw)
