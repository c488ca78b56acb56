"""Synthetic knowledge bases and cases, for differential tests and benchmarks.

Everything is generated from a seed with :class:`random.Random`, so a failing
seed reproduces exactly. The knowledge base uses every condition form of the
rule language (levels, enums, booleans, numbers, lists; all/any/not;
some/no/every; unknown tests; entity rules; derived facts in strata) and the
v2 additions: options with partner sets and aggregates over them, validity
dates, and every kind of conclusion (effects, criteria, risks, route steps,
preferences).
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

LEVELS = ["l0", "l1", "l2", "l3", "l4"]
ENUM = ["a", "b", "c", "d"]
LIST = ["x", "y", "z", "w"]
SIGNS = ["+", "0", "-"]
ROLES = {"criterion": "crit", "risk": "risk", "route": "step", "framework": "kader"}
AGGREGATES = [("x_differs", "bool", "differs", "p_enum0"), ("x_min", "level", "min", "p_level0"),
              ("x_max", "level", "max", "p_level1"), ("x_all", "bool", "all", "p_bool0"),
              ("x_any", "bool", "any", "p_bool0"), ("x_count", "number", "count", None)]
DATES = ["2015-01-01", "2018-07-01", "2019-09-01", "2022-07-01", "2024-01-01"]


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
        for entity in list(self.inputs):
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
        self.inputs["optie"] = [("x_enum0", "enum"), ("x_bool0", "bool")]
        self.computed: dict[str, list[tuple[str, str]]] = {
            "case": [("peildatum", "date")],
            "optie": [(fid, ftype) for fid, ftype, _fn, _of in AGGREGATES]}

    def knowledge(self, n_items: int) -> dict[str, Any]:
        """Vocabulary data."""
        facts = [_fact(fid, ft, ent) for ent, lst in self.inputs.items() for fid, ft in lst]
        facts += [_fact(fid, ft, ent, "derived", d) for fid, ft, ent, _l, d in self.derived]
        members = _fact("x_members", "list", "optie")
        del members["values"]
        facts.append({**members, "ref": "partner"})
        for fid, ftype, fn, of in AGGREGATES:
            fact = _fact(fid, ftype, "optie")
            del fact["origin"]
            fact.pop("max", None)
            fact["aggregate"] = {"over": "x_members", "fn": fn, **({"of": of} if of else {})}
            facts.append(fact)
        label = {"nl": "x", "en": "x"}
        return {
            "entities": [{"id": "opgave", "collection": "opgaven",
                          "label": {"nl": "Opgave", "en": "Task"}},
                         {"id": "partner", "collection": "partners",
                          "label": {"nl": "Partner", "en": "Partner"}},
                         {"id": "optie", "collection": "opties",
                          "label": {"nl": "Optie", "en": "Option"}}],
            "scales": [{"id": "s5", "values": [{"id": v, "nl": v, "en": v} for v in LEVELS]}],
            "corners": [{"id": c, "label": label} for c in ("k1", "k2", "k3", "k4")],
            "strengths": [{"id": "zwak", "label": label},
                          {"id": "middel", "label": label, "default": True},
                          {"id": "sterk", "label": label}],
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
    if ftype == "count":
        return rng.choice([0, 1, 2, 3])
    return rng.choice(LIST)


def _leaf(rng: random.Random, name: str, ftype: str) -> dict[str, Any]:
    if rng.random() < 0.08:
        return {name: {"known": rng.random() < 0.5}}
    if ftype == "date":
        op = rng.choice(["at_least", "below"])
        return {name: {op: int(rng.choice(DATES).replace("-", ""))}}
    if name.endswith("x_count"):
        return {name: {rng.choice(["at_least", "at_most", "is"]): _value(rng, "count")}}
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
        out = list(self.spec.inputs[entity]) + list(self.spec.computed.get(entity, []))
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
        entity = rng.choice(["opgave", "partner", "optie"])
        used[0] += 1
        var = f"q{used[0]}"
        quant = rng.choice(["some", "some", "no", "every"])
        inner = {**scope, var: entity}
        return {quant: entity, "as": var,
                "where": self.condition(inner, layer, depth - 1, used)}

    def rule(self, index: int) -> dict[str, Any]:
        """One random rule."""
        rng = self.rng
        focus = rng.choice([None, None, "opgave", "partner", "optie"])
        kind = rng.random()
        derived = [d for d in self.spec.derived if d[2] == "case" or d[2] == focus]
        if kind < 0.35 and derived:
            fid, ftype, _ent, layer, _d = rng.choice(derived)
            value = _value(rng, ftype)
            then: list[dict[str, Any]] = [{"derive": fid, "value": value}]
        elif focus == "optie" and kind < 0.8:
            layer = 3
            then = [self.assessment() for _ in range(rng.randint(1, 3))]
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
        if rng.random() < 0.2:
            start, end = sorted(rng.sample(DATES, 2))
            if rng.random() < 0.7:
                rule["valid_from"] = start
            if rng.random() < 0.5:
                rule["valid_to"] = end
            rule["frameworks"] = [f"kader{rng.randrange(2)}"]
        return rule

    def assessment(self) -> dict[str, Any]:
        """One conclusion about an option: effect, criterion, risk, route step or preference."""
        rng = self.rng
        kind = rng.choice(["effect", "criterion", "risk", "route", "prefer"])
        if kind == "effect":
            return {"effect": rng.choice(["k1", "k2", "k3", "k4"]), "sign": rng.choice(SIGNS)}
        if kind == "criterion":
            return {"criterion": f"crit{rng.randrange(3)}", "score": rng.choice([*SIGNS, "?"])}
        if kind == "prefer":
            return {"prefer": rng.random() < 0.6, "strength": rng.choice(["zwak", "sterk"])}
        return {kind: f"{ROLES[kind]}{rng.randrange(3)}"}


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

    partners = [f"p{i}" for i in range(rng.randint(0, 3))]
    meta = {"id": f"case{index}", "titel": f"Case {index}", "datum": rng.choice(DATES)}
    return {
        "casus": meta,
        "feiten": facts("case"),
        "opgaven": [{"id": f"o{i}", **facts("opgave")} for i in range(rng.randint(0, 3))],
        "partners": [{"id": p, **facts("partner")} for p in partners],
        "opties": [{"id": f"x{i}", **facts("optie"),
                    **({"x_members": rng.sample(partners, rng.randint(0, len(partners)))}
                       if rng.random() > p_unknown else {})}
                   for i in range(rng.randint(0, 2))],
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
    for role, prefix in ROLES.items():
        (knowledge_dir / f"{role}.yaml").write_text(dump_yaml({
            "catalogue": {"id": f"cat_{role}", "label": {"nl": role, "en": role}, "kind": role,
                          "targets": ["case", "optie"]},
            "items": [{"id": f"{prefix}{i}", "label": {"nl": f"{prefix}{i}", "en": f"{prefix}{i}"},
                       "description": {"nl": "d", "en": "d"}, "sources": ["src"]}
                      for i in range(3)]}))
    (knowledge_dir / "sources.yaml").write_text(dump_yaml(
        {"sources": [{"id": "src", "title": "synthetic"}]}))
    (rules_dir / "rules.yaml").write_text(dump_yaml(
        {"rules": [gen.rule(i) for i in range(n_rules)]}))
    return rules_dir, knowledge_dir, spec
