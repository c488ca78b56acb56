"""``pvrules rules lint``: every check over the knowledge base, as findings.

Loader problems (unknown facts, items or entities, type mismatches, unknown
sources, cycles, duplicate ids...) are errors. The deeper checks give
warnings: rules that can never fire, derived facts no rule makes or uses,
catalogue items no rule recommends, conflicts, subsumed rules and explanation
texts that state values the rule does not test. A rule switched off by
``disable:`` is reported as info. Texts that cannot render are errors.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pvrules.authoring import (
    check_claims,
    check_conflicts,
    check_hindsight,
    check_kader,
    check_reach,
    check_sources,
    check_texts,
    check_truth,
)
from pvrules.authoring.check_hindsight import Example
from pvrules.authoring.findings import Finding, error, ordered, warning
from pvrules.authoring.loading import KNOWLEDGE_SUFFIXES, LintBase, load_for_lint
from pvrules.authoring.solver import Domains
from pvrules.load.resources import RULE_SKIP_DIRS, RULE_SUFFIXES, TABLE_SUFFIXES, directory_files


@dataclass(frozen=True)
class LintResult:
    """The findings of one lint run."""

    findings: tuple[Finding, ...]

    @property
    def errors(self) -> list[Finding]:
        """Findings of severity ``error``."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        """Findings of severity ``warning``."""
        return [f for f in self.findings if f.severity == "warning"]

    def exit_code(self, strict: bool = False) -> int:
        """1 when there are errors (or, with ``strict``, warnings), else 0."""
        return 1 if self.errors or (strict and self.warnings) else 0


def lint_base(base: LintBase, examples: Sequence[Example] = ()) -> list[Finding]:
    """Every finding for a loaded base; ``examples`` are the case files for hindsight checks."""
    findings = [error(p) for p in base.problems]
    findings.extend(check_reach.disabled_rules(base))
    if base.knowledge is None:
        return ordered(findings)
    domains = Domains(base.knowledge.vocab, base.rules)
    never = check_reach.never_fires(base, domains)
    findings.extend(never)
    findings.extend(check_reach.derived_facts(base, domains))
    findings.extend(check_reach.unreachable_items(base, {f.problem.rule_id or "" for f in never}))
    findings.extend(check_conflicts.conflicts(base, domains))
    findings.extend(check_conflicts.subsumed(base, domains))
    findings.extend(check_texts.texts(base.entries, base.rules, base.knowledge.vocab))
    findings.extend(check_truth.truths(base.entries, base.rules, base.knowledge.vocab))
    findings.extend(check_reach.unread_facts(base))
    findings.extend(check_sources.sources(base))
    findings.extend(check_sources.rules(base))
    findings.extend(check_kader.frameworks(base))
    findings.extend(check_claims.claims(base))
    findings.extend(check_claims.scopes(base))
    findings.extend(check_claims.out_of_scope(base))
    findings.extend(check_claims.indexes(base.entries))
    cases, invalid = check_hindsight.load_examples(base, examples)
    findings.extend(invalid)
    findings.extend(check_hindsight.entity_names(base, cases))
    findings.extend(check_hindsight.hindsight(base, cases))
    findings.extend(_table_findings(base))
    return ordered(findings)


def _table_findings(base: LintBase) -> list[Finding]:
    """Overlapping rows and gaps of the decision tables among the rule files."""
    from pvrules.errors import TableError
    from pvrules.tables.lint import lint_model
    from pvrules.tables.load import parse_table_text

    found: list[Finding] = []
    for src in base.rule_files:
        if not src.name.lower().endswith(TABLE_SUFFIXES):
            continue
        try:
            model = parse_table_text(src.text, src.name)
        except TableError:
            continue  # reported where a rule file includes the table
        found.extend(warning(problem) for problem in lint_model(model))
    return found


KNOWLEDGE_KEYS = frozenset({"entities", "scales", "facts", "corners", "strengths", "catalogue",
                            "items", "sources"})


def _package_root(package: str) -> Path | None:
    try:
        return Path(str(resources.files(package))).resolve()
    except (TypeError, ValueError):  # pragma: no cover - zipped packages
        return None


def _files(target: Path, suffixes: tuple[str, ...]) -> list[Path]:
    found = [target] if target.is_file() else sorted(target.rglob("*"))
    return [p for p in found if p.is_file() and p.name.endswith(suffixes)]


def _is_knowledge_file(path: Path) -> bool:
    """Whether a file's top-level keys are those of a vocabulary, catalogue or sources file."""
    try:
        keys = {line.split(":", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()
                if line[:1].isalpha() and ":" in line}
    except (OSError, UnicodeDecodeError):
        return False
    return bool(keys & KNOWLEDGE_KEYS) and "rules" not in keys


@dataclass
class _Selection:
    """What ``paths`` add to the base, and the display names of their files."""

    rules: list[str | os.PathLike[str]]
    knowledge: list[str | os.PathLike[str]]
    names: set[str]


def _select(paths: Sequence[str | os.PathLike[str]],
            rules_dirs: Sequence[str | os.PathLike[str]],
            knowledge_dirs: Sequence[str | os.PathLike[str]]) -> _Selection:
    """Sort ``paths`` into rule and knowledge files; already loaded ones are only shown."""
    sel = _Selection([], [], set())
    roots = [("pvrules.rules", "rules", RULE_SUFFIXES),
             ("pvrules.knowledge", "knowledge", KNOWLEDGE_SUFFIXES)]
    for path in paths:
        target = Path(path).resolve()
        done = False
        for package, short, suffixes in roots:
            root = _package_root(package)
            if root is not None and (target == root or root in target.parents):
                sel.names |= {f"{short}/{p.relative_to(root).as_posix()}"
                              for p in _files(target, suffixes)}
                done = True
        for directory in [*rules_dirs, *knowledge_dirs]:
            base = Path(directory).resolve()
            if not done and (target == base or base in target.parents):
                sel.names |= {str(Path(directory) / p.relative_to(base))
                              for p in _files(target, (*RULE_SUFFIXES, *TABLE_SUFFIXES,
                                                       ".json"))}
                done = True
        if done:
            continue
        if target.is_file() and _is_knowledge_file(target):
            sel.knowledge.append(path)
        else:
            sel.rules.append(path)
        sel.names |= {src.name for src in directory_files(path, (*RULE_SUFFIXES, *TABLE_SUFFIXES),
                                                          RULE_SKIP_DIRS)}
        sel.names |= {str(path)} if target.is_file() else set()
    return sel


def run_lint(paths: Sequence[str | os.PathLike[str]] = (),
             rules_dirs: Sequence[str | os.PathLike[str]] = (),
             knowledge_dirs: Sequence[str | os.PathLike[str]] = (), *,
             include_builtin: bool = True, use_env: bool = True,
             examples: Sequence[str | os.PathLike[str]] | None = None) -> LintResult:
    """Lint the knowledge base (built-in plus extensions plus ``paths``).

    With ``paths`` (rule or knowledge files, or folders of rule files), those are
    added to the base (unless they are part of it already) and only findings in
    them are shown; without, every finding is. ``examples`` are example case files
    for the hindsight checks; ``None`` means the shipped examples when the built-in
    knowledge base is included, else none.

    Raises:
        FileFormatError: a path or extension folder does not exist.
    """
    sel = _select(paths, rules_dirs, knowledge_dirs)
    base = load_for_lint([*rules_dirs, *sel.rules], [*knowledge_dirs, *sel.knowledge],
                         include_builtin=include_builtin, use_env=use_env)
    if examples is None:
        cases = check_hindsight.shipped_examples() if include_builtin else []
    else:
        cases = [Example(str(p), Path(p).read_text(encoding="utf-8")) for p in examples]
    findings = lint_base(base, cases)
    if paths:
        findings = [f for f in findings if f.problem.file in sel.names]
    return LintResult(tuple(findings))
