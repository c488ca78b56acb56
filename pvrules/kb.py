"""The knowledge base: vocabulary, catalogues and compiled rules, loaded once.

``load_kb()`` reads the built-in files (package data) and any extension
folders, validates everything, compiles the rules and refuses the whole base
with one error that lists every problem (file, line, rule id) if anything is
wrong.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from pvrules.compile.ir import CompiledRule
from pvrules.errors import Problem, RuleFileError, problems_error
from pvrules.load.resources import (
    RULE_SKIP_DIRS,
    RULE_SUFFIXES,
    TABLE_SUFFIXES,
    SourceFile,
    env_dirs,
    gather,
)
from pvrules.validate.catalogue import ItemDef, SourceDef, cited_source
from pvrules.validate.dates import in_force
from pvrules.validate.knowledge import Catalogues, Knowledge, load_knowledge
from pvrules.validate.rules import (
    Disable,
    RuleEntry,
    duplicate_ids,
    load_rule_files,
    unknown_disables,
)
from pvrules.validate.vocab import Vocabulary

RULES_ENV = "PVRULES_RULES_PATH"
KNOWLEDGE_ENV = "PVRULES_KNOWLEDGE_PATH"


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything an engine and the explanations need, validated and compiled."""

    knowledge: Knowledge
    entries: dict[str, RuleEntry]
    rules: tuple[CompiledRule, ...]
    disabled: tuple[Disable, ...] = ()
    rule_files: tuple[SourceFile, ...] = ()
    extension_dirs: tuple[str, ...] = field(default_factory=tuple)

    @property
    def vocab(self) -> Vocabulary:
        """The vocabulary."""
        return self.knowledge.vocab

    @property
    def catalogues(self) -> Catalogues:
        """The catalogues and sources."""
        return self.knowledge.catalogues

    @cached_property
    def _by_id(self) -> dict[str, CompiledRule]:
        """The rules by id (the first of an id; built on first use)."""
        found: dict[str, CompiledRule] = {}
        for rule in self.rules:
            found.setdefault(rule.id, rule)
        return found

    def rule(self, rule_id: str) -> CompiledRule:
        """The compiled rule with ``rule_id``."""
        return self._by_id[rule_id]

    def item(self, item_id: str) -> ItemDef:
        """The catalogue item with ``item_id``."""
        return self.catalogues.items[item_id]

    def with_sources(self, extra: Sequence[SourceDef]) -> KnowledgeBase:
        """This knowledge base with ``extra`` sources added (a case's own), ``self`` unchanged.

        The rules, vocabulary and catalogues are shared; only the source table is new.
        """
        if not extra:
            return self
        cats = replace(self.catalogues,
                       sources={**self.catalogues.sources, **{s.id: s for s in extra}})
        return replace(self, knowledge=replace(self.knowledge, catalogues=cats))

    def rule_frameworks(self, rule_id: str) -> tuple[str, ...]:
        """The framework items (catalogue kind ``framework``) a rule applies."""
        return self.rule(rule_id).frameworks

    def source_after(self, source_id: str, day: dt.date) -> bool:
        """Whether a source cannot be cited on ``day``, neither itself nor by its replacement.

        A year alone precedes only a later year; see ``SourceDef.citable_on``.
        """
        return self.cite_as(source_id, day) is None

    def cite_as(self, source_id: str, day: dt.date, vouched: bool = False) -> str | None:
        """The source to cite for ``source_id`` on ``day`` (see ``cited_source``)."""
        return cited_source(self.catalogues.sources, source_id, day, vouched)

    def citable_sources(self, source_ids: Iterable[str], day: dt.date) -> tuple[str, ...]:
        """``source_ids`` without those published after ``day`` (the case's peildatum), in order.

        The explain layer cites only these in a case's advice: what was knowable then.
        """
        cited = (self.cite_as(s, day) for s in source_ids)
        return tuple(dict.fromkeys(s for s in cited if s is not None))

    def item_in_force(self, item_id: str, day: dt.date) -> bool:
        """Whether a catalogue item (a framework, a route step...) is valid on ``day``."""
        item = self.catalogues.items[item_id]
        return in_force(item.valid_from, item.valid_to, day)

    @property
    def content_hash(self) -> str:
        """A short hash over every knowledge and rule file, for reproducibility."""
        digest = hashlib.sha256()
        for src in sorted((*self.knowledge.files, *self.rule_files), key=lambda s: s.name):
            digest.update(src.name.encode())
            digest.update(b"\0")
            digest.update(src.text.encode())
            digest.update(b"\0")
        return digest.hexdigest()[:16]


def load_kb(rules_dirs: Sequence[str | os.PathLike[str]] = (),
            knowledge_dirs: Sequence[str | os.PathLike[str]] = (),
            *, include_builtin: bool = True, use_env: bool = True) -> KnowledgeBase:
    """Load, validate and compile the built-in knowledge base plus extensions.

    Args:
        rules_dirs: extra folders (or files) of rule files.
        knowledge_dirs: extra folders (or files) of vocabulary and catalogue files.
        include_builtin: load the shipped rules and knowledge too.
        use_env: also read ``PVRULES_RULES_PATH`` and ``PVRULES_KNOWLEDGE_PATH``.

    Raises:
        KnowledgeError: a vocabulary or catalogue file is invalid.
        RuleFileError: a rule file is invalid; every problem is listed.
    """
    from pvrules.load import cache

    rdirs = [*rules_dirs, *(env_dirs(RULES_ENV) if use_env else [])]
    kdirs = [*knowledge_dirs, *(env_dirs(KNOWLEDGE_ENV) if use_env else [])]
    knowledge_files = gather("pvrules.knowledge", kdirs, (".yaml", ".yml", ".json"),
                             include_builtin)
    rule_files = gather("pvrules.rules", rdirs, (*RULE_SUFFIXES, *TABLE_SUFFIXES), include_builtin,
                        skip_dirs=RULE_SKIP_DIRS)
    key = cache.cache_key(knowledge_files, rule_files)
    cached = cache.load(key, keep=True)  # a knowledge base is never changed once built
    if isinstance(cached, KnowledgeBase):
        return cached
    kb = _build(knowledge_files, rule_files, rdirs, kdirs)
    cache.store(key, kb)
    return kb


def _build(knowledge_files: list[SourceFile], rule_files: list[SourceFile],
           rdirs: Sequence[str | os.PathLike[str]], kdirs: Sequence[str | os.PathLike[str]]
           ) -> KnowledgeBase:
    knowledge = load_knowledge(knowledge_files)
    entries, disables, problems = load_rule_files(rule_files)
    problems.extend(duplicate_ids(entries))
    problems.extend(unknown_disables(entries, disables))
    off = {d.rule_id for d in disables}
    active = [e for e in entries if e.spec.id not in off]
    from pvrules.compile.compiler import compile_rules  # not needed for a cached base

    compiled, compile_problems = compile_rules(active, knowledge)
    problems.extend(compile_problems)
    if problems:
        raise problems_error(RuleFileError, "the rule files have problems", _unique(problems))
    return KnowledgeBase(knowledge, {e.spec.id: e for e in active}, tuple(compiled),
                         tuple(disables), tuple(rule_files),
                         tuple(str(d) for d in (*rdirs, *kdirs)))


def _unique(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out
