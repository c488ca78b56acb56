"""Numbering in the body's order: each reasoning chain and each source once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pvrules.compile.ir import And, Derive, Exists, ForAll, Known, Node, Or, facts_read
from pvrules.explain.advice import FactView, Step
from pvrules.explain.basics import (
    MEDIUM,
    chain_certainty,
    corner_ids,
    level_fact,
    low_certainty,
    peildatum,
    provisional,
    weakest,
)
from pvrules.explain.bron_match import case_source, matching
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import Chain, SourceRef
from pvrules.explain.texts import client_label
from pvrules.infer.result import FiringKey
from pvrules.validate.case import CASE_KEY, EntityKey
from pvrules.validate.vocab import PEILDATUM

BY_TITLE = frozenset({"wet", "beleidskader"})
"""Kinds of source named by their title in running text."""
MAX_GROUNDS = 8
"""At most this many facts under "Op grond van"; the rest are counted."""


class Registry:
    """Numbers chains and sources in order of first reference, each once."""

    def __init__(self, ctx: Ctx) -> None:
        """Number for ``ctx``."""
        self.ctx = ctx
        self._chains: dict[tuple[FiringKey, ...], Chain] = {}
        self._sources: dict[str, SourceRef] = {}
        self._names: dict[str, str] | None = None
        self._next = 1
        self._levels: dict[str, str] | None = None
        self.day = peildatum(ctx)

    # -- sources ---------------------------------------------------------------------------

    def cite(self, ids: Iterable[str], case: bool = False) -> tuple[int, ...]:
        """Numbers of the sources ``ids`` (registered on first citation); later ones dropped."""
        out: list[int] = []
        for sid in ids:
            ref = self._source(sid, case)
            if ref is not None and ref.number not in out:
                out.append(ref.number)
        return tuple(out)

    def case_sources(self) -> tuple[int, ...]:
        """Numbers of the case's own sources (``casus.bronnen``), registered before any other.

        The facts of the case rest on them; a source published after the peildatum is left out.
        """
        return self.cite(self.ctx.result.case.meta.bronnen, case=True)

    def _source(self, sid: str, case: bool = False) -> SourceRef | None:
        kb = self.ctx.kb
        if self.day is not None and sid in kb.catalogues.sources:
            sid = kb.cite_as(sid, self.day, vouched=case) or ""  # replaced: its successor
        if sid in self._sources:
            return self._sources[sid]
        src = kb.catalogues.sources.get(sid)
        if src is None or not (case or src.applies(self.ctx.result.values)):
            return None  # unknown, or a framework whose scope is not on the table
        ref = SourceRef(len(self._sources) + 1, src.id, src.title, _known(src.author),
                        _known(src.publisher), src.year, src.url, src.kind, case)
        self._sources[sid] = ref
        return ref

    def short(self, number: int) -> str:
        """A cited source in a few words: ``Berenschot (2019) [4]``."""
        ref = next(r for r in self._sources.values() if r.number == number)
        if ref.kind in BY_TITLE:  # "Gemeentewet [6]", not its publisher
            return f"{ref.title.split(' (', 1)[0]} [{number}]"
        name = ref.author or ref.publisher or ref.title
        return f"{name}{f' ({ref.year})' if ref.year else ''} [{number}]"

    @property
    def sources(self) -> tuple[SourceRef, ...]:
        """Every cited source, in number order."""
        return tuple(self._sources.values())

    # -- chains ----------------------------------------------------------------------------

    def chain(self, keys: Sequence[FiringKey]) -> int | None:
        """The number of the chain to the firings ``keys`` (registered on first reference)."""
        if not keys:
            return None
        ident = tuple(keys)
        found = self._chains.get(ident)
        if found is None:
            number, self._next = self._next, self._next + 1
            found = self._build(ident, number)
            self._chains[ident] = found
        return found.number

    def _build(self, keys: tuple[FiringKey, ...], number: int) -> Chain:
        """The chain to ``keys``; a corner's diagnosis inside it is referred to by number."""
        ctx = self.ctx
        steps = ctx.builder.steps_for(list(keys))
        low = low_certainty(ctx, keys)
        names = self.names
        last = steps[-1]
        vocab = ctx.kb.vocab
        grounds: list[tuple[str, str, str, list[str]]] = []  # label, value, suffix, entities
        shown_steps: list[tuple[str, str]] = []
        referred: set[int] = set()  # steps shown as "Zie redenering N": their sources are N's
        certainty = chain_certainty(ctx, keys)
        for at, step in enumerate(steps):
            corner = self._corner_of_step(step.rule_id)
            if corner is not None and provisional(ctx, corner) is not None:
                certainty = weakest((certainty, MEDIUM))  # a provisional corner level
            title = self._titled(step.title, step.focus if step.focus != last.focus else None)
            if corner is not None and step is not last and len(steps) > 1:
                by = ctx.result.derived.get((CASE_KEY, level_fact(ctx, corner) or corner))
                ref = self.chain([by.by]) if by is not None and by.by is not None else None
                if ref is not None:  # the diagnosis has its own chain: refer to it
                    shown_steps.append((title, ctx.msg("chain.see", n=ref)))
                    referred.add(at)
                    continue
            shown_steps.append((title, step.text))
            if len(steps) > 1:  # each step cites what it rests on (review 9 #7)
                cited = self.cite(step.sources)
                if cited:
                    shown_steps[-1] = (title, f"{step.text} [{', '.join(map(str, cited))}]")
            wanted = _tested_unknown(ctx.kb.rule(step.rule_id).condition)
            entry = ctx.kb.entries.get(step.rule_id)
            absent = _only_under_no(entry.spec.when) if entry is not None else frozenset()
            for fv in step.facts:
                fdef = vocab.facts.get(fv.fact)
                if fv.derived or fv.fact == PEILDATUM or (fdef is not None and not fdef.ground):
                    continue  # the date is stated once, up front; a gate is no ground
                if fv.raw is False and fdef is not None and fdef.type == "bool":
                    continue  # "x: nee" only rules a case out; it is no ground for the advice
                if not fv.known and fv.fact not in wanted:
                    continue  # read only to rule a case out ("no partner is centrumgemeente")
                if fv.fact in absent and fv.fact not in wanted:
                    continue  # read only under `no:` ("no option is a herindeling")
                said = f"{fv.label}{f' ({fv.entity})' if fv.entity else ''}"
                own = names.get(fv.entity) if fv.entity and fv.entity != last.focus else None
                suffix = (" " + ctx.msg("chain.uncertain_fact")) if said in low[2] else ""
                own_sources = self._case_sources_of(fv)
                if own_sources:
                    suffix += f" [{', '.join(str(n) for n in own_sources)}]"
                _add_ground(grounds, client_label(fv.label, ctx.result.case, ctx.msg), fv.value,
                            suffix, own)
        facts = [f"{label}{f' ({ctx.msg.join(owns)})' if owns else ''}: {value}{suffix}"
                 for label, value, suffix, owns in grounds]
        if len(facts) > MAX_GROUNDS:
            rest = len(facts) - MAX_GROUNDS + 1
            facts = [*facts[:MAX_GROUNDS - 1], ctx.msg("chain.more_grounds", n=rest)]
        head = self._head(keys, steps) or last
        # the header cites the sources of the reasoning that names it; the steps below it
        # cite their own (a business case's sources are not the preventief toezicht's)
        sources = (self.cite(head.sources) if len(steps) > 1 and head.sources else
                   self.cite(s for at, step in enumerate(steps) if at not in referred
                             for s in step.sources))
        text = " ".join(s.text for s in steps if s.text)
        return Chain(number, self._titled(head.title, head.focus), text,
                     tuple(facts), certainty, sources, tuple(shown_steps))

    def _head(self, keys: tuple[FiringKey, ...], steps: Sequence[Step]) -> Step | None:
        """The step that names a chain: the firing of highest rule priority among ``keys``.

        That is the reasoning that gives the why of what the chain explains (the same firing
        :func:`pvrules.explain.decisions._best_firing` picks), not whichever step comes last.
        """
        if len(keys) < 2:
            return None
        kb = self.ctx.kb
        best = max(keys, key=lambda k: (kb.rule(k[0]).priority, -kb.rule(k[0]).index))
        label = self.ctx.builder.entity_label(best[1]) if best[1] is not None else None
        return next((s for s in reversed(steps) if s.rule_id == best[0]
                     and (best[1] is None or s.focus == label)), None)

    def stated_sources(self, key: FiringKey) -> tuple[int, ...]:
        """The case's own sources that the facts a firing rests on name in their ``bron``.

        A cell that states a case fact ("de raden dragen deze optie") then cites where the
        case has it from, next to the general source of the rule.
        """
        out: list[int] = []
        for step in self.ctx.builder.steps_for([key])[-1:]:
            for fv in step.facts:
                out.extend(n for n in self._case_sources_of(fv) if n not in out)
        return tuple(out)

    def _case_sources_of(self, fv: FactView) -> tuple[int, ...]:
        """The case's own sources a stated fact's ``bron`` names (by author or publisher).

        "Berenschot (2019), via De Parel van Brabant" cites both case sources, so that a
        reader sees at the fact where it comes from.
        """
        case = self.ctx.result.case
        key = next((e.key for e in case.all_entities()
                    if self.ctx.builder.entity_label(e.key) == fv.entity), None) \
            if fv.entity else CASE_KEY
        return self.cited_at(key, fv.fact) if key is not None else ()

    def cited_at(self, key: EntityKey, fact: str) -> tuple[int, ...]:
        """The numbers of the case's own sources a stated fact rests on.

        Those its ``bron_id`` names, else the one its ``bron`` text points at per author or
        publisher it names (:func:`pvrules.explain.bron_match.matching`).
        """
        case = self.ctx.result.case
        said = case.provenance.get((key, fact))
        ids = case.source_ids.get((key, fact), ())
        if not said and not ids:
            return ()
        known = self.ctx.kb.catalogues.sources
        own = [case_source(r.number, r.id, known[r.id]) for r in self._sources.values()
               if r.case and r.id in known]
        return matching(said or "", own, ids)

    def _corner_of_step(self, rule_id: str) -> str | None:
        """The corner whose level the rule ``rule_id`` derives, if any."""
        if self._levels is None:
            self._levels = {f: c for c in corner_ids(self.ctx)
                            if (f := level_fact(self.ctx, c)) is not None}
        for concl in self.ctx.kb.rule(rule_id).conclusions:
            if isinstance(concl, Derive) and concl.fact in self._levels:
                return self._levels[concl.fact]
        return None

    @property
    def names(self) -> dict[str, str]:
        """Each entity as the steps show it (``Optie X``) to its own name (``X``)."""
        if self._names is None:
            builder = self.ctx.builder
            self._names = {label: e.name or e.id for e in self.ctx.result.case.all_entities()
                           if (label := builder.entity_label(e.key)) is not None}
        return self._names

    def _titled(self, title: str, focus: str | None) -> str:
        """A title with the entity it is about, by name (``Titel — GR X``), unless it names it."""
        name = self.names.get(focus, focus) if focus else None
        return f"{title} — {name}" if name and name not in title else title

    @property
    def chains(self) -> tuple[Chain, ...]:
        """Every chain, in number order."""
        return tuple(sorted(self._chains.values(), key=lambda c: c.number))


UNKNOWN_NAMES = frozenset({"", "onbekend", "unknown", "n.n.", "anoniem", "anonymous"})


def _known(name: str | None) -> str | None:
    """An author or publisher, or ``None`` when the knowledge base says it is unknown.

    A reader then sees the work cited without it, never "onbekend".
    """
    return None if name is None or name.strip().lower() in UNKNOWN_NAMES else name


def _tested_unknown(node: Node, every: bool = False) -> frozenset[str]:
    """The facts a rule condition needs unknown: its grounds when they are unknown.

    ``{known: false}`` where the condition needs it, or a choice (``any``) reading only that
    fact ("unknown, or not true"), or an alternative of a choice ("policy-rich, or unknown").
    Over every entity (``every``), a fact a choice also tests by value ("unknown or not a
    committed centrumgemeente", for every partner) only failed to rule the case out:
    "Centrumgemeente (A, B en Provincie C): onbekend" is no ground.
    """
    if isinstance(node, Known):
        return frozenset({node.ref.fact}) if not node.known else frozenset()
    if isinstance(node, ForAll):
        return _tested_unknown(node.cond, True)
    if isinstance(node, Exists):
        return _tested_unknown(node.cond, every)
    if isinstance(node, And):
        return frozenset().union(*(_tested_unknown(i, every) for i in node.items))
    if isinstance(node, Or):
        read = facts_read(node)
        if len(read) == 1 and any(isinstance(i, Known) and not i.known for i in node.items):
            return frozenset(read)
        tested = frozenset().union(*(_tested_unknown(i, every) for i in node.items))
        if not every:  # "rich, or unknown, or not about space": the unknown is a reason
            return tested
        # over every entity: "unknown or not a centrumgemeente" only rules the case out
        valued = set().union(*(facts_read(i) - _tested_unknown(i, every) for i in node.items))
        return tested - valued
    return frozenset()


def _add_ground(grounds: list[tuple[str, str, str, list[str]]], label: str, value: str,
                suffix: str, own: str | None) -> None:
    """Add one ground; the same fact with the same value for several entities is one line.

    "Centrumgemeente (Voorschoten, Wassenaar en Leiden): onbekend", not one line each.
    """
    for g_label, g_value, g_suffix, owns in grounds:
        if (g_label, g_value, g_suffix) == (label, value, suffix) and (own is None) == (not owns):
            if own is not None and own not in owns:
                owns.append(own)
            return
    grounds.append((label, value, suffix, [own] if own is not None else []))


_KEYWORDS = frozenset({"all", "any", "not", "some", "no", "every", "where", "as"})


def _facts_in(raw: object, under_no: bool, out: tuple[set[str], set[str]]) -> None:
    """Collect the facts a raw rule condition names: (under a ``no:``, elsewhere)."""
    if isinstance(raw, list):
        for item in raw:
            _facts_in(item, under_no, out)
    elif isinstance(raw, dict):
        no = under_no or "no" in raw
        for key, value in raw.items():
            if key in _KEYWORDS:
                _facts_in(value, no if key == "where" else under_no, out)
            elif isinstance(key, str):
                out[0 if under_no else 1].add(key.rsplit(".", 1)[-1])


def _only_under_no(when: object) -> frozenset[str]:
    """The facts a rule reads only in a ``no: … where`` (ruling a case out, never a ground)."""
    under, elsewhere = set[str](), set[str]()
    _facts_in(when, False, (under, elsewhere))
    return frozenset(under - elsewhere)
