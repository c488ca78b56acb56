"""Lint: a yes/no fact used as a truth value in an explanation template.

In an explanation a fact has the value people read: a yes/no fact is the text ``ja`` /
``nee`` (``yes`` / ``no``), and both are true in a template. So
``{% if p.is_opdrachtgever %}``, ``{{ 'x' if optie.bestaand else 'y' }}`` or
``{% for p in optie.partners_items if p.wil_zelfstandig %}`` hold for ``nee`` too: the text
then says the opposite of the case. The check finds a yes/no fact (of the case, of the
rule's focus, or of an entity a loop takes from ``<focus>.<list fact>_items``) tested on its
own, also under ``not``, ``and`` and ``or``, and says how to compare it instead
(``p.is_opdrachtgever == 'ja'``).

* ``text-bool-truth`` (error): the explanation tests a yes/no fact as true or false.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pvrules.authoring.check_texts import _env, each_text
from pvrules.authoring.findings import Finding, error
from pvrules.compile.ir import CASE, CompiledRule
from pvrules.errors import Problem
from pvrules.validate.rules import RuleEntry
from pvrules.validate.vocab import Vocabulary

BOOL = "bool"
ITEMS = "_items"
YES = {"nl": "ja", "en": "yes"}
NO = {"nl": "nee", "en": "no"}
GUARD = "__"
"""A call the sandbox puts around a loop's iterable (``__pvrules_loop_guard``)."""


def _tests(tree: Any) -> Iterator[Any]:
    """Every expression the template tests for truth: if, inline if, a loop's filter."""
    from jinja2 import nodes

    for node in tree.find_all((nodes.If, nodes.CondExpr, nodes.For)):
        test = getattr(node, "test", None)
        if test is not None:
            yield test


def _atoms(expr: Any) -> Iterator[Any]:
    """The parts of a test that are tested on their own (through not, and, or)."""
    from jinja2 import nodes

    if isinstance(expr, nodes.Not):
        yield from _atoms(expr.node)
    elif isinstance(expr, (nodes.And, nodes.Or)):
        yield from _atoms(expr.left)
        yield from _atoms(expr.right)
    else:
        yield expr


def _loops(tree: Any, focus: str | None, vocab: Vocabulary) -> dict[str, str]:
    """Loop variables over ``<focus>.<list fact>_items``, with the entity they refer to."""
    from jinja2 import nodes

    out: dict[str, str] = {}
    if focus is None:
        return out
    for node in tree.find_all(nodes.For):
        it, target = node.iter, node.target
        while isinstance(it, nodes.Call) and isinstance(it.node, nodes.Name) \
                and it.node.name.startswith(GUARD) and len(it.args) == 1:
            it = it.args[0]  # the sandbox wraps a loop's iterable in its budget guard
        if not (isinstance(target, nodes.Name) and isinstance(it, nodes.Getattr)
                and isinstance(it.node, nodes.Name) and it.node.name == focus
                and it.attr.endswith(ITEMS)):
            continue
        fact = vocab.facts.get(it.attr.removesuffix(ITEMS))
        ref = getattr(fact, "ref", None) if fact is not None else None
        if ref:
            out[target.name] = ref
    return out


def _bool_fact(atom: Any, focus: str | None, loops: dict[str, str],
               vocab: Vocabulary) -> str | None:
    """``atom`` as written (``p.is_opdrachtgever``) when it is a yes/no fact, else None."""
    from jinja2 import nodes

    if isinstance(atom, nodes.Name):
        fact = vocab.facts.get(atom.name)
        ok = fact is not None and fact.type == BOOL and fact.entity == CASE
        return atom.name if ok else None
    if isinstance(atom, nodes.Getattr) and isinstance(atom.node, nodes.Name):
        owner = atom.node.name
        entity = focus if owner == focus else loops.get(owner)
        fact = vocab.facts.get(atom.attr)
        if entity is not None and fact is not None and fact.type == BOOL \
                and fact.entity == entity:
            return f"{owner}.{atom.attr}"
    return None


def check_truth(text: str, lang: str, entry: RuleEntry, rule: CompiledRule,
                vocab: Vocabulary) -> list[Finding]:
    """Findings for one language of one rule's explanation (a text that parses)."""
    from jinja2 import TemplateSyntaxError

    try:
        tree = _env().parse(text)
    except TemplateSyntaxError:
        return []  # text-syntax says so
    line = entry.doc.line_of((*entry.loc, "explanation", lang))
    loops = _loops(tree, rule.focus_entity, vocab)
    out: list[Finding] = []
    said: set[str] = set()
    for test in _tests(tree):
        for atom in _atoms(test):
            name = _bool_fact(atom, rule.focus_entity, loops, vocab)
            if name is None or name in said:
                continue
            said.add(name)
            yes, no = YES.get(lang, "yes"), NO.get(lang, "no")
            out.append(error(Problem(
                "text-bool-truth", f"the {lang} explanation tests the yes/no fact '{name}' as "
                f"true or false, but in a text it is '{yes}' or '{no}', and '{no}' is true too",
                entry.file, line, f"explanation.{lang}", rule.id,
                suggestion=f"compare it: {name} == '{yes}'")))
    return out


def truths(entries: list[RuleEntry], rules: list[CompiledRule],
           vocab: Vocabulary) -> list[Finding]:
    """Findings for the explanations of every compiled rule."""
    return each_text(entries, rules, vocab, check_truth)
