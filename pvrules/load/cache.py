"""A cache of compiled knowledge bases, so that a cold ``pvrules advise`` is fast.

The key is a hash over pvrules' version, the Python version and the name and
text of every knowledge and rule file, so any change to a file (or to
pvrules) misses the cache. The cache lives in ``$PVRULES_CACHE_DIR``, else
``$XDG_CACHE_HOME/pvrules``, else ``~/.cache/pvrules``; ``PVRULES_NO_CACHE=1``
turns it off. A cache that cannot be read or written is ignored: it never
changes a result, only the time to get it.

Entries are pickles, and unpickling runs code, so each entry is authenticated:
it starts with an HMAC-SHA256 tag made with a secret key kept *outside* the cache
folder (``$PVRULES_CACHE_KEY_FILE``, else ``$XDG_CONFIG_HOME/pvrules/cache.key``,
else ``~/.config/pvrules/cache.key``, created with mode 0600). An entry whose tag
does not match (planted, corrupt, truncated) is never unpickled: it is ignored with
a notice and rebuilt. Without a usable key there is no cache.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
import pickle
import secrets
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pvrules.load.resources import SourceFile

_FORMAT = 2
_SUFFIX = ".kbc"
_TAG = 32
KEEP = 16
"""How many compiled knowledge bases the cache keeps (newest first)."""


def cache_dir() -> Path | None:
    """The cache folder, or ``None`` when caching is off."""
    if os.environ.get("PVRULES_NO_CACHE"):
        return None
    explicit = os.environ.get("PVRULES_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no HOME and no user database entry
            return None
    return Path(base) / "pvrules"


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A fingerprint of pvrules' code: its version, and each module's size and time.

    So that a changed pvrules (an editable install being worked on) never reads a
    knowledge base compiled by older code. The modules are those ``rglob("*.py")``
    finds, in its sorted order (a folder walk without pathlib: a tenth of the time at
    every start; tests/engine/test_cache_fingerprint.py compares the two).
    """
    from pvrules import __version__

    root = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    digest = hashlib.sha256(f"{_FORMAT}|{__version__}|{sys.version}".encode())
    for parts, entry in _modules(root):
        info = entry.stat()
        digest.update(f"{'/'.join(parts)}|{info.st_size}|{info.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def _modules(root: str) -> list[tuple[tuple[str, ...], os.DirEntry[str]]]:
    """(path parts under ``root``, entry) of every ``*.py`` below it.

    As ``Path.rglob`` finds them (into real folders only, not symlinked ones) and sorts
    them (by parts).
    """
    found: list[tuple[tuple[str, ...], os.DirEntry[str]]] = []
    folders: list[tuple[str, tuple[str, ...]]] = [(root, ())]
    while folders:
        folder, parts = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                with contextlib.suppress(OSError):
                    if entry.is_dir() and not entry.is_symlink():
                        folders.append((entry.path, (*parts, entry.name)))
                if entry.name.endswith(".py"):
                    found.append(((*parts, entry.name), entry))
    found.sort(key=lambda item: item[0])
    return found


def cache_key(*groups: Iterable[SourceFile], extra: str = "") -> str:
    """A hash over the files (names and texts), pvrules' code and Python."""
    digest = hashlib.sha256(f"{code_fingerprint()}|{extra}".encode())
    for group in groups:
        for src in group:
            digest.update(b"\0" + src.name.encode() + b"\0" + src.text.encode())
    return digest.hexdigest()[:32]


def key_file() -> Path:
    """Where the secret key that authenticates cache entries is kept."""
    explicit = os.environ.get("PVRULES_CACHE_KEY_FILE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "pvrules" / "cache.key"


_notices: set[str] = set()


def _notice(text: str) -> None:
    """One line on stderr, once per process and kind."""
    if text not in _notices:
        _notices.add(text)
        print(f"note: {text}", file=sys.stderr)


def _secret(folder: Path) -> bytes | None:
    """The key (created on first use), or ``None`` when none can be used safely."""
    path = key_file()
    try:
        if path.resolve().is_relative_to(folder.resolve()):
            _notice(f"cache off: the cache key {path} must not be inside the cache folder")
            return None
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            with contextlib.suppress(FileExistsError):
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as handle:
                    handle.write(secrets.token_bytes(32))
        info = path.stat()
        if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO) or info.st_uid != os.getuid():
            _notice(f"cache off: the cache key {path} is readable or writable by others "
                    "(it must be private to you: chmod 600)")
            return None
        data = path.read_bytes()
    except (OSError, RuntimeError, ValueError) as err:
        _notice(f"cache off: cannot use the cache key {path} ({_reason(err)})")
        return None
    if len(data) < 16:
        _notice(f"cache off: the cache key {path} is too short; delete it to make a new one")
        return None
    return data


def _reason(err: BaseException) -> str:
    return err.strerror if isinstance(err, OSError) and err.strerror else type(err).__name__


def _tag(secret: bytes, key: str, payload: bytes) -> bytes:
    return hmac.new(secret, key.encode() + b"\0" + payload, hashlib.sha256).digest()


_kept: dict[tuple[str, bytes], Any] = {}
KEEP_IN_MEMORY = 8
"""How many objects ``load(..., keep=True)`` keeps unpickled in memory (knowledge bases
and their checked durable plans)."""


def load(key: str, *, keep: bool = False) -> Any | None:
    """The cached object for ``key``, or ``None``; only authentic entries are unpickled.

    With ``keep``, an entry already unpickled in this process (same key, same
    authentic bytes) is returned again instead of unpickled again: one object,
    shared by every caller, which must not change it (a knowledge base).
    """
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"kb-{key}{_SUFFIX}"
    try:
        if not path.is_file():
            return None
        data = path.read_bytes()
    except OSError as err:
        _notice(f"ignored the cache entry {path}: cannot read it ({_reason(err)}); rebuilding")
        return None
    secret = _secret(folder)
    if secret is None:
        return None
    tag, payload = data[:_TAG], data[_TAG:]
    if len(tag) != _TAG or not hmac.compare_digest(tag, _tag(secret, key, payload)):
        _notice(f"ignored the cache entry {path}: it is not authentic (corrupt, or not "
                "written by pvrules); rebuilding")
        return None
    if keep and (key, tag) in _kept:
        return _kept[key, tag]
    try:
        obj = pickle.loads(payload)
    except Exception:
        _notice(f"ignored the cache entry {path}: it cannot be read; rebuilding")
        return None
    if keep:
        while len(_kept) >= KEEP_IN_MEMORY:
            del _kept[next(iter(_kept))]
        _kept[key, tag] = obj
    return obj


def store(key: str, obj: Any) -> None:
    """Store ``obj`` under ``key``; failures are ignored (caching is best effort)."""
    folder = cache_dir()
    if folder is None:
        return
    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        secret = _secret(folder)
        if secret is None:
            return
        payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".kb-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(_tag(secret, key, payload) + payload)
        os.replace(tmp, folder / f"kb-{key}{_SUFFIX}")
        _prune(folder)
    except Exception:
        if tmp is not None:
            with contextlib.suppress(OSError):
                Path(tmp).unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    """Keep only the newest ``KEEP`` entries."""
    entries = sorted(folder.glob(f"kb-*{_SUFFIX}"), key=lambda p: p.stat().st_mtime,
                     reverse=True)
    for old in entries[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
