"""The code fingerprint's folder walk finds and orders the modules as ``Path.rglob`` does."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest

from pvrules import __version__
from pvrules.load import cache


def _by_rglob(root: Path) -> list[str]:
    return [str(p.relative_to(root)) for p in sorted(root.rglob("*.py"))]


def _by_walk(root: Path) -> list[str]:
    return ["/".join(parts) for parts, _entry in cache._modules(str(root))]


def test_the_walk_finds_what_rglob_finds_in_its_order(tmp_path: Path) -> None:
    for name in ("a.py", "b.txt", ".hidden.py", "a-b.py", "a_b.py", "Z.py", "sub/x.py",
                 "sub/deeper/y.py", "sub-a/z.py", "sub.py/inner.py", "a/b/c/d.py"):
        path = tmp_path / "tree" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n")
    root = tmp_path / "tree"
    if hasattr(os, "symlink"):
        (tmp_path / "outside").mkdir()
        (tmp_path / "outside" / "far.py").write_text("")
        try:
            (root / "linked").symlink_to(tmp_path / "outside", target_is_directory=True)
            (root / "alias.py").symlink_to(root / "a.py")
        except OSError:  # no symlinks here (Windows without the right)
            pass
    assert _by_walk(root) == _by_rglob(root)
    assert "sub.py" in _by_walk(root) and "sub.py/inner.py" in _by_walk(root)


def test_the_fingerprint_is_the_one_of_the_pathlib_walk() -> None:
    root = Path(cache.__file__).resolve().parents[1]
    digest = hashlib.sha256(f"{cache._FORMAT}|{__version__}|{sys.version}".encode())
    for path in sorted(root.rglob("*.py")):
        info = path.stat()
        digest.update(f"{path.relative_to(root)}|{info.st_size}|{info.st_mtime_ns}".encode())
    cache.code_fingerprint.cache_clear()
    try:
        assert cache.code_fingerprint() == digest.hexdigest()[:16]
    finally:
        cache.code_fingerprint.cache_clear()


@pytest.mark.parametrize("changed", ["size", "time"])
def test_a_changed_module_changes_the_walk(tmp_path: Path, changed: str) -> None:
    module = tmp_path / "m.py"
    module.write_text("x = 1\n")
    before = [(p, e.stat().st_size, e.stat().st_mtime_ns) for p, e in cache._modules(str(tmp_path))]
    if changed == "size":
        module.write_text("x = 12\n")
    else:
        os.utime(module, ns=(1, 1))
    after = [(p, e.stat().st_size, e.stat().st_mtime_ns) for p, e in cache._modules(str(tmp_path))]
    assert before != after
