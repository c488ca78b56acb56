"""'Find out first' items: the vocabulary's ``ask:``, the gate, groups and studies.

Each test changes the test knowledge base (tests/explain/data/kb) in a copy, only in
its vocabulary, and compares what "Eerst uitzoeken" lists with what the weighing of
every unknown fact says (:func:`weighed_slots`), so no result is written down by hand.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pvrules.errors import PvrulesError
from pvrules.explain.context import ExplainContext
from pvrules.explain.findout import find_out, weighed_slots
from pvrules.explain.findout_items import (
    GATE,
    HEAVY,
    asked,
    headline,
    passes,
    recommended_for,
    worth,
)
from pvrules.explain.findout_made import made_by_advice, recommended_items
from pvrules.explain.findout_scope import out_of_scope
from pvrules.pipeline import Pipeline, example_names

from .shipped import example_ctx

HERE = Path(__file__).resolve().parent / "data"
CASES = {n: HERE / "cases" / f"{n}.yaml" for n in ("opties_b", "opties_c", "opties_d")}
Vocab = list[str]
"""The test vocabulary file as text lines, changed in place by a test."""


def variant(tmp_path: Path, change: Callable[[Vocab], None],
            sources: list[dict[str, Any]] | None = None) -> Pipeline:
    """The test knowledge base with its vocabulary changed by ``change``.

    The file is changed as text (its flow mappings hold texts PyYAML cannot write back).
    """
    root = tmp_path / "kb"
    shutil.copytree(HERE / "kb", root)
    path = root / "knowledge" / "vocab.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    change(lines)
    path.write_text("\n".join(lines), encoding="utf-8")
    if sources:
        src = root / "knowledge" / "sources.yaml"
        src.write_text(src.read_text(encoding="utf-8").rstrip("\n") + "\n" + "".join(
            f"  - {json.dumps(s)}\n" for s in sources), encoding="utf-8")
    return Pipeline([root / "rules"], [root / "knowledge"], "python", include_builtin=False)


def set_prop(lines: Vocab, ident: str, key: str, value: object) -> None:
    """Give fact ``ident`` the property ``key: value`` (a flow mapping in the file)."""
    head = f"  - {{id: {ident},"
    i = next(n for n, ln in enumerate(lines) if ln.startswith(head))
    lines[i] = lines[i].replace(head, f"{head} {key}: {json.dumps(value)},", 1)


def add_fact(lines: Vocab, declared: dict[str, Any]) -> None:
    """Declare one more fact."""
    lines.insert(lines.index("facts:") + 1, f"  - {json.dumps(declared)}")


def listed(pipe: Pipeline, case: Path | str) -> list[tuple[str, ...]]:
    """The facts of each "Eerst uitzoeken" item."""
    result = pipe.evaluate_file(str(case))
    return [f.facts for f in find_out(ExplainContext(pipe.kb, result, "nl"))[0]]


def open_facts(pipe: Pipeline, case: Path) -> set[str]:
    """The unknown facts the weighing finds would change a firing."""
    result = pipe.evaluate_file(str(case))
    return {f.slot[1] for f in weighed_slots(ExplainContext(pipe.kb, result, "nl"))}


@pytest.fixture(scope="module")
def base() -> Pipeline:
    return Pipeline([HERE / "kb" / "rules"], [HERE / "kb" / "knowledge"], "python",
                    include_builtin=False)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_fact_marked_ask_false_is_never_listed(base: Pipeline, tmp_path: Path,
                                                 name: str) -> None:
    """Every fact the test cases list disappears when the vocabulary says ``ask: false``."""
    before = [f for item in listed(base, CASES[name]) for f in item]
    assert before, f"{name} lists something to find out"
    for ident in before:
        def never(lines: Vocab, ident: str = ident) -> None:
            set_prop(lines, ident, "ask", False)

        pipe = variant(tmp_path / ident, never)
        after = [f for item in listed(pipe, CASES[name]) for f in item]
        assert ident not in after
        assert after == [f for f in before if f != ident]  # the others stay, in order


def test_only_if_and_unless_read_the_case(base: Pipeline, tmp_path: Path) -> None:
    """``only_if`` on another entity kind (one option of that form), ``unless`` on the case."""
    case = CASES["opties_b"]  # a herindeling option; the partner Ceedorp's region unknown
    assert ("regio",) in listed(base, case)
    cases: list[tuple[dict[str, Any], bool]] = [
        ({"only_if": {"optievorm": ["herindeling"]}}, True),
        ({"only_if": {"optievorm": ["samenwerking_verbeteren"]}}, False),
        ({"only_if": [{"optievorm": ["samenwerking_verbeteren"]}, {"opgaven_helder": [True]}]},
         True),
        ({"unless": {"opgaven_helder": [True]}}, False),
        ({"unless": {"opgaven_helder": [False]}}, True),
        ({"only_if": {"draagvlak_inwoners": ["hoog"]}}, False),  # unknown does not hold
        ({"answered_by": {"optievorm": ["herindeling"]}}, False),  # one option holds it
        ({"answered_by": {"optievorm": ["samenwerking_verbeteren"]}}, True),
    ]
    for i, (ask, shown) in enumerate(cases):
        def conditional(lines: Vocab, ask: dict[str, Any] = ask) -> None:
            set_prop(lines, "regio", "ask", ask)

        assert (("regio",) in listed(variant(tmp_path / str(i), conditional), case)) == shown, ask


def test_a_bad_ask_is_a_knowledge_error(tmp_path: Path) -> None:
    """An unknown fact or value in ``ask:`` is reported with the fact and what is allowed."""
    def bad(lines: Vocab) -> None:
        set_prop(lines, "regio", "ask", {"only_if": {"optievorm": ["fusie"]}})

    with pytest.raises(PvrulesError) as err:
        variant(tmp_path, bad)
    problems = [p for p in getattr(err.value, "problems", ()) if p.code == "bad-ask"]
    assert len(problems) == 1, err.value
    assert "regio" in problems[0].message and "fusie" in problems[0].message
    assert "herindeling" in problems[0].allowed
    assert str(problems[0].file).endswith("vocab.yaml") and problems[0].line is not None


def test_answered_by_names_one_kind_of_entity(tmp_path: Path) -> None:
    """``answered_by`` is a finding on one entity: facts of two kinds are a knowledge error."""
    def two_kinds(lines: Vocab) -> None:
        set_prop(lines, "regio", "ask", {"answered_by": {"optievorm": ["herindeling"],
                                                         "schaal": ["lokaal"]}})

    with pytest.raises(PvrulesError) as err:
        variant(tmp_path, two_kinds)
    problems = [p for p in getattr(err.value, "problems", ()) if p.code == "bad-ask"]
    assert problems and "answered_by" in problems[0].message, err.value


def test_the_gate_drops_an_item_that_changes_only_a_measure(tmp_path: Path) -> None:
    """``inwoners`` as an ordinary question: left out where it changes only a measure outside
    the key five (opties_b), and where it would only add a key recommendation the advice
    does not give (opties_c; review 11 #8: no option, verdict or given advice turns on it).
    A key recommendation alone never lets an item through (review 12 #7: an answer that feeds
    only a catalogue measure changes no option and no choice)."""
    def ordinary(lines: Vocab) -> None:
        i = next(n for n, ln in enumerate(lines) if ln.startswith("  - {id: inwoners,"))
        lines[i] = lines[i].replace("lookup: true", "lookup: false")

    pipe = variant(tmp_path, ordinary)
    for name, key in (("opties_b", False), ("opties_c", True)):
        result = pipe.evaluate_file(str(CASES[name]))
        ctx = ExplainContext(pipe.kb, result, "nl")
        weighed = {f.slot[1]: f.weighed for f in weighed_slots(ctx)}
        assert "inwoners" in weighed  # it changes something in both cases
        assert not weighed["inwoners"].heavy
        assert {p[0] for p in weighed["inwoners"].parts} & GATE == set()
        assert any(p[0] == "key" for p in weighed["inwoners"].parts) == key
        given = recommended_items(ctx)
        keys = {p[1] for p in weighed["inwoners"].parts if p[0] == "key"}
        assert not keys & given  # it would add a recommendation, not change a given one
        assert ("inwoners",) not in listed(pipe, CASES[name])


def test_a_group_is_one_item_with_every_member(base: Pipeline, tmp_path: Path) -> None:
    """Support in the raad and among residents: one question naming both, weighed together."""
    def grouped(lines: Vocab) -> None:
        set_prop(lines, "draagvlak_raad", "ask", {
            "group": "draagvlak", "role": "raden", "who": {"nl": "{raad}", "en": "{raad}"}})
        set_prop(lines, "draagvlak_inwoners", "ask", {
            "group": "draagvlak", "who": {"nl": "de inwoners", "en": "residents"}})

    case = CASES["opties_d"]
    apart = listed(base, case)
    assert sorted(apart) == [("draagvlak_inwoners",), ("draagvlak_raad",)]
    pipe = variant(tmp_path, grouped)
    result = pipe.evaluate_file(str(case))
    ctx = ExplainContext(pipe.kb, result, "nl")
    items = find_out(ctx)[0]
    assert len(items) == 1 and set(items[0].facts) == {"draagvlak_raad", "draagvlak_inwoners"}
    weighed = {f.slot[1]: f.weighed for f in weighed_slots(ctx)}
    who = {"draagvlak_raad": ("de raad", "the council"),
           "draagvlak_inwoners": ("de inwoners", "residents")}
    first, second = sorted(who, key=lambda f: -weighed[f].weight)  # most weight first
    # the case has options and names no course: the question is about "de opties"
    # (never the stock "de voorgenomen koers", review 9)
    options = [e for e in result.case.all_entities() if e.key[0] == "optie"]
    assert len(options) > 1
    asked_, turns = items[0].question.split(" Daarvan hangt af ")  # what turns on it follows
    assert asked_ == f"Zoek uit hoe {who[first][0]} en {who[second][0]} over de opties denken."
    assert items[0].subject == asked_[len("Zoek uit "):-1]
    assert "of de koers genoeg draagvlak heeft" in turns  # the corner, as the decision asks it
    assert "legitimiteit" not in turns and "aanbeveling" not in turns  # no engine words
    parts = weighed["draagvlak_raad"].parts | weighed["draagvlak_inwoners"].parts
    assert items[0].weight == 10 * sum(1 for p in parts if p[0] in HEAVY) + \
        sum(1 for p in parts if p[0] not in HEAVY)
    assert set(items[0].rules) == weighed["draagvlak_raad"].rules | \
        weighed["draagvlak_inwoners"].rules  # "waarom vragen we dit?"
    en = find_out(ExplainContext(pipe.kb, result, "en"))[0]
    assert en[0].question.split(" This decides ")[0] == \
        f"Find out what {who[first][1]} and {who[second][1]} think of the options."


def test_findings_of_the_cases_study_are_taken_from_it(tmp_path: Path) -> None:
    """With a study, an unknown organisation indicator reads 'neem over uit [source]'."""
    def studied(lines: Vocab) -> None:
        add_fact(lines, {"id": "onderzoek_gedaan", "type": "bool",
                         "label": {"nl": "Onderzoek gedaan", "en": "Study done"},
                         "description": {"nl": "d", "en": "d"}})
        set_prop(lines, "capaciteit", "ask", {"study": "onderzoek_gedaan"})

    pipe = variant(tmp_path, studied, [{"id": "s_studie", "author": "C. Onderzoeker",
                                        "title": "Bestuurskracht Aadorp", "year": 2018,
                                        "kind": "rapport"}])
    text = CASES["opties_b"].read_text(encoding="utf-8").replace("  capaciteit: laag\n", "")
    plain = tmp_path / "zonder.yaml"
    plain.write_text(text, encoding="utf-8")
    assert "capaciteit" in open_facts(pipe, plain)
    questions = {f.facts: f for f in find_out(
        ExplainContext(pipe.kb, pipe.evaluate_file(str(plain)), "nl"))[0]}
    assert questions[("capaciteit",)].source is None  # no study: an ordinary question
    study = tmp_path / "studie.yaml"
    study.write_text(text.replace("feiten:\n", "feiten:\n  onderzoek_gedaan: true\n")
                     .replace("  opdrachtgever:", "  bronnen: [s_studie]\n  opdrachtgever:"),
                     encoding="utf-8")
    items = {f.facts: f for f in find_out(
        ExplainContext(pipe.kb, pipe.evaluate_file(str(study)), "nl"))[0]}
    taken = items[("capaciteit",)]
    assert taken.source == "C. Onderzoeker (2018) [1]"
    # a statement of what the analysis still lacks, not an instruction to the writer (review 12)
    assert taken.question.startswith("Wat in C. Onderzoeker (2018) [1] staat over ambtelijke "
                                     "capaciteit, is in deze analyse nog niet verwerkt")
    assert "ambtelijke capaciteit" in (taken.subject or "")


def test_a_report_the_case_rests_on_is_not_sent_back_as_a_to_do(tmp_path: Path) -> None:
    """A rekenkamer report among the case sources, without a study of the question: the
    unknown indicator is an ordinary question, not 'take it from the report'."""
    def studied(lines: Vocab) -> None:
        add_fact(lines, {"id": "onderzoek_gedaan", "type": "bool",
                         "label": {"nl": "Onderzoek gedaan", "en": "Study done"},
                         "description": {"nl": "d", "en": "d"}})
        set_prop(lines, "capaciteit", "ask", {"study": "onderzoek_gedaan"})

    pipe = variant(tmp_path, studied, [{"id": "s_rekenkamer", "publisher": "Rekenkamer X",
                                        "title": "Doelbereik", "year": 2018,
                                        "kind": "rekenkamer"}])
    text = CASES["opties_b"].read_text(encoding="utf-8").replace("  capaciteit: laag\n", "")
    case = tmp_path / "rekenkamer.yaml"
    case.write_text(text.replace("  opdrachtgever:", "  bronnen: [s_rekenkamer]\n  opdrachtgever:"),
                    encoding="utf-8")
    items = {f.facts: f for f in find_out(
        ExplainContext(pipe.kb, pipe.evaluate_file(str(case)), "nl"))[0]}
    assert items[("capaciteit",)].source is None
    assert "Rekenkamer X" not in items[("capaciteit",)].question


def test_the_kernboodschap_names_only_decisive_items(base: Pipeline) -> None:
    """At most two, each able to change a corner, the balance or an option's preference."""
    for name, case in CASES.items():
        result = base.evaluate_file(str(case))
        ctx = ExplainContext(base.kb, result, "nl")
        items = find_out(ctx)[0]
        head = headline(items)
        assert len(head) <= 2
        assert [h.fact for h in head] == [i.fact for i in items if i.decisive][:2], name
        assert all(h.entity is None and "(" not in h.label for h in head), name
        text = ctx.decisions.answer
        for i in items:  # named only when decisive (and then only when it flips what §1
            # shows: tests/explain/test_answer_gates.py)
            assert i.subject not in text or i.fact in {h.fact for h in head}, \
                (name, i.subject, text)


def _shipped() -> Pipeline | None:
    try:
        return Pipeline(engine_name="python")
    except PvrulesError:  # the built-in knowledge base is being edited
        return None


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names() if _shipped() is not None else [])
def test_no_shipped_example_lists_a_fact_that_is_no_question(name: str) -> None:
    """Expert check: nothing listed is marked ``ask: false`` or fails its condition."""
    pipe = _shipped()
    assert pipe is not None
    ctx = example_ctx(pipe, name)
    d = ctx.decisions
    vocab = pipe.kb.vocab
    slots = {f.slot: f for f in weighed_slots(ctx)}
    for item in (*d.find_out_first, *d.fill_in):
        for ident in item.facts or (item.fact,):
            assert vocab.facts[ident].ask is not False, (name, ident)
            assert any(s[1] == ident and asked(ctx, s) for s in slots), (name, ident)
    given = recommended_items(ctx)
    asked_by = recommended_for(ctx)
    for item in d.find_out_first:
        # review 11 #8: each item moves an option's score, the verdict or a key
        # recommendation the advice gives; none is listed only for a measure or a risk
        assert not item.minor, (name, item.fact)
        assert any(passes(worth(ctx, slots[s], asked_by), given)
                   for s in slots if s[1] in item.facts), (name, item.fact)


def _shipped_ctx(name: str) -> ExplainContext:
    pipe = _shipped()
    assert pipe is not None
    return example_ctx(pipe, name)


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names() if _shipped() is not None else [])
def test_nothing_to_find_out_only_when_no_unknown_changes_the_advice(name: str) -> None:
    """Expert check (review 6, 11): "Geen open vraag verandert …" only when
    no asked unknown moves an option's score, the verdict or a key recommendation the advice
    gives (a measure or a risk alone is no reason to ask)."""
    ctx = _shipped_ctx(name)
    d = ctx.decisions
    if d.find_out_first:
        return
    given, asked_by = recommended_items(ctx), recommended_for(ctx)
    changing = [f.slot for f in weighed_slots(ctx) if not getattr(
        ctx.kb.vocab.facts[f.slot[1]], "lookup", False)
        and passes(worth(ctx, f, asked_by), given) and f.slot[1] not in made_by_advice(ctx)]
    assert not changing, (name, changing)


def _unknown_tested(node: object) -> set[str]:
    """The facts a rule condition needs unknown: ``{known: false}`` in a conjunction, or an
    ``any`` of that fact's own states only ("unknown, or not true")."""
    from pvrules.compile.ir import And, Exists, ForAll, Known, Or, facts_read
    if isinstance(node, Known):
        return {node.ref.fact} if not node.known else set()
    if isinstance(node, Exists | ForAll):
        return _unknown_tested(node.cond)
    if isinstance(node, And):
        return set().union(*(_unknown_tested(i) for i in node.items))
    if isinstance(node, Or) and len(facts_read(node)) == 1 and any(
            isinstance(i, Known) and not i.known for i in node.items):
        return facts_read(node)
    return set()


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names() if _shipped() is not None else [])
def test_a_fact_a_key_recommendation_asks_to_establish_is_not_asked_again(name: str) -> None:
    """Expert check (review 6): rec 3 "Laat de colleges ramen wat ontvlechten kost" and
    §8 "Zijn de kosten … van ontvlechting geraamd?" say the same twice. A fact a key
    recommendation rests on being unknown is listed only when it changes more of the
    advice than that recommendation."""
    ctx = _shipped_ctx(name)
    d = ctx.decisions
    rules = {r.id: r for r in ctx.kb.rules}
    own: dict[tuple[Any, str], set[tuple[object, ...]]] = {}
    for k in d.key_recommendations:
        for firing in ctx.result.firings:
            if (firing.rule_id, firing.focus) not in set(k.firings):
                continue
            if not any(c.kind == "recommend" and c.name == k.item and c.target == k.target_key
                       for c in firing.conclusions):
                continue
            tested = _unknown_tested(rules[firing.rule_id].condition)
            for key, fact, value in firing.matched:
                if fact in tested and value is None:
                    own.setdefault((key, fact), set()).add(("key", k.item, k.target_key))
    slots = {f.slot: f for f in weighed_slots(ctx)}
    for item in d.find_out_first:
        members = [s for s in slots if s[1] in item.facts]
        assert any(p[0] in GATE and p not in own.get(s, set())
                   for s in members for p in slots[s].weighed.parts) or not any(
            s in own for s in members), (name, item.question)


MUNICIPAL = ("opgaven_expliciet", "opgavenanalyse_gedaan", "business_case_aanwezig",
             "gedeeld_eindbeeld", "inwonersorientatie", "regionale_fit", "raad_sturing",
             "transparantie", "participatie_arrangementen", "ambtelijke_capaciteit",
             "kwetsbaarheid", "continuiteit", "strategisch_vermogen", "financiele_positie",
             "bestuurskrachtonderzoek_gedaan", "inwonersvoorkeuren_bekend")
"""Questions for municipalities and their collaborations (their opgaven, business case,
the fit of their collaboration, how their raad steers it, their own organisation), not for
a province: its own organisation is not the subject (a partner's is, per partner)."""


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names() if _shipped() is not None else [])
def test_questions_follow_the_client_kind(name: str) -> None:
    """Expert check (review 6): a province as client (GS on a herindeling proposal or its
    own subsidy relation) is not asked the municipal questions; a municipality still is."""
    ctx = _shipped_ctx(name)
    listed_facts = {f for i in ctx.decisions.find_out_first for f in i.facts}
    if ctx.result.value(("case", "case"), "opdrachtgever_soort") == "provincie":
        assert not listed_facts & set(MUNICIPAL), (name, listed_facts & set(MUNICIPAL))
    province = ctx.result.value(("case", "case"), "opdrachtgever_soort") == "provincie"
    adopted = ctx.result.value(("case", "case"), "arhi_stap") == "advies_vastgesteld"
    studied = _studied(ctx)
    for slot in (s for s in weighing_slots(ctx) if s[1] in MUNICIPAL):
        none_yet = ctx.result.value(("case", "case"), "opgavenanalyse_gedaan") is False
        council = ctx.result.value(("case", "case"), "opdrachtgever_orgaan") in ("raad", "raden")
        other = (adopted and slot[1] in DECIDED) or (studied and slot[1] in STUDIED) or (
            none_yet and slot[1] in ANALYSED) or (council and slot[1] in OWN_COUNCIL) or (
            out_of_scope(ctx, slot))  # the case as a whole: test_findout_scope.py
        assert asked(ctx, slot) is not (province or other), (name, slot)


def _studied(ctx: ExplainContext) -> bool:
    """Whether the case states the goal attainment of a werkorganisatie."""
    return any(ctx.result.value(e.key, "vorm") == "werkorganisatie"
               and ctx.result.value(e.key, "doelbereik") is not None
               for e in ctx.result.case.all_entities() if e.key[0] == "samenwerking")


def weighing_slots(ctx: ExplainContext) -> list[Any]:
    """Every unknown slot of the case the advice reads (asked or not)."""
    from pvrules.explain.findout import unknown_slots
    return list(unknown_slots(ctx))


OWN_COUNCIL = ("raad_sturing", "transparantie")
"""What a raad that asks for the advice knows of itself (review 9): never asked of it."""
STUDIED = ("ambtelijke_capaciteit", "kwetsbaarheid", "bestuurskrachtonderzoek_gedaan")
"""What a stated finding on a shared civil service (its goal attainment: quality,
vulnerability, cost) answers."""


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names() if _shipped() is not None else [])
def test_a_studied_shared_civil_service_answers_capacity_and_vulnerability(name: str) -> None:
    """Expert check (review 6 and 7, a werkorganisatie a rekenkamer examined): §8 does not ask
    the capacity or vulnerability of the organisation, nor whether it was studied, when the
    case states the goal attainment of the werkorganisatie; without such a finding it may."""
    ctx = _shipped_ctx(name)
    studied = _studied(ctx)
    listed_facts = {f for i in ctx.decisions.find_out_first for f in i.facts}
    if studied:
        assert not listed_facts & set(STUDIED), (name, listed_facts & set(STUDIED))
    for slot in (s for s in weighing_slots(ctx) if s[1] in STUDIED[:2]):
        if studied:
            assert not asked(ctx, slot), (name, slot)


DECIDED = ("raad_sturing", "transparantie", "participatie_arrangementen",
           "business_case_aanwezig", "inwonersvoorkeuren_bekend", "gedeeld_eindbeeld",
           "sturingscapaciteit", "ambitie", "regionale_fit", "inwonersorientatie")
"""Questions about the collaborations, business case and shared vision of municipalities
that no longer matter once their herindelingsadvies is adopted (the raden chose; the new
municipality replaces them), nor their ambition or regional fit (review 8, Vijfheerenlanden)."""


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names() if _shipped() is not None else [])
def test_a_decided_herindeling_is_not_asked_about_the_old_collaborations(name: str) -> None:
    """Expert check (review 7, regression 1): with the herindelingsadvies adopted, §8 keeps
    what the new municipality needs (its finances, the residents' orientation) and drops
    the raden's steering of collaborations, participation, business case, shared vision."""
    ctx = _shipped_ctx(name)
    adopted = ctx.result.value(("case", "case"), "arhi_stap") == "advies_vastgesteld"
    listed_facts = {f for i in ctx.decisions.find_out_first for f in i.facts}
    if adopted:
        assert not listed_facts & set(DECIDED), (name, listed_facts & set(DECIDED))
    for slot in (s for s in weighing_slots(ctx) if s[1] in DECIDED):
        if adopted:
            assert not asked(ctx, slot), (name, slot)


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names() if _shipped() is not None else [])
def test_what_the_client_reads_in_its_own_regeling_is_not_asked(name: str) -> None:
    """Expert check (review 6 and 7): "Wie zitten in het bestuur van het verband?" and "Welke
    rechtsvorm heeft de regeling?" for a centrumregeling or a proposed werkorganisatie — the
    regeling (or the form's own name) says it, or the form is still to be designed."""
    ctx = _shipped_ctx(name)
    proposed = {e.name for e in ctx.result.case.all_entities() if e.key[0] == "samenwerking"
                and ctx.result.value(e.key, "status") == "voorgenomen"}
    for item in ctx.decisions.find_out_first:
        assert "bestuur_samenstelling" not in item.facts, name
        if "raadsinstrumenten" in item.facts:  # no instruments in use in a proposed one
            assert not proposed & set((item.entity or "").split(" en ")), (name, item.entity)
        if "wgr_vorm" in item.facts:
            for e in ctx.result.case.all_entities():
                if e.key[0] == "samenwerking" and ctx.result.value(e.key, "wgr_vorm") is None \
                        and (e.key, "wgr_vorm") in {(s[0], s[1]) for s in weighing_slots(ctx)} \
                        and asked(ctx, (e.key, "wgr_vorm")):
                    assert ctx.result.value(e.key, "vorm") == "werkorganisatie", (name, e.key)
                    assert ctx.result.value(e.key, "status") != "voorgenomen", (name, e.key)


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names() if _shipped() is not None else [])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_question_of_several_partners_is_asked_of_each(name: str, lang: str) -> None:
    """Review 6 and 7: "**A, B en C:** Hoe gezond is de financiële positie van deze partner?" —
    one fact of several partners is asked of each, in the fact's plain words."""
    pipe = _shipped()
    assert pipe is not None
    ctx = ExplainContext(pipe.kb, pipe.evaluate(pipe.load_case(f"example:{name}")), lang)
    vocab = ctx.kb.vocab
    for item in ctx.decisions.find_out_first:
        fact = vocab.facts[item.fact]
        if fact.entity != "partner" or len(item.facts) != 1 or not item.entity:
            continue
        several = ctx.msg("word.and") in item.entity.split()
        singular = ("deze partner", "deze gemeente", "this partner", "this municipality")
        assert not (several and any(s in item.question for s in singular)), (name, item)


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names() if _shipped() is not None else [])
def test_find_out_texts_name_the_clients_own_organs(name: str) -> None:
    """Review 7: O-gen's provincie was asked how satisfied "bestuur, raad en medewerkers" are;
    a question about the council names the client's own (Provinciale Staten, de raden van …),
    and a line to fill in carries one colon (no "…: repressief of preventief")."""
    ctx = _shipped_ctx(name)
    council = organs_of(ctx)["raad"]
    for item in ctx.decisions.find_out_first:
        if "tevredenheid" in item.facts:
            assert council in item.question, (name, item.question)
        assert "{" not in item.question, (name, item.question)
    for item in ctx.decisions.fill_in:
        assert ":" not in item.label, (name, item.label)


def organs_of(ctx: ExplainContext) -> dict[str, str]:
    from pvrules.explain.texts import organs
    return organs(ctx.result.case, ctx.msg)


ANALYSED = ("opgaven_expliciet", "meerwaarde_helder")
"""What a joint opgavenanalyse establishes."""


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names() if _shipped() is not None else [])
def test_no_opgavenanalyse_yet_means_the_analysis_answers_the_opgaven(name: str) -> None:
    """Expert check (review 7, BAR): with no joint opgavenanalyse done, §8 does not ask how
    explicit the opgaven are or what the collaboration yields: the analysis the advice
    recommends is how that is found out."""
    ctx = _shipped_ctx(name)
    none_yet = ctx.result.value(("case", "case"), "opgavenanalyse_gedaan") is False
    listed_facts = {f for i in ctx.decisions.find_out_first for f in i.facts}
    if none_yet:
        assert not listed_facts & set(ANALYSED), (name, listed_facts & set(ANALYSED))



@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names() if _shipped() is not None else [])
def test_a_policy_poor_task_is_not_asked_whether_the_partners_share_it(name: str) -> None:
    """Expert check (review 7, Zandhoven): "Speelt de opgave vergelijkbaar bij de partners?"
    for belastingen en WOZ — every municipality levies taxes; a policy-poor task is the same
    statutory task everywhere. A policy-rich one may still be asked."""
    ctx = _shipped_ctx(name)
    for slot in (s for s in weighing_slots(ctx) if s[1] == "gedeeld_door_partners"):
        if ctx.result.value(slot[0], "beleidskarakter") == "beleidsarm":
            assert not asked(ctx, slot), (name, slot)


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names() if _shipped() is not None else [])
def test_one_question_once_case_wide_or_per_entity(name: str) -> None:
    """Review 7 (Vijfheerenlanden): "Hoe gezond en weerbaar is de financiële positie?" and
    "**Leerdam, Vianen en Zederik:** … de financiële positie …" ask the same; the item per
    entity stays, the case-wide one goes (facts with the same ``ask.subject``)."""
    ctx = _shipped_ctx(name)
    vocab = ctx.kb.vocab

    def subject(fact: str) -> str | None:
        ask = vocab.facts[fact].ask
        return None if isinstance(ask, bool) or ask.subject is None else ask.subject.get("nl")

    items = ctx.decisions.find_out_first
    per_entity = {subject(i.fact) for i in items if vocab.facts[i.fact].entity != "case"}
    for item in items:
        if vocab.facts[item.fact].entity == "case" and len(item.facts) == 1:
            assert subject(item.fact) is None or subject(item.fact) not in per_entity, \
                (name, item.question)
