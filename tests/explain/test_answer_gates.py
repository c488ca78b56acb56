"""The gates of the kernboodschap and the Conclusie en advies, on the options test knowledge base.

* "geen voorkeur" only without a key recommendation that holds whatever option is chosen;
* "Zoek eerst uit" only for an unknown one of whose values flips an option's verdict or a
  key recommendation's status (checked here by full re-evaluation, not the incremental
  machinery the gate uses);
* every further part of the question (``answer.topics``) is answered or said to be open;
* the conclusion names each corner and each open option, says who chooses, and repeats
  no sentence of §1.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from pvrules.explain.answer import answer
from pvrules.explain.answer_gates import option_independent
from pvrules.explain.basics import in_sentence
from pvrules.explain.conclusion import dominant, trades
from pvrules.explain.context import ExplainContext
from pvrules.explain.decisions_model import Decisions
from pvrules.explain.findout import candidates
from pvrules.messages import Messages
from pvrules.pipeline import Pipeline

HERE = Path(__file__).resolve().parent / "data"
CASES = ("opties_a", "opties_b", "opties_c", "opties_d", "opties_e")
NO_PREFERENCE = {"nl": "geen voorkeur", "en": "no preference"}
WHATEVER = {"nl": "Welke optie u ook kiest, ", "en": "Whichever option you choose, "}


@pytest.fixture(scope="module")
def opties() -> Pipeline:
    return Pipeline([HERE / "kb" / "rules"], [HERE / "kb" / "knowledge"], "python",
                    include_builtin=False)


def ctx_for(pipe: Pipeline, name: str, lang: str = "nl",
            overrides: tuple[str, ...] = ()) -> ExplainContext:
    return ExplainContext(pipe.kb, pipe.evaluate_file(str(HERE / "cases" / f"{name}.yaml"),
                                                      overrides), lang)


def _open_choice(d: Decisions) -> bool:
    """Options on the table, none preferred, more than one not advised against."""
    table = next((o for o in d.options if o.options), None)
    return table is not None and table.preference is None and \
        sum(r.preference != "advised_against" for r in table.options) > 1


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", CASES)
def test_geen_voorkeur_only_without_a_direction(opties: Pipeline, name: str, lang: str) -> None:
    ctx = ctx_for(opties, name, lang)
    d = ctx.decisions
    if not _open_choice(d):
        assert NO_PREFERENCE[lang] not in d.answer
        return
    steady = [k for k in d.key_recommendations if option_independent(ctx, k)]
    assert (NO_PREFERENCE[lang] in d.answer) is not bool(steady), d.answer
    # a direction is said "whatever the option", unless it says itself that it comes first
    orders = [m for m in ctx.msg("answer.orders_itself").split("|") if m]
    assert bool(steady) is (WHATEVER[lang] in d.answer
                            or any(m in d.answer.lower() for m in orders)), d.answer
    # the same recommendations, but each about an option: no direction whatever the option
    table = next(o for o in d.options if o.options)
    tied = tuple(dataclasses.replace(k, target_key=("optie", table.options[0].id))
                 for k in d.key_recommendations)
    assert not any(option_independent(ctx, k) for k in tied)
    text = answer(ctx, d.case, d.triangle, tied, d.advised_against, d.options,
                  d.find_out_first)
    assert NO_PREFERENCE[lang] in text and WHATEVER[lang] not in text, text


def test_the_choice_is_left_to_the_raad_after_the_direction(opties: Pipeline) -> None:
    d = ctx_for(opties, "opties_d").decisions
    assert d.answer == ("Een zwakke organisatie kan geen nieuwe taken dragen. Wij adviseren "
                        "haar eerst te versterken. Pas daarna is een "
                        "nieuwe vorm zinvol. Tussen de twee opties kiest de raad; hoofdstuk 4 "
                        "zet ze naast elkaar, met hun gevolgen, kosten en risico's.")


def test_one_option_left_is_not_whatever_you_choose(opties: Pipeline) -> None:
    d = ctx_for(opties, "opties_a", overrides=("draagvlak_inwoners=laag",)).decisions
    assert "Daarmee blijft de optie ‘Zelfstandig versterken’ over" in d.answer
    assert WHATEVER["nl"] not in d.answer


def _flips(pipe: Pipeline, name: str, base: ExplainContext, sets: list[list[str]]) -> bool:
    """Whether one of the settings flips an option's verdict or a key recommendation.

    ``sets`` holds, per unknown fact, the ``--set`` arguments for each of its values; a key
    recommendation that every value of a fact removes, or that is concluded because
    something is unknown (:func:`asks`), asks for that fact and does not count.
    """
    from pvrules.explain.answer_gates import asks

    d0 = base.decisions
    options = {r.id: r.preference for o in d0.options for r in o.options}
    shown = {(k.item, k.target_id) for k in d0.key_recommendations if not asks(base, k)}
    for per_fact in sets:
        gone: dict[tuple[str, str | None], int] = {}
        for setting in per_fact:
            d = ctx_for(pipe, name, overrides=(setting,)).decisions
            if {r.id: r.preference for o in d.options for r in o.options} != options:
                return True
            now = {(k.item, k.target_id) for k in d.key_recommendations} | {
                (k.item, k.target_id) for g in d.recommendation_groups for k in g.items}
            for pair in shown - now:
                gone[pair] = gone.get(pair, 0) + 1
        if any(n < len(per_fact) for n in gone.values()):
            return True
    return False


def _external(ctx: ExplainContext, fact: str, value: object) -> str:
    """``value`` as a case file writes it (a level of an ordinal scale by its name)."""
    scale = ctx.kb.vocab.facts[fact].scale
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int) and scale is not None:
        return ctx.kb.vocab.scales[scale].values[value].id
    return str(value)


@pytest.mark.parametrize("name", CASES)
def test_zoek_eerst_uit_only_for_an_unknown_that_flips(opties: Pipeline, name: str) -> None:
    ctx = ctx_for(opties, name)
    d = ctx.decisions
    said = re.search(r"Zoek .*?uit: (.*?)(?:; |\.$|\. [A-Z])", d.answer)
    assert "daar hangt het meeste" not in d.answer
    case = ctx.result.case
    for item in [f for f in d.find_out_first if f.decisive][:2]:
        sets = []
        for fact in item.facts:
            keys = [k for k in ctx.order if fact in {f.id for f in
                                                     ctx.kb.vocab.facts_of(k[0])}
                    and ctx.result.value(k, fact) is None]
            for key in keys:
                where = fact if key == ("case", "case") else f"{key[0]}:{key[1]}.{fact}"
                sets.append([f"{where}={_external(ctx, fact, v)}" for v in candidates(ctx, fact)
                             if not isinstance(v, tuple)])
        flips = _flips(opties, name, ctx, sets)
        subject = item.subject[:1].lower() + item.subject[1:]
        named = said is not None and subject in said.group(1)
        assert named is flips, (item.subject, d.answer)
    assert case is not None


@pytest.mark.parametrize(("vraag", "said"), [
    ("Hoe versterkt Aadorp zijn bestuurskracht?", None),
    ("Hoe versterkt Aadorp zijn bestuurskracht, en hoe krijgt de raad er grip op?",
     "Over meer grip van de raad doet dit advies geen aanbeveling"),
    ("Hoe versterkt Aadorp zijn bestuurskracht, en welke waarborgen vraagt de raad daarbij?",
     "Over meer grip van de raad doet dit advies geen aanbeveling"),
])
def test_a_further_part_of_the_question_is_answered_or_said_to_be_open(
        opties: Pipeline, tmp_path: Path, vraag: str, said: str | None) -> None:
    text = (HERE / "cases" / "opties_d.yaml").read_text(encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(text.replace("vraag: Hoe versterkt Aadorp zijn bestuurskracht?",
                                 f"vraag: {vraag}"), encoding="utf-8")
    d = ExplainContext(opties.kb, opties.evaluate_file(str(case)), "nl").decisions
    if said is None:
        assert "grip" not in d.answer
    else:
        assert said in d.answer
        # the answer on the options first (the decisive advice, who chooses), then the
        # further parts of the question
        assert d.answer.index("Tussen de twee opties") < d.answer.index(said)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 4]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", CASES)
def test_the_conclusion_argues_and_does_not_repeat_the_kernboodschap(
        opties: Pipeline, name: str, lang: str) -> None:
    d = ctx_for(opties, name, lang).decisions
    msg = Messages(lang)
    assert d.conclusion
    text = " ".join(d.conclusion)
    for c in d.triangle.corners:  # every corner in its own words
        assert c.label.lower() in text.lower(), c.label
    for sentence in _sentences(d.answer):
        assert sentence not in text, sentence
    table = next((o for o in d.options if o.options), None)
    chosen = table.preference.option if table is not None and table.preference else None
    open_rows = [r for r in table.options if r.preference is None
                 and r.id != chosen] if table is not None else []
    for row in table.options if table is not None else ():
        if row.preference is not None or _open_choice(d):  # every option that is weighed
            assert f"‘{row.label}’" in text or row.label in text, row.label
    political = msg("conclusion.political", chooser="X", chooses="Y").split(";")[0]
    best = dominant(open_rows)
    assert (political in text) is (_open_choice(d) and best is None and trades(open_rows)), text
    if best is not None and _open_choice(d):
        assert f"‘{best.label}’" in text and msg("conclusion.dominant", option="", what="",
                                                 chooser="X", risk="").split("; ")[-1][:-2] \
            in text
    for step in d.route:  # the route is referred to, never repeated step by step
        assert f": {step.label.lower().rstrip('.')} —" not in text.lower()
    # §6 ends with the advice itself: the first key recommendation by its own words,
    # never "de N kernaanbevelingen van hoofdstuk 1 uit te voeren"
    ctx = ctx_for(opties, name, lang)
    last = _sentences(d.conclusion[-1])[-1]
    if d.key_recommendations:
        assert in_sentence(ctx, d.key_recommendations[0].label) in text, text
    assert ("hoofdstuk 1 uit te voeren" if lang == "nl" else "recommendations of chapter 1") \
        not in last, last


@pytest.mark.parametrize(("lang", "heading", "route"), [
    ("nl", "6. Conclusie en advies", "7. Route"),
    ("en", "6. Conclusion and advice", "7. Route")])
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_document_has_the_conclusion_before_the_route(
        opties: Pipeline, lang: str, heading: str, route: str, fmt: str) -> None:
    import datetime as dt

    from pvrules.render.report import render_report

    d = ctx_for(opties, "opties_d", lang).decisions
    doc = render_report(d, fmt, lang=lang, day=dt.date(2026, 12, 1)).decode("utf-8")
    assert doc.index(heading) < doc.index(route) < doc.index("8. ")
    import html

    plain = html.unescape(doc) if fmt == "html" else doc
    for p in d.conclusion:
        assert p in plain
    # the advice names the key recommendations, it does not repeat their why
    after = plain[plain.index(heading):plain.index(route)]
    assert ("kernaanbevelingen van hoofdstuk 1" if lang == "nl"
            else "key recommendations of chapter 1") not in after
    for k in d.key_recommendations:
        assert not k.why or k.why not in after
    # without a conclusion (an old consumer's decisions) the numbers stay as they were
    old = render_report(dataclasses.replace(d, conclusion=()), fmt, lang=lang,
                        day=dt.date(2026, 12, 1)).decode("utf-8")
    assert heading not in old and "6. Route" in old


@pytest.mark.parametrize("name", ["opties_a", "opties_b"])
def test_in_english_an_option_label_is_glossed_once_with_its_form(
        opties: Pipeline, name: str) -> None:
    from pvrules.explain.answer_gates import glossed

    ctx = ctx_for(opties, name, "en")
    d = ctx.decisions
    forms = {v.id: v.en for v in ctx.kb.vocab.facts["optievorm"].values or ()}
    table = next(o for o in d.options if o.options)
    for texts in ([d.answer], list(d.conclusion)):
        joined = " ".join(texts)
        for row in table.options:
            gloss = f"{row.label}’ ({forms[row.form or '']})"
            if row.label in joined:
                assert joined.count(gloss) == 1, (gloss, joined)
    dutch = ctx_for(opties, name, "nl").decisions
    assert not any(f"’ ({g})" in dutch.answer for g in forms.values())
    # two options of one form: the form does not tell them apart, no gloss
    row = table.options[0]
    twin = dataclasses.replace(table, options=(row, dataclasses.replace(row, id="twin",
                                                                        label="Tweede")))
    text = f"The option ‘{row.label}’ and ‘Tweede’."
    assert glossed(ctx, [text], (twin,)) == [text]
    assert glossed(ctx, [text], (table,)) != [text]


def test_a_recommendation_for_what_is_unknown_is_no_flip(opties: Pipeline) -> None:
    from pvrules.explain.answer_gates import asks, flipping

    # opties_b: the survey (r.enquete: draagvlak_inwoners unknown) is a key recommendation;
    # knowing residents' support removes it, which does not make that fact decisive
    ctx = ctx_for(opties, "opties_b")
    d = ctx.decisions
    enquete = next(k for k in d.key_recommendations if k.item == "m_enquete")
    assert asks(ctx, enquete)
    assert not any(asks(ctx, k) for k in d.key_recommendations if k is not enquete)
    support = [f for f in d.find_out_first if f.facts == ("draagvlak_inwoners",)]
    assert support and not flipping(ctx, tuple(support), d.key_recommendations, d.options)


def test_an_option_the_case_names_in_english_is_not_glossed(opties: Pipeline,
                                                             tmp_path: Path) -> None:
    text = (HERE / "cases" / "opties_a.yaml").read_text(encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(text.replace("naam: Zelfstandig versterken,",
                                 "naam: Zelfstandig versterken, naam_en: Strengthen alone,"),
                    encoding="utf-8")
    ctx = ExplainContext(opties.kb, opties.evaluate_file(str(case)), "en")
    d = ctx.decisions
    forms = {v.id: v.en for v in ctx.kb.vocab.facts["optievorm"].values or ()}
    joined = " ".join([d.answer, *d.conclusion])
    assert "Strengthen alone" in joined, joined
    assert f"Strengthen alone’ ({forms['zelfstandig_versterken']})" not in joined, joined
