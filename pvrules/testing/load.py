"""Read expert test files and check the names they use against the knowledge base."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from pvrules.errors import FileFormatError, Problem
from pvrules.kb import KnowledgeBase
from pvrules.load.yamlio import Document, Loc, format_loc, parse_yaml
from pvrules.suggest import did_you_mean
from pvrules.testing.model import ExpertTest, TestFile
from pvrules.testing.sources import TestSource
from pvrules.validate.problems import pydantic_problems


@dataclass(frozen=True)
class LoadedTest:
    """One expert test with where it was written."""

    test: ExpertTest
    source: TestSource
    index: int
    line: int | None
    doc: Document = field(repr=False, compare=False)

    @property
    def where(self) -> str:
        """``file:line`` of the test."""
        return f"{self.source.name}:{self.line}" if self.line else self.source.name

    @property
    def loc(self) -> Loc:
        """The path of the test inside its file."""
        return ("tests", self.index)


def load_tests(sources: Iterable[TestSource], kb: KnowledgeBase | None = None
               ) -> tuple[list[LoadedTest], list[Problem]]:
    """Parse test files; return the tests and the problems of bad test files.

    With ``kb``, rule ids, items and facts named under ``expect`` are checked too.
    """
    tests: list[LoadedTest] = []
    problems: list[Problem] = []
    for src in sources:
        try:
            doc = parse_yaml(src.text, src.name)
        except FileFormatError as err:
            problems.extend(err.problems)
            continue
        if not isinstance(doc.data, dict):
            problems.append(Problem("bad-test-file", "a test file is a mapping with 'tests:'",
                                    src.name, 1, allowed=("tests",)))
            continue
        try:
            parsed = TestFile.model_validate(doc.data)
        except ValidationError as err:
            problems.extend(_rename(pydantic_problems(err, TestFile, doc)))
            continue
        for i, test in enumerate(parsed.tests):
            loaded = LoadedTest(test, src, i, doc.line_of(("tests", i)), doc)
            found = check_names(loaded, kb) if kb is not None else []
            problems.extend(found)
            if not found:
                tests.append(loaded)
    return tests, problems


def _rename(problems: list[Problem]) -> list[Problem]:
    """Mention the test file format in messages about keys."""
    return [Problem(p.code, p.message, p.file, p.line, p.loc, p.rule_id, p.allowed,
                    p.suggestion or "see 'Expert tests' in docs/rule-format.md")
            for p in problems]


def check_names(loaded: LoadedTest, kb: KnowledgeBase) -> list[Problem]:
    """Problems with rule ids, items and facts that ``loaded`` expects."""
    problems: list[Problem] = []
    exp = loaded.test.expect
    doc = loaded.doc

    def add(loc: Loc, code: str, message: str, suggestion: str | None) -> None:
        full = (*loaded.loc, "expect", *loc)
        problems.append(Problem(code, f"test '{loaded.test.name}': {message}",
                                loaded.source.name, doc.line_of(full), format_loc(full),
                                suggestion=suggestion))

    known_rules = set(kb.entries) | {d.rule_id for d in kb.disabled}
    for key in ("fires", "not_fires"):
        for i, rid in enumerate(getattr(exp, key)):
            if rid not in known_rules:
                add((key, i), "unknown-rule", f"unknown rule '{rid}'",
                    did_you_mean(rid, known_rules) or "if the rule is in a folder of your "
                    "own, pass that folder with --rules-dir")
    items = kb.catalogues.items
    for key in ("recommends", "not_recommends", "advised_against"):
        for i, ref in enumerate(getattr(exp, key)):
            if ref.item not in items:
                add((key, i), "unknown-item", f"unknown catalogue item '{ref.item}'",
                    did_you_mean(ref.item, items))
    problems.extend(_v2_names(loaded, kb, add))
    for key in exp.derived:
        entity, _ident, fact = split_fact_key(key)
        fdef = kb.vocab.facts.get(fact)
        if fdef is None:
            add(("derived", key), "unknown-fact", f"unknown fact '{fact}'",
                did_you_mean(fact, kb.vocab.facts))
        elif entity is not None and fdef.entity != entity:
            add(("derived", key), "wrong-entity",
                f"'{fact}' is a fact of '{fdef.entity}', not of '{entity}'",
                f"write '{fdef.entity}:ID.{fact}'" if fdef.entity != "case" else
                f"write '{fact}'")
        elif entity is None and fdef.entity != "case":
            add(("derived", key), "entity-not-given",
                f"'{fact}' is a fact of each '{fdef.entity}'; say which one",
                f"write '{fdef.entity}:ID.{fact}'")
    return problems


def _v2_names(loaded: LoadedTest, kb: KnowledgeBase, add: Any) -> list[Problem]:
    """Check the corners, criteria, risks, route steps and frameworks a test names."""
    exp = loaded.test.expect
    cats, vocab = kb.catalogues, kb.vocab
    for option, corners in exp.effects.items():
        for corner in corners:
            if corner not in vocab.corners:
                add(("effects", option, corner), "unknown-corner", f"unknown corner '{corner}'",
                    did_you_mean(corner, vocab.corners) or "corners: "
                    + ", ".join(vocab.corner_ids))
    for option, crits in exp.criteria.items():
        for crit in crits:
            known = cats.items_of("criterion")
            if crit not in known:
                add(("criteria", option, crit), "unknown-item", f"unknown criterion '{crit}'",
                    did_you_mean(crit, known))
    for key, role in (("risks", "risk"), ("not_risks", "risk"), ("route", "route"),
                      ("not_route", "route")):
        known = cats.items_of(role)
        for i, ref in enumerate(getattr(exp, key)):
            if ref.item not in known:
                add((key, i), "unknown-item", f"unknown {role} '{ref.item}'",
                    did_you_mean(ref.item, known))
    for key in ("frameworks", "not_frameworks"):
        known = cats.items_of("framework")
        for i, ident in enumerate(getattr(exp, key)):
            if ident not in known:
                add((key, i), "unknown-item", f"unknown framework '{ident}'",
                    did_you_mean(ident, known))
    return []


def split_fact_key(key: str) -> tuple[str | None, str | None, str]:
    """``opgave:o1.schaal`` → (``opgave``, ``o1``, ``schaal``); ``fact`` → (None, None, fact)."""
    head, dot, fact = key.rpartition(".")
    if not dot or ":" not in head:
        return None, None, key
    entity, _, ident = head.partition(":")
    return entity, ident, fact
