"""The guided intake: ask first the questions whose answers change the most advice.

For every fact the case does not give yet (of the case as a whole and of each
entity it has), each allowed value is tried on an incremental evaluation of
the rules (:class:`pvrules.explain.incremental.Incremental`); the question's weight
is the most recommendations one answer adds, removes or changes in strength.
For every kind of entity the rules read that the case has none of yet (an opgave,
a partner, an option), the intake offers to add one: its weight is the most a new
entity of that kind changes, bare or with one of its facts answered; the answer is
a name, and the questions about the new entity's facts follow by their weight.
The heaviest question comes first; when no remaining question has any weight,
the intake stops — the remaining answers would change nothing.

When the advice JSON carries ``find_out_first`` with weights (contract §4), its
order comes first and the search's weight breaks ties; the search stays the stop
criterion either way (a question that changes nothing is never asked).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from pvrules.compile.ir import CASE
from pvrules.serve.form import FROM_CASUS, Field, make_field
from pvrules.serve.service import Service
from pvrules.validate.case import CASE_KEY, Case

MAX_WHY_RULES = 4
NEW = "new:"
"""The slot of a question that adds an entity: ``new:TYPE``; the answer is its name."""
NEW_TEXT = {
    "nl": "Hoort bij deze casus een {label}? Geef de naam; de vragen erover volgen.",
    "en": "Does this case have a {label}? Give its name; the questions about it follow.",
}


@dataclass(frozen=True)
class Question:
    """One question of the intake."""

    slot: str
    """``fact`` for the case as a whole, ``type:id.fact`` for an entity (as ``--set``),
    ``new:TYPE`` to add an entity of that type (:data:`NEW`)."""
    field: Field
    weight: int
    why: str
    rules: tuple[str, ...]
    entity_name: str | None


def slug(text: str) -> str:
    """A case id from a title: lower case, words joined by hyphens."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:60] or "casus"


def new_case(title: str, question: str = "") -> dict[str, Any]:
    """An empty case with its title and question."""
    casus: dict[str, Any] = {"id": slug(title), "titel": title.strip() or "Nieuwe casus"}
    if question.strip():
        casus["vraag"] = question.strip()
    return {"casus": casus, "feiten": {}}


def add_entity(case: dict[str, Any], collection: str, name: str, kind: str = "entity"
               ) -> str:
    """Add an entity called ``name`` to ``case[collection]``; its new id (unique in the case)."""
    taken = {str(item.get("id")) for raw in case.values() if isinstance(raw, list)
             for item in raw if isinstance(item, dict)}
    base = slug(name).replace("-", "_") if name.strip() else kind
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}_{n}", n + 1
    entity: dict[str, Any] = {"id": ident}
    if name.strip():
        entity["naam"] = name.strip()
    items = case.get(collection)
    if not isinstance(items, list):
        items = case[collection] = []
    items.append(entity)
    return ident


def answer(case: dict[str, Any], vocab: Any, slot: str, value: Any) -> dict[str, Any]:
    """Write an answer into the case: a fact (:func:`set_answer`) or a new entity's name."""
    if slot.startswith(NEW):
        typ = slot[len(NEW):]
        add_entity(case, vocab.entities[typ].collection, str(value), typ)
        return case
    return set_answer(case, slot, value)


def set_answer(case: dict[str, Any], slot: str, value: Any) -> dict[str, Any]:
    """Write an answer into the case data (``slot`` as :attr:`Question.slot`)."""
    head, dot, fact = slot.rpartition(".")
    if not dot:
        feiten = case.setdefault("feiten", {})
        feiten[slot] = value
        return case
    typ, _, ident = head.partition(":")
    for raw in case.values():
        if not isinstance(raw, list):
            continue
        for item in raw:
            if isinstance(item, dict) and str(item.get("id")) == ident and typ:
                item[fact] = value
                return case
    return case


class Intake:
    """Chooses the next question for a case."""

    def __init__(self, service: Service, lang: str = "nl") -> None:
        """Use ``service``'s knowledge base."""
        self.service = service
        self.kb = service.kb
        self.lang = lang
        self._readers: dict[str, list[str]] = {}
        self._entity_readers: dict[str, list[str]] = {}
        for rule in self.kb.rules:
            for ent, fact in rule.reads:
                self._readers.setdefault(fact, []).append(rule.id)
                if ent != CASE:
                    self._entity_readers.setdefault(ent, []).append(rule.id)

    def _slots(self, case: Case) -> list[tuple[tuple[str, str], str]]:
        vocab = self.kb.vocab
        out = []
        keys = [CASE_KEY, *(e.key for e in case.all_entities())]
        for key in keys:
            entity = CASE if key == CASE_KEY else key[0]
            given = case.facts.get(key, {})
            for fact in vocab.facts_of(entity):
                if fact.origin != "input" or fact.id in given or fact.id in FROM_CASUS:
                    continue
                if fact.type not in ("level", "enum", "bool") or fact.id not in self._readers:
                    continue
                out.append((key, fact.id))
        return out

    def questions(self, data: Mapping[str, Any], skipped: Collection[str] = ()
                  ) -> list[Question]:
        """Every question still open, heaviest first (only those that change something)."""
        case = self.service.load(data, "intake")
        inc = self._incremental(case)
        base = _recs(inc.base)
        found = []
        for order, (key, fact_id) in enumerate(self._slots(case)):
            slot = fact_id if key == CASE_KEY else f"{key[0]}:{key[1]}.{fact_id}"
            if slot in skipped:
                continue
            weight = self._weight(inc, base, key, fact_id)
            if weight:
                found.append((-weight, order, key, fact_id, slot, weight))
        for typ in self._missing(case):
            slot = f"{NEW}{typ}"
            weight = 0 if slot in skipped else self._entity_weight(data, typ, base)
            if weight:  # before the facts of the same weight: the entity's facts follow
                found.append((-weight, -1, (typ, ""), "", slot, weight))
        first = self._find_out_first(data)
        found.sort(key=lambda f: (-first.get(f[3], 0.0), f[0], f[1]))
        return [self._question(case, data, key, fact_id, slot, weight) if fact_id else
                self._entity_question(key[0], weight)
                for _w, _o, key, fact_id, slot, weight in found]

    def _incremental(self, case: Case) -> Any:
        """The incremental evaluation of ``case``, its base taken from the engine."""
        from pvrules.explain.incremental import Incremental

        with self.service.lock:
            result = self.service.pipe.evaluate(case)
        return Incremental(self.kb.rules, self.kb.vocab, case, result)

    def _weight(self, inc: Any, base: set[tuple[str, str, Any, int]], key: tuple[str, str],
                fact_id: str) -> int:
        """The most recommendations one answer to ``fact_id`` of ``key`` changes."""
        vocab = self.kb.vocab
        fact = vocab.facts[fact_id]
        values = [True, False] if fact.type == "bool" else \
            [vocab.normalize(fact, v.id) for v in vocab.value_defs(fact)]
        return max((len(base ^ _recs(inc.run({(key, fact_id): value}))) for value in values),
                   default=0)

    def _missing(self, case: Case) -> list[str]:
        """The kinds of entity the rules read that the case has none of."""
        return [typ for typ in self.kb.vocab.entities
                if typ != CASE and typ in self._entity_readers and not case.entities.get(typ)]

    def _entity_weight(self, data: Mapping[str, Any], typ: str,
                       base: set[tuple[str, str, Any, int]]) -> int:
        """The most a new entity of ``typ`` changes: bare, or with one fact answered."""
        vocab = self.kb.vocab
        trial = copy.deepcopy(dict(data))
        ident = add_entity(trial, vocab.entities[typ].collection,
                           vocab.entities[typ].label.get(self.lang), typ)
        case = self.service.load(trial, "intake")
        inc = self._incremental(case)
        key = (typ, ident)
        weight = len(base ^ _recs(inc.base))
        for _key, fact_id in self._slots(case):
            if _key == key:
                weight = max(weight, self._weight(inc, base, key, fact_id))
        return weight

    def _entity_question(self, typ: str, weight: int) -> Question:
        """The question that adds an entity of ``typ`` (the answer is its name)."""
        ent = self.kb.vocab.entities[typ]
        label = ent.label.get(self.lang)
        text = NEW_TEXT["en" if self.lang == "en" else "nl"].format(label=label.lower())
        rules = tuple(dict.fromkeys(self._entity_readers.get(typ, ())))
        field = Field((ent.collection,), f"{NEW}{typ}", label,
                      ent.description.get(self.lang) if ent.description else "", text,
                      "name", (), None, False)
        return Question(f"{NEW}{typ}", field, weight,
                        self._why(weight, rules, field.help), rules, None)

    def _find_out_first(self, data: Mapping[str, Any]) -> dict[str, float]:
        """The advice's own weight of each fact to find out first (contract §4)."""
        from pvrules.serve import advice_view

        advice = self.service.advice_data(data, self.lang, source="intake")
        out: dict[str, float] = {}
        for f in advice_view.find_out_first(advice):
            weight = f.get("weight")
            if isinstance(weight, int | float) and not isinstance(weight, bool):
                out[str(f["fact"])] = max(out.get(str(f["fact"]), 0.0), float(weight))
        return out

    def next(self, data: Mapping[str, Any], skipped: Collection[str] = ()) -> Question | None:
        """The question that changes the most, or ``None`` when nothing would change."""
        found = self.questions(data, skipped)
        return found[0] if found else None

    def _question(self, case: Case, data: Mapping[str, Any], key: tuple[str, str],
                  fact_id: str, slot: str, weight: int) -> Question:
        vocab = self.kb.vocab
        fact = vocab.facts[fact_id]
        path: tuple[str | int, ...] = ("feiten", fact_id)
        name = None
        if key != CASE_KEY:
            ent = case.entity(key)
            name = ent.name if ent else key[1]
            path = (vocab.entities[key[0]].collection, (ent.slot - 1) if ent else 0, fact_id)
        rules = tuple(dict.fromkeys(self._readers.get(fact_id, ())))
        return Question(slot, make_field(vocab, fact, path, None, self.lang), weight,
                        self._why(weight, rules, fact.description.get(self.lang)), rules, name)

    def _why(self, weight: int, rules: tuple[str, ...], meaning: str) -> str:
        """"Waarom vragen we dit?": how much it can change, the rules that use it, its meaning."""
        titles = [self.kb.entries[r].spec.title.get(self.lang) for r in rules
                  if r in self.kb.entries][:MAX_WHY_RULES]
        nl = self.lang == "nl"
        more = len(rules) - len(titles)
        tail = (f" (en {more} andere)" if nl else f" (and {more} more)") if more > 0 else ""
        count = (f"Het antwoord kan {weight} aanbeveling{'en' if weight != 1 else ''} "
                 f"toevoegen, weghalen of in sterkte veranderen." if nl else
                 f"The answer can add, remove or change the strength of {weight} "
                 f"recommendation{'s' if weight != 1 else ''}.")
        rules_text = ("Regels die dit gebruiken: " if nl else "Rules that use it: ") + \
            "; ".join(titles) + tail + "."
        return f"{count} {rules_text} {meaning}".rstrip()


def _recs(outcome: Any) -> set[tuple[str, str, Any, int]]:
    return {(a.kind, a.name, a.target, a.strength) for _p, a in outcome.recommendations()}
