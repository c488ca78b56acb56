"""Load rule files into typed rule specs with their file and line."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pydantic import ValidationError

from pvrules.errors import Problem, TableError
from pvrules.load.resources import TABLE_SUFFIXES, SourceFile
from pvrules.load.yamlio import Document, Loc, format_loc, parse_text
from pvrules.suggest import did_you_mean
from pvrules.validate.problems import pydantic_problems
from pvrules.validate.rulemodel import RuleFile, RuleSpec, TableRef


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
    files = list(files)
    tables = {src.name: src for src in files if src.name.lower().endswith(TABLE_SUFFIXES)}
    for src in files:
        if src.name in tables:
            continue  # read only where a rule file includes it
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
        for i, ref in enumerate(parsed.tables):
            entries.extend(_table_rules(ref, src, doc.line_of(("tables", i)), tables,
                                        problems))
    return entries, disables, problems


def _table_rules(ref: TableRef, src: SourceFile, line: int | None,
                 tables: dict[str, SourceFile], problems: list[Problem]) -> list[RuleEntry]:
    """The rules of an included decision table, one per row."""
    from pvrules.tables import table_rules

    name = posixpath.normpath(posixpath.join(posixpath.dirname(src.name.replace(os.sep, "/")),
                                             ref.file))
    table = tables.get(name) or tables.get(name.replace("/", os.sep))
    if table is None:
        problems.append(Problem("unknown-table", f"no decision table '{ref.file}' next to this "
                                "file", src.name, line, "tables",
                                allowed=tuple(sorted(tables)),
                                suggestion=f"table files end in {', '.join(TABLE_SUFFIXES)}"))
        return []
    try:
        model, data = table_rules(
            table.text, table.name, sources=ref.sources, for_each=ref.for_each, tags=ref.tags,
            principle=ref.principle.model_dump() if ref.principle else None)
    except TableError as err:
        problems.extend(err.problems)
        return []
    # each generated rule points at its row (rows appear in table order)
    row_lines = [row.line for t in model.tables for row in t.rules]
    lines: dict[Loc, int] = {("rules", i): ln for i, ln in enumerate(row_lines)
             if ln is not None and i < len(data["rules"])}
    doc = Document(data, table.name, lines)
    try:
        parsed = RuleFile.model_validate(data)
    except ValidationError as err:
        problems.extend(pydantic_problems(err, RuleFile, doc))
        return []
    return [RuleEntry(spec, doc, ("rules", i), table.builtin)
            for i, spec in enumerate(parsed.rules)]


def duplicate_ids(entries: Sequence[RuleEntry]) -> list[Problem]:
    """A problem for every rule whose id an earlier rule already has."""
    seen: dict[str, RuleEntry] = {}
    problems = []
    for entry in entries:
        rid = entry.spec.id
        if rid in seen:
            first = seen[rid]
            problems.append(Problem("duplicate-id", f"rule id '{rid}' is used twice (first in "
                                    f"{first.file}:{first.line})", entry.file, entry.line,
                                    format_loc((*entry.loc, "id")), rid,
                                    suggestion="give each rule its own id; to replace a "
                                    "built-in rule, add its id under 'disable:'"))
        else:
            seen[rid] = entry
    return problems


def unknown_disables(entries: Sequence[RuleEntry], disables: Sequence[Disable]) -> list[Problem]:
    """A problem for every ``disable:`` naming a rule that does not exist."""
    known = {e.spec.id for e in entries}
    return [Problem("unknown-rule", f"cannot disable unknown rule '{dis.rule_id}'", dis.file,
                    dis.line, suggestion=did_you_mean(dis.rule_id, known))
            for dis in disables if dis.rule_id not in known]
