"""Which facts made a condition true: the support of a firing (its matched facts).

Evaluates the condition tree like :mod:`pvrules.infer.kleene` and collects the
facts (entity, fact) whose values made it true: every part of an ``all``, the
first true part of an ``any``, the first witness of ``some``, every entity of
``every``/``no``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from pvrules.compile.ir import (
    And,
    Cmp,
    Const,
    Exists,
    ForAll,
    Has,
    In,
    Known,
    Node,
    Not,
    Or,
    leaves,
)
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


Collect = Callable[[dict[str, EntityKey], Scope, list[FactUse]], None]


class SupportCompiler:
    """The support of a condition known to be true, as closures compiled once per node.

    Gives the same facts in the same order as :func:`support` for a true condition, but
    tests no leaf again: every part the walk visits of a true condition is itself true
    (the parts of a true ``all``, the first true part of an ``any``, a witness of a true
    ``some``, every entity of a true ``every``), so only ``any`` and ``some`` evaluate.
    A quantifier that mentions no outer variable is collected once per stratum; the
    memo lives in the :class:`Scope`'s ``trace`` and is cleared with it.
    """

    def __init__(self, compiler: Compiler) -> None:
        """Use ``compiler``'s closures for the truth of ``any`` parts and witnesses."""
        self.compiler = compiler
        self._done: dict[int, tuple[Node, Collect]] = {}
        self._slots = 0

    def collect(self, node: Node) -> Collect:
        """The collector for ``node`` (compiled on first use)."""
        got = self._done.get(id(node))
        if got is None or got[0] is not node:
            got = (node, self._compile(node))
            self._done[id(node)] = got
        return got[1]

    def _compile(self, node: Node) -> Collect:
        if isinstance(node, Exists | ForAll):
            walk = self._quantifier(node)
            if not self.compiler.closed(node):
                return walk
            self._slots += 1
            slot = self._slots

            def once(env: dict[str, EntityKey], scope: Scope, out: list[FactUse]) -> None:
                kept = scope.trace.get(slot)
                if kept is None:
                    kept = []
                    walk(env, scope, kept)
                    scope.trace[slot] = kept
                out.extend(kept)

            return once
        if isinstance(node, And):
            parts = tuple(self.collect(item) for item in node.items)

            def every_part(env: dict[str, EntityKey], scope: Scope, out: list[FactUse]) -> None:
                for part in parts:
                    part(env, scope, out)

            return every_part
        if isinstance(node, Or):
            options = tuple((self.compiler.check(item), self.collect(item))
                            for item in node.items)

            def first_true(env: dict[str, EntityKey], scope: Scope, out: list[FactUse]) -> None:
                for check, part in options:
                    if check(env, scope) is True:
                        part(env, scope, out)
                        return

            return first_true
        if isinstance(node, Const):
            return lambda env, scope, out: None
        if isinstance(node, Not):  # only in trees not yet in negation normal form
            check = self.compiler.check(node)
            refs = tuple((lf.ref.var, lf.ref.fact) for lf in leaves(node.item))

            def negated(env: dict[str, EntityKey], scope: Scope, out: list[FactUse]) -> None:
                if check(env, scope) is True:
                    out.extend((env[var], fact) for var, fact in refs if var in env)

            return negated
        var, fact = node.ref.var, node.ref.fact

        def leaf(env: dict[str, EntityKey], scope: Scope, out: list[FactUse]) -> None:
            out.append((env[var], fact))

        return leaf

    def _quantifier(self, node: Exists | ForAll) -> Collect:
        """The first witness of ``some``; every entity of ``every``/``no``."""
        inner = self.collect(node.cond)
        var, entity = node.var, node.entity
        witness = None if isinstance(node, ForAll) else self.compiler.check(node.cond)

        def walk(env: dict[str, EntityKey], scope: Scope, out: list[FactUse]) -> None:
            saved = env.get(var)
            try:
                for key in scope.entities.get(entity, ()):
                    env[var] = key
                    if witness is None:
                        inner(env, scope, out)
                    elif witness(env, scope) is True:
                        inner(env, scope, out)
                        return
            finally:
                if saved is None:
                    env.pop(var, None)
                else:
                    env[var] = saved

        return walk


def unique(uses: list[FactUse]) -> list[FactUse]:
    """``uses`` without repeats, in first-seen order."""
    return list(dict.fromkeys(uses))


def static_support(node: Node) -> tuple[tuple[str, str], ...] | None:
    """The support of ``node`` once true, known in advance, or ``None``.

    When ``node`` is a plain ``all`` of leaves (no ``any``, no quantifier), its support
    is (variable, fact) of every leaf, without repeats.
    """
    if isinstance(node, Const):
        return ()
    if isinstance(node, Cmp | In | Has | Known):
        return ((node.ref.var, node.ref.fact),)
    if isinstance(node, And):
        out: list[tuple[str, str]] = []
        for item in node.items:
            part = static_support(item)
            if part is None:
                return None
            out.extend(part)
        return tuple(dict.fromkeys(out))
    return None
