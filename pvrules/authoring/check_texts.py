"""Lint: explanation texts that use values the rule does not test, or cannot render.

A rule's explanation may use the case facts the rule reads (``{{ draagvlak_raad }}``)
and its focus entity (``{{ opgave.naam }}``, ``{{ opgave.schaal }}`` for a fact
of the focus the rule reads), and the client's organs ``{{ raad }}``, ``{{ college }}``
and ``{{ overheid }}`` (:data:`pvrules.explain.texts.ORGANS`). Anything else either
fails to render (an unknown name) or states a value the rule did not check.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pvrules.authoring.findings import Finding, error, warning
from pvrules.compile.ir import CASE, CompiledRule
from pvrules.errors import Problem
from pvrules.explain.texts import ORGANS
from pvrules.validate.rules import RuleEntry
from pvrules.validate.vocab import Vocabulary

ENTITY_ATTRS = ("naam", "id", "bron")
STATED = "bron"
"""``{{ bron.fact }}`` / ``{{ optie.bron.fact }}``: the case's own ``bron`` text of a fact."""


class _AnySource(dict[str, str]):
    """Placeholder ``bron`` texts for the lint's test render: every fact has one."""

    def __missing__(self, key: str) -> str:
        return f"<bron {key}>"


def _env() -> Any:
    """The limited sandbox the advice renders texts in (range, loop and output budgets)."""
    from jinja2 import StrictUndefined

    from pvrules.sandbox import sandboxed_env

    return sandboxed_env(undefined=StrictUndefined, autoescape=False)


def check_text(text: str, lang: str, entry: RuleEntry, rule: CompiledRule,
               vocab: Vocabulary) -> list[Finding]:
    """Findings for one language of one rule's explanation."""
    from jinja2 import TemplateSyntaxError, meta, nodes

    env = _env()
    loc = ("explanation", lang)
    line = entry.doc.line_of((*entry.loc, *loc))
    where = (entry.file, line, f"explanation.{lang}", rule.id)
    try:
        tree = env.parse(text)
    except TemplateSyntaxError as err:
        return [error(Problem("text-syntax", f"the {lang} explanation is not a valid template: "
                              f"{err.message}", *where,
                              suggestion="write values as {{ fact }}; check the braces"))]
    read_case = {f for e, f in rule.reads if e == CASE}
    read_focus = {f for e, f in rule.reads if e == rule.focus_entity}
    focus = rule.focus_entity
    out: list[Finding] = []
    unknown = False
    for name in sorted(meta.find_undeclared_variables(tree)):
        fact = vocab.facts.get(name)
        if name in (focus, STATED) or name in ORGANS:
            continue
        if fact is not None and fact.entity == CASE:
            if name not in read_case:
                out.append(warning(Problem(
                    "text-unread-fact", f"the {lang} explanation uses '{name}', which this rule "
                    "does not test: the text may state a value the rule did not check", *where,
                    suggestion=f"test '{name}' in 'when:', or leave it out of the text")))
            continue
        unknown = True
        hint = (f"'{name}' is a fact of each '{fact.entity}'; only the rule's own focus "
                f"({focus or 'none'}) can be used" if fact is not None else
                f"only facts of the case the rule tests{' and ' + repr(focus) if focus else ''}"
                " can be used")
        out.append(error(Problem("text-unknown-name", f"the {lang} explanation uses '{name}', "
                                 f"which is not available in explanations", *where,
                                 suggestion=hint)))
    if focus is not None:
        for node in tree.find_all(nodes.Getattr):
            if not (isinstance(node.node, nodes.Name) and node.node.name == focus):
                continue
            attr = node.attr
            fact = vocab.facts.get(attr)
            if attr in ENTITY_ATTRS or _referred_list(attr, focus, vocab):
                continue
            if fact is None or fact.entity != focus:
                unknown = True
                out.append(error(Problem(
                    "text-unknown-name", f"the {lang} explanation uses '{focus}.{attr}', but "
                    f"'{attr}' is not a fact of '{focus}'", *where,
                    suggestion=f"use {focus}.naam, {focus}.id or a fact of {focus}")))
            elif attr not in read_focus:
                out.append(warning(Problem(
                    "text-unread-fact", f"the {lang} explanation uses '{focus}.{attr}', which "
                    "this rule does not test", *where,
                    suggestion=f"test '{attr}' in 'when:', or leave it out of the text")))
    if not unknown:
        out.extend(_render(env, text, lang, rule, vocab, where))
    return out


def _render(env: Any, text: str, lang: str, rule: CompiledRule, vocab: Vocabulary,
            where: tuple[str, int | None, str, str]) -> list[Finding]:
    """Render with placeholder values: catches errors that only show when rendering."""
    ctx: dict[str, Any] = {o: f"<{o}>" for o in ORGANS}
    ctx.update({f.id: f"<{f.id}>" for f in vocab.facts_of(CASE)})
    ctx[STATED] = _AnySource()
    if rule.focus_entity is not None:
        ctx[rule.focus_entity] = {"naam": "<naam>", "id": "<id>", STATED: _AnySource(),
                                  **{f.id: f"<{f.id}>" for f in vocab.facts_of(rule.focus_entity)}}
        for f in vocab.facts_of(rule.focus_entity):
            ref = getattr(f, "ref", None)
            if f.type == "list" and ref:
                ctx[rule.focus_entity][f"{f.id}_items"] = [
                    {"naam": "<naam>", "id": "<id>",
                     **{g.id: f"<{g.id}>" for g in vocab.facts_of(ref)}}]
    try:
        env.from_string(text).render(**ctx)
    except Exception as err:
        return [error(Problem("text-render", f"the {lang} explanation cannot be rendered: "
                              f"{err}", *where))]
    return []


def _referred_list(attr: str, focus: str, vocab: Vocabulary) -> bool:
    """Whether ``attr`` is ``<list fact>_items``: the entities a list fact of ``focus`` names."""
    base = attr.removesuffix("_items")
    fact = vocab.facts.get(base)
    return (base != attr and fact is not None and fact.entity == focus and fact.type == "list"
            and getattr(fact, "ref", None) is not None)


TextCheck = Callable[[str, str, RuleEntry, CompiledRule, Vocabulary], list[Finding]]
"""A check of one language of one rule's explanation (text, lang, entry, rule, vocabulary)."""


def each_text(entries: list[RuleEntry], rules: list[CompiledRule], vocab: Vocabulary,
              check: TextCheck) -> list[Finding]:
    """``check`` on both languages of every compiled rule's explanation."""
    by_id = {e.spec.id: e for e in entries}
    out = []
    for rule in rules:
        entry = by_id.get(rule.id)
        if entry is None:
            continue
        for lang in ("nl", "en"):
            out.extend(check(entry.spec.explanation.get(lang), lang, entry, rule, vocab))
    return out


def texts(entries: list[RuleEntry], rules: list[CompiledRule],
          vocab: Vocabulary) -> list[Finding]:
    """Findings for the explanations of every compiled rule."""
    return each_text(entries, rules, vocab, check_text)
