"""Check that decisions never contradict the result they were built from.

Used on the decisions' test knowledge base and on every built-in example.
"""

from __future__ import annotations

import re

from pvrules.explain.basics import uncertain_grounds
from pvrules.explain.context import ExplainContext
from pvrules.explain.decisions_model import Decisions
from pvrules.explain.findout import is_lookup
from pvrules.validate.case import CASE_KEY

ENGINE_WORDS = {
    "nl": re.compile(r"\b(regel|regels|kennisbank|feit|feiten|stap \d)\b", re.IGNORECASE),
    "en": re.compile(r"\b(rule|rules|knowledge base|fact|facts|step \d)\b", re.IGNORECASE),
}


def reader_texts(d: Decisions) -> list[str]:
    """Every text the decisions put before a reader, apart from the experts' own texts."""
    texts = [d.answer]
    texts += [o.text for o in d.options]
    texts += [o.question for o in d.options]
    texts += [f.question for f in d.find_out_first]
    return texts


def check_consistent(ctx: ExplainContext, d: Decisions) -> None:
    kb, result = ctx.kb, ctx.result
    vocab = kb.vocab
    # the balance sentence is the knowledge base's triangle_balans, nothing of our own
    value = result.value(CASE_KEY, "triangle_balans") if "triangle_balans" in vocab.facts \
        else None
    if value is None:
        assert d.triangle.balance is None
    else:
        assert d.triangle.balance is not None
        assert d.triangle.balance.id == value
        assert d.triangle.balance.label == vocab.display("triangle_balans", value, ctx.lang)
        # §1 carries no corner summary: the balance is §6's (kern7, session 9)
        from pvrules.explain.answer_parts import balance
        assert balance(ctx, d.triangle) not in d.answer
    for corner in d.triangle.corners:
        fact = vocab.corners[corner.id].level_fact if corner.id in vocab.corners else corner.id
        if fact in vocab.facts:
            level = result.value(CASE_KEY, fact)
            if level is not None:
                assert corner.level == vocab.display(fact, level, ctx.lang)  # type: ignore[arg-type]
    # at most five key recommendations; nothing both recommended and advised against
    assert len(d.key_recommendations) <= 5
    recommended = [(r.item, r.target) for r in d.key_recommendations] + \
        [(r.item, r.target) for g in d.recommendation_groups for r in g.items]
    against = [(r.item, r.target) for r in d.advised_against]
    assert len(set(recommended)) == len(recommended), "a recommendation listed twice"
    assert not set(recommended) & set(against), "both recommended and advised against"
    # every options row has an effect on some corner, with a known sign
    for decision in d.options:
        for row in decision.options:
            assert row.effects, f"{decision.id}: {row.id} has no effect"
            assert all(e.sign in ("+", "0", "-", "?") for e in row.effects.values())
            # a '?' is never bare: it names the unknown facts the effect depends on, and no
            # rule concluded an effect on that corner for this option, unless the effect
            # concluded rests only on uncertain facts (its reason then says so)
            for corner, effect in row.effects.items():
                if effect.sign == "?":
                    assert effect.reason, f"{row.id}: '?' on {corner} without a reason"
                    concluded = [f for f in result.firings for c in f.conclusions
                                 if c.kind == "effect" and c.name == corner
                                 and c.target[1] == row.id]
                    assert not concluded or all(
                        uncertain_grounds(ctx, [f.key], f.focus)[0] for f in concluded[:1])
            assert all(c.score in ("+", "0", "-", "?") for c in row.criteria)
            assert row.preference in (None, "advised", "advised_against")
        if decision.preference is not None:
            assert decision.preference.option in [r.id for r in decision.options]
    # the route: every step in a group (per option, or common), options named exist,
    # numbered on from group to group
    option_ids = {r.id for o in d.options for r in o.options} | \
        {k[1] for k in ctx.entities.get("optie", [])}
    grouped = [s.step for g in d.route_groups for s in g.steps]
    assert set(grouped) == {s.step for s in d.route}
    assert all(set(s.options) <= option_ids for s in d.route)
    assert [g.first for g in d.route_groups] == \
        [1 + sum(len(h.steps) for h in d.route_groups[:i]) for i in range(len(d.route_groups))]
    assert all(g.heading for g in d.route_groups if any(s.options for s in g.steps))
    # chains once each, numbered 1..n; every reference points to one
    numbers = [c.number for c in d.chains]
    assert numbers == list(range(1, len(numbers) + 1))
    refs = [r.chain for r in (*d.key_recommendations, *d.advised_against)]
    refs += [r.chain for g in d.recommendation_groups for r in g.items]
    refs += [c.chain for c in d.triangle.corners] + [a.chain for a in d.analysis]
    refs += [r.chain for o in d.options for r in o.options]
    assert all(r is None or 1 <= r <= len(numbers) for r in refs)
    assert len({c.text + c.title for c in d.chains}) == len(d.chains) or \
        len({tuple(c.steps) for c in d.chains}) == len(d.chains)
    # sources numbered in order, each citable on the case's date (a year alone, the case's own,
    # only for the case's own sources; a replaced framework never, its successor instead)
    assert [s.number for s in d.sources] == list(range(1, len(d.sources) + 1))
    day = result.case.peildatum
    assert all(kb.cite_as(s.id, day, vouched=s.case) == s.id for s in d.sources)
    cited = {n for c in d.chains for n in c.sources}
    cited |= {n for o in d.options for r in o.options for e in r.effects.values()
              for n in e.sources}
    assert cited <= {s.number for s in d.sources}
    # find out first is ordered by weight and holds no fact of public record: those are one
    # trailing line ("Nog na te gaan in openbare stukken: …"), not a question that changes
    # the advice (review 9)
    assert not any(is_lookup(ctx, ((), f.fact)) for f in d.find_out_first)
    assert all(is_lookup(ctx, ((), f.fact)) for f in d.fill_in)
    # decisive items (the verdict or the choice turns on them) first, then by weight (review 12)
    order = [(not f.decisive, -f.weight) for f in d.find_out_first]
    assert order == sorted(order)
    # no engine words in what the decisions themselves say
    for said in reader_texts(d):
        # a notitie's §1 refers to the steps of its plan: "(stap 2)" is no engine word
        text = re.sub(r"\((stap|stappen|step|steps) [\d, enad]+\)", "", said) if d.plan \
            else said
        found = ENGINE_WORDS[ctx.lang].search(text)
        assert found is None, f"engine word {found.group(0)!r} in: {text}"
