"""Fixtures for the explanation tests: the small test knowledge base, its cases, the questions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pvrules.explain.scoring import item_status
from pvrules.infer.result import Result
from pvrules.pipeline import Pipeline
from pvrules.validate.case import Case

DATA = Path(__file__).resolve().parent.parent / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"
RULES = DATA / "kb" / "rules"
KNOWLEDGE = DATA / "kb" / "knowledge"
CASE_FILE = DATA / "case_small.yaml"
KB_ARGS = ["--rules-dir", str(RULES), "--knowledge-dir", str(KNOWLEDGE), "--no-builtin"]


def small_pipeline(engine: str = "python") -> Pipeline:
    return Pipeline(rules_dirs=[RULES], knowledge_dirs=[KNOWLEDGE], include_builtin=False,
                    engine_name=engine)


@pytest.fixture(scope="session")
def pipe() -> Pipeline:
    return small_pipeline()


@pytest.fixture(scope="session")
def shipped_pipe() -> Pipeline:
    """The built-in knowledge base (python engine): what the shipped examples are read with."""
    return Pipeline(engine_name="python")


@pytest.fixture(scope="session")
def case(pipe: Pipeline) -> Case:
    return pipe.load_case(str(CASE_FILE))


@pytest.fixture(scope="session")
def result(pipe: Pipeline, case: Case) -> Result:
    return pipe.evaluate(case)


def plan_questions(pipe: Pipeline, source: str,
                   whatif_json: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    """What to ask about one case: three why-nots, one what-if and one diff.

    ``whatif_json(target, *extra)`` runs ``pvrules whatif SOURCE --target TARGET *EXTRA
    --format json`` with the same knowledge base as ``pipe`` and returns its ``result``.
    """
    case = pipe.load_case(source)
    result = pipe.evaluate(case)
    advice = pipe.advice(result)
    kb = pipe.kb
    targets = [("case", "case"), *[e.key for e in case.all_entities()]]
    could: list[tuple[str, tuple[str, str]]] = []
    for rule in kb.rules:
        for concl in rule.conclusions:
            item = getattr(concl, "item", None)
            if item is None or concl.against:
                continue
            if rule.focus_entity is not None and not case.entities.get(rule.focus_entity):
                continue  # a rule for each entity of a kind the case does not have
            if concl.target == "case" or rule.focus_entity is None:
                could.append((item, ("case", "case")))
            else:
                could.extend((item, k) for k in targets if k[0] == rule.focus_entity)
    could = sorted(set(could), key=lambda p: (p[0] != "herindeling",
                                              not p[0].startswith("centrum"),
                                              targets.index(p[1]), p[0]))
    why_not: list[str] = []
    seen: set[str] = set()
    for item, target in could:
        if item in seen or item_status(kb, result, item, target) == "recommended":
            continue
        seen.add(item)
        why_not.append(item if target[0] == "case" else f"{item}@{target[0]}:{target[1]}")
        if len(why_not) == 3:
            break
    whatif = None
    whatif_args: tuple[str, ...] = ()
    # Policy levers first, as `pvrules whatif` does; an advice that rests only on circumstances
    # (a provincial procedure under way, the client's roles) changes on a circumstance, which
    # `whatif --all-facts` varies.
    for extra in ((), ("--all-facts",)):
        for rec in advice.recommendations:
            if rec.status != "recommended":
                continue
            name = rec.item if rec.target_key[0] == "case" else \
                f"{rec.item}@{rec.target_key[0]}:{rec.target_key[1]}"
            singles = [s for s in whatif_json(name, *extra)["scenarios"] if s["size"] == 1]
            if singles:
                whatif, whatif_args = (name, singles[0]["set_args"][0]), extra
                break
        if whatif is not None:
            break
    return {"why_not": why_not, "whatif": whatif, "whatif_args": whatif_args,
            "recommendations": advice.recommendations}


def question_runs(questions: dict[str, Any], source: str) -> dict[str, list[tuple[str, ...]]]:
    """The command lines that ask the questions of :func:`plan_questions`, by language."""
    target, setting = questions["whatif"]
    runs: list[tuple[str, ...]] = [("explain", source)]
    runs += [("explain", source, "--why-not", item) for item in questions["why_not"]]
    extra = questions.get("whatif_args", ())
    runs += [("whatif", source, "--target", target, *extra), ("diff", source, "--set", setting)]
    first = questions["recommendations"][0]
    first_name = first.item if first.target_key[0] == "case" else \
        f"{first.item}@{first.target_key[0]}:{first.target_key[1]}"
    english: list[tuple[str, ...]] = [("explain", source, first_name, "--lang", "en")]
    if questions["why_not"]:
        english.append(("explain", source, "--why-not", questions["why_not"][0], "--lang", "en"))
    english.append(("whatif", source, "--target", target, *extra, "--lang", "en"))
    return {"nl": runs, "en": english}
