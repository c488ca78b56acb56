"""Bounded reading of input files: a size cap, regular files only, ``-`` for stdin.

Case, rule and knowledge files are untrusted. Each is read only if it is a regular
file (a FIFO or a device such as ``/dev/zero`` would block or never end) and only up
to a size cap, 10 MB unless ``PVRULES_MAX_FILE_MB`` says otherwise. ``-`` reads
standard input, up to the same cap. Every failure is a :class:`FileFormatError`
that names the file.
"""

from __future__ import annotations

import os
import stat
import sys
from typing import BinaryIO

from pvrules.errors import FileFormatError, Problem

MAX_FILE_ENV = "PVRULES_MAX_FILE_MB"
DEFAULT_MAX_MB = 10
STDIN = "-"


def max_file_bytes() -> int:
    """The size cap in bytes (``PVRULES_MAX_FILE_MB``, default 10)."""
    raw = os.environ.get(MAX_FILE_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_MB * 1_000_000
    try:
        megabytes = float(raw)
    except ValueError:
        megabytes = -1.0
    if not 0 < megabytes <= 10_000:
        raise FileFormatError(f"{MAX_FILE_ENV} must be a number of megabytes", [Problem(
            "bad-option", f"'{raw}' is not a size in megabytes", MAX_FILE_ENV,
            allowed=("a number from 0 to 10000, e.g. 10 or 0.5",))])
    return int(megabytes * 1_000_000)


def _too_large(name: str, limit: int) -> FileFormatError:
    return FileFormatError(f"{name} is larger than {limit / 1_000_000:g} MB", [Problem(
        "too-large", f"the file is larger than the limit of {limit / 1_000_000:g} MB", name,
        suggestion=f"split it, or raise the limit with {MAX_FILE_ENV}=<megabytes>")])


def _read_capped(handle: BinaryIO, name: str, limit: int) -> bytes:
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise _too_large(name, limit)
    return data


def read_input_bytes(path: str) -> bytes:
    """The bytes of ``path`` (``-``: standard input), bounded in size."""
    limit = max_file_bytes()
    if path == STDIN:
        return _read_capped(sys.stdin.buffer, "<stdin>", limit)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise FileFormatError(f"expected a file, got a directory: {path}",
                                  [Problem("is-directory", "this is a directory", path)])
        if not stat.S_ISREG(info.st_mode):
            raise FileFormatError(f"not a regular file: {path}", [Problem(
                "not-a-file", "this is a device, pipe or socket, not a file", path,
                suggestion="give a file, or '-' to read standard input")])
        if info.st_size > limit:
            raise _too_large(path, limit)
        with open(path, "rb") as handle:
            return _read_capped(handle, path, limit)
    except FileNotFoundError as err:
        raise FileFormatError(f"file not found: {path}",
                              [Problem("not-found", "no such file", path)]) from err
    except OSError as err:
        raise FileFormatError(f"cannot read {path}: {err.strerror or err}",
                              [Problem("unreadable", err.strerror or str(err), path)]) from err


def decode_utf8(data: bytes, name: str) -> str:
    """UTF-8 text (a leading byte-order mark is dropped), or a located error."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise FileFormatError(f"not a UTF-8 text file: {name}", [Problem(
            "encoding", f"byte {err.start + 1} is not UTF-8", name, line,
            suggestion="save the file as UTF-8")]) from err


def read_input_text(path: str) -> str:
    """The UTF-8 text of ``path`` (``-``: standard input), bounded in size."""
    return decode_utf8(read_input_bytes(path), "<stdin>" if path == STDIN else path)
