"""Build the advice from a result: diagnosis, recommendations and their reasoning.

Everything here is plain data (dataclasses), in one language, ready for any
renderer (Markdown, JSON, HTML, Word). Ordering is deterministic.
"""

from __future__ import annotations

from dataclasses import field
from typing import TYPE_CHECKING, Any

from pvrules.compile.ir import CASE
from pvrules.explain.casefacts import aggregate_text, per_partner_text, stated_sources
from pvrules.explain.hedge import hedged
from pvrules.explain.scoring import score
from pvrules.explain.texts import organs, render_text
from pvrules.infer.result import Firing, FiringKey, Result
from pvrules.kb import KnowledgeBase
from pvrules.messages import Messages
from pvrules.validate.case import CASE_KEY, EntityKey
from pvrules.validate.vocab import PEILDATUM, Vocabulary

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, cheaper to create: a cold start
    from pvrules.explain.frozen import dataclass


@dataclass(frozen=True)
class FactView:
    """A fact as shown to people."""

    entity: str | None
    fact: str
    label: str
    value: str
    known: bool
    derived: bool
    raw: object = None


@dataclass(frozen=True)
class SourceView:
    """A cited source."""

    id: str
    title: str
    url: str | None
    section: str | None
    uncertain: bool


@dataclass(frozen=True)
class Step:
    """One step of reasoning: a rule that fired, on which facts, concluding what."""

    number: int
    rule_id: str
    title: str
    focus: str | None
    text: str
    facts: tuple[FactView, ...]
    conclusion: str
    uses_steps: tuple[int, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Recommendation:
    """An item recommended (or advised against) for a target."""

    item: str
    label: str
    catalogue: str
    catalogue_label: str
    target: str | None
    target_key: tuple[str, str]
    status: str
    status_label: str
    strength: str
    strength_label: str
    reasoning: tuple[Step, ...]
    against: tuple[Step, ...]
    rules_for: tuple[str, ...]
    rules_against: tuple[str, ...]
    competes_with: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Corner:
    """One corner of the triangle: its level and the indicators it rests on."""

    id: str
    label: str
    level: str
    rank: int | None
    max_rank: int
    indicators: tuple[FactView, ...]
    reasoning: tuple[Step, ...]


@dataclass(frozen=True)
class Advice:
    """The whole advice for one case, in one language."""

    lang: str
    case_id: str
    title: str
    question: str | None
    client: str | None
    date: str | None
    notes: str | None
    entities: tuple[tuple[str, str, str, str | None], ...]
    corners: tuple[Corner, ...]
    recommendations: tuple[Recommendation, ...]
    derived: tuple[FactView, ...]
    unknown: tuple[FactView, ...]
    sources: tuple[SourceView, ...]
    firings: int
    engine: str
    kb_hash: str
    extras: dict[str, Any] = field(default_factory=dict)


class AdviceBuilder:
    """Turns a :class:`Result` into an :class:`Advice` in ``lang``."""

    def __init__(self, kb: KnowledgeBase, result: Result, lang: str = "nl") -> None:
        """Prepare lookups for ``result``."""
        self.kb = kb
        self.result = result
        self.lang = lang
        self.vocab = kb.vocab
        self.msg = Messages(lang)
        self._entities = {typ: [e.key for e in ents]
                          for typ, ents in result.case.entities.items()}
        self._firings = {f.key: f for f in result.firings}
        self._step_cache: dict[FiringKey, tuple[str, str, str | None, str,
                                                tuple[FactView, ...], str, tuple[str, ...]]] = {}
        self.organs = organs(result.case, self.msg)
        """The client's organs (``raad``, ``college``, ``overheid``) for explanation texts."""
        self._views: dict[tuple[EntityKey, str], FactView] = {}
        self._contexts: dict[EntityKey | None, dict[str, Any]] = {}

    def citable(self, source_ids: tuple[str, ...]) -> tuple[str, ...]:
        """``source_ids`` without those published after the case's date or out of scope."""
        cited = self.kb.citable_sources(source_ids, self.result.case.peildatum)
        sources = self.kb.catalogues.sources
        return tuple(s for s in cited if sources[s].applies(self.result.values))

    def strength(self, rank: int) -> tuple[str, str]:
        """(id, label) of the strength with ``rank`` (see :func:`strength`)."""
        return strength(self.vocab, rank, self.lang)

    def entity_label(self, key: EntityKey | None) -> str | None:
        """``Opgave Sociaal domein`` for an entity key; ``None`` for the case."""
        if key is None or key == CASE_KEY:
            return None
        ent = self.result.case.entity(key)
        kind = self.vocab.entities[key[0]].label.get(self.lang)
        return f"{kind} {ent.name if ent else key[1]}"

    def fact_view(self, key: EntityKey, fact_id: str) -> FactView:
        """A fact of ``key`` with its final value, for people (built once: the result is final)."""
        view = self._views.get((key, fact_id))
        if view is None:
            view = self._views[(key, fact_id)] = self._fact_view(key, fact_id)
        return view

    def _fact_view(self, key: EntityKey, fact_id: str) -> FactView:
        fact = self.vocab.facts[fact_id]
        value = self.result.value(key, fact_id)
        if isinstance(value, tuple):
            shown = ", ".join(self.vocab.display(fact_id, v, self.lang) for v in value) or "—"
        else:
            case = self.result.case
            shown = per_partner_text(case, self.vocab, key, fact_id, value, self.msg) \
                or aggregate_text(case, self.vocab, key, fact_id, value, self.result.value,
                                  self.msg) or self.vocab.display(fact_id, value, self.lang)
        raw = None
        if value is not None and not isinstance(value, tuple):
            raw = self.vocab.raw_value(fact_id, value)
        elif isinstance(value, tuple):
            raw = list(value)
        return FactView(self.entity_label(key), fact_id, fact.label.get(self.lang), shown,
                        value is not None, fact.origin == "derived", raw)

    def context(self, firing: Firing) -> dict[str, Any]:
        """What a rule's explanation text may use: facts, the focus entity, the client's organs.

        Built once per focus entity (the texts only read it); each caller gets its own copy.
        """
        ctx = self._contexts.get(firing.focus)
        if ctx is None:
            ctx = self._contexts[firing.focus] = self._context(firing)
        return dict(ctx)

    def _context(self, firing: Firing) -> dict[str, Any]:
        ctx: dict[str, Any] = dict(self.organs)
        for fact in self.vocab.facts_of(CASE):
            ctx[fact.id] = self.fact_view(CASE_KEY, fact.id).value
        ctx["bron"] = stated_sources(self.result.case, CASE_KEY, self.kb, self.lang)
        if firing.focus is not None:
            ent = self.result.case.entity(firing.focus)
            info: dict[str, Any] = {"naam": ent.name if ent else firing.focus[1],
                                    "id": firing.focus[1]}
            for fact in self.vocab.facts_of(firing.focus[0]):
                info[fact.id] = self.fact_view(firing.focus, fact.id).value
                # as in conditions, the focus entity's facts may be named on their own
                ctx.setdefault(fact.id, info[fact.id])
                ref = getattr(fact, "ref", None)
                if fact.type == "list" and ref:
                    info[f"{fact.id}_items"] = self._referred(firing.focus, fact.id, ref)
            info["bron"] = stated_sources(self.result.case, firing.focus, self.kb, self.lang)
            ctx[firing.focus[0]] = info
        return ctx

    def _referred(self, key: EntityKey, fact_id: str, ref: str) -> list[dict[str, Any]]:
        """The entities a list fact of ``key`` refers to, each with its name and facts.

        A rule text may then name them: ``{% for p in optie.partners_items %}{{ p.naam }}
        ({{ p.regio_orientatie }}){% endfor %}``.
        """
        value = self.result.value(key, fact_id)
        items: list[dict[str, Any]] = []
        for ident in value if isinstance(value, tuple) else ():
            other: EntityKey = (ref, str(ident))
            ent = self.result.case.entity(other)
            item: dict[str, Any] = {"naam": ent.name if ent else str(ident), "id": str(ident)}
            for fact in self.vocab.facts_of(ref):
                item[fact.id] = self.fact_view(other, fact.id).value
            items.append(item)
        return items

    def conclusion_text(self, firing: Firing) -> str:
        """A short sentence of what a firing concluded."""
        parts = []
        for concl in firing.conclusions:
            if concl.kind == "derive":
                label = self.vocab.facts[concl.name].label.get(self.lang)
                value = self.vocab.display(concl.name, concl.value, self.lang)
                parts.append(f"{label}: {value}")
            elif concl.kind in ("recommend", "against"):
                item = self.kb.item(concl.name).label.get(self.lang)
                if concl.kind == "against":
                    parts.append(f"{self.msg('status.advised_against')}: {item}")
                else:
                    parts.append(f"{self.strength(concl.strength)[1]}: {item}")
        return "; ".join(parts)

    def chain(self, key: FiringKey) -> tuple[Step, ...]:
        """Numbered steps from input facts to the firing ``key``."""
        return self._numbered([key])

    def steps_for(self, keys: list[FiringKey]) -> tuple[Step, ...]:
        """One numbered chain to the firings ``keys``: what they rest on first, shared once."""
        return self._numbered(keys)

    def _numbered(self, keys: list[FiringKey]) -> tuple[Step, ...]:
        """One numbered chain to several firings: what they rest on first, shared steps once."""
        order: list[FiringKey] = []
        seen: set[FiringKey] = set()
        for key in keys:
            self._visit(key, order, seen)
        numbers = {k: i + 1 for i, k in enumerate(order)}
        steps = []
        for k in order:
            rule_id, title, focus, text, facts, conclusion, sources = self._step_parts(k)
            uses = tuple(sorted({numbers[d] for d in self._deps(k) if d in numbers}))
            steps.append(Step(numbers[k], rule_id, title, focus, text, facts, conclusion, uses,
                              sources))
        return tuple(steps)

    def _step_parts(self, key: FiringKey) -> tuple[str, str, str | None, str,
                                                   tuple[FactView, ...], str, tuple[str, ...]]:
        """Everything of a step except its number, rendered once per firing."""
        if key not in self._step_cache:
            firing = self._firings[key]
            rule = self.kb.rule(firing.rule_id)
            spec = self.kb.entries[firing.rule_id].spec
            # the date a rule is valid on is stated once, up front, not as a fact per step
            facts = tuple(self.fact_view(t, f) for t, f, _v in firing.matched if f != PEILDATUM)
            text = render_text(spec.explanation.get(self.lang), self.context(firing),
                               f"rule '{rule.id}' ({rule.file}:{rule.line})")
            text = hedged(text, firing, self.result.case, self.vocab, self.msg)
            self._step_cache[key] = (rule.id, spec.title.get(self.lang),
                                     self.entity_label(firing.focus), text, facts,
                                     self.conclusion_text(firing), self.citable(spec.sources))
        return self._step_cache[key]

    def _deps(self, key: FiringKey) -> list[FiringKey]:
        """The firings that derived the facts ``key`` rests on (its matched facts)."""
        found = []
        for target, fact, _value in self._firings[key].matched:
            derived = self.result.derived.get((target, fact))
            if derived is not None and derived.by is not None:
                found.append(derived.by)
        return found

    def _visit(self, key: FiringKey, order: list[FiringKey], seen: set[FiringKey]) -> None:
        if key in seen:
            return
        seen.add(key)
        for dep in self._deps(key):
            self._visit(dep, order, seen)
        order.append(key)

    def build(self) -> Advice:
        """The advice."""
        meta = self.result.case.meta
        recs = self._recommendations()
        corners = self._corners()
        # sources in order of first citation: diagnosis first, then recommendations
        cited = [s for c in corners for st in c.reasoning for s in st.sources]
        cited += [s for r in recs for st in (*r.reasoning, *r.against) for s in st.sources]
        sources = tuple(self._source(s) for s in dict.fromkeys(cited))
        derived = tuple(self.fact_view(t, f) for (t, f) in self.result.derived)
        entities = tuple((e.type, e.id, e.name, e.notes)
                         for e in self.result.case.all_entities())
        client = meta.opdrachtgever
        client_name = getattr(client, "naam", client)
        return Advice(self.lang, meta.id, meta.titel, meta.vraag,
                      None if client_name is None else str(client_name),
                      meta.datum, meta.toelichting, entities, corners, recs, derived,
                      self._unknown(), sources, len(self.result.firings), self.result.engine,
                      self.kb.content_hash)

    def _source(self, source_id: str) -> SourceView:
        src = self.kb.catalogues.sources[source_id]
        return SourceView(src.id, src.title, src.url, src.section, src.uncertain)

    def _corners(self) -> tuple[Corner, ...]:
        out = []
        for corner in self.vocab.corner_ids:
            declared = self.vocab.corners[corner]
            level_fact = self.vocab.facts.get(declared.level_fact)
            if level_fact is None or level_fact.origin != "derived":
                candidates = [f for f in self.vocab.facts_of(CASE)
                              if f.corner == corner and f.origin == "derived"
                              and f.type == "level"]
                level_fact = candidates[0] if candidates else None
            indicators = tuple(self.fact_view(CASE_KEY, f.id) for f in self.vocab.facts_of(CASE)
                               if f.corner == corner and f.origin == "input")
            label = declared.label.get(self.lang)
            if level_fact is None:
                out.append(Corner(corner, label, self.vocab.display(corner, None, self.lang)
                                  if corner in self.vocab.facts else "—", None, 0,
                                  indicators, ()))
                continue
            value = self.result.value(CASE_KEY, level_fact.id)
            derived = self.result.derived.get((CASE_KEY, level_fact.id))
            reasoning = self.chain(derived.by) if derived and derived.by else ()
            max_rank = len(self.vocab.value_defs(level_fact)) - 1
            rank = value if isinstance(value, int) and not isinstance(value, bool) else None
            out.append(Corner(corner, label,
                              self.vocab.display(level_fact.id, value, self.lang),  # type: ignore[arg-type]
                              rank, max_rank, indicators, reasoning))
        return tuple(out)

    def _recommendations(self) -> tuple[Recommendation, ...]:
        groups: dict[tuple[str, EntityKey], dict[str, list[tuple[Firing, int]]]] = {}
        for firing in self.result.firings:
            for concl in firing.conclusions:
                if concl.kind not in ("recommend", "against"):
                    continue
                slot = groups.setdefault((concl.name, concl.target), {"for": [], "against": []})
                slot["for" if concl.kind == "recommend" else "against"].append(
                    (firing, concl.strength))
        cats = self.kb.catalogues
        scores = score(self.kb, ((self.kb.rule(f.rule_id).priority, c)
                                 for f in self.result.firings for c in f.conclusions))
        item_order = {item: i for i, item in enumerate(cats.items)}
        out = []
        for (item, target), slot in groups.items():
            found = scores[(item, target)]
            st = found.status
            strength, strength_label = self.strength(found.strength)
            reasoning = self._numbered([f.key for f, _s in slot["for"]])
            against = self._numbered([f.key for f, _s in slot["against"]])
            item_def = cats.items[item]
            cat = cats.headers[cats.item_catalogue[item]]
            out.append(Recommendation(
                item, item_def.label.get(self.lang), cat.id, cat.label.get(self.lang),
                self.entity_label(target), target, st, self.msg(f"label.{st}"), strength,
                strength_label, reasoning, against,
                tuple(f.rule_id for f, _s in slot["for"]),
                tuple(f.rule_id for f, _s in slot["against"]),
                found.rivals, item_def.description.get(self.lang)))
        rank = {"recommended": 0, "alternative": 1, "advised_against": 2}
        slots = {e.key: (i + 1) for i, e in enumerate(self.result.case.all_entities())}
        out.sort(key=lambda r: (rank[r.status], r.target_key != CASE_KEY,
                                slots.get(r.target_key, 0), -self._rank(r.strength),
                                item_order[r.item]))
        return tuple(out)

    def _rank(self, strength: str) -> int:
        if self.vocab.strengths:
            return self.vocab.strength_rank(strength)
        return ("zwak", "middel", "sterk").index(strength) + 1

    def _unknown(self) -> tuple[FactView, ...]:
        """Input facts some rule reads that the case leaves unknown."""
        read = {fact for rule in self.kb.rules for _e, fact in rule.reads}
        out = []
        for key in [CASE_KEY, *[e.key for e in self.result.case.all_entities()]]:
            for fact in self.vocab.facts_of(key[0]):
                if fact.origin == "input" and fact.id in read and \
                        self.result.value(key, fact.id) is None:
                    out.append(self.fact_view(key, fact.id))
        return tuple(out)


def strength(vocab: Vocabulary, rank: int, lang: str) -> tuple[str, str]:
    """(id, label) of the strength with ``rank`` in ``vocab`` (clipped to its scale).

    A knowledge base that declares no strengths has the three of the message
    catalogue (``zwak``, ``middel``, ``sterk``).
    """
    if vocab.strengths:
        rank = min(max(1, rank), len(vocab.strengths))
        found = vocab.strength_by_rank(rank)
        return found.id, found.label.get(lang)
    name = ("zwak", "middel", "sterk")[min(max(1, rank), 3) - 1]
    return name, Messages(lang)(f"strength.{name}")


def build_advice(kb: KnowledgeBase, result: Result, lang: str = "nl") -> Advice:
    """Build the advice for ``result`` in ``lang`` (``nl`` or ``en``)."""
    return AdviceBuilder(kb.with_sources(result.case.own_sources), result, lang).build()

