"""The vocabulary as one index: look up facts, check and normalise values."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from pvrules.compile.ir import CASE, Value
from pvrules.validate.vocabulary import (
    CornerDef,
    EntityDef,
    FactDef,
    ScaleDef,
    StrengthDef,
    ValueDef,
)

PEILDATUM = "peildatum"
"""The built-in case fact holding the case's reference date as an int yyyymmdd."""

_TRUE = {"true", "ja", "yes", "waar", "1"}
_FALSE = {"false", "nee", "no", "onwaar", "0"}


class ValueProblem(ValueError):
    """A value does not fit a fact; ``allowed`` lists what would."""

    def __init__(self, message: str, allowed: tuple[str, ...] = (), wrong: str = "") -> None:
        """Store the message, what is allowed and the offending text."""
        super().__init__(message)
        self.allowed = allowed
        self.wrong = wrong


@dataclass(frozen=True)
class Vocabulary:
    """Entities, scales and facts of the knowledge base, checked for consistency."""

    entities: dict[str, EntityDef]
    scales: dict[str, ScaleDef]
    facts: dict[str, FactDef]
    corners: dict[str, CornerDef] = field(default_factory=dict)
    """The corners of the triangle, in the order the knowledge files declare them."""
    strengths: dict[str, StrengthDef] = field(default_factory=dict)
    """Strengths of conclusions, from weak to strong (rank 1, 2, ...)."""

    @property
    def corner_ids(self) -> tuple[str, ...]:
        """The corner ids, in declared order."""
        return tuple(self.corners)

    def strength_rank(self, strength: str) -> int:
        """The rank (1 = weakest) of a strength id; ``KeyError`` when unknown."""
        if strength not in self.strengths:
            raise KeyError(strength)
        return list(self.strengths).index(strength) + 1

    def strength_by_rank(self, rank: int) -> StrengthDef:
        """The strength with ``rank`` (1 = weakest); ``KeyError`` when out of range."""
        items = list(self.strengths.values())
        if not 1 <= rank <= len(items):
            raise KeyError(rank)
        return items[rank - 1]

    @property
    def default_strength(self) -> str | None:
        """The strength a conclusion gets when its rule names none."""
        for strength in self.strengths.values():
            if strength.default:
                return strength.id
        return None

    def entity_of_collection(self, collection: str) -> EntityDef | None:
        """The entity whose case-file list is called ``collection``."""
        for entity in self.entities.values():
            if entity.collection == collection:
                return entity
        return None

    def facts_of(self, entity: str) -> list[FactDef]:
        """Facts declared for ``entity`` (``case`` for the case as a whole)."""
        return [f for f in self.facts.values() if f.entity == entity]

    def value_defs(self, fact: FactDef) -> tuple[ValueDef, ...]:
        """The ordered allowed values of a level, enum or list fact."""
        if fact.type == "level":
            assert fact.scale is not None
            return self.scales[fact.scale].values
        return fact.values or ()

    def allowed(self, fact: FactDef) -> tuple[str, ...]:
        """Human-readable allowed values, for messages."""
        if fact.ref is not None:
            return (f"ids of the case's {self.entities[fact.ref].collection}"
                    if fact.ref in self.entities else f"ids of {fact.ref}",)
        if fact.type in ("level", "enum", "list"):
            return tuple(v.id for v in self.value_defs(fact))
        if fact.type == "bool":
            return ("true", "false")
        if fact.type == "number":
            kind = "a whole number" if fact.integer else "a number"
            if fact.min is not None and fact.max is not None:
                return (f"{kind} from {_num_text(fact.min)} to {_num_text(fact.max)}",)
            if fact.min is not None:
                return (f"{kind}, at least {_num_text(fact.min)}",)
            if fact.max is not None:
                return (f"{kind}, at most {_num_text(fact.max)}",)
            return (kind,)
        return ("any text",)

    def normalize(self, fact: FactDef, raw: object) -> Value:
        """Check ``raw`` against ``fact`` and return the engine value.

        Raises:
            ValueProblem: the value has the wrong type or is out of range.
        """
        if fact.type in ("level", "enum", "list"):
            if not isinstance(raw, str) or isinstance(raw, bool):
                raise ValueProblem(
                    f"expected one of the values of '{fact.id}', got {_show(raw)}",
                    self.allowed(fact), str(raw))
            if fact.ref is not None:
                return raw
            ids = [v.id for v in self.value_defs(fact)]
            if raw not in ids:
                raise ValueProblem(
                    f"'{raw}' is not an allowed value of '{fact.id}'", self.allowed(fact), raw)
            return ids.index(raw) if fact.type == "level" else raw
        if fact.type == "bool":
            if isinstance(raw, bool):
                return raw
            if isinstance(raw, str) and raw.lower() in _TRUE | _FALSE:
                return raw.lower() in _TRUE
            raise ValueProblem(f"expected true or false for '{fact.id}', got {_show(raw)}",
                               self.allowed(fact), str(raw))
        if fact.type == "number":
            return self._number(fact, raw)
        if not isinstance(raw, str):
            raise ValueProblem(f"expected text for '{fact.id}', got {_show(raw)}",
                               self.allowed(fact), str(raw))
        return raw

    def _number(self, fact: FactDef, raw: object) -> Value:
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise ValueProblem(f"expected a number for '{fact.id}', got {_show(raw)}",
                               self.allowed(fact), str(raw))
        if isinstance(raw, float) and not math.isfinite(raw):
            raise ValueProblem(f"'{fact.id}' must be a finite number", self.allowed(fact))
        if fact.integer and isinstance(raw, float):
            if not raw.is_integer():
                raise ValueProblem(f"'{fact.id}' must be a whole number, got {raw}",
                                   self.allowed(fact), str(raw))
            raw = int(raw)
        if isinstance(raw, int) and not -(2**62) <= raw <= 2**62:
            raise ValueProblem(f"'{fact.id}' is too large", self.allowed(fact), str(raw))
        if (fact.min is not None and raw < fact.min) or (fact.max is not None and raw > fact.max):
            raise ValueProblem(f"{_num_text(raw)} is out of range for '{fact.id}'",
                               self.allowed(fact), str(raw))
        return raw

    def display(self, fact_id: str, value: Value | None, lang: str) -> str:
        """Render a normalised value for people, in ``lang``."""
        if value is None:
            return "onbekend" if lang == "nl" else "unknown"
        if fact_id == PEILDATUM and isinstance(value, int) and not isinstance(value, bool):
            return f"{value % 100}-{value // 100 % 100}-{value // 10000}" if lang == "nl" \
                else f"{value // 10000:04d}-{value // 100 % 100:02d}-{value % 100:02d}"
        fact = self.facts[fact_id]
        if fact.type == "level" and isinstance(value, int):
            return self.value_defs(fact)[value].label(lang)
        if fact.type in ("enum", "list") and isinstance(value, str):
            for v in self.value_defs(fact):
                if v.id == value:
                    return v.label(lang)
        if isinstance(value, bool):
            return ("ja" if value else "nee") if lang == "nl" else ("yes" if value else "no")
        if isinstance(value, int | float):
            text = _num_text(value, lang)
            if fact.unit:
                text += " " + fact.unit.get(lang)
            return text
        return str(value)

    def raw_value(self, fact_id: str, value: Value) -> object:
        """Turn a normalised value back into what a case file would say."""
        fact = self.facts[fact_id]
        if fact.type == "level" and isinstance(value, int) and not isinstance(value, bool):
            return self.value_defs(fact)[value].id
        return value


def build_vocabulary(
    entities: Iterable[EntityDef], scales: Iterable[ScaleDef], facts: Iterable[FactDef],
    corners: Iterable[CornerDef] = (), strengths: Iterable[StrengthDef] = (),
) -> Vocabulary:
    """Index the declarations (duplicates and dangling references are checked by the loader).

    The case entity and the computed case fact ``peildatum`` are built in.
    """
    ent = {CASE: EntityDef(id=CASE, collection="feiten",
                           label={"nl": "casus", "en": "case"})}  # type: ignore[arg-type]
    ent.update({e.id: e for e in entities})
    fact_index = {f.id: f for f in facts}
    fact_index.setdefault(PEILDATUM, peildatum_fact())
    return Vocabulary(ent, {s.id: s for s in scales}, fact_index,
                      {c.id: c for c in corners}, {s.id: s for s in strengths})


def peildatum_fact() -> FactDef:
    """The built-in declaration of ``peildatum`` (the case's date, yyyymmdd)."""
    return FactDef.model_validate({
        "id": PEILDATUM, "type": "number", "integer": True, "min": 10000101, "max": 99991231,
        "origin": "computed",
        "label": {"nl": "Peildatum", "en": "Reference date"},
        "description": {"nl": "De datum waarop de casus wordt beoordeeld (jjjjmmdd), uit "
                              "casus.datum.",
                        "en": "The date the case is judged at (yyyymmdd), from casus.datum."}})


def _num_text(value: float, lang: str = "en") -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and lang == "nl" and abs(value) >= 10000:
        return f"{value:,}".replace(",", ".")
    if isinstance(value, int) and abs(value) >= 10000:
        return f"{value:,}"
    text = str(value)
    return text.replace(".", ",") if lang == "nl" else text


def _show(raw: object) -> str:
    if raw is None:
        return "nothing"
    kind = {bool: "true/false", int: "a number", float: "a number", str: "text",
            list: "a list", dict: "a mapping"}.get(type(raw), type(raw).__name__)
    return f"{kind} ({raw!r})" if not isinstance(raw, list | dict) else kind
