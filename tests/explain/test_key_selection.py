"""Which recommendations make the top five ("Wij adviseren u"), on the options test KB.

tests/explain/data/kb: ``opties_a`` has five key recommendations (capaciteit, participatie,
raad, monitor, visie) and one more (evaluatie). The rules of
:func:`pvrules.explain.decisions.select_key` are tried one by one: a catalogue property,
the same item for several targets, one reasoning behind two items.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.explain.decisions_model import RecItem
from pvrules.explain.selection import MAX_KEY, NOT_KEY, select_key
from pvrules.pipeline import Pipeline

HERE = Path(__file__).resolve().parent / "data"


def _pipeline(kb: Path) -> Pipeline:
    return Pipeline([kb / "rules"], [kb / "knowledge"], "python", include_builtin=False)


def _ctx(pipe: Pipeline, name: str = "opties_a") -> ExplainContext:
    return ExplainContext(pipe.kb, pipe.evaluate_file(str(HERE / "cases" / f"{name}.yaml"), ()),
                          "nl")


@pytest.fixture(scope="module")
def plain() -> Pipeline:
    return _pipeline(HERE / "kb")


def _key_items(ctx: ExplainContext) -> list[str]:
    return [k.item for k in ctx.decisions.key_recommendations]


@pytest.mark.parametrize("item", ["m_monitor", "m_raad"])
def test_an_item_marked_not_key_leaves_the_top_five_for_section_5(
        plain: Pipeline, tmp_path: Path, item: str) -> None:
    before = _ctx(plain)
    assert item in _key_items(before)
    kb = tmp_path / "kb"
    shutil.copytree(HERE / "kb", kb)
    cat = kb / "knowledge" / "catalogues.yaml"
    text = cat.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if f"id: {item}," in x)
    marked = line.replace(", sources:", f", properties: {{{NOT_KEY}: {{nl: proces, en: process}}}},"
                                        " sources:")
    cat.write_text(text.replace(line, marked), encoding="utf-8")
    after = _ctx(_pipeline(kb))
    keys = _key_items(after)
    assert item not in keys
    assert len(keys) == min(MAX_KEY, len(_key_items(before)))  # the next one moves up
    further = [i.item for g in after.decisions.recommendation_groups for i in g.items]
    assert item in further


def test_the_same_item_for_two_targets_is_one_key_line(plain: Pipeline) -> None:
    ctx = _ctx(plain)
    base = list(ctx.decisions.key_recommendations)
    twice = [dataclasses.replace(base[1], target=name, target_key=("opgave", name.lower()),
                                 target_id=name.lower(), uncertain=False)
             for name in ("GR Oost", "GR West")]
    key, rest = select_key(ctx, [base[0], *twice, *base[2:]])
    assert [k.item for k in key].count(base[1].item) == 1
    assert key[1].target == "GR Oost en GR West"
    assert all(k.item != base[1].item for k in rest)


def test_a_case_wide_key_item_covers_the_same_item_for_one_target(plain: Pipeline) -> None:
    ctx = _ctx(plain)
    base = list(ctx.decisions.key_recommendations)
    one = dataclasses.replace(base[0], target="GR Oost", target_key=("opgave", "oost"),
                              target_id="oost")
    key, rest = select_key(ctx, [base[0], one, *base[1:]])
    assert key[0].target is None
    assert one in rest


def test_two_items_of_one_reasoning_are_one_key_line(plain: Pipeline) -> None:
    ctx = _ctx(plain)
    base = list(ctx.decisions.key_recommendations)
    same = dataclasses.replace(base[1], firings=base[0].firings, uncertain=False)
    key, _rest = select_key(ctx, [base[0], same, *base[2:]])
    assert key[0].label == f"{base[0].label} en {base[1].label[:1].lower()}{base[1].label[1:]}"
    assert len(key) == len(base) - 1  # one line fewer; nothing else was left to move up


def test_further_measures_of_one_reasoning_for_one_target_are_one_line(
        plain: Pipeline) -> None:
    ctx = _ctx(plain)
    base = list(ctx.decisions.key_recommendations)
    # five distinct reasonings fill the top five; two more of one reasoning follow
    assert len({k.firings for k in base}) == MAX_KEY
    extra = [dataclasses.replace(base[0], item=f"x{i}", label=f"Maatregel {i}",
                                 firings=(("r.enquete", None),)) for i in (1, 2)]
    key, rest = select_key(ctx, [*base, *extra])
    assert len(key) == MAX_KEY
    assert [r.label for r in rest] == ["Maatregel 1 en maatregel 2"]


@pytest.mark.parametrize(("extra", "noted"), [(0, False), (MAX_KEY * 2 + 1, True)])
def test_many_measures_at_the_weakest_organisation_wait_for_the_key_ones(
        plain: Pipeline, extra: int, noted: bool) -> None:
    from pvrules.explain.decisions import RecGroup, _measures_note

    ctx = _ctx(plain)
    d = ctx.decisions
    org = next(c for c in d.triangle.corners if c.id == "organisatie")
    assert org.rank == 0  # opties_a: the organisation is weak
    item = d.key_recommendations[0]
    groups = (*d.recommendation_groups, RecGroup("x", "X", (item,) * extra))
    note = _measures_note(ctx, d.triangle, groups)
    assert bool(note) is noted
    assert note == "" or str(sum(len(g.items) for g in groups)) in note
    strong = dataclasses.replace(d.triangle, corners=tuple(
        dataclasses.replace(c, rank=2) if c.id == "organisatie" else c
        for c in d.triangle.corners))
    assert _measures_note(ctx, strong, groups) == ""


def test_a_measure_on_uncertain_facts_only_becomes_the_check_of_those_facts(
        plain: Pipeline) -> None:
    ctx = _ctx(plain)
    key = ctx.decisions.key_recommendations
    check = next(k for k in key if k.item == "m_participatie")
    assert check.uncertain and check.label.endswith(" eerst nagaan")
    assert "Participatietraject" in check.why  # the measure it guards, named
    further = [i.item for g in ctx.decisions.recommendation_groups for i in g.items]
    assert "m_participatie" not in further  # listed once: as the check
    # the same measure on certain facts is a key line of its own
    sure = dataclasses.replace(check, label="Participatietraject", uncertain=False, action="",
                               why="")
    key2, _rest = select_key(ctx, [sure])
    assert [k.label for k in key2] == ["Participatietraject"]


def _with_props(tmp_path: Path, props: dict[str, str]) -> Pipeline:
    """The test KB with ``props`` ({item: "key: {nl: …, en: …}, …"}) on catalogue items."""
    kb = tmp_path / "kb"
    shutil.copytree(HERE / "kb", kb)
    cat = kb / "knowledge" / "catalogues.yaml"
    text = cat.read_text(encoding="utf-8")
    for item, extra in props.items():
        line = next(x for x in text.splitlines() if f"id: {item}," in x)
        text = text.replace(line, line.replace(", sources:", f", properties: {{{extra}}},"
                                                             " sources:"))
    cat.write_text(text, encoding="utf-8")
    return _pipeline(kb)


def _grip(ctx: ExplainContext, items: dict[str, str], target: str) -> list[RecItem]:
    """Two key lines of distinct reasonings for one task, as ``{item: label}``."""
    base = ctx.decisions.key_recommendations
    return [dataclasses.replace(base[n], item=item, label=label, target="GR Oost",
                                target_key=("opgave", target), target_id=target,
                                uncertain=False, action="", why="")
            for n, (item, label) in enumerate(items.items())]


@pytest.mark.parametrize("targets", [("oost", "oost"), ("oost", "west")])
def test_at_most_one_instrument_of_grip_is_a_key_line(
        tmp_path: Path, targets: tuple[str, str]) -> None:
    """Grip instruments (theme + one_line) are one key line at most, for one GR or two: a list
    of instruments is no advice (review 12); the second goes to §5 (context15)."""
    prop = ("theme: {nl: Grip, en: Grip}, one_line: {nl: ja, en: one}, "
            "action: {nl: 'Doe %s.', en: 'Do %s.'}")
    ctx = _ctx(_with_props(tmp_path, {"m_monitor": prop % ("m", "m"),
                                      "m_raad": prop % ("r", "r")}))
    first, second = _grip(ctx, {"m_raad": "Raadswerkgroep", "m_monitor": "Monitor"}, "x")
    first = dataclasses.replace(first, target_key=("opgave", targets[0]))
    second = dataclasses.replace(second, target_key=("opgave", targets[1]))
    key, rest = select_key(ctx, [first, second])
    assert [k.item for k in key] == ["m_raad"] and [r.item for r in rest] == ["m_monitor"]


def test_a_deferring_key_recommendation_keeps_in_section_5_only_what_serves_the_key_ones(
        tmp_path: Path) -> None:
    """At the weakest organisation (a key item with ``defers``) §5 keeps the measures for a
    collaboration a key line is for and those marked ``basis``; the rest is one line."""
    from pvrules.explain.selection import BASIS, DEFERS, deferred, later_line

    text = "{nl: t, en: t}"
    ctx = _ctx(_with_props(tmp_path, {"m_capaciteit": f"{DEFERS}: {text}",
                                      "m_evaluatie": f"{BASIS}: {text}"}))
    base = {k.item: k for k in ctx.decisions.key_recommendations}
    key = [base["m_capaciteit"],
           dataclasses.replace(base["m_raad"], target="GR Oost", target_key=("opgave", "oost"))]
    evaluatie = dataclasses.replace(base["m_monitor"], item="m_evaluatie", label="Evaluatie")
    for_gr = dataclasses.replace(base["m_visie"], target="GR Oost",
                                 target_key=("opgave", "oost"))
    other = dataclasses.replace(base["m_monitor"], target=None)
    now, later = deferred(ctx, key, [evaluatie, for_gr, other])
    assert now == [evaluatie, for_gr] and later == [other]
    assert later_line(ctx, later) == "Later, als de basis op orde is: monitor."
    # without a deferring key recommendation nothing waits
    assert deferred(ctx, key[1:], [evaluatie, for_gr, other]) == ([evaluatie, for_gr, other], [])
