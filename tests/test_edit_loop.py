"""The edit loop compiles each module once (tests/conftest.py, _cache_bytecode)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path


def test_modules_are_compiled_once_into_a_private_folder() -> None:
    """Whatever the environment says about bytecode, a run caches it outside the checkout
    in a folder of this user alone, and the processes the tests start use it too."""
    if os.environ.get("PYTHONPYCACHEPREFIX") is None and sys.pycache_prefix is None:
        assert not sys.dont_write_bytecode  # a normal environment: __pycache__ as usual
        return
    folder = Path(sys.pycache_prefix or "")
    assert folder.is_dir() and not sys.dont_write_bytecode
    assert os.environ["PYTHONPYCACHEPREFIX"] == str(folder)
    assert "PYTHONDONTWRITEBYTECODE" not in os.environ
    root = Path(__file__).resolve().parents[1]
    assert root not in folder.parents  # nothing written into the checkout
    info = folder.stat()
    if hasattr(os, "getuid") and folder.name.startswith("pvrules-test-pyc-"):
        assert info.st_uid == os.getuid() and not info.st_mode & 0o077, stat.filemode(
            info.st_mode)
    # this module itself was compiled into the folder (its rewritten assertions included)
    assert any(folder.rglob("*.pyc"))
    child = subprocess.run([sys.executable, "-c", "import sys; print(sys.pycache_prefix)"],
                           capture_output=True, text=True, check=True, cwd=folder)
    assert child.stdout.strip() == str(folder)
