"""Numbering in the body's order: each reasoning chain and each source once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pvrules.explain.basics import LOW, low_certainty, peildatum
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import Chain, SourceRef
from pvrules.infer.result import FiringKey
from pvrules.validate.vocab import PEILDATUM


class Registry:
    """Numbers chains and sources in order of first reference, each once."""

    def __init__(self, ctx: Ctx) -> None:
        """Number for ``ctx``."""
        self.ctx = ctx
        self._chains: dict[tuple[FiringKey, ...], Chain] = {}
        self._sources: dict[str, SourceRef] = {}
        self._names: dict[str, str] | None = None
        self.day = peildatum(ctx)

    # -- sources ---------------------------------------------------------------------------

    def cite(self, ids: Iterable[str]) -> tuple[int, ...]:
        """Numbers of the sources ``ids`` (registered on first citation); later ones dropped."""
        out: list[int] = []
        for sid in ids:
            ref = self._source(sid)
            if ref is not None and ref.number not in out:
                out.append(ref.number)
        return tuple(out)

    def _source(self, sid: str) -> SourceRef | None:
        if sid in self._sources:
            return self._sources[sid]
        kb = self.ctx.kb
        src = kb.catalogues.sources.get(sid)
        if src is None or (self.day is not None and kb.source_after(sid, self.day)):
            return None
        ref = SourceRef(len(self._sources) + 1, src.id, src.title, _known(src.author),
                        _known(src.publisher), src.year, src.url, src.kind)
        self._sources[sid] = ref
        return ref

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
            found = self._build(ident)
            self._chains[ident] = found
        return found.number

    def _build(self, keys: tuple[FiringKey, ...]) -> Chain:
        ctx = self.ctx
        steps = ctx.builder.steps_for(list(keys))
        low = low_certainty(ctx, keys)
        names = self.names
        last = steps[-1]
        facts: list[str] = []
        for step in steps:
            for fv in step.facts:
                if fv.derived or fv.fact == PEILDATUM:  # the date is stated once, up front
                    continue
                said = f"{fv.label}{f' ({fv.entity})' if fv.entity else ''}"
                own = names.get(fv.entity) if fv.entity and fv.entity != last.focus else None
                shown = f"{fv.label}{f' ({own})' if own else ''}: {fv.value}"
                if said in low[2]:
                    shown += " " + ctx.msg("chain.uncertain_fact")
                if shown not in facts:
                    facts.append(shown)
        sources = self.cite(s for step in steps for s in step.sources)
        text = " ".join(s.text for s in steps if s.text)
        return Chain(len(self._chains) + 1, self._titled(last.title, last.focus), text,
                     tuple(facts), LOW if low[0] else "hoog", sources,
                     tuple((self._titled(s.title, s.focus if s.focus != last.focus else None),
                            s.text) for s in steps))

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
