"""Load a knowledge base for lint: like :func:`pvrules.kb.load_kb`, but collecting problems.

The loader refuses a base with one error; lint instead reports every loader
problem as a finding and keeps the rules that did compile for the deeper checks.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from pvrules.compile.compiler import compile_rules
from pvrules.compile.ir import CompiledRule
from pvrules.errors import FileFormatError, KnowledgeError, Problem
from pvrules.kb import KNOWLEDGE_ENV, RULES_ENV
from pvrules.load.resources import (
    RULE_SKIP_DIRS,
    RULE_SUFFIXES,
    TABLE_SUFFIXES,
    SourceFile,
    env_dirs,
    gather,
)
from pvrules.load.yamlio import Document, parse_text
from pvrules.validate.knowledge import Knowledge, load_knowledge
from pvrules.validate.rules import (
    Disable,
    RuleEntry,
    duplicate_ids,
    load_rule_files,
    unknown_disables,
)

KNOWLEDGE_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass
class LintBase:
    """What lint works on: the knowledge, the rules that compiled, and loader problems."""

    knowledge: Knowledge | None
    entries: list[RuleEntry] = field(default_factory=list)
    rules: list[CompiledRule] = field(default_factory=list)
    disabled: list[Disable] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rule_files: list[SourceFile] = field(default_factory=list)

    def entry(self, rule_id: str) -> RuleEntry:
        """The entry of an active rule."""
        for entry in self.entries:
            if entry.spec.id == rule_id:
                return entry
        raise KeyError(rule_id)


def load_for_lint(rules_dirs: Sequence[str | os.PathLike[str]] = (),
                  knowledge_dirs: Sequence[str | os.PathLike[str]] = (), *,
                  include_builtin: bool = True, use_env: bool = True) -> LintBase:
    """Load everything that can be loaded; every problem becomes part of the result.

    Raises:
        FileFormatError: an extension folder does not exist.
    """
    rdirs = [*rules_dirs, *(env_dirs(RULES_ENV) if use_env else [])]
    kdirs = [*knowledge_dirs, *(env_dirs(KNOWLEDGE_ENV) if use_env else [])]
    knowledge_files = gather("pvrules.knowledge", kdirs, KNOWLEDGE_SUFFIXES, include_builtin)
    rule_files = gather("pvrules.rules", rdirs, (*RULE_SUFFIXES, *TABLE_SUFFIXES),
                        include_builtin, skip_dirs=RULE_SKIP_DIRS)
    tables = [src for src in rule_files if src.name.lower().endswith(TABLE_SUFFIXES)]
    base = LintBase(None, rule_files=rule_files)
    try:
        base.knowledge = load_knowledge(knowledge_files)
    except (KnowledgeError, FileFormatError) as err:
        base.problems.extend(err.problems)
    entries: list[RuleEntry] = []
    for src in rule_files:
        if src in tables:
            continue
        try:
            found, disables, problems = load_rule_files([src, *tables])
        except FileFormatError as err:
            base.problems.extend(err.problems)
            continue
        entries.extend(found)
        base.disabled.extend(disables)
        base.problems.extend(problems)
    base.problems.extend(duplicate_ids(entries))
    base.problems.extend(unknown_disables(entries, base.disabled))
    off = {d.rule_id for d in base.disabled}
    base.entries = [e for e in entries if e.spec.id not in off]
    if base.knowledge is not None:
        compiled, problems = compile_rules(base.entries, base.knowledge)
        base.problems.extend(problems)
        failed = {p.rule_id for p in problems if p.code != "cycle"}
        base.rules = [r for r in compiled if r.id not in failed]
    return base


@functools.lru_cache(maxsize=64)
def _parsed(text: str, name: str) -> Document | None:
    """A knowledge file parsed once, however many findings ask for a line in it."""
    try:
        return parse_text(text, name)
    except FileFormatError:
        return None


def knowledge_line(knowledge: Knowledge, section: str, ident: str) -> tuple[str | None,
                                                                             int | None]:
    """File and line where a fact (``facts``) or item (``items``) is declared."""
    for src in knowledge.files:
        doc = _parsed(src.text, src.name)
        if doc is None:
            continue
        data = doc.data
        if not isinstance(data, dict) or not isinstance(data.get(section), list):
            continue
        for i, entry in enumerate(data[section]):
            if isinstance(entry, dict) and entry.get("id") == ident:
                return src.name, doc.line_of((section, i))
    return None, None
