"""Which facts made a condition true: the support of a firing (its matched facts).

Evaluates the condition tree like :mod:`pvrules.infer.kleene` and collects the
facts (entity, fact) whose values made it true: every part of an ``all``, the
first true part of an ``any``, the first witness of ``some``, every entity of
``every``/``no``.
"""

from __future__ import annotations

from collections.abc import Mapping

from pvrules.compile.ir import And, Const, Exists, ForAll, Known, Node, Not, Or, leaves
from pvrules.infer.kleene import Entities, Env, Values, evaluate
from pvrules.validate.case import EntityKey

FactUse = tuple[EntityKey, str]


def support(node: Node, env: Env, values: Values, entities: Entities) -> list[FactUse]:
    """Facts that make ``node`` true under ``env`` (empty if it is not true)."""
    out: list[FactUse] = []
    _collect(node, env, values, entities, out)
    seen: set[FactUse] = set()
    unique = []
    for use in out:
        if use not in seen:
            seen.add(use)
            unique.append(use)
    return unique


def _collect(node: Node, env: Env, values: Values, entities: Entities,
             out: list[FactUse]) -> None:
    if isinstance(node, And):
        for item in node.items:
            _collect(item, env, values, entities, out)
        return
    if isinstance(node, Or):
        for item in node.items:
            if evaluate(item, env, values, entities) is True:
                _collect(item, env, values, entities, out)
                return
        return
    if isinstance(node, Exists):
        for key in entities.get(node.entity, ()):
            inner: Mapping[str, EntityKey] = {**env, node.var: key}
            if evaluate(node.cond, inner, values, entities) is True:
                _collect(node.cond, inner, values, entities, out)
                return
        return
    if isinstance(node, ForAll):
        for key in entities.get(node.entity, ()):
            _collect(node.cond, {**env, node.var: key}, values, entities, out)
        return
    if isinstance(node, Const):
        return
    if isinstance(node, Not):  # only in trees not yet in negation normal form
        if evaluate(node, env, values, entities) is True:
            out.extend((env[lf.ref.var], lf.ref.fact) for lf in leaves(node.item)
                       if lf.ref.var in env)
        return
    if isinstance(node, Known) or evaluate(node, env, values, entities) is True:
        out.append((env[node.ref.var], node.ref.fact))
