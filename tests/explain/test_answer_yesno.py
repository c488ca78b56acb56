"""A yes/no question on the step to begin with gets its answer in words first (§1).

"Moeten wij … starten, te beginnen met X?": when a key recommendation IS X, §1 opens with
"Ja: begin met X (aanbeveling 1)" or "Ja, met X (aanbeveling N), maar begin met …
(aanbeveling 1)"; a question that is no yes/no question, or a step no recommendation is,
gets no such answer. Built on the test knowledge base's case with its own labels.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pvrules.explain.answer_yesno import asked_step
from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

HERE = Path(__file__).resolve().parent / "data"
ORIGINAL = "vraag: Is een bestuurlijke fusie nu de aangewezen weg?"


@pytest.fixture(scope="module")
def opties() -> Pipeline:
    return Pipeline([HERE / "kb" / "rules"], [HERE / "kb" / "knowledge"], "python",
                    include_builtin=False)


def _ctx(pipe: Pipeline, tmp_path: Path, vraag: str | None, lang: str = "nl") -> ExplainContext:
    text = (HERE / "cases" / "opties_a.yaml").read_text(encoding="utf-8")
    if vraag is not None:
        assert ORIGINAL in text
        text = text.replace(ORIGINAL, f"vraag: {vraag}")
    case = tmp_path / f"case-{abs(hash(vraag))}.yaml"
    case.write_text(text, encoding="utf-8")
    return ExplainContext(pipe.kb, pipe.evaluate_file(str(case)), lang)


def _lower(label: str) -> str:
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("at", [0, -1])
def test_the_step_to_begin_with_is_answered_yes(opties: Pipeline, tmp_path: Path,
                                                lang: str, at: int) -> None:
    plain = _ctx(opties, tmp_path, None, lang).decisions
    key = plain.key_recommendations
    assert len(key) >= 2  # a first and a later one: the test bites
    nl = _ctx(opties, tmp_path, None).decisions.key_recommendations[at]  # asked in Dutch
    vraag = f"Moeten de gemeenten een traject starten, te beginnen met {_lower(nl.label)}?"
    ctx = _ctx(opties, tmp_path, vraag, lang)
    d = ctx.decisions
    asked = d.key_recommendations[at]
    number = len(key) if at == -1 else 1
    if number == 1:
        said = ctx.msg("answer.yesno.begin_with", what=_lower(asked.label), number="1")
    else:
        said = ctx.msg("answer.yesno.after", what=_lower(asked.label), number=str(number),
                       first=_lower(d.key_recommendations[0].label), first_number="1")
    assert d.answer.startswith(said), d.answer
    assert not plain.answer.startswith(said.split(" ", 1)[0])  # not said without the question


@pytest.mark.parametrize("vraag", [
    "Hoe starten de gemeenten een traject, te beginnen met {label}?",  # no yes/no question
    "Moeten de gemeenten een traject starten, te beginnen met een xyzzy-plughwerk?",
    "Moeten de gemeenten een traject starten?",  # no step to begin with
])
def test_no_yes_without_a_yes_no_question_on_a_step_a_recommendation_is(
        opties: Pipeline, tmp_path: Path, vraag: str) -> None:
    label = _ctx(opties, tmp_path, None).decisions.key_recommendations[0].label
    ctx = _ctx(opties, tmp_path, vraag.format(label=_lower(label)))
    assert not ctx.decisions.answer.startswith("Ja"), ctx.decisions.answer
    if "xyzzy" in vraag:
        assert asked_step(ctx) == "een xyzzy-plughwerk"


def _case(pipe: Pipeline, tmp_path: Path, name: str, vraag: str,
          lang: str = "nl") -> ExplainContext:
    text = (HERE / "cases" / f"{name}.yaml").read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.strip().startswith("vraag:"))
    case = tmp_path / f"{name}-{abs(hash(vraag))}.yaml"
    case.write_text(text.replace(old, f"  vraag: {vraag}"), encoding="utf-8")
    return ExplainContext(pipe.kb, pipe.evaluate_file(str(case)), lang)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("name", "option", "said"), [
    ("opties_a", "zelfstandig", None),  # left open, nothing first: the choice sentence says it
    ("opties_c", "zelfstandig", "answer.yesno.yes"),  # the option advised: yes
    ("opties_a", "fusie_ab", None),  # advised against: the sentence that says so answers it
])
def test_a_yes_no_question_on_an_option_is_answered_from_where_the_advice_lands(
        opties: Pipeline, tmp_path: Path, lang: str, name: str, option: str,
        said: str | None) -> None:
    plain = _case(opties, tmp_path, name, "Hoe verder?")
    row = next(r for o in plain.decisions.options for r in o.options if r.id == option)
    vraag = f"Moeten de gemeenten kiezen voor {_lower(row.label)}?"
    ctx = _case(opties, tmp_path, name, vraag, lang)
    answer = ctx.decisions.answer
    assert (said is not None) == answer.startswith(ctx.msg("answer.yesno.yes")), answer
    assert not plain.decisions.answer.startswith(ctx.msg("answer.yesno.yes"))
    assert not _case(opties, tmp_path, name, vraag.replace("Moeten de gemeenten kiezen",
                                                           "Waarom kiezen de gemeenten"),
                     lang).decisions.answer.startswith(ctx.msg("answer.yesno.yes"))


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("option", ["zelfstandig", "fusie_ab"])
def test_an_open_option_asked_about_names_what_it_needs_first(
        opties: Pipeline, tmp_path: Path, lang: str, option: str) -> None:
    import dataclasses

    from pvrules.explain.answer_yesno import on_option

    plain = _case(opties, tmp_path, "opties_a", "Hoe verder?")
    row = next(r for o in plain.decisions.options for r in o.options if r.id == option)
    ctx = _case(opties, tmp_path, "opties_a",
                f"Moeten de gemeenten kiezen voor {_lower(row.label)}?", lang)
    d = ctx.decisions
    table = next(o for o in d.options if o.options)
    key = d.key_recommendations
    assert on_option(ctx, key, table) == ""  # no recommendation about that option
    about = dataclasses.replace(key[1], firings=(*key[1].firings, ("r.x", ("optie", option))))
    said = on_option(ctx, (key[0], about, *key[2:]), table)
    if option == "fusie_ab":  # advised against: the sentence that says so answers it
        assert said == ""
    else:
        assert said == ctx.msg("answer.yesno.open_needs", what=_lower(about.label),
                               refs=ctx.msg("answer.ref_one", numbers="2")), said


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_recommendations_a_sentence_points_to(opties: Pipeline, tmp_path: Path,
                                                  lang: str) -> None:
    # §1 says what decides once: a "Vóór die keuze …" pointer is dropped when the
    # herindeling's sentence already points to the same recommendations (answer._refs)
    from pvrules.explain.answer import _refs

    ctx = _ctx(opties, tmp_path, None, lang)
    many = ctx.msg("answer.ref_many", numbers=ctx.msg.join(["2", "3"]))
    one = ctx.msg("answer.ref_one", numbers="2")
    assert _refs(ctx, f"over draagvlak beslist de uitkomst van {many}, de rest …") == {"2", "3"}
    assert _refs(ctx, f"Vóór die keuze moet nog blijken hoe inwoners denken ({one}).") == {"2"}
    assert _refs(ctx, "hoofdstuk 8, 3 opties") == set()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_option_advised_is_yes_provided_what_the_advice_asks_about_it(
        opties: Pipeline, tmp_path: Path, lang: str) -> None:
    import dataclasses

    from pvrules.explain.answer_yesno import on_option

    plain = _case(opties, tmp_path, "opties_c", "Hoe verder?")
    table = next(o for o in plain.decisions.options if o.options)
    assert table.preference is not None  # an option advised: the test bites
    row = next(r for r in table.options if r.id == table.preference.option)
    ctx = _case(opties, tmp_path, "opties_c",
                f"Moeten de gemeenten kiezen voor {_lower(row.label)}?", lang)
    d = ctx.decisions
    table = next(o for o in d.options if o.options)
    key = d.key_recommendations
    assert on_option(ctx, key, table) == ctx.msg("answer.yesno.yes")
    about = dataclasses.replace(key[-1], firings=(*key[-1].firings, ("r.x", ("optie", row.id))))
    said = on_option(ctx, (*key[:-1], about), table)
    assert said == ctx.msg("answer.yesno.yes_if", what=_lower(about.label),
                           refs=ctx.msg("answer.ref_one", numbers=str(len(key)))), said


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_question_that_weighs_alternatives_gets_no_yes_or_no_on_one_option(
        opties: Pipeline, tmp_path: Path, lang: str) -> None:
    from pvrules.explain.answer_yesno import on_option

    plain = _case(opties, tmp_path, "opties_c", "Hoe verder?")
    table = next(o for o in plain.decisions.options if o.options)
    assert table.preference is not None
    row = next(r for r in table.options if r.id == table.preference.option)
    asked = f"Moeten de gemeenten kiezen voor {_lower(row.label)}"
    alone = _case(opties, tmp_path, "opties_c", f"{asked}?", lang)
    both = _case(opties, tmp_path, "opties_c", f"{asked}, of wachten zij nog een jaar?", lang)
    for ctx, said in ((alone, True), (both, False)):
        d = ctx.decisions
        table = next(o for o in d.options if o.options)
        assert bool(on_option(ctx, d.key_recommendations, table)) is said
