"""Write output files atomically: never a half-written file, never a silent overwrite."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pvrules.errors import OutputError, Problem


def check_target(path: str | os.PathLike[str], force: bool) -> Path:
    """Refuse an existing file without ``force`` and a missing folder, before any work."""
    target = Path(path)
    if target.exists() and not force:
        raise OutputError(f"{target} already exists", [Problem(
            "exists", "the output file exists", str(target),
            suggestion="use --force to overwrite it, or choose another name")])
    if target.is_dir():
        raise OutputError(f"{target} is a folder", [Problem("is-directory",
                                                            "expected a file name", str(target))])
    if not target.parent.exists():
        raise OutputError(f"folder {target.parent} does not exist", [Problem(
            "no-folder", "the folder for the output does not exist", str(target))])
    return target


def write_atomic(path: str | os.PathLike[str], data: bytes | str, force: bool = False) -> Path:
    """Write ``data`` to ``path`` via a temporary file and an atomic rename."""
    target = check_target(path, force)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if not force and target.exists():
            raise OutputError(f"{target} appeared while writing", [Problem(
                "exists", "the output file exists", str(target),
                suggestion="use --force to overwrite it")])
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
