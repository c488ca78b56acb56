"""Forgiving name resolution for the explain commands.

People name things the way they see them in the advice: by id
(``centrumregeling``), by Dutch or English label (``Centrumregeling``,
``centre-municipality arrangement``), in any case. A name may say for which
entity it is meant. The accepted forms are::

    ITEM                      centrumregeling
    ITEM@ENTITY               centrumregeling@sociaal_domein
    ITEM@TYPE:ENTITY          centrumregeling@opgave:sociaal_domein
    ITEM voor|for ENTITY      "Centrumregeling voor opgave Sociaal domein"
    FACT, FACT@ENTITY         schaal@sociaal_domein
    TYPE:ENTITY.FACT          opgave:sociaal_domein.schaal   (as in --set)

``ENTITY`` is an entity id or name, optionally preceded by its type (``opgave
Sociaal domein`` or ``opgave:sociaal_domein``); ``casus``/``case`` means the
case as a whole. ``item:NAME`` and ``fact:NAME`` force the kind when a name is
both an item and a fact. Unknown names raise :class:`NameNotFoundError` with a
"did you mean".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pvrules.compile.ir import CASE
from pvrules.errors import NameNotFoundError, Problem
from pvrules.kb import KnowledgeBase
from pvrules.suggest import closest
from pvrules.validate.case import CASE_KEY, Case, EntityKey

CASE_WORDS = ("casus", "case", "de casus", "the case", "gemeente", "geheel")
_SEPARATORS = (" voor ", " for ", " bij ")


@dataclass(frozen=True)
class Target:
    """A resolved name: a catalogue item or a fact, optionally for one entity.

    Attributes:
        kind: ``item`` or ``fact``.
        name: the item or fact id.
        entity: the entity it is meant for; ``None`` when not said (all that apply).
    """

    kind: str
    name: str
    entity: EntityKey | None = None


def norm(text: str) -> str:
    """Lower-case, ``_``/``-`` as spaces, single spaces: the form names are compared in."""
    return re.sub(r"\s+", " ", re.sub(r"[_\-]+", " ", text.strip().lower()))


def _index(pairs: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for key, ident in pairs:
        out.setdefault(norm(key), set()).add(ident)
    return out


def _not_found(what: str, text: str, candidates: Iterable[str], where: str) -> NameNotFoundError:
    pool = sorted(set(candidates))
    hits = closest(text, pool)
    suggestion = ("did you mean " + " or ".join(f"'{h}'" for h in hits) + "?") if hits else None
    return NameNotFoundError(f"unknown {what} '{text}'", [Problem(
        "unknown-name", f"no {what} is called '{text}'", where,
        allowed=tuple(pool) if len(pool) <= 15 else (), suggestion=suggestion)])


class NameResolver:
    """Resolve items, facts and entities of one knowledge base (and case)."""

    def __init__(self, kb: KnowledgeBase, case: Case | None = None) -> None:
        """Index ids and labels of ``kb`` (and the entities of ``case``)."""
        self.kb = kb
        self.case = case
        cats = kb.catalogues
        self._item_ids = _index((i, i) for i in cats.items)
        self._item_labels = _index([(d.label.nl, i) for i, d in cats.items.items()]
                                   + [(d.label.en, i) for i, d in cats.items.items()])
        facts = kb.vocab.facts
        self._fact_ids = _index((f, f) for f in facts)
        self._fact_labels = _index([(d.label.nl, f) for f, d in facts.items()]
                                   + [(d.label.en, f) for f, d in facts.items()])

    # -- items and facts ---------------------------------------------------------------

    def item(self, text: str, where: str = "ITEM") -> str:
        """The id of the catalogue item called ``text``."""
        found = self._lookup(norm(text), self._item_ids, self._item_labels)
        if found is None:
            cats = self.kb.catalogues.items
            raise _not_found("catalogue item", text,
                             [*cats, *(d.label.nl for d in cats.values())], where)
        return found

    def fact(self, text: str, where: str = "FACT") -> str:
        """The id of the fact called ``text``."""
        found = self._lookup(norm(text), self._fact_ids, self._fact_labels)
        if found is None:
            facts = self.kb.vocab.facts
            raise _not_found("fact", text, [*facts, *(d.label.nl for d in facts.values())],
                             where)
        return found

    @staticmethod
    def _lookup(key: str, ids: dict[str, set[str]], labels: dict[str, set[str]]) -> str | None:
        """Exact id, then exact label, then the one id or label that starts with ``key``."""
        for table in (ids, labels):
            hits = table.get(key)
            if hits:
                return sorted(hits)[0]
        if len(key) >= 4:
            starts = {i for table in (ids, labels) for name, found in table.items()
                      if name.startswith(key) for i in found}
            if len(starts) == 1:
                return next(iter(starts))
        return None

    # -- entities ----------------------------------------------------------------------

    def entity(self, text: str, where: str = "ENTITY") -> EntityKey:
        """The key of the entity called ``text`` (``opgave:id``, ``opgave Naam``, ``id``)."""
        raw = text.strip()
        key = norm(raw)
        if key in CASE_WORDS:
            return CASE_KEY
        if self.case is None:
            raise NameNotFoundError(f"cannot resolve '{text}' without a case",
                                    [Problem("unknown-name", "no case given", where)])
        typ: str | None = None
        name = raw
        if ":" in raw:
            head, _, rest = raw.partition(":")
            typ, name = self._entity_type(head, where), rest
        else:
            first, _, rest = raw.partition(" ")
            if rest and self._entity_type_or_none(first) is not None:
                typ, name = self._entity_type_or_none(first), rest
        matches = []
        for ent in self.case.all_entities():
            if typ is not None and ent.type != typ:
                continue
            if norm(ent.id) == norm(name) or norm(ent.name) == norm(name):
                matches.append(ent)
        if len(matches) == 1:
            return matches[0].key
        if len(matches) > 1:
            options = tuple(f"{e.type}:{e.id}" for e in matches)
            raise NameNotFoundError(f"'{text}' names more than one entity", [Problem(
                "ambiguous-name", f"'{text}' could be {', '.join(options)}", where,
                allowed=options, suggestion="say which, e.g. " + options[0])])
        pool = [f"{e.type}:{e.id}" for e in self.case.all_entities()
                if typ is None or e.type == typ]
        names = [e.name for e in self.case.all_entities() if typ is None or e.type == typ]
        raise _not_found("entity", text, [*pool, *names], where)

    def _entity_type_or_none(self, text: str) -> str | None:
        key = norm(text)
        for ent in self.kb.vocab.entities.values():
            if ent.id == CASE:
                continue
            if key in {norm(ent.id), norm(ent.collection), norm(ent.label.nl),
                       norm(ent.label.en)}:
                return ent.id
        return None

    def _entity_type(self, text: str, where: str) -> str:
        found = self._entity_type_or_none(text)
        if found is None:
            kinds = [e for e in self.kb.vocab.entities if e != CASE]
            raise _not_found("entity type", text, kinds, where)
        return found

    # -- targets -----------------------------------------------------------------------

    def target(self, text: str, where: str = "ITEM") -> Target:
        """Resolve an item or fact name, with an optional entity (see the module doc)."""
        raw = text.strip()
        if not raw:
            raise NameNotFoundError("an empty name was given",
                                    [Problem("unknown-name", "give an item or fact", where)])
        forced: str | None = None
        low = raw.lower()
        for prefix in ("item:", "fact:", "feit:"):
            if low.startswith(prefix):
                forced = "item" if prefix == "item:" else "fact"
                raw = raw[len(prefix):].strip()
                break
        name, entity_text = self._split(raw)
        if entity_text is None and ":" in name and "." in name.rpartition(":")[2]:
            head, _, fact_name = name.rpartition(".")
            entity_text, name = head, fact_name
            forced = forced or "fact"
        entity = self.entity(entity_text, where) if entity_text is not None else None
        kind, ident = self._kind(name, forced, where)
        if entity is not None:
            self._check_entity(kind, ident, entity, where)
        return Target(kind, ident, entity)

    @staticmethod
    def _split(raw: str) -> tuple[str, str | None]:
        if "@" in raw:
            name, _, ent = raw.partition("@")
            return name.strip(), ent.strip()
        low = raw.lower()
        for sep in _SEPARATORS:
            pos = low.find(sep)
            if pos > 0:
                return raw[:pos].strip(), raw[pos + len(sep):].strip()
        return raw, None

    def _kind(self, name: str, forced: str | None, where: str) -> tuple[str, str]:
        key = norm(name)
        if forced == "item":
            return "item", self.item(name, where)
        if forced == "fact":
            return "fact", self.fact(name, where)
        item_id = key in self._item_ids
        fact_id = key in self._fact_ids
        if item_id and fact_id:
            raise NameNotFoundError(f"'{name}' is both a catalogue item and a fact", [Problem(
                "ambiguous-name", f"'{name}' is both an item and a fact", where,
                allowed=(f"item:{name}", f"fact:{name}"),
                suggestion=f"write item:{name} or fact:{name}")])
        if item_id:
            return "item", self.item(name, where)
        if fact_id:
            return "fact", self.fact(name, where)
        if key in self._item_labels:
            return "item", self.item(name, where)
        if key in self._fact_labels:
            return "fact", self.fact(name, where)
        if len(key) >= 4:
            starts = {(kind, i) for kind, tables in (("item", (self._item_ids,
                                                               self._item_labels)),
                                                     ("fact", (self._fact_ids,
                                                               self._fact_labels)))
                      for table in tables for name, found in table.items()
                      if name.startswith(key) for i in found}
            if len(starts) == 1:
                return next(iter(starts))
        cats = self.kb.catalogues.items
        facts = self.kb.vocab.facts
        raise _not_found("item or fact", name,
                         [*cats, *facts, *(d.label.nl for d in cats.values()),
                          *(d.label.nl for d in facts.values())], where)

    def _check_entity(self, kind: str, ident: str, entity: EntityKey, where: str) -> None:
        if kind == "fact":
            owner = self.kb.vocab.facts[ident].entity
            if owner != entity[0]:
                raise NameNotFoundError(f"'{ident}' is not a fact of {entity[0]}", [Problem(
                    "wrong-entity", f"'{ident}' is a fact of "
                    f"{'the case as a whole' if owner == CASE else owner}", where)])
            return
        cats = self.kb.catalogues
        targets = cats.headers[cats.item_catalogue[ident]].targets
        if entity[0] not in targets:
            raise NameNotFoundError(f"'{ident}' cannot be recommended for {entity[0]}", [Problem(
                "wrong-entity", f"'{ident}' can be recommended for {', '.join(targets)}",
                where, allowed=tuple(targets))])
