"""Where expert test files come from: package data, ``tests/`` of rules folders, paths.

Built-in tests are shipped in the package ``pvrules.rules`` under ``tests/`` and
read with :mod:`importlib.resources`; an extension rules folder
(``--rules-dir`` or ``PVRULES_RULES_PATH``) may hold its own ``tests/`` folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from pvrules.errors import FileFormatError, Problem

TEST_SUFFIXES = (".yaml", ".yml")
TESTS_DIR = "tests"


@dataclass(frozen=True)
class TestSource:
    """One test file: its display name, text and the folder relative paths start from."""

    __test__ = False  # not a pytest test class

    name: str
    text: str
    base: Traversable | Path

    def resolve(self, relative: str) -> tuple[str, str]:
        """Read a file named relative to this test file; return (text, display name).

        Raises:
            FileFormatError: the file does not exist or cannot be read.
        """
        target = self.base.joinpath(*Path(relative).parts) if not Path(relative).is_absolute() \
            else Path(relative)
        shown = f"{self.name.rsplit('/', 1)[0]}/{relative}" if "/" in self.name else relative
        if isinstance(target, Path):
            shown = str(target)
        try:
            if not target.is_file():
                raise FileNotFoundError(relative)
            return target.read_text(encoding="utf-8"), shown
        except (OSError, UnicodeDecodeError) as err:
            raise FileFormatError(f"cannot read case file '{relative}'", [Problem(
                "not-found", f"cannot read case file '{relative}' ({type(err).__name__})",
                self.name, suggestion="a case_file is 'example:NAME' or a path relative "
                "to the test file")]) from err


def builtin_tests() -> list[TestSource]:
    """The expert tests shipped with the built-in rules (``pvrules.rules/tests``)."""
    root = resources.files("pvrules.rules").joinpath(TESTS_DIR)
    if not root.is_dir():
        return []
    return list(_walk(root, f"rules/{TESTS_DIR}/"))


def _walk(root: Traversable, prefix: str) -> Iterable[TestSource]:
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.startswith((".", "_")):
            continue
        if entry.is_dir():
            yield from _walk(entry, f"{prefix}{entry.name}/")
        elif entry.name.lower().endswith(TEST_SUFFIXES):
            yield TestSource(f"{prefix}{entry.name}", entry.read_text(encoding="utf-8"), root)


def path_tests(path: str | os.PathLike[str]) -> list[TestSource]:
    """Test files at ``path``: one file, or every YAML file below a folder.

    Raises:
        FileFormatError: the path does not exist or a file cannot be read.
    """
    base = Path(path)
    if base.is_file():
        files = [base]
    elif base.is_dir():
        files = sorted(p for p in base.rglob("*") if p.is_file()
                       and p.name.lower().endswith(TEST_SUFFIXES)
                       and not any(part.startswith(".") for part in p.relative_to(base).parts))
    else:
        raise FileFormatError(f"no such file or folder: {path}",
                              [Problem("not-found", "no such file or folder", str(path))])
    out = []
    for file in files:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise FileFormatError(f"cannot read {file}",
                                  [Problem("unreadable", str(err), str(file))]) from err
        out.append(TestSource(str(file), text, file.parent))
    return out


def rules_dir_tests(rules_dirs: Sequence[str | os.PathLike[str]]) -> list[TestSource]:
    """Test files in the ``tests/`` folder of each rules folder."""
    out: list[TestSource] = []
    for directory in rules_dirs:
        folder = Path(directory) / TESTS_DIR
        if folder.is_dir():
            out.extend(path_tests(folder))
    return out


def default_tests(rules_dirs: Sequence[str | os.PathLike[str]],
                  include_builtin: bool = True) -> list[TestSource]:
    """The built-in tests plus the ``tests/`` folders of ``rules_dirs``."""
    return [*(builtin_tests() if include_builtin else []), *rules_dir_tests(rules_dirs)]
