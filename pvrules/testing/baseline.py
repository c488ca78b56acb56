"""The semantic diff of a change to the rules: which cases get other advice or reasoning.

Every expert test case and every built-in example is evaluated with a baseline
knowledge base (a git revision of the repository, or a folder holding
``rules/`` and ``knowledge/``) and with the current one; every case whose
recommendations, derived facts or firings differ is listed in plain words.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pvrules.errors import InputError, Problem, PvrulesError
from pvrules.infer.engine import make_engine
from pvrules.infer.result import Result
from pvrules.kb import KnowledgeBase, load_kb
from pvrules.load.yamlio import parse_text
from pvrules.testing.describe import entity_name, show_value
from pvrules.testing.runner import build_case, item_statuses
from pvrules.testing.session import TestRun
from pvrules.validate.case import Case, EntityKey, case_from_document


@dataclass(frozen=True)
class CaseChange:
    """One case whose outcome differs between the baseline and now."""

    name: str
    where: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Changes:
    """All changed cases, and how many were compared."""

    baseline: str
    compared: int
    changes: tuple[CaseChange, ...]


def _repo_root(repo: Path | None = None) -> Path:
    """The git repository holding the rules (a checkout), else the current folder's."""
    starts = [repo] if repo is not None else [Path.cwd()]
    try:
        if repo is None:
            starts.insert(0, Path(str(resources.files("pvrules.rules"))))
    except (TypeError, ValueError):  # pragma: no cover - zipped packages
        pass
    for start in starts:
        proc = subprocess.run(["git", "-C", str(start), "rev-parse", "--show-toplevel"],
                              capture_output=True, text=True, check=False)
        if proc.returncode == 0:
            return Path(proc.stdout.strip())
    raise InputError("--baseline: not inside a git repository", [Problem(
        "bad-option", "a git revision needs a git checkout; give a folder with rules/ and "
        "knowledge/ instead", "--baseline")])


@contextmanager
def baseline_dirs(baseline: str, repo: Path | None = None
                  ) -> Iterator[tuple[list[Path], list[Path]]]:
    """Rules and knowledge folders of ``baseline`` (a folder, or a git revision).

    Raises:
        InputError: the revision does not exist or has no rules.
    """
    folder = Path(baseline)
    if folder.is_dir():
        yield _parts(folder)
        return
    root = _repo_root(repo)
    proc = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", baseline, "--",
                           "rules", "knowledge"], capture_output=True, check=False)
    if proc.returncode != 0:
        raise InputError(f"--baseline: cannot read rules and knowledge at '{baseline}'",
                         [Problem("bad-option", proc.stderr.decode(errors="replace").strip()
                                  or "git archive failed", "--baseline",
                                  suggestion="give a git revision (a commit, a branch, "
                                  "HEAD~1) or a folder with rules/ and knowledge/")])
    with tempfile.TemporaryDirectory(prefix="pvrules-baseline-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(proc.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        yield _parts(Path(tmp))


def _parts(folder: Path) -> tuple[list[Path], list[Path]]:
    """The baseline's rules/ and knowledge/; a missing one is the built-in one of now."""
    rules = [folder / "rules"] if (folder / "rules").is_dir() else []
    knowledge = [folder / "knowledge"] if (folder / "knowledge").is_dir() else []
    if not rules and not knowledge:
        raise InputError(f"--baseline: '{folder}' has no rules/ or knowledge/ folder",
                         [Problem("bad-option", "expected a folder with rules/ and knowledge/",
                                  "--baseline")])
    return rules or _builtin("pvrules.rules"), knowledge or _builtin("pvrules.knowledge")


def _builtin(package: str) -> list[Path]:
    try:
        return [Path(str(resources.files(package)))]
    except (TypeError, ValueError):  # pragma: no cover - zipped packages
        return []


@dataclass(frozen=True)
class _Snapshot:
    recs: dict[str, str]
    derived: dict[str, str]
    fired: frozenset[tuple[str, str]]


def _snapshot(kb: KnowledgeBase, result: Result) -> _Snapshot:
    strength: dict[tuple[str, EntityKey, str], int] = {}
    for firing in result.firings:
        for concl in firing.conclusions:
            if concl.kind in ("recommend", "against"):
                key = (concl.name, concl.target, concl.kind)
                strength[key] = max(strength.get(key, 0), concl.strength)
    recs = {}
    for (item, target), status in item_statuses(result).items():
        kind = "recommend" if status == "recommended" else "against"
        rank = strength.get((item, target, kind), 0)
        level = kb.vocab.strength_by_rank(rank).id if 0 < rank <= len(kb.vocab.strengths) \
            else ""
        recs[f"'{item}' for {entity_name(target)}"] = \
            f"{status.replace('_', ' ')}" + (f" ({level})" if level else "")
    derived = {f"{fact}" + ("" if target[0] == "case" else f" of {entity_name(target)}"):
               show_value(kb.vocab, fact, d.value) + ("" if d.by else " (default)")
               for (target, fact), d in result.derived.items()}
    fired = frozenset((f.rule_id, entity_name(f.focus)) for f in result.firings)
    return _Snapshot(recs, derived, fired)


def _diff(old: _Snapshot, new: _Snapshot) -> list[str]:
    lines = []
    for key in sorted(set(old.recs) | set(new.recs)):
        before, after = old.recs.get(key), new.recs.get(key)
        if before == after:
            continue
        if before is None:
            lines.append(f"new: {key} is {after}")
        elif after is None:
            lines.append(f"gone: {key} was {before}")
        else:
            lines.append(f"changed: {key}: {before} → {after}")
    for key in sorted(set(old.derived) | set(new.derived)):
        before, after = old.derived.get(key, "unknown"), new.derived.get(key, "unknown")
        if before != after:
            lines.append(f"derived {key}: {before} → {after}")
    lines.extend(f"rule '{r}' now fires for {f}" for r, f in sorted(new.fired - old.fired))
    lines.extend(f"rule '{r}' no longer fires for {f}" for r, f in sorted(old.fired - new.fired))
    return lines


def _example_cases(kb: KnowledgeBase) -> list[tuple[str, str, Case | str]]:
    from pvrules.pipeline import example_names, example_text

    out: list[tuple[str, str, Case | str]] = []
    for name in example_names():
        text, source = example_text(name)
        try:
            out.append((f"example {name}", source,
                        case_from_document(parse_text(text, source), kb.vocab)))
        except PvrulesError as err:
            out.append((f"example {name}", source, err.format()))
    return out


def _cases(run: TestRun, kb: KnowledgeBase) -> list[tuple[str, str, Case | str]]:
    out: list[tuple[str, str, Case | str]] = []
    for loaded in run.tests:
        try:
            out.append((loaded.test.name, loaded.where, build_case(loaded, kb)))
        except PvrulesError as err:
            out.append((loaded.test.name, loaded.where, err.format()))
    return [*out, *_example_cases(kb)]


def compare_baseline(baseline: str, run: TestRun,
                     rules_dirs: Sequence[str | os.PathLike[str]] = (),
                     knowledge_dirs: Sequence[str | os.PathLike[str]] = (), *,
                     include_builtin: bool = True, repo: Path | None = None) -> Changes:
    """Every test case and example whose outcome differs between ``baseline`` and now.

    The baseline's own rules and knowledge replace the built-in ones and extension
    folders are added to both sides; without the built-in knowledge base
    (``include_builtin=False``) the baseline replaces the whole knowledge base.
    A revision is read from the git checkout the rules come from, or ``repo``.

    Raises:
        InputError: the baseline cannot be read.
        RuleFileError: the baseline's rules cannot be loaded.
    """
    extra_rules = list(rules_dirs) if include_builtin else []
    extra_knowledge = list(knowledge_dirs) if include_builtin else []
    with baseline_dirs(baseline, repo) as (base_rules, base_knowledge):
        old_kb = load_kb([*base_rules, *extra_rules], [*base_knowledge, *extra_knowledge],
                         include_builtin=False, use_env=include_builtin)
    new_kb = run.kb
    old_cases = _cases(run, old_kb)
    new_cases = _cases(run, new_kb)
    old_engine, new_engine = make_engine(old_kb, "python"), make_engine(new_kb, "python")
    changes = []
    for (name, where, old_case), (_n, _w, new_case) in zip(old_cases, new_cases, strict=True):
        if isinstance(old_case, str) or isinstance(new_case, str):
            if old_case != new_case or isinstance(old_case, str) != isinstance(new_case, str):
                side = "baseline" if isinstance(old_case, str) else "current rules"
                text = old_case if isinstance(old_case, str) else new_case
                changes.append(CaseChange(name, where, (
                    f"the case cannot be read with the {side}: "
                    f"{str(text).splitlines()[-1].strip()}",)))
            continue
        lines = _diff(_snapshot(old_kb, old_engine.evaluate(old_case)),
                      _snapshot(new_kb, new_engine.evaluate(new_case)))
        if lines:
            changes.append(CaseChange(name, where, tuple(lines)))
    return Changes(baseline, len(new_cases), tuple(changes))


def render_changes(changes: Changes) -> str:
    """The changed cases in plain words, with a summary line."""
    lines = [f"Changes against baseline {changes.baseline}", "-" * 26]
    for change in changes.changes:
        lines.append(f"{change.name}  ({change.where})")
        lines.extend(f"    {line}" for line in change.lines)
    if not changes.changes:
        lines.append("no case changes its advice or reasoning")
    lines.append("")
    lines.append(f"{len(changes.changes)} of {changes.compared} cases change")
    return "\n".join(lines) + "\n"
