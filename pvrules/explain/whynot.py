"""Why not: why an option was not recommended, exactly as evaluation decided.

For an item and a target (the case, or one opgave) :func:`why_not` lists the
rules that could have recommended it and, for each, the tests that kept it
from firing with the actual values (:func:`pvrules.explain.blame.blame`), and
the smallest change of those values that would make it fire
(:func:`pvrules.explain.blame.repair`); and the rules and rival options that
argued against it. Sentences come from the message catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pvrules.compile.ir import CASE, CompiledRule, Known, Recommend
from pvrules.explain.advice import Recommendation, SourceView, Step
from pvrules.explain.agenda import in_force
from pvrules.explain.blame import BlameNode, LeafFailure, blame, repair
from pvrules.explain.context import ExplainContext
from pvrules.explain.phrasing import INTERNAL, Change, source_views
from pvrules.infer.kleene import evaluate
from pvrules.validate.case import CASE_KEY, EntityKey


@dataclass(frozen=True)
class FailedTest:
    """A test of a rule that is not true, with the actual value."""

    fact: str
    label: str
    entity: str | None
    needed: str
    actual: str
    known: bool
    derived: bool
    sentence: str
    failure: LeafFailure = field(metadata=INTERNAL)


@dataclass(frozen=True)
class Reason:
    """Why a condition is not true: one test, or a group (``all`` / ``any`` / ``empty``)."""

    kind: str
    sentence: str
    children: tuple[Reason, ...] = ()
    test: FailedTest | None = None


@dataclass(frozen=True)
class RuleCheck:
    """One rule that could lead to an item, and why it did or did not."""

    rule_id: str
    title: str
    focus: str | None
    focus_key: EntityKey | None
    outcome: str
    """``fired``, ``false`` or ``unknown``."""
    sentence: str
    reasons: Reason | None
    repair: tuple[Change, ...]
    repair_sentence: str
    sources: tuple[str, ...]
    strength: str = ""


@dataclass(frozen=True)
class WhyNot:
    """Why an item is not recommended for a target."""

    lang: str
    item: str
    label: str
    catalogue: str
    target: str | None
    target_key: EntityKey
    status: str
    """``not_recommended``, ``alternative``, ``advised_against`` or ``recommended``."""
    summary: str
    rules: tuple[RuleCheck, ...]
    against: tuple[Step, ...]
    rivals: tuple[str, ...]
    unknown: tuple[str, ...]
    sources: tuple[SourceView, ...]


class WhyNotExplainer:
    """Builds :class:`WhyNot` answers for one result."""

    def __init__(self, ctx: ExplainContext) -> None:
        """Prepare for the result of ``ctx``."""
        self.ctx = ctx
        self.kb = ctx.kb
        self.result = ctx.result
        self.lang = ctx.lang
        self.msg = ctx.msg
        self.say = ctx.say
        self.domains = ctx.domains
        self.entities = ctx.entities
        self._fired = {f.key for f in ctx.result.firings}

    def recommendation(self, item: str, target: EntityKey) -> Recommendation | None:
        """The advice's entry for ``item`` and ``target``, if any."""
        for rec in self.ctx.advice.recommendations:
            if rec.item == item and rec.target_key == target:
                return rec
        return None

    def targets(self, item: str) -> list[EntityKey]:
        """Every target some rule could recommend ``item`` for, in case order."""
        found: list[EntityKey] = []
        for rule in self.kb.rules:
            for concl in rule.conclusions:
                if isinstance(concl, Recommend) and concl.item == item and not concl.against:
                    if concl.target == CASE or rule.focus_entity is None:
                        found.append(CASE_KEY)
                    else:
                        found.extend(self.entities.get(rule.focus_entity, []))
        if not found:
            cats = self.kb.catalogues
            for typ in cats.headers[cats.item_catalogue[item]].targets:
                found.extend([CASE_KEY] if typ == CASE else self.entities.get(typ, []))
        order = self.ctx.order
        return sorted(set(found), key=order.index)

    def explain(self, item: str, target: EntityKey) -> WhyNot:
        """Why ``item`` is (not) recommended for ``target``."""
        rec = self.recommendation(item, target)
        status = rec.status if rec else "not_recommended"
        checks = tuple(self.check(rule, focus) for rule, focus in self.candidates(item, target))
        label = self.kb.item(item).label.get(self.lang)
        rivals = tuple(r.label for r in self.ctx.advice.recommendations
                       if r.target_key == target and r.status == "recommended"
                       and r.item in self.kb.catalogues.exclusive_with(item))
        against = rec.against if rec else ()
        unknown = tuple(dict.fromkeys(
            t.sentence for c in checks for t in tests_of(c.reasons) if not t.known))
        sources = source_views(self.kb, {s for c in checks for s in c.sources}
                               | {s for st in against for s in st.sources},
                               self.result.case.peildatum)
        titles = [self.kb.entries[r].spec.title.get(self.lang)
                  for r in dict.fromkeys(rec.rules_against if rec else ())]
        return WhyNot(self.lang, item, label, self.kb.catalogues.item_catalogue[item],
                      self.say.entity(target), target, status,
                      self._summary(label, target, status, checks, rivals, titles),
                      checks, against, rivals, unknown, sources)

    def candidates(self, item: str, target: EntityKey
                   ) -> list[tuple[CompiledRule, EntityKey | None]]:
        """The rules (with their focus) that could recommend ``item`` for ``target``.

        A rule not in force on the case's date (``valid_from``/``valid_to``) is no candidate:
        the date is not something the reader can change.
        """
        out: list[tuple[CompiledRule, EntityKey | None]] = []
        for rule in self.kb.rules:
            if not in_force(self.ctx, rule):
                continue
            if not any(isinstance(c, Recommend) and c.item == item and not c.against
                       and _concl_target(rule, c, target) for c in rule.conclusions):
                continue
            if rule.focus_entity is None:
                out.append((rule, None))
            elif target == CASE_KEY:
                out.extend((rule, k) for k in self.entities.get(rule.focus_entity, []))
            else:
                out.append((rule, target))
        return out

    def name(self, rule: CompiledRule, focus: EntityKey | None) -> str:
        """``'Title' (Opgave X)``: how a reader sees a rule."""
        title = self.kb.entries[rule.id].spec.title.get(self.lang)
        where = self.say.entity(focus)
        return f"'{title}'" + (f" ({where})" if where else "")

    def check(self, rule: CompiledRule, focus: EntityKey | None) -> RuleCheck:
        """Evaluate one rule for ``focus`` and explain the outcome."""
        env: dict[str, EntityKey] = {CASE: CASE_KEY}
        if rule.focus is not None and focus is not None:
            env[rule.focus] = focus
        spec = self.kb.entries[rule.id].spec
        title = spec.title.get(self.lang)
        values, ents = self.result.values, self.entities
        truth = evaluate(rule.condition, env, values, ents)
        strength = ""
        for concl in rule.conclusions:
            if isinstance(concl, Recommend) and not concl.against:
                strength = self.ctx.builder.strength(concl.strength)[1]
        where = self.say.entity(focus)
        name = self.name(rule, focus)
        if truth is True:
            return RuleCheck(rule.id, title, where, focus, "fired",
                             self.msg("check.applies", name=name), None, (), "",
                             self.ctx.builder.citable(spec.sources), strength)
        found = blame(rule.condition, env, values, ents)
        reasons = self.reason(found) if found is not None else None
        fix = repair(rule.condition, env, values, ents, self.domains)
        changes = tuple(self.say.change(s, v, self.domains) for s, v in (fix or {}).items())
        computed = found is not None and any(
            self.kb.vocab.facts[f.slot[1]].origin == "computed" for f in found.failures())
        if fix is None:
            fix_text = self.msg("fix.computed" if computed else "fix.none")
        else:
            fix_text = self.msg("fix.with", changes=self.say.changes_sentence(changes))
            if any(c.derived for c in changes):
                fix_text += " " + self.msg("fix.derived_note")
        outcome = "false" if truth is False else "unknown"
        sentence = self.msg("check.not_applies" if truth is False else "check.unknown",
                            name=name)
        return RuleCheck(rule.id, title, where, focus, outcome, sentence, reasons, changes,
                         fix_text, self.ctx.builder.citable(spec.sources), strength)

    def reason(self, node: BlameNode) -> Reason:
        """A blame tree in people's words."""
        if node.failure is not None:
            fail = node.failure
            fact = self.kb.vocab.facts[fail.slot[1]]
            test = FailedTest(fail.slot[1], fact.label.get(self.lang),
                              self.say.entity(fail.slot[0]), self.say.test(fail.leaf),
                              self.say.value(fail.slot[1], fail.actual),
                              fail.actual is not None or _is_known_test(fail),
                              fact.origin == "derived", self.say.failure(fail), fail)
            return Reason("leaf", test.sentence, (), test)
        if node.kind == "empty":
            ent = self.kb.vocab.entities[node.entity or ""]
            return Reason("empty", self.msg("reason.empty",
                                            label=ent.label.get(self.lang).lower()))
        if node.kind == "never":
            return Reason("never", self.msg("reason.never"))
        children = tuple(self.reason(c) for c in node.children)
        return Reason(node.kind, self.msg("reason.all" if node.kind == "all" else "reason.any"),
                      children)

    def _summary(self, label: str, target: EntityKey, status: str,
                 checks: tuple[RuleCheck, ...], rivals: tuple[str, ...],
                 against_titles: list[str]) -> str:
        ent = self.say.entity(target)
        what = f"{label} {self.msg('word.for')} {ent}" if ent else label
        fired = [c for c in checks if c.outcome == "fired"]
        if status == "recommended":
            return self.msg("whynot.recommended", what=what)
        if status == "alternative":
            return self.msg("whynot.alternative", what=what, rivals=self.msg.join(list(rivals)))
        if status == "advised_against" and not fired:
            titles = self.msg.join([f"'{t}'" for t in against_titles])
            key = "whynot.against_many" if len(against_titles) > 1 else "whynot.against_one"
            return self.msg(key, what=what, titles=titles)
        if status == "advised_against":
            return self.msg("whynot.against_weighs", what=what)
        if not checks:
            return self.msg("whynot.nothing_leads", what=what)
        unknown = sum(1 for c in checks if c.outcome == "unknown")
        n = len(checks)
        if n == 1:  # one consideration: it does not apply, or it is unknown whether it does
            return self.msg("whynot.one_unknown" if unknown else "whynot.one_not", what=what) + "."
        text = self.msg("whynot.many_not", what=what, n=n)
        if unknown:
            text += self.msg("whynot.many_unknown", n=unknown)
        return text + "."


def _concl_target(rule: CompiledRule, concl: Recommend, target: EntityKey) -> bool:
    if concl.target == CASE or rule.focus_entity is None:
        return target == CASE_KEY
    return target[0] == rule.focus_entity


def _is_known_test(fail: LeafFailure) -> bool:
    return isinstance(fail.leaf, Known)


def tests_of(reason: Reason | None) -> list[FailedTest]:
    """Every failing test below ``reason``."""
    if reason is None:
        return []
    if reason.test is not None:
        return [reason.test]
    return [t for c in reason.children for t in tests_of(c)]


def why_not(ctx: ExplainContext, item: str, target: EntityKey | None = None) -> list[WhyNot]:
    """Why ``item`` is not recommended: for ``target``, or for every target it could have.

    Targets where the item is recommended are left out when no target is
    given (unless it is recommended everywhere).
    """
    explainer = WhyNotExplainer(ctx)
    targets = [target] if target is not None else explainer.targets(item)
    answers = [explainer.explain(item, t) for t in targets]
    if target is None:
        open_ = [a for a in answers if a.status != "recommended"]
        return open_ or answers
    return answers
