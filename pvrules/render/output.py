"""Write output files atomically: never a half-written file, never a silent overwrite.

``-`` as the file name writes to standard output, and a pipe or character
device (``/dev/null``) is written in place, never replaced. A new file gets the mode the
umask allows (as any other program's output would); an existing file that
``--force`` replaces keeps its mode. A write the system refuses is a clear error:
exit 2 for a path the user chose badly (read-only or missing folder), exit 3 for
the machine (disk full, file-size limit).
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path

from pvrules.errors import HostError, OutputError, Problem, PvrulesError

STDOUT = "-"
_HOST_ERRNOS = {errno.EFBIG, errno.ENOSPC, errno.EDQUOT, errno.EIO}


def check_target(path: str | os.PathLike[str], force: bool) -> Path:
    """Refuse an existing file without ``force`` and a missing folder, before any work."""
    target = Path(path)
    if str(path) == STDOUT or _special(target):
        return target
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


def _special(target: Path) -> bool:
    """A pipe or character device (``/dev/null``, ``/dev/stdout``): written in place."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def host_errno(err: OSError) -> bool:
    """Whether ``err`` is the machine's fault (disk full, size limit), not the user's."""
    return err.errno in _HOST_ERRNOS


def write_error(target: str, err: OSError) -> PvrulesError:
    """The clear error for a refused write of ``target``."""
    reason = err.strerror or str(err)
    if err.errno in _HOST_ERRNOS:
        return HostError(f"cannot write {target}: {reason}", [Problem(
            "write-failed", f"the system refused the write ({reason})", target,
            suggestion="free disk space or raise the file-size limit (ulimit -f), "
                       "then run again")])
    return OutputError(f"cannot write {target}: {reason}", [Problem(
        "write-failed", f"cannot write here ({reason})", target,
        suggestion="choose a folder you can write to")])


def write_stdout(payload: bytes) -> None:
    """Write ``payload`` to standard output as it is (UTF-8 text or a binary file)."""
    stream = getattr(sys.stdout, "buffer", None)
    sys.stdout.flush()
    if stream is None:
        sys.stdout.write(payload.decode("utf-8"))
    else:
        stream.write(payload)
        stream.flush()


def write_atomic(path: str | os.PathLike[str], data: bytes | str, force: bool = False) -> Path:
    """Write ``data`` to ``path`` via a temporary file and an atomic rename."""
    target = check_target(path, force)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if str(path) == STDOUT:
        write_stdout(payload)
        return target
    if _special(target):  # never replace a device node by a file
        try:
            with open(target, "wb") as handle:
                handle.write(payload)
        except OSError as err:
            raise write_error(str(target), err) from err
        return target
    try:
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o666 & ~_umask()
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as err:
        raise write_error(str(target), err) from err
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if not force and target.exists():
            raise OutputError(f"{target} appeared while writing", [Problem(
                "exists", "the output file exists", str(target),
                suggestion="use --force to overwrite it")])
        os.replace(tmp, target)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise write_error(str(target), err) from err
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
