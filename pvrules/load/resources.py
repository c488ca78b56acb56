"""Where knowledge and rule files come from: package data and extension folders.

Built-in files are read through :mod:`importlib.resources` from the packages
``pvrules.rules`` and ``pvrules.knowledge``; never through paths relative to a
checkout. Extension folders (``--rules-dir``, ``--knowledge-dir`` or the
``PVRULES_RULES_PATH`` / ``PVRULES_KNOWLEDGE_PATH`` environment variables,
``os.pathsep``-separated) add files after the built-in ones.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from pvrules.errors import FileFormatError, Problem
from pvrules.load.reading import read_input_text

RULE_SUFFIXES = (".yaml", ".yml")
RULE_SKIP_DIRS = ("tests",)
"""Folders among the rule files that hold expert tests, not rules."""
TABLE_SUFFIXES = (".csv", ".dmn", ".table.yaml", ".table.yml")
"""Decision tables a rule file can include with ``tables:`` (YAML tables need ``.table.yaml``)."""


@dataclass(frozen=True)
class SourceFile:
    """One file to load: a display name and its text."""

    name: str
    text: str
    builtin: bool


def _walk(root: Traversable, prefix: str, skip_dirs: tuple[str, ...] = ()
          ) -> Iterator[tuple[str, Traversable]]:
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.startswith((".", "_")):
            continue
        if entry.is_dir():
            if entry.name not in skip_dirs:
                yield from _walk(entry, f"{prefix}{entry.name}/", skip_dirs)
        elif entry.is_file():
            yield f"{prefix}{entry.name}", entry


def builtin_files(package: str, suffixes: tuple[str, ...],
                  skip_dirs: tuple[str, ...] = ()) -> list[SourceFile]:
    """Files shipped in ``package`` (``pvrules.rules`` or ``pvrules.knowledge``).

    Folders named in ``skip_dirs`` (for rules: ``tests``) are not read.
    """
    root = resources.files(package)
    short = package.rsplit(".", 1)[-1]
    return [
        SourceFile(f"{short}/{rel}", entry.read_text(encoding="utf-8"), True)
        for rel, entry in _walk(root, "", skip_dirs)
        if rel.lower().endswith(suffixes)
    ]


def directory_files(directory: str | os.PathLike[str], suffixes: tuple[str, ...],
                    skip_dirs: tuple[str, ...] = ()) -> list[SourceFile]:
    """Files under an extension folder (or one file), sorted by path.

    Sub-folders named in ``skip_dirs`` (for rules: ``tests``) are not read.
    """
    base = Path(directory)
    if base.is_file():
        # one rule file: the decision tables beside it come along (read only if included)
        tables = [p for p in sorted(base.parent.iterdir()) if p != base and p.is_file()
                  and p.name.lower().endswith(TABLE_SUFFIXES) and p.name.lower().endswith(suffixes)]
        paths = [base, *tables]
    elif base.is_dir():
        paths = sorted(p for p in base.rglob("*") if p.is_file()
                       and not any(part.startswith(".") or part in skip_dirs
                                   for part in p.relative_to(base).parts[:-1])
                       and not p.name.startswith("."))
    elif base.exists():
        raise FileFormatError(f"not a regular file or folder: {directory}", [Problem(
            "not-a-file", "this is a device, pipe or socket, not a file or folder",
            str(directory))])
    else:
        raise FileFormatError(f"no such file or folder: {directory}",
                              [Problem("not-found", "no such file or folder", str(directory))])
    found = []
    for path in paths:
        if not path.name.lower().endswith(suffixes):
            continue
        text = read_input_text(str(path))
        found.append(SourceFile(str(path), text, False))
    return found


def env_dirs(variable: str) -> list[str]:
    """Folders listed in an environment variable, ``os.pathsep``-separated."""
    value = os.environ.get(variable, "")
    return [part for part in value.split(os.pathsep) if part.strip()]


def gather(package: str, extra: Iterable[str | os.PathLike[str]], suffixes: tuple[str, ...],
           include_builtin: bool = True, skip_dirs: tuple[str, ...] = ()) -> list[SourceFile]:
    """Built-in files of ``package`` followed by the files of each extra folder."""
    files = builtin_files(package, suffixes, skip_dirs) if include_builtin else []
    for directory in extra:
        files.extend(directory_files(directory, suffixes, skip_dirs))
    return files
