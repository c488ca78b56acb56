"""Parse a rule's ``when`` as written into the IR, checked against the vocabulary.

Syntax (see docs/rule-format.md):

* a leaf: ``fact: value`` (equals), ``fact: [a, b]`` (one of), or
  ``fact: {is, is_not, in, not_in, at_least, at_most, above, below, known,
  contains, not_contains: ...}`` (several operators = all must hold);
  ``fact`` is a case fact, a fact of the rule's ``for_each`` entity or of a
  quantified entity, or ``var.fact`` to say which;
* ``all: [...]``, ``any: [...]``, ``not: {...}``; a plain list means ``all``;
* ``some: partner`` / ``no: partner`` / ``every: partner`` with an optional
  ``where: {...}`` and ``as: name``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pvrules.compile.ir import (
    CASE,
    And,
    Cmp,
    CmpOp,
    Const,
    Exists,
    ForAll,
    Has,
    In,
    Known,
    Node,
    Not,
    Or,
    Ref,
    Value,
)
from pvrules.errors import Problem
from pvrules.suggest import did_you_mean
from pvrules.validate.vocab import ValueProblem, Vocabulary
from pvrules.validate.vocabulary import FactDef

OPERATORS = ("is", "is_not", "in", "not_in", "at_least", "at_most", "above", "below",
             "known", "contains", "not_contains")
KEYWORDS = ("all", "any", "not", "some", "no", "every")
_ORDERED = {"at_least": "ge", "at_most": "le", "above": "gt", "below": "lt"}
_OPS_BY_TYPE: dict[str, tuple[str, ...]] = {
    "level": ("is", "is_not", "in", "not_in", "at_least", "at_most", "above", "below", "known"),
    "number": ("is", "is_not", "in", "not_in", "at_least", "at_most", "above", "below", "known"),
    "enum": ("is", "is_not", "in", "not_in", "known"),
    "text": ("is", "is_not", "in", "not_in", "known"),
    "bool": ("is", "is_not", "known"),
    "list": ("contains", "not_contains", "known"),
}

Loc = tuple[str | int, ...]


@dataclass
class ConditionParser:
    """Parses one rule's condition; problems are collected, not raised."""

    vocab: Vocabulary
    file: str
    rule_id: str
    line_of: Callable[[Loc], int | None]
    loc_text: Callable[[Loc], str]
    problems: list[Problem] = field(default_factory=list)
    reads: set[tuple[str, str]] = field(default_factory=set)
    used_vars: set[str] = field(default_factory=set)

    def problem(self, loc: Loc, code: str, message: str, allowed: tuple[str, ...] = (),
                suggestion: str | None = None) -> None:
        """Record a problem at ``loc``."""
        self.problems.append(Problem(code, message, self.file, self.line_of(loc),
                                     self.loc_text(loc), self.rule_id, allowed, suggestion))

    def parse(self, raw: Any, scope: dict[str, tuple[str, str]], loc: Loc) -> Node:
        """Parse ``raw`` with variables ``scope`` (name → (entity type, IR variable))."""
        if isinstance(raw, list):
            return And(tuple(self.parse(item, scope, (*loc, i)) for i, item in enumerate(raw)))
        if not isinstance(raw, dict) or not raw:
            self.problem(loc, "bad-condition",
                         "a condition is a mapping such as 'fact: value', 'all: [...]', "
                         "'any: [...]', 'not: ...' or 'some: entity'")
            return Const(False)
        keys = set(raw)
        if keys & {"some", "no", "every"}:
            return self._quantifier(raw, scope, loc)
        if len(raw) != 1:
            if keys & set(KEYWORDS):
                self.problem(loc, "bad-condition",
                             f"'{sorted(keys & set(KEYWORDS))[0]}' must stand alone in its "
                             f"mapping; found {len(raw)} keys ({', '.join(map(str, raw))})",
                             suggestion="put the conditions in a list under 'all:' or 'any:'")
                return Const(False)
            # Several facts in one mapping: all of them must hold.
            return And(tuple(self._leaf(str(k), v, scope, (*loc, k)) for k, v in raw.items()))
        key, value = next(iter(raw.items()))
        if key in ("all", "any"):
            if not isinstance(value, list):
                self.problem((*loc, key), "bad-condition", f"'{key}' takes a list of conditions")
                return Const(False)
            items = tuple(self.parse(v, scope, (*loc, key, i)) for i, v in enumerate(value))
            return And(items) if key == "all" else Or(items)
        if key == "not":
            return Not(self.parse(value, scope, (*loc, key)))
        return self._leaf(str(key), value, scope, (*loc, key))

    def _quantifier(self, raw: dict[str, Any], scope: dict[str, tuple[str, str]],
                    loc: Loc) -> Node:
        kinds = [k for k in ("some", "no", "every") if k in raw]
        extra = set(raw) - {"some", "no", "every", "where", "as"}
        if len(kinds) != 1 or extra:
            self.problem(loc, "bad-quantifier",
                         "a quantifier has one of 'some', 'no', 'every', with optional "
                         "'where' and 'as'", allowed=("some", "no", "every", "where", "as"))
            return Const(False)
        kind = kinds[0]
        entity = raw[kind]
        if entity not in self.vocab.entities or entity == CASE:
            self.problem((*loc, kind), "unknown-entity", f"unknown entity '{entity}'",
                         tuple(e for e in self.vocab.entities if e != CASE),
                         did_you_mean(str(entity), self.vocab.entities))
            return Const(False)
        var = raw.get("as", entity)
        if not isinstance(var, str) or not var.isidentifier() or var == CASE:
            self.problem((*loc, "as"), "bad-variable", f"'{var}' cannot name a variable")
            return Const(False)
        if var in scope:
            self.problem((*loc, kind), "variable-taken",
                         f"'{var}' already names an entity here",
                         suggestion=f"add 'as: ander_{entity}' to name this one differently")
            return Const(False)
        ir_var = var
        n = 1
        while ir_var in self.used_vars:
            n += 1
            ir_var = f"{var}~{n}"
        self.used_vars.add(ir_var)
        inner_scope = {**scope, var: (entity, ir_var)}
        where = raw.get("where")
        cond: Node = Const(True) if where is None else self.parse(where, inner_scope,
                                                                   (*loc, "where"))
        exists = Exists(ir_var, entity, cond)
        if kind == "some":
            return exists
        if kind == "no":
            return Not(exists)
        return ForAll(ir_var, entity, cond)

    def _resolve(self, key: str, scope: dict[str, tuple[str, str]], loc: Loc
                 ) -> tuple[Ref, FactDef] | None:
        var_name, _, fact_id = key.rpartition(".")
        fact = self.vocab.facts.get(fact_id)
        if fact is None:
            self.problem(loc, "unknown-fact", f"unknown fact '{fact_id}'",
                         suggestion=did_you_mean(fact_id, self.vocab.facts)
                         or "see the vocabulary in knowledge/ for the facts you can use")
            return None
        if var_name:
            if var_name == CASE:
                entity, ir_var = CASE, CASE
            elif var_name in scope:
                entity, ir_var = scope[var_name]
            else:
                self.problem(loc, "unknown-variable", f"'{var_name}' is not an entity in scope",
                             (*tuple(scope), CASE), did_you_mean(var_name, scope))
                return None
            if fact.entity != entity:
                self.problem(loc, "wrong-entity",
                             f"'{fact_id}' is a fact of '{fact.entity}', not of '{entity}'")
                return None
            var = ir_var
        elif fact.entity == CASE:
            var = CASE
        else:
            candidates = [v for _name, (e, v) in scope.items() if e == fact.entity]
            if not candidates:
                self.problem(loc, "entity-not-in-scope",
                             f"'{fact_id}' is a fact of each '{fact.entity}'; say which one",
                             suggestion=f"use 'for_each: {fact.entity}' on the rule, or "
                                        f"'some: {fact.entity}' with 'where:'")
                return None
            var = candidates[-1]
        self.reads.add((fact.entity, fact.id))
        return Ref(var, fact.id), fact

    def _leaf(self, key: str, spec: Any, scope: dict[str, tuple[str, str]], loc: Loc) -> Node:
        resolved = self._resolve(key, scope, loc)
        if resolved is None:
            return Const(False)
        ref, fact = resolved
        if isinstance(spec, dict):
            ops = spec
        elif isinstance(spec, list):
            ops = {"in": spec}
        elif fact.type == "list":
            ops = {"contains": spec}
        else:
            ops = {"is": spec}
        if not ops:
            self.problem(loc, "bad-condition", "no operator given", allowed=OPERATORS)
            return Const(False)
        parts: list[Node] = []
        for op, value in ops.items():
            node = self._op(ref, fact, str(op), value, (*loc, op) if isinstance(spec, dict)
                            else loc)
            if node is not None:
                parts.append(node)
        if len(parts) != len(ops):
            return Const(False)
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def _op(self, ref: Ref, fact: FactDef, op: str, value: Any, loc: Loc) -> Node | None:
        allowed_ops = _OPS_BY_TYPE[fact.type]
        if op not in OPERATORS:
            self.problem(loc, "unknown-operator", f"unknown operator '{op}'", allowed_ops,
                         did_you_mean(op, OPERATORS))
            return None
        if op not in allowed_ops:
            self.problem(loc, "operator-type",
                         f"'{op}' does not apply to '{fact.id}' "
                         f"({'an' if fact.type[0] in 'aeiou' else 'a'} {fact.type} fact)",
                         allowed_ops)
            return None
        if op == "known":
            if not isinstance(value, bool):
                self.problem(loc, "bad-value", "'known' takes true or false")
                return None
            return Known(ref, value)
        if op in ("in", "not_in"):
            if not isinstance(value, list) or not value:
                self.problem(loc, "bad-value", f"'{op}' takes a non-empty list of values",
                             self.vocab.allowed(fact))
                return None
            maybe = [self._value(fact, v, (*loc, i)) for i, v in enumerate(value)]
            values = [v for v in maybe if v is not None]
            if len(values) != len(maybe):
                return None
            ordered = tuple(sorted(set(values), key=_sort_key))
            return In(ref, ordered, op == "not_in")
        item_fact = fact
        norm = self._value(item_fact, value, loc)
        if norm is None:
            return None
        if op in ("contains", "not_contains"):
            return Has(ref, norm, op == "not_contains")
        if op in _ORDERED:
            cmp_op: CmpOp = _ORDERED[op]  # type: ignore[assignment]
            return Cmp(ref, cmp_op, norm)
        return Cmp(ref, "eq" if op == "is" else "ne", norm)

    def _value(self, fact: FactDef, raw: Any, loc: Loc) -> Value | None:
        try:
            return self.vocab.normalize(fact, raw)
        except ValueProblem as err:
            options = [a for a in err.allowed if " " not in a]
            self.problem(loc, "bad-value", str(err), err.allowed,
                         did_you_mean(err.wrong, options) if err.wrong and options else None)
            return None


def _sort_key(value: Value) -> tuple[int, float, str]:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (0, float(value), "")
    return (1, 0.0, str(value))
