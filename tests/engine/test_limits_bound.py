"""The alpha-stack bound of durable_limits with its children filed by value equals the
bound with every child tested (the definition), on real networks and mixed-type facts."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from pvrules.infer import durable_limits as limits
from pvrules.infer.durable_backend import compile_plan
from pvrules.kb import load_kb
from pvrules.testing.synthetic import write_kb


def defined_bound(node: limits._Node, fact: dict[str, object]) -> int:
    """The bound as defined: every child tested with _matches."""
    matched = [c for c in node.children.values() if limits._matches(c.spec, fact)]
    pushed = len(matched) + (node.private if "e" in fact else 0)
    return pushed + max((defined_bound(c, fact) for c in matched), default=0)


def _keys_are_test_keys(node: limits._Node) -> None:
    """Each child is filed under its test's key, and two tests share a node exactly when
    their text (``repr``, which tells 1, 1.0 and True apart) is the same."""
    texts = set()
    for key, child in node.children.items():
        ((test_key, spec),) = child.spec.items()
        assert key == limits._child_key(test_key, spec)
        texts.add(repr(sorted(child.spec.items())))
        _keys_are_test_keys(child)
    assert len(texts) == len(node.children)


@pytest.mark.parametrize("source", ["shipped", 7])
def test_bound_equals_its_definition_for_every_probe(source: object) -> None:
    if source == "shipped":
        kb = load_kb(use_env=False)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            rules_dir, knowledge_dir, _spec = write_kb(Path(tmp), int(str(source)), 150)
            kb = load_kb([rules_dir], [knowledge_dir], include_builtin=False, use_env=False)
    plan = compile_plan(kb.rules, kb.vocab)
    root = limits._network(plan)
    _keys_are_test_keys(root)
    probes = list(limits._probe_facts(plan, kb.vocab))
    assert probes
    for fact in probes:
        assert limits._stack_bound(root, fact) == defined_bound(root, fact), fact


def _network_of(specs: list[dict[str, object]]) -> limits._Node:
    root = limits._Node("root")
    for i, spec in enumerate(specs):
        root.children[f"c{i}"] = limits._Node(f"c{i}", spec, private=i % 2)
        root.children[f"c{i}"].children["d"] = limits._Node("d", {"n": "x"})
    return root


EQUAL: list[dict[str, object]] = [{"v": 1}, {"v": True}, {"v": 1.0}, {"v": "1"}, {"v": 0},
                                  {"v": False}, {"n": "x"}, {"v": 2.5}]


def test_mixed_types() -> None:
    root = _network_of([*EQUAL, {"$neq": {"v": 1}}, {"$gt": {"v": 0}}])
    for value in [1, 1.0, True, False, 0, 0.0, 2, 2.5, -0.5]:
        for fact in ({"v": value, "n": "x", "e": "x:1"}, {"v": value}, {"n": "x"}):
            assert limits._stack_bound(root, fact) == defined_bound(root, fact), fact


def test_unhashable_and_missing_values() -> None:
    root = _network_of(EQUAL)
    for value in [[1], (1,), None, "1", "x"]:
        for fact in ({"v": value, "n": "x", "e": "x:1"}, {"v": value}, {"n": value}, {}):
            assert limits._stack_bound(root, fact) == defined_bound(root, fact), fact
