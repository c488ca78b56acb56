"""Synthetic knowledge bases and cases, for differential tests and benchmarks.

Everything is generated from a seed with :class:`random.Random`, so a failing
seed reproduces exactly. The knowledge base uses every condition form of the
rule language (levels, enums, booleans, numbers, lists; all/any/not;
some/no/every; unknown tests; entity rules; derived facts in strata).
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

LEVELS = ["l0", "l1", "l2", "l3", "l4"]
ENUM = ["a", "b", "c", "d"]
LIST = ["x", "y", "z", "w"]


def _fact(fid: str, ftype: str, entity: str = "case", origin: str = "input",
          default: Any = None) -> dict[str, Any]:
    fact: dict[str, Any] = {"id": fid, "entity": entity, "type": ftype,
                            "label": {"nl": fid, "en": fid},
                            "description": {"nl": fid, "en": fid}, "origin": origin}
    if ftype == "level":
        fact["scale"] = "s5"
    elif ftype in ("enum", "list"):
        fact["values"] = [{"id": v, "nl": v, "en": v} for v in (ENUM if ftype == "enum" else LIST)]
    elif ftype == "number":
        fact.update({"min": 0, "max": 100, "integer": True})
    if default is not None:
        fact["default"] = default
    return fact


class Spec:
    """The shape of the synthetic vocabulary."""

    def __init__(self, width: int = 3) -> None:
        """``width`` facts of each type per entity."""
        self.inputs: dict[str, list[tuple[str, str]]] = {"case": [], "opgave": [], "partner": []}
        for entity in self.inputs:
            prefix = {"case": "c", "opgave": "o", "partner": "p"}[entity]
            for ftype in ("level", "enum", "bool", "number", "list"):
                count = width if ftype in ("level", "enum") else max(1, width // 2)
                if entity != "case" and ftype in ("number", "list"):
                    count = 1
                for i in range(count):
                    self.inputs[entity].append((f"{prefix}_{ftype}{i}", ftype))
        # derived facts: (id, type, entity, layer, default)
        self.derived: list[tuple[str, str, str, int, Any]] = [
            ("d_level", "level", "case", 1, None),
            ("d_flag", "bool", "case", 1, False),
            ("d_opg", "bool", "opgave", 1, None),
            ("d_enum", "enum", "case", 1, None),
            ("d_top", "level", "case", 2, None),
            ("d_opg2", "bool", "opgave", 2, False),
        ]

    def knowledge(self, n_items: int) -> dict[str, Any]:
        """Vocabulary data."""
        facts = [_fact(fid, ft, ent) for ent, lst in self.inputs.items() for fid, ft in lst]
        facts += [_fact(fid, ft, ent, "derived", d) for fid, ft, ent, _l, d in self.derived]
        return {
            "entities": [{"id": "opgave", "collection": "opgaven",
                          "label": {"nl": "Opgave", "en": "Task"}},
                         {"id": "partner", "collection": "partners",
                          "label": {"nl": "Partner", "en": "Partner"}}],
            "scales": [{"id": "s5", "values": [{"id": v, "nl": v, "en": v} for v in LEVELS]}],
            "facts": facts,
        }


def _value(rng: random.Random, ftype: str) -> Any:
    if ftype == "level":
        return rng.choice(LEVELS)
    if ftype == "enum":
        return rng.choice(ENUM)
    if ftype == "bool":
        return rng.random() < 0.5
    if ftype == "number":
        return rng.choice([0, 10, 25, 50, 75, 100])
    return rng.choice(LIST)


def _leaf(rng: random.Random, name: str, ftype: str) -> dict[str, Any]:
    if rng.random() < 0.08:
        return {name: {"known": rng.random() < 0.5}}
    if ftype == "level":
        op = rng.choice(["is", "is_not", "in", "not_in", "at_least", "at_most", "above", "below"])
    elif ftype == "number":
        op = rng.choice(["is", "is_not", "at_least", "at_most", "above", "below", "in"])
    elif ftype == "enum":
        op = rng.choice(["is", "is_not", "in", "not_in"])
    elif ftype == "bool":
        op = rng.choice(["is", "is_not"])
    else:
        op = rng.choice(["contains", "not_contains"])
    if op in ("in", "not_in"):
        pool = LEVELS if ftype == "level" else ENUM if ftype == "enum" else [0, 10, 50, 100]
        return {name: {op: rng.sample(pool, rng.randint(1, 3))}}
    return {name: {op: _value(rng, ftype)}}


class RuleGen:
    """Generates random rules over a :class:`Spec`."""

    def __init__(self, spec: Spec, rng: random.Random, n_items: int) -> None:
        """Prepare the generator."""
        self.spec = spec
        self.rng = rng
        self.n_items = n_items

    def facts_for(self, entity: str, layer: int) -> list[tuple[str, str]]:
        """Facts of ``entity`` a rule of ``layer`` may read."""
        out = list(self.spec.inputs[entity])
        out += [(fid, ft) for fid, ft, ent, lay, _d in self.spec.derived
                if ent == entity and lay < layer]
        return out

    def condition(self, scope: dict[str, str], layer: int, depth: int, used: list[int]
                  ) -> dict[str, Any]:
        """A random condition with variables ``scope`` (name → entity)."""
        rng = self.rng
        roll = rng.random()
        if depth <= 0 or roll < 0.45:
            var = rng.choice(["case", *scope])
            entity = "case" if var == "case" else scope[var]
            name, ftype = rng.choice(self.facts_for(entity, layer))
            key = name if var == "case" else f"{var}.{name}"
            return _leaf(rng, key, ftype)
        if roll < 0.65:
            return {"all": [self.condition(scope, layer, depth - 1, used)
                            for _ in range(rng.randint(1, 3))]}
        if roll < 0.8:
            return {"any": [self.condition(scope, layer, depth - 1, used)
                            for _ in range(rng.randint(1, 3))]}
        if roll < 0.88:
            return {"not": self.condition(scope, layer, depth - 1, used)}
        entity = rng.choice(["opgave", "partner"])
        used[0] += 1
        var = f"q{used[0]}"
        quant = rng.choice(["some", "some", "no", "every"])
        inner = {**scope, var: entity}
        return {quant: entity, "as": var,
                "where": self.condition(inner, layer, depth - 1, used)}

    def rule(self, index: int) -> dict[str, Any]:
        """One random rule."""
        rng = self.rng
        focus = rng.choice([None, None, "opgave", "partner"])
        kind = rng.random()
        derived = [d for d in self.spec.derived if d[2] == "case" or d[2] == focus]
        if kind < 0.35 and derived:
            fid, ftype, _ent, layer, _d = rng.choice(derived)
            value = _value(rng, ftype)
            then: list[dict[str, Any]] = [{"derive": fid, "value": value}]
        else:
            layer = 3
            item = f"item{rng.randrange(self.n_items)}"
            key = "recommend" if rng.random() < 0.8 else "advise_against"
            then = [{key: item, "strength": rng.choice(["zwak", "middel", "sterk"])}]
        scope = {focus: focus} if focus else {}
        rule: dict[str, Any] = {
            "id": f"r{index:04d}", "title": {"nl": f"r{index}", "en": f"r{index}"},
            "principle": {"nl": "p", "en": "p"},
            "when": self.condition(scope, layer, rng.randint(1, 3), [0]),
            "then": then, "explanation": {"nl": "t", "en": "t"}, "sources": ["src"],
        }
        if focus:
            rule["for_each"] = focus
        if rng.random() < 0.1:
            rule["priority"] = rng.randint(1, 3)
        return rule


def case(rng: random.Random, spec: Spec, index: int, p_unknown: float = 0.25) -> dict[str, Any]:
    """One random case."""
    def facts(entity: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for fid, ftype in spec.inputs[entity]:
            if rng.random() < p_unknown:
                continue
            if ftype == "list":
                out[fid] = rng.sample(LIST, rng.randint(0, 3))
            else:
                out[fid] = _value(rng, ftype)
        return out

    return {
        "casus": {"id": f"case{index}", "titel": f"Case {index}"},
        "feiten": facts("case"),
        "opgaven": [{"id": f"o{i}", **facts("opgave")} for i in range(rng.randint(0, 3))],
        "partners": [{"id": f"p{i}", **facts("partner")} for i in range(rng.randint(0, 3))],
    }


def write_kb(folder: Path, seed: int, n_rules: int, width: int = 3, n_items: int = 12
             ) -> tuple[Path, Path, Spec]:
    """Write a synthetic knowledge base; return its rules and knowledge folders."""
    rng = random.Random(seed)
    spec = Spec(width)
    rules_dir = folder / "rules"
    knowledge_dir = folder / "knowledge"
    rules_dir.mkdir(parents=True, exist_ok=True)
    knowledge_dir.mkdir(parents=True, exist_ok=True)
    gen = RuleGen(spec, rng, n_items)
    def dump_yaml(data: object) -> str:
        return yaml.safe_dump(data, default_flow_style=False, sort_keys=False,
                              allow_unicode=True)

    (knowledge_dir / "vocabulary.yaml").write_text(dump_yaml(spec.knowledge(n_items)))
    (knowledge_dir / "catalogue.yaml").write_text(dump_yaml({
        "catalogue": {"id": "cat", "label": {"nl": "cat", "en": "cat"},
                      "targets": ["case", "opgave", "partner"], "exclusive": True},
        "items": [{"id": f"item{i}", "label": {"nl": f"item {i}", "en": f"item {i}"},
                   "description": {"nl": "d", "en": "d"}, "sources": ["src"]}
                  for i in range(n_items)]}))
    (knowledge_dir / "sources.yaml").write_text(dump_yaml(
        {"sources": [{"id": "src", "title": "synthetic"}]}))
    (rules_dir / "rules.yaml").write_text(dump_yaml(
        {"rules": [gen.rule(i) for i in range(n_rules)]}))
    return rules_dir, knowledge_dir, spec
