"""The facts durable_rules is given for one case, as JSON text, and only those it can use.

Pure Python (no durable_rules import). A fact reaches durable only when some
generated pattern could match it: its name (or entity type) is tested, and its
value passes every constant test of at least one pattern on that name. Any
other fact durable would parse, test and drop (code 1, "no pattern matches");
pvrules leaves it out instead, which gives the same answers for less work. The
check is conservative: whenever the value and a test are not plainly
comparable (mixed types, an order test on text), the fact is sent. With a packed
plan, an entity is one fact holding the packed facts some pattern tests.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from pvrules.compile.ir import CASE, Value
from pvrules.infer.durable_plan import DurablePlan, format_float, packed_prop
from pvrules.validate.vocab import Vocabulary

Test = tuple[str, str, object]
"""(operator, property, constant) of one constant test: ``eq``, ``$neq``, ``$lt``..."""

MEMO_LIMIT = 100_000
"""Values remembered per engine; the memo starts afresh beyond this (numbers, texts)."""

_encode_str = json.encoder.encode_basestring_ascii  # the C encoder json.dumps uses


def encode(value: object) -> str:
    """One fact value as JSON that durable's parser reads (floats always with a dot)."""
    kind = type(value)
    if kind is str:
        return _encode_str(value)  # type: ignore[arg-type]
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    if kind is float:
        return format_float(value)  # type: ignore[arg-type]
    return json.dumps(value)


def _number(value: object) -> bool:
    return type(value) in (int, float)


def _passes(op: str, have: object, want: object) -> bool:
    """Whether a fact value can pass one test (``True`` when not plainly comparable)."""
    if type(have) is bool or type(want) is bool:
        if type(have) is not type(want):
            return True  # durable's own rules for mixed types decide: send the fact
        if op == "eq":
            return have == want
        return have != want if op == "$neq" else True
    if _number(have) and _number(want):
        a, b = float(have), float(want)  # type: ignore[arg-type]  # durable compares doubles
        if op == "eq":
            return a == b
        if op == "$neq":
            return a != b
        if op == "$lt":
            return a < b
        if op == "$lte":
            return a <= b
        if op == "$gt":
            return a > b
        return a >= b if op == "$gte" else True
    if type(have) is str and type(want) is str and op in ("eq", "$neq"):
        return (have == want) == (op == "eq")
    return True


class FactFilter:
    """Which facts some pattern of a plan could match (the rest durable would drop)."""

    def __init__(self, plan: DurablePlan) -> None:
        """Collect each pattern's constant tests, by the fact kind and name they test."""
        chains: dict[tuple[str, str | None], list[tuple[Test, ...]]] = {}
        props: dict[str, set[str]] = {}
        for rule in plan.rules:
            for _name, pattern in rule.patterns:
                chain = pattern["$and"]
                assert isinstance(chain, list)
                kind, name, tests = "", None, []
                for test in chain:
                    ((key, spec),) = test.items()
                    if key == "k":
                        kind = str(spec)
                    elif key in ("n", "t"):
                        name = str(spec)
                    elif isinstance(spec, dict):
                        ((prop, const),) = spec.items()
                        if key == "e" or prop == "b":
                            continue  # joins and always-true bucket tests
                        tests.append((key, str(prop), const))
                    else:
                        tests.append(("eq", key, spec))
                chains.setdefault((kind, name), []).append(tuple(tests))
                if kind == "E":
                    props.setdefault(str(name), set()).update(p for _op, p, _c in tests)
        self._chains = chains
        self.props = {entity: frozenset(names) for entity, names in props.items()}
        """Entity type → the properties of its packed fact some pattern tests."""
        self._open = frozenset(key for key, options in chains.items() if () in options)
        self._memo: dict[tuple[str, str, object], bool] = {}

    def wants(self, kind: str, name: str, value: object) -> bool:
        """Whether a fact ``{k: kind, n: name, v: value}`` can match some pattern."""
        key = (kind, name)
        if key in self._open:
            return True
        memo_key = (kind, name, (type(value), value))
        got = self._memo.get(memo_key)
        if got is None:
            fact = {"v": value}
            got = any(all(prop in fact and _passes(op, fact[prop], const)
                          for op, prop, const in tests)
                      for tests in self._chains.get(key, ()))
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            self._memo[memo_key] = got
        return got

    def tests_kind(self, kind: str, name: str) -> bool:
        """Whether any pattern tests facts of this kind and name at all."""
        return (kind, name) in self._chains


class FactWriter:
    """Builds the JSON text of a case's facts for durable_rules, in a deterministic order."""

    def __init__(self, plan: DurablePlan, vocab: Vocabulary) -> None:
        """Prepare the filter and the list facts of ``vocab``."""
        self.filter = FactFilter(plan)
        self._lists = frozenset(n for n, f in vocab.facts.items() if f.type == "list")
        self._packed = plan.packed
        self._entity_props = {
            entity: tuple((name, _encode_str(packed_prop(name)), name in self._lists)
                          for name in sorted(plan.packed) if packed_prop(name) in props)
            for entity, props in self.filter.props.items()}
        """Entity type → (fact, its property as JSON, a list?) of its packed fact."""
        self._silent = frozenset(n for n in plan.packed
                                 if n not in self._lists or not self.filter.tests_kind("la", n))
        """Packed facts not also sent one value (list element) per fact."""
        self._texts: dict[tuple[str, str, type, object], tuple[str, str] | tuple[()]] = {}
        """(kind, fact, type, value) → the parts of its text (see :meth:`_value_text`)."""
        self._order: dict[tuple[str, ...], list[str]] = {}
        """An entity's fact names (in the case's order) → those sent one by one, sorted."""

    def case_facts(self, values: dict[tuple[str, str], dict[str, object]],
                   slots: dict[tuple[str, str], str], sid: str) -> Iterator[tuple[str, str]]:
        """(fact name, JSON text without the closing brace) of the facts to assert.

        The sentinel fact ``{"k":"case"}`` comes first; then the case's facts, then each
        entity's existence and facts, by entity type and slot; names sorted.
        """
        tail = f',"b":0,"sid":{_encode_str(sid)}'
        yield "case", '{"k":"case"' + tail
        wants = self.filter.wants
        texts, order, silent = self._texts, self._order, self._silent
        if len(texts) >= MEMO_LIMIT:
            texts.clear()
        if len(order) >= MEMO_LIMIT:
            order.clear()
        exists: dict[str, bool] = {}
        for key in sorted(values, key=lambda k: (k[0] != CASE, k[0], slots.get(k, ""))):
            ident = slots.get(key)
            entity = key[0] != CASE and ident is not None
            kind = "a" if entity else "c"
            where = f',"e":{_encode_str(ident)}' if entity else ""  # type: ignore[arg-type]
            own = values[key]
            if entity:
                tested = exists.get(key[0])
                if tested is None:
                    tested = exists[key[0]] = self.filter.tests_kind("x", key[0])
                if tested:
                    yield key[0], f'{{"k":"x","n":{_encode_str(key[0])}{where}{tail}'
                if key[0] in self._entity_props:
                    yield key[0], self._entity_fact(key[0], own, where + tail)
                shape = tuple(own)
                names = order.get(shape)
                if names is None:
                    names = order[shape] = sorted(own.keys() - silent)
                packed = self._packed
            else:
                names = sorted(own)
                packed = frozenset()
            for name in names:
                value = own[name]
                if name in packed:
                    if name in self._lists:
                        assert isinstance(value, tuple)
                        head = f'"n":{_encode_str(name)}{where}{tail}'
                        for item in value:
                            if wants("la", name, item):
                                yield name, f'{{"k":"la",{head},"v":{encode(item)}'
                    continue
                if name in self._lists:
                    assert isinstance(value, tuple)
                    head = f'"n":{_encode_str(name)}{where}{tail}'
                    if wants(kind, name, len(value)):
                        yield name, f'{{"k":"{kind}",{head},"v":{len(value)}'
                    for item in value:
                        if wants("l" + kind, name, item):
                            yield name, f'{{"k":"l{kind}",{head},"v":{encode(item)}'
                else:
                    memo_key = (kind, name, type(value), value)
                    text = texts.get(memo_key)
                    if text is None:
                        text = self._value_text(kind, name, value)
                        texts[memo_key] = text
                    if text:
                        yield name, f'{{"k":"{kind}","n":{text[0]}{where}{tail},{text[1]}'


    def _value_text(self, kind: str, name: str, value: object) -> tuple[str, str] | tuple[()]:
        """The name and value parts of a one-value fact's text; ``()`` if no pattern wants it."""
        if not self.filter.wants(kind, name, value):
            return ()
        return _encode_str(name), f'"v":{encode(value)}'

    def _entity_fact(self, entity: str, own: dict[str, object], rest: str) -> str:
        """The packed fact of one entity: its tested packed facts as properties."""
        parts = [f'{{"k":"E","t":{_encode_str(entity)}{rest}']
        for name, prop, is_list in self._entity_props[entity]:
            value = own.get(name)
            if value is None:
                continue
            if is_list:
                assert isinstance(value, tuple)
                value = len(value)
            kind = type(value)  # encode(value), inlined: an entity's hot loop
            if kind is str:
                text = _encode_str(value)  # type: ignore[arg-type]
            elif kind is int:
                text = str(value)
            else:
                text = encode(value)
            parts.append(f',{prop}:{text}')
        return "".join(parts)

    def derived(self, target: tuple[str, str], ident: str | None, name: str, value: Value,
                sid: str) -> str | None:
        """The JSON text (without the closing brace) of a derived fact, if a pattern can use it."""
        entity = target[0] != CASE
        kind = "a" if entity else "c"
        if not self.filter.wants(kind, name, value):
            return None
        where = f',"e":{_encode_str(ident)}' if entity and ident is not None else ""
        return (f'{{"k":"{kind}","n":{_encode_str(name)}{where},"b":0,'
                f'"sid":{_encode_str(sid)},"v":{encode(value)}')
