"""Load rule files into typed rule specs with their file and line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import ValidationError

from pvrules.errors import Problem
from pvrules.load.resources import SourceFile
from pvrules.load.yamlio import Document, Loc, parse_text
from pvrules.validate.problems import pydantic_problems
from pvrules.validate.rulemodel import RuleFile, RuleSpec


@dataclass(frozen=True)
class RuleEntry:
    """A rule spec with where it was written."""

    spec: RuleSpec
    doc: Document
    loc: Loc
    builtin: bool

    @property
    def file(self) -> str:
        """The file the rule is in."""
        return self.doc.source

    @property
    def line(self) -> int | None:
        """The line the rule starts on."""
        return self.doc.line_of(self.loc)


@dataclass(frozen=True)
class Disable:
    """A file's request to switch a rule off."""

    rule_id: str
    file: str
    line: int | None


def load_rule_files(files: Iterable[SourceFile]) -> tuple[list[RuleEntry], list[Disable],
                                                         list[Problem]]:
    """Parse rule files; return entries, disable requests and problems found."""
    entries: list[RuleEntry] = []
    disables: list[Disable] = []
    problems: list[Problem] = []
    for src in files:
        doc = parse_text(src.text, src.name)
        if doc.data is None:
            continue
        if not isinstance(doc.data, dict):
            problems.append(Problem("bad-file", "a rule file is a mapping with 'rules:'",
                                    src.name, 1, allowed=("rules", "disable")))
            continue
        raw_rules = doc.data.get("rules")

        def rule_id(loc: Loc, raw_rules: object = raw_rules) -> str | None:
            if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int) \
                    and isinstance(raw_rules, list) and loc[1] < len(raw_rules):
                item = raw_rules[loc[1]]
                ident = item.get("id") if isinstance(item, dict) else None
                if isinstance(ident, str):
                    return ident
            return None

        try:
            parsed = RuleFile.model_validate(doc.data)
        except ValidationError as err:
            problems.extend(pydantic_problems(err, RuleFile, doc, rule_id=rule_id))
            continue
        entries.extend(RuleEntry(spec, doc, ("rules", i), src.builtin)
                       for i, spec in enumerate(parsed.rules))
        disables.extend(Disable(rid, src.name, doc.line_of(("disable", i)))
                        for i, rid in enumerate(parsed.disable))
    return entries, disables, problems
