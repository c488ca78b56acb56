"""A cache of compiled knowledge bases, so that a cold ``pvrules advise`` is fast.

The key is a hash over pvrules' version, the Python version and the name and
text of every knowledge and rule file, so any change to a file (or to
pvrules) misses the cache. The cache lives in ``$PVRULES_CACHE_DIR``, else
``$XDG_CACHE_HOME/pvrules``, else ``~/.cache/pvrules``; ``PVRULES_NO_CACHE=1``
turns it off. A cache that cannot be read or written is ignored: it never
changes a result, only the time to get it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pvrules.load.resources import SourceFile

_FORMAT = 1
KEEP = 16
"""How many compiled knowledge bases the cache keeps (newest first)."""


def cache_dir() -> Path | None:
    """The cache folder, or ``None`` when caching is off."""
    if os.environ.get("PVRULES_NO_CACHE"):
        return None
    explicit = os.environ.get("PVRULES_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pvrules"


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A fingerprint of pvrules' code: its version, and each module's size and time.

    So that a changed pvrules (an editable install being worked on) never reads a
    knowledge base compiled by older code.
    """
    from pvrules import __version__

    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(f"{_FORMAT}|{__version__}|{sys.version}".encode())
    for path in sorted(root.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.relative_to(root)}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def cache_key(*groups: Iterable[SourceFile], extra: str = "") -> str:
    """A hash over the files (names and texts), pvrules' code and Python."""
    digest = hashlib.sha256(f"{code_fingerprint()}|{extra}".encode())
    for group in groups:
        for src in group:
            digest.update(b"\0" + src.name.encode() + b"\0" + src.text.encode())
    return digest.hexdigest()[:32]


def load(key: str) -> Any | None:
    """The cached object for ``key``, or ``None``."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"kb-{key}.pickle"
    if not path.exists():
        return None
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except Exception:
        return None


def store(key: str, obj: Any) -> None:
    """Store ``obj`` under ``key``; failures are ignored (caching is best effort)."""
    folder = cache_dir()
    if folder is None:
        return
    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".kb-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(obj, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"kb-{key}.pickle")
        _prune(folder)
    except Exception:
        if tmp is not None:
            with contextlib.suppress(OSError):
                Path(tmp).unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    """Keep only the newest ``KEEP`` entries."""
    entries = sorted(folder.glob("kb-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
