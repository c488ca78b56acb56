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

from pvrules.authoring import check_conflicts, check_reach, check_texts
from pvrules.authoring.findings import Finding, error, ordered
from pvrules.authoring.loading import LintBase, load_for_lint
from pvrules.authoring.solver import Domains
from pvrules.load.resources import RULE_SKIP_DIRS, RULE_SUFFIXES, directory_files


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


def lint_base(base: LintBase) -> list[Finding]:
    """Every finding for a loaded base."""
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
    return ordered(findings)


def _builtin_root() -> Path | None:
    try:
        return Path(str(resources.files("pvrules.rules"))).resolve()
    except (TypeError, ValueError):  # pragma: no cover - zipped packages
        return None


def _names_of(path: str | os.PathLike[str], rules_dirs: Sequence[str | os.PathLike[str]]
              ) -> tuple[set[str], bool]:
    """Display names of the rule files at ``path``; ``True`` when already loaded."""
    target = Path(path).resolve()
    root = _builtin_root()
    if root is not None and (target == root or root in target.parents):
        names = {f"rules/{p.relative_to(root).as_posix()}" for p in
                 ([target] if target.is_file() else target.rglob("*"))
                 if p.is_file() and p.name.endswith(RULE_SUFFIXES)}
        return names, True
    for directory in rules_dirs:
        base = Path(directory).resolve()
        if target == base or base in target.parents:
            names = {src.name for src in directory_files(directory, RULE_SUFFIXES,
                                                         RULE_SKIP_DIRS)
                     if Path(src.name).resolve() == target
                     or target in Path(src.name).resolve().parents}
            return names, True
    return {src.name for src in directory_files(path, RULE_SUFFIXES, RULE_SKIP_DIRS)}, False


def run_lint(paths: Sequence[str | os.PathLike[str]] = (),
             rules_dirs: Sequence[str | os.PathLike[str]] = (),
             knowledge_dirs: Sequence[str | os.PathLike[str]] = (), *,
             include_builtin: bool = True, use_env: bool = True) -> LintResult:
    """Lint the knowledge base (built-in plus extensions plus ``paths``).

    With ``paths`` (rule files or folders), those are added to the base and only
    findings in them are shown; without, every finding is.

    Raises:
        FileFormatError: a path or extension folder does not exist.
    """
    extra: list[str | os.PathLike[str]] = []
    shown: set[str] = set()
    for path in paths:
        names, loaded = _names_of(path, rules_dirs)
        shown |= names
        if not loaded:
            extra.append(path)
    base = load_for_lint([*rules_dirs, *extra], knowledge_dirs,
                         include_builtin=include_builtin, use_env=use_env)
    findings = lint_base(base)
    if paths:
        findings = [f for f in findings if f.problem.file in shown]
    return LintResult(tuple(findings))
