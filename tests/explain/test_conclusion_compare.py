"""§6 calls an option "op geen hoek slechter" only on a comparison of known cells.

* :func:`dominant` over every pattern of signs for two options: never an option with a
  ``?`` or ``-`` cell of its own, never while another option has a ``?`` cell;
* on the test knowledge base's cases (nl and en): no dominance claim where a cell of an
  open option is unknown; instead §6 says which effects the comparison waits for.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from pathlib import Path

import pytest

from pvrules.explain.conclusion import dominant
from pvrules.explain.context import ExplainContext
from pvrules.explain.decisions_model import Effect, OptionRow
from pvrules.pipeline import Pipeline

from .shipped import example_ctx, shipped_examples

HERE = Path(__file__).resolve().parent / "data"
CORNERS = ("publieke_waarde", "legitimiteit", "organisatie")
SIGNS = ("+", "0", "-", "?")
RANK = {"-": -1, "0": 0, "+": 1}


def _row(ident: str, signs: tuple[str, ...]) -> OptionRow:
    effects = {c: Effect(s, "") for c, s in zip(CORNERS, signs, strict=True)}
    return OptionRow(ident, ident, None, (), effects)


PATTERNS = list(itertools.product(SIGNS, repeat=3))


@pytest.mark.parametrize("first", PATTERNS[::3])
def test_dominance_rests_on_known_cells_only(first: tuple[str, ...]) -> None:
    for second in PATTERNS:
        rows = [_row("a", first), _row("b", second)]
        best = dominant(rows)
        if best is None:
            known = all(s in RANK for r in (first, second) for s in r)
            if known and "-" not in first and all(
                    RANK[x] >= RANK[y] for x, y in zip(first, second, strict=True)) \
                    and first != second:
                pytest.fail(f"{first} over {second}: known, no '-', better: should be best")
            continue
        signs = [e.sign for e in best.effects.values()]
        assert "?" not in signs and "-" not in signs, (first, second)
        assert all(e.sign != "?" for r in rows for e in r.effects.values()), (first, second)


@pytest.fixture(scope="module")
def opties() -> Pipeline:
    return Pipeline([HERE / "kb" / "rules"], [HERE / "kb" / "knowledge"], "python",
                    include_builtin=False)


def _case(tmp: Path, name: str, options: str) -> Path:
    """A copy of test case ``name`` with ``options`` as its ``opties`` block."""
    text = (HERE / "cases" / f"{name}.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?ms)^opties:.*", options, text)
    path = tmp / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


OPTION_SETS = {
    "opties_b": None,  # a merger better for organisation, unknown elsewhere, against a weak one
    "opties_d": None,
    "opties_a": None,
    "opties_b_two": (
        "opties:\n"
        "  - {id: herindeling, naam: Herindeling van Aadorp en Ceedorp, optievorm: herindeling,"
        " partners: [a, c]}\n"
        "  - {id: zelfstandig, naam: Zelfstandig versterken, optievorm: zelfstandig_versterken}\n"
        "  - {id: verbeteren, naam: Samenwerking verbeteren, optievorm: samenwerking_verbeteren,"
        " partners: [a, c]}\n"),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("variant", list(OPTION_SETS))
def test_no_option_is_called_best_over_unknown_cells(
        opties: Pipeline, tmp_path: Path, variant: str, lang: str) -> None:
    name = variant.rsplit("_two", 1)[0]
    options = OPTION_SETS[variant]
    path = _case(tmp_path, name, options) if options else HERE / "cases" / f"{name}.yaml"
    ctx = ExplainContext(opties.kb, opties.evaluate_file(str(path)), lang)
    d = ctx.decisions
    text = " ".join(d.conclusion)
    table = next(o for o in d.options if o.options)
    open_rows = [r for r in table.options if r.preference is None]
    unknown = [r for r in open_rows if any(e.sign == "?" for e in r.effects.values())]
    claim = ctx.msg("conclusion.dominant_plain", option="\x00", risk="\x00",
                    chooser="\x00").split("\x00")[1].strip(" ,;")
    assert claim not in text, text
    if unknown and len(open_rows) > 1:  # what the comparison waits for
        waits = ctx.msg("conclusion.compare_waits_plain")[:25]
        assert waits in text or ctx.msg("conclusion.compare_waits", what="")[:25] in text, text
        for row in unknown:  # each such option's unknown effect is said
            sentences = [s for s in re.split(r"(?<=\.)\s+", text) if f"‘{row.label}’" in s]
            assert sentences, (row.label, text)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_finding_is_claimed_when_section_1_opens_with_what_is_open(
        opties: Pipeline, lang: str) -> None:
    from pvrules.explain.conclusion import conclusion

    ctx = ExplainContext(opties.kb, opties.evaluate_file(str(HERE / "cases" / "opties_d.yaml")),
                         lang)
    d = ctx.decisions
    tri = dataclasses.replace(d.triangle, corners=tuple(
        dataclasses.replace(c, rank=None) for c in d.triangle.corners))  # none judged yet
    ref = ctx.msg("conclusion.finding_ref")
    finding = ctx.msg("conclusion.finding", finding="\x00").split("\x00")[0]
    opened = [ctx.msg("answer.choose_open", n="twee", chooser="de raad", chooses="kiest"),
              ctx.msg("answer.merger_open", merger="herindeling", why="x")]
    for said in opened:
        text = " ".join(conclusion(ctx, tri, d.options, (), 3, said))
        assert ref not in text and finding not in text, text
    stated = "De partners richten zich op verschillende regio's. Wij adviseren iets."
    text = " ".join(conclusion(ctx, tri, d.options, (), 3, stated))
    assert ref in text or finding in text, text


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("mine", "other", "compared"), [
    (("0", "0", "+"), ("?", "?", "?"), False),  # the other's organisatie unknown: no "beter"
    (("0", "0", "+"), ("0", "0", "0"), True),   # known on both sides: a comparison
    (("+", "0", "-"), ("0", "?", "?"), None),   # "beter" for publieke waarde, "nadelig" alone
])
def test_a_gain_is_compared_only_against_known_cells(
        opties: Pipeline, lang: str, mine: tuple[str, ...], other: tuple[str, ...],
        compared: bool | None) -> None:
    from pvrules.explain.conclusion_compare import gains

    ctx = ExplainContext(opties.kb, opties.evaluate_file(str(HERE / "cases" / "opties_d.yaml")),
                         lang)
    a, b = _row("a", mine), _row("Optie B", other)
    said = gains(ctx, a, [b])
    better = ctx.msg("conclusion.gain", corners="\x00").split("\x00")[0]
    worse = ctx.msg("conclusion.cost", corners="\x00").split("\x00")[0]
    alone = ctx.msg("conclusion.gain_open", corners="\x00").split("\x00")[0]
    if compared is True:
        assert better in said and "‘Optie B’" not in said, said
    elif compared is False:
        assert better not in said and alone in said and "‘Optie B’" in said, said
    else:
        assert better in said and worse not in said and "‘Optie B’" in said, said
    assert gains(ctx, a) == gains(ctx, a, [_row("c", ("0", "0", "0"))])  # all known: as before
    assert said.count("‘Optie B’") <= 1, said  # the unknown other named once


@pytest.fixture(scope="module")
def live() -> Pipeline:
    return Pipeline(engine_name="python")


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", shipped_examples())
def test_a_choice_that_waits_on_unknown_cells_is_not_called_political(live: Pipeline,
                                                                      name: str) -> None:
    # "Welke optie … is nog niet te zeggen" and then "Die afweging is politiek" contradict:
    # while the comparison waits on unknown effects, the choice is only said to be open
    ctx = example_ctx(live, name)
    text = " ".join(ctx.decisions.conclusion)
    waits = (ctx.msg("conclusion.compare_waits_plain")[:25],
             ctx.msg("conclusion.compare_waits", what="")[:25])
    political = ctx.msg("conclusion.political", chooser="\x00", chooses="\x00").split("\x00")[0]
    if any(w in text for w in waits):
        assert political not in text, text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_two_gains_are_joined_by_and_never_by_but(opties: Pipeline, lang: str) -> None:
    """blind12: "X is beter voor organisatie, maar goed voor legitimiteit (wat Y …)" joined a
    known gain and an open one with "maar"; gains take "en", only a cost takes "maar"."""
    from pvrules.explain.conclusion_compare import gains

    ctx = ExplainContext(opties.kb, opties.evaluate_file(str(HERE / "cases" / "opties_d.yaml")),
                         lang)
    but = ctx.msg("conclusion.but")
    # a gain on one corner compared, a gain on another where B is unknown: two gains
    two = gains(ctx, _row("a", ("0", "+", "+")), [_row("Optie B", ("0", "?", "0"))])
    assert but not in two and f" {ctx.msg('word.and')} " in two, two
    # a gain and a cost: "maar" between them
    mixed = gains(ctx, _row("a", ("+", "-", "0")), [_row("Optie B", ("0", "0", "0"))])
    assert mixed.count(but) == 1, mixed
