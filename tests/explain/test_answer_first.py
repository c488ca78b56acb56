"""§1 answers first: no general finding opens it, and a choice left open says what decides it.

On every shipped example (Dutch and English):

* §1 does not open with a sentence of a key recommendation's reasoning (Bijlage A) that
  names no partner or collaboration and that the advice after it does not lean on: a
  finding such as "De opgaven zijn onvoldoende expliciet gemaakt" is no answer, and the
  recommendation below gives it;
* where the raad chooses between options and a key recommendation finds out, before the
  decision, something the choice rests on ("hoe de raden en de partners over de opties
  denken"), §1 says so by number after who chooses, and names a partner that shares in
  more than one open option when that clause is about the partners.
"""

from __future__ import annotations

import re

import pytest

from pvrules.explain.answer_parts import open_partners
from pvrules.explain.basics import PROPER_NAMES, best_firing
from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

from .shipped import ExampleContexts, shipped_examples

EXAMPLES = shipped_examples()
SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘'(])")


_ctx = ExampleContexts()
"""The context of a shipped example, once per example and language in this module."""


def _reasoning_sentences(ctx: ExplainContext) -> set[str]:
    """The sentences of the reasoning behind each key recommendation."""
    out: set[str] = set()
    for k in ctx.decisions.key_recommendations:
        best = best_firing(ctx, k.firings)
        for step in ctx.builder.steps_for([best]) if best is not None else ():
            out.update(s.strip() for s in SENTENCES.split(" ".join(step.text.split())))
    return out


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_no_general_finding_opens_the_kernboodschap(shipped_pipe: Pipeline, name: str,
                                                   lang: str) -> None:
    ctx = _ctx(shipped_pipe, name, lang)
    first, *rest = SENTENCES.split(ctx.decisions.answer, maxsplit=1)
    first = first.strip()
    back = [w for w in ctx.msg("answer.back_words").split("|") if w]
    if rest and any(re.search(rf"\b{w}\b", rest[0].split(". ")[0].lower()) for w in back):
        return  # the advice after it leans on it ("wij adviseren haar …"): it stays
    names = [e.name for e in ctx.result.case.all_entities() if e.key[0] in PROPER_NAMES]
    if any(n in first for n in names):
        return  # a finding about a named partner or regeling: what the advice is about
    opens = tuple(w for w in ctx.msg("answer.advice_opens").split("|") if w)
    if first.startswith(opens):
        return  # the advice itself
    assert first not in _reasoning_sentences(ctx), (name, first)


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_a_choice_left_open_says_what_decides_it(shipped_pipe: Pipeline, name: str,
                                                 lang: str) -> None:
    ctx = _ctx(shipped_pipe, name, lang)
    d = ctx.decisions
    table = next((o for o in d.options if o.options), None)
    if table is None or table.preference is not None:
        return
    left = [r for r in table.options if r.preference != "advised_against"]
    markers = [m for m in ctx.msg("answer.before_decision").split("|") if m]
    compares = [m for m in ctx.msg("answer.per_option_words").split("|") if m]  # per optie
    wh = [w for w in ctx.msg("answer.wh_words").split("|") if w]
    before = [n for n, k in enumerate(d.key_recommendations, 1)
              if any(m in (k.action or "") for m in [*markers, *compares])
              and any(re.search(rf"\b{w}\b", k.action or "") for w in wh)]
    opening = ctx.msg("answer.decides", what="\x00", refs="\x00").split("\x00")[0]
    if len(left) < 2 or not before:
        assert opening not in d.answer, d.answer
        return
    said = next((s for s in SENTENCES.split(d.answer) if s.startswith(opening)), "")
    if not said:  # each is already said in §1, by number ("Daarnaast: … (aanbeveling 2)")
        assert all(re.search(rf"\({ctx.msg('answer.ref_one', numbers=n)}\)", d.answer)
                   or re.search(rf"\b{n}\)", d.answer) for n in before), d.answer
        return
    # what decides, before "…; ook adviseren wij … (aanbeveling 1)" (a step said with it)
    said = said.split(f"; {ctx.msg('answer.also_advise')} ")[0]
    joined = ctx.msg("answer.decides_and", what="\x01", refs="\x01", first="\x00",
                     first_refs="\x00").split("\x01")[-1].split("\x00")[0].lstrip(")")
    said = said.split(joined)[0]  # "…; daarnaast: <a step>": what decides comes first
    for n in before:
        assert re.search(rf"\b{n}\b", said.rsplit("(", 1)[-1]), (n, said)
    partners = open_partners(ctx, left)
    if partners and ctx.msg("answer.the_partners") in said:
        assert all(p in said for p in partners), (partners, said)
    chooser = ctx.msg(f"verb.chooses.{table.chooser_kind}")
    assert d.answer.find(chooser) < d.answer.find(opening), d.answer


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("topic", ["vertrouwen", "waarde", "meer"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_a_question_about_trust_or_public_value_gets_an_answer(shipped_pipe: Pipeline, name: str,
                                                               topic: str) -> None:
    # "weinig vertrouwen": how to start; "welke publieke waarde moet … opleveren": that it is
    # not settled yet and what settles it, in §1, when a key recommendation answers it
    ctx = _ctx(shipped_pipe, name, "nl")
    words = [w for w in ctx.msg(f"answer.topic.{topic}.words").split("|") if w]
    question = (ctx.result.case.meta.vraag or "").lower()
    if not any(w in question for w in words):
        return
    d = ctx.decisions
    said = [ctx.msg(f"answer.topic.{topic}.{k}") for k in ("intro", "later", "none")]
    answered = ctx.msg(f"answer.topic.{topic}.said", refs="\x00").split("\x00")[0] \
        if ctx.msg.has(f"answer.topic.{topic}.said") else "\x01"
    assert any(s in d.answer for s in [*said, answered]), d.answer
    items = set(ctx.msg(f"answer.topic.{topic}.items").split("|"))
    if any(k.item in items for k in d.key_recommendations):
        # its intro, or (answered by what §1 said already) what to do with that answer
        assert said[0] in d.answer or answered in d.answer, d.answer
    # never deferred to chapter 5 alone (review 12, #1: "… behandelt hoofdstuk 5.")
    assert not re.search(r"\. [^.]*behandelt hoofdstuk 5\.", d.answer), d.answer


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_a_herindeling_that_cannot_be_called_yet_says_what_settles_it(
        shipped_pipe: Pipeline, name: str, lang: str) -> None:
    ctx = _ctx(shipped_pipe, name, lang)
    d = ctx.decisions
    opening = max(ctx.msg("answer.merger_open", merger="\x00", why="\x00").split("\x00"),
                  key=len)  # its longest fixed part: "Of meer samenwerken …" is no merger
    said = next((s for s in SENTENCES.split(d.answer) if opening in s), "")
    if not said:
        return
    from pvrules.explain.answer_parts import criterion_name, dated_action
    from pvrules.explain.answer_settles import settled_by

    row = next(r for o in d.options for r in o.options if r.form == "herindeling")
    unknown = [c for c in row.criteria if c.score == "?"]
    found = settled_by(ctx, row, unknown, d.key_recommendations,
                       lambda c: criterion_name(c.label), dated_action(()))
    # what settles them (the clauses after the first ";"): only the recommendations that do;
    # "hoofdstuk 8" / "chapter 8" is where the rest is, no recommendation
    clause = said.split(";", 1)[-1]
    named = {int(n) for refs in re.findall(
        r"\b(?:aanbevelingen?|recommendations?) (\d+(?:(?:, | en | and )\d+)*)",
        re.sub(r"\([^()]*\)", "", clause)) for n in re.findall(r"\d+", refs)}
    assert named <= {n for ns in found.values() for n in ns}, (said, found)
    rest = _fixed(ctx, "answer.settled_some")
    none = _fixed(ctx, "answer.settled_none")
    if not found:
        assert none in said, said
    elif len(found) < len(unknown):  # some unknown no recommendation settles: hoofdstuk 8
        assert rest in said, said
        for c in unknown:
            if c.id not in found:
                assert criterion_name(c.label) not in clause.split(rest)[0], (c.id, said)


def _fixed(ctx: ExplainContext, key: str) -> str:
    """The longest fixed part of message ``key``."""
    names = ("said", "refs", "criteria")
    return max(ctx.msg(key, **dict.fromkeys(names, "\x00")).split("\x00"), key=len).strip()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_recommendation_settles_only_the_criteria_it_finds_out(shipped_pipe: Pipeline,
                                                                 lang: str) -> None:
    # the bestuurskracht recommendation does not settle interne samenhang: the pointer names
    # bestuurskracht only, the rest is left for hoofdstuk 8
    ctx = _ctx(shipped_pipe, "haren-2017", lang)
    said = next(s for s in SENTENCES.split(ctx.decisions.answer)
                if _fixed(ctx, "answer.settled_some") in s)
    clause = said.rsplit(";", 1)[-1]
    samenhang = {"nl": "interne samenhang", "en": "internal cohesion"}[lang]
    assert samenhang not in clause.lower(), clause


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_a_partner_the_question_asks_about_gets_its_role_in_words(
        shipped_pipe: Pipeline, name: str, lang: str) -> None:
    # "welke rol spelen Heidebroek en Marenburg": named outside the option labels too
    ctx = _ctx(shipped_pipe, name, lang)
    d = ctx.decisions
    table = next((o for o in d.options if o.options), None)
    if table is None or table.preference is not None or table.chooser_kind == "provincie":
        return
    left = [r for r in table.options if r.preference != "advised_against"]
    if len(left) < 2:
        return
    shows = tuple(ctx.msg(k, option="\x00", pro="", con="", risk="").split("\x00")[0]
                  for k in ("answer.shows_both", "answer.shows_pro", "answer.shows_con",
                            "answer.shows_neutral", "answer.shows_open"))
    text = " ".join(s for s in re.split(r"(?<=\.)\s+(?=[A-Z‘])", d.answer)
                    if not s.startswith(shows))  # the comparison's facts may name a partner
    for row in table.options:
        text = text.replace(row.label, "")
    question = ctx.result.case.meta.vraag or ""
    quoted = question
    for row in table.options:  # a partner named only inside a quoted option label
        quoted = re.sub(re.escape(row.label), "", quoted, flags=re.IGNORECASE)
    for partner in open_partners(ctx, left):
        if partner in quoted:
            assert partner in text, (partner, d.answer)
        elif partner in question:  # no role sentence: the label says it already
            assert partner not in text, (partner, d.answer)


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", EXAMPLES)
def test_the_client_is_not_called_a_partner_of_its_own_options(shipped_pipe: Pipeline,
                                                              name: str) -> None:
    ctx = _ctx(shipped_pipe, name, "nl")
    who = ctx.result.case.meta.opdrachtgever
    if who is None or not who.naam or who.soort == "provincie":
        return
    for e in ctx.result.case.all_entities():
        if e.key[0] == "partner" and e.name and e.name.lower() in who.naam.lower():
            # the part of "‘A’ en ‘B’ gaan elk samen met NAME." that names the partner
            said = max(ctx.msg("answer.partner_role", name=e.name, options="\x00", k="\x00",
                                   n="\x00").split("\x00"),
                       key=len)
            assert said not in ctx.decisions.answer, ctx.decisions.answer


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_a_step_before_the_choice_is_said_before_who_chooses_moves_on(
        shipped_pipe: Pipeline, name: str, lang: str) -> None:
    # a key recommendation whose catalogue entry says "voordat wordt besloten" (the business
    # case per option) and that finds out no "wat/hoe": "Vóór die keuze: … (aanbeveling 1)"
    ctx = _ctx(shipped_pipe, name, lang)
    d = ctx.decisions
    table = next((o for o in d.options if o.options), None)
    if table is None or table.preference is not None:
        return
    left = [r for r in table.options if r.preference != "advised_against"]
    if len(left) < 2:
        return
    markers = [m for m in ctx.msg("answer.before_decision").split("|") if m]
    wh = [w for w in ctx.msg("answer.wh_words").split("|") if w]
    opening = ctx.msg("answer.decides_first", what="\x00", refs="\x00").split("\x00")[0]
    joined = ctx.msg("answer.decides_and", what="\x01", refs="\x01", first="\x00",
                     first_refs="\x00").split("\x01")[-1].split("\x00")[0].lstrip(")")
    said = next((s if s.startswith(opening) else s[s.index(joined) + len(joined):]
                 for s in SENTENCES.split(d.answer)
                 if s.startswith(opening) or joined in s), "")  # "…; daarnaast: <step>"
    for n, k in enumerate(d.key_recommendations, 1):
        item = ctx.kb.catalogues.items.get(k.item)
        text = " ".join(item.description.get(lang).split()) if item and item.description else ""
        first = re.split(r"(?<=\.)\s+(?=[A-Z])", k.action or "")[0]
        if any(m in f"{first} {text}" for m in markers) \
                and not any(re.search(rf"\b{w}\b", first) for w in wh):
            assert said and re.search(rf"\b{n}\b", said.rsplit("(", 1)[-1]), (n, d.answer)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("name", "topic", "kind"), [
    ("sterke-gemeente", "fit", "first.sterk"),  # all corners strong: they broadly fit
    ("netwerk-private-partners", "waarde", "first_tasks"),  # the opgaven of §3.1
])
def test_a_part_of_the_question_gets_a_first_answer_before_its_recommendation(
        shipped_pipe: Pipeline, name: str, topic: str, kind: str, lang: str) -> None:
    # not only "zie aanbeveling 2": what the draft knows already answers it first
    from pvrules.explain.basics import council

    ctx = _ctx(shipped_pipe, name, lang)
    d = ctx.decisions
    first = ctx.msg(f"answer.topic.{topic}.{kind}", tasks="\x00").split("\x00")[0]
    assert first in d.answer, d.answer
    after = [ctx.msg(f"answer.topic.{topic}.{k}", council=council(ctx))
             for k in ("intro", "later", "none")]
    if ctx.msg.has(f"answer.topic.{topic}.said"):
        after.append(ctx.msg(f"answer.topic.{topic}.said", refs="\x00").split("\x00")[0])
    at = min(d.answer.find(a) for a in after if a in d.answer)
    assert d.answer.index(first) < at, d.answer


def test_no_first_answer_from_a_corner_that_is_not_judged(shipped_pipe: Pipeline) -> None:
    ctx = _ctx(shipped_pipe, "intake-quickscan")
    assert all(c.rank is None for c in ctx.decisions.triangle.corners)
    for key in ("answer.topic.fit.first.sterk", "answer.topic.fit.first.zwak"):
        assert ctx.msg(key)[:30] not in ctx.decisions.answer


def test_what_decides_a_choice_tells_the_options_apart(shipped_pipe: Pipeline) -> None:
    # a recommendation that asks how the raden view each option decides a choice only when
    # an option's effect, criterion or risk waits on that view; between improving and
    # unwinding a shared organisation it does not (no option's cell depends on it)
    from pvrules.explain.answer_parts import decides

    ctx = _ctx(shipped_pipe, "bar-2016")
    d = ctx.decisions
    rows = [r for o in d.options for r in o.options if r.preference != "advised_against"]
    recs = [*d.key_recommendations, *(i for g in d.recommendation_groups for i in g.items)]
    peil = next(k for k in recs if k.item == "draagvlak_peilen")
    marker = ctx.msg("answer.before_decision").split("|")[0]

    def action(_ctx: object, _k: object) -> str:
        return f"Peil {marker} hoe de raden over de opties denken."

    said, numbers = decides(ctx, [peil], [], "", action)
    assert numbers == [1] and "hoe de raden" in said  # without the options: named
    said, numbers = decides(ctx, [peil], [], "", action, rows)
    assert numbers == [] and said == "", said  # it does not tell these options apart
