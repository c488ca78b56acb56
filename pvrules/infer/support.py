"""Which facts made a condition true: the support of a firing (its matched facts).

Evaluates the condition tree like :mod:`pvrules.infer.kleene` and collects the
facts (entity, fact) whose values made it true: every part of an ``all``, the
first true part of an ``any``, the first witness of ``some``, every entity of
``every``/``no``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from pvrules.compile.ir import And, Const, Exists, ForAll, Known, Node, Not, Or, leaves
from pvrules.infer.compiled import Compiler, Scope
from pvrules.infer.kleene import Entities, Env, Truth, Values, evaluate
from pvrules.validate.case import EntityKey

FactUse = tuple[EntityKey, str]
Truthful = Callable[[Node, Env], Truth]


def support(node: Node, env: Env, values: Values, entities: Entities,
            compiler: Compiler | None = None,
            memo: dict[int, tuple[Node, list[FactUse]]] | None = None) -> list[FactUse]:
    """Facts that make ``node`` true under ``env`` (empty if it is not true).

    With ``compiler``, truth values come from its compiled closures (the same
    semantics, faster) instead of walking the tree again for every part. With
    ``memo`` as well, the support of a quantifier that mentions no outer variable
    (the same for every focus) is kept there; the caller clears it when facts change.
    """
    out: list[FactUse] = []
    if compiler is None:
        truth: Truthful = lambda n, e: evaluate(n, e, values, entities)  # noqa: E731
        _collect(node, env, entities, out, truth)
    else:
        scope = Scope(values, entities)

        def truth(n: Node, e: Env) -> Truth:
            return compiler.check(n)(dict(e), scope)

        closed = compiler.closed if memo is not None else None
        _collect(node, env, entities, out, truth, closed, memo)
    seen: set[FactUse] = set()
    unique = []
    for use in out:
        if use not in seen:
            seen.add(use)
            unique.append(use)
    return unique


def _collect(node: Node, env: Env, entities: Entities, out: list[FactUse],
             truth: Truthful, closed: Callable[[Node], bool] | None = None,
             memo: dict[int, tuple[Node, list[FactUse]]] | None = None) -> None:
    if closed is not None and memo is not None and isinstance(node, Exists | ForAll) \
            and closed(node):
        kept = memo.get(id(node))
        if kept is None or kept[0] is not node:
            found: list[FactUse] = []
            _collect_quantifier(node, env, entities, found, truth, closed, memo)
            kept = (node, found)
            memo[id(node)] = kept
        out.extend(kept[1])
        return
    if isinstance(node, Exists | ForAll):
        _collect_quantifier(node, env, entities, out, truth, closed, memo)
        return
    if isinstance(node, And):
        for item in node.items:
            _collect(item, env, entities, out, truth, closed, memo)
        return
    if isinstance(node, Or):
        for item in node.items:
            if truth(item, env) is True:
                _collect(item, env, entities, out, truth, closed, memo)
                return
        return
    if isinstance(node, Const):
        return
    if isinstance(node, Not):  # only in trees not yet in negation normal form
        if truth(node, env) is True:
            out.extend((env[lf.ref.var], lf.ref.fact) for lf in leaves(node.item)
                       if lf.ref.var in env)
        return
    if isinstance(node, Known) or truth(node, env) is True:
        out.append((env[node.ref.var], node.ref.fact))


def _collect_quantifier(node: Exists | ForAll, env: Env, entities: Entities,
                        out: list[FactUse], truth: Truthful,
                        closed: Callable[[Node], bool] | None,
                        memo: dict[int, tuple[Node, list[FactUse]]] | None) -> None:
    """The first witness of ``some``; every entity of ``every``/``no``."""
    for key in entities.get(node.entity, ()):
        inner: Mapping[str, EntityKey] = {**env, node.var: key}
        if isinstance(node, ForAll):
            _collect(node.cond, inner, entities, out, truth, closed, memo)
        elif truth(node.cond, inner) is True:
            _collect(node.cond, inner, entities, out, truth, closed, memo)
            return
