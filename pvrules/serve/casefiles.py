"""The case folder: list, read and save case files, confined to the folder.

A name is one file directly in the folder (``mijn-casus.yaml``); anything else
(``../x``, ``a/b.yaml``, a symlink that leads outside, a hidden file) is refused.
The shipped examples are read-only and are named ``example:NAME``.

Saving is a round trip with ruamel.yaml: the file on disk is read, the new
values are merged into it in place, and it is written back with its comments
and key order; the write is atomic (a temporary file, fsync, rename), so a
failed save leaves the old file as it was.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pvrules.errors import InputError, OutputError, Problem

NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,120}\.(ya?ml|json)$")
MAX_FILE_BYTES = 1024 * 1024
EXAMPLE_PREFIX = "example:"


class PathRefused(InputError):
    """A case name that would leave the folder, or is not a case file name."""

    code = "bad-path"


def digest(text: str) -> str:
    """A short fingerprint of a file's text (to notice changes on disk)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class CaseText:
    """A case as read: its name, text, plain data and fingerprint."""

    name: str
    text: str
    data: Any
    version: str
    read_only: bool


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never re-wrap lines a person wrote
    # an unknown value stays written as `null` ("waarde: null, bron: …" means: known only in
    # words), not as an empty value
    yaml.representer.add_representer(
        type(None), lambda rep, _data: rep.represent_scalar("tag:yaml.org,2002:null", "null"))
    return yaml


@dataclass(frozen=True)
class CaseFolder:
    """The folder the server serves cases from."""

    root: Path

    @classmethod
    def at(cls, folder: str | os.PathLike[str]) -> CaseFolder:
        """The folder, which must exist."""
        root = Path(folder).resolve()
        if not root.is_dir():
            raise InputError(f"{folder} is not a folder", [Problem(
                "no-folder", "the case folder does not exist", str(folder))])
        return cls(root)

    def names(self) -> list[str]:
        """The case files in the folder, sorted."""
        found = []
        for entry in sorted(self.root.iterdir()):
            if NAME_RE.match(entry.name) and entry.is_file() and self._inside(entry):
                found.append(entry.name)
        return found

    def _inside(self, path: Path) -> bool:
        try:
            return path.resolve().parent == self.root
        except OSError:
            return False

    def path(self, name: str) -> Path:
        """The file called ``name`` in the folder, or :class:`PathRefused`."""
        if not NAME_RE.match(name) or name != os.path.basename(name):
            raise PathRefused(f"'{name}' is not a case file in the folder", [Problem(
                "bad-path", "a case is one .yaml, .yml or .json file directly in the folder; "
                "no folders, no '..'", name)])
        path = self.root / name
        if path.is_symlink() and not self._inside(path):
            raise PathRefused(f"'{name}' leads outside the folder", [Problem(
                "bad-path", "a symbolic link that leaves the case folder is not followed",
                name)])
        return path

    def read(self, name: str) -> CaseText:
        """Read a case file of the folder, or a shipped example (``example:NAME``)."""
        if name.startswith(EXAMPLE_PREFIX):
            from pvrules.pipeline import example_text

            text, _source = example_text(name[len(EXAMPLE_PREFIX):])
            return CaseText(name, text, parse_text(text, name), digest(text), True)
        path = self.path(name)
        if not path.is_file():
            raise InputError(f"no case '{name}' in the folder", [Problem(
                "not-found", "the file does not exist", name, allowed=tuple(self.names()))])
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(f"'{name}' is too large", [Problem(
                "too-large", f"case files are at most {MAX_FILE_BYTES // 1024} KB", name)])
        text = path.read_text(encoding="utf-8")
        return CaseText(name, text, parse_text(text, name), digest(text), False)

    def save(self, name: str, case: Mapping[str, Any], version: str | None) -> CaseText:
        """Merge ``case`` into the file ``name`` (or create it) and write it atomically.

        Args:
            name: the file name in the folder.
            case: the whole case as plain data.
            version: the fingerprint the page read; a file changed since is not
                overwritten. ``None`` creates a new file and refuses an existing one.
        """
        path = self.path(name)
        old = path.read_text(encoding="utf-8") if path.is_file() else None
        if version is None and old is not None:
            raise OutputError(f"'{name}' already exists", [Problem(
                "exists", "a case with this name is already in the folder", name,
                suggestion="choose another name")])
        if version is not None and old is not None and digest(old) != version:
            raise OutputError(f"'{name}' was changed on disk since it was opened", [Problem(
                "changed", "someone (or something) saved this file in the meantime; "
                "nothing was written", name, suggestion="reload the page to see their version")])
        text = render_text(name, old, case)
        write_atomic(path, text)
        return CaseText(name, text, parse_text(text, name), digest(text), False)


def parse_text(text: str, name: str) -> Any:
    """The plain data of a case text (YAML or JSON)."""
    from pvrules.load.yamlio import parse_yaml

    return parse_yaml(text, name).data


def render_text(name: str, old: str | None, case: Mapping[str, Any]) -> str:
    """The new text of a case file: ``case`` merged into ``old`` with comments kept."""
    if name.endswith(".json"):
        base = json.loads(old) if old else {}
        return json.dumps(merge(base, case), ensure_ascii=False, indent=2) + "\n"
    yaml = _yaml()
    if old is not None and re.search(r"^[^\s#][^\n]*:\s*\n- ", old, re.MULTILINE):
        yaml.indent(mapping=2, sequence=2, offset=0)
    else:
        yaml.indent(mapping=2, sequence=4, offset=2)
    doc = yaml.load(old) if old else None
    if not isinstance(doc, Mapping):
        from ruamel.yaml.comments import CommentedMap

        doc = CommentedMap()
    merged = merge(doc, case)
    out = io.StringIO()
    yaml.dump(merged, out)
    return out.getvalue()


def merge(old: Any, new: Any) -> Any:
    """``new`` written into ``old`` in place where their shapes agree (keeps comments)."""
    if isinstance(old, dict) and isinstance(new, Mapping):
        for key in [k for k in old if k not in new]:
            _drop(old, key)
        for key, value in new.items():
            old[key] = merge(old[key], value) if key in old else value
        return old
    if isinstance(old, list) and isinstance(new, list):
        by_id = {str(o["id"]): o for o in old if isinstance(o, dict) and "id" in o}
        items = []
        for i, value in enumerate(new):
            key = str(value["id"]) if isinstance(value, Mapping) and "id" in value else None
            if key is not None and key in by_id:
                items.append(merge(by_id.pop(key), value))
            elif key is None and i < len(old) and not isinstance(old[i], dict):
                items.append(merge(old[i], value))
            else:
                items.append(value)
        if len(items) != len(old) or any(a is not b for a, b in zip(items, old, strict=True)):
            del old[:]
            old.extend(items)
        return old
    if _same(old, new):
        return old
    return new


def _drop(mapping: Any, key: Any) -> None:
    """Delete ``key``, keeping the comment lines around its line.

    ruamel.yaml keeps whole-line comments with a neighbouring key: those after
    ``key: value`` with that key (they move to the key before), those before it
    (after a flow mapping) as the key's own (they move to the key after).
    """
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    items = getattr(getattr(mapping, "ca", None), "items", {})
    entry = items.get(key) or [None, None, None, None]
    keys = list(mapping)
    at = keys.index(key)
    del mapping[key]
    before = entry[1] if len(entry) > 1 and isinstance(entry[1], list) else []
    if before and at + 1 < len(keys):
        nxt = items.setdefault(keys[at + 1], [None, None, None, None])
        nxt[1] = [*before, *(nxt[1] or [])]
        before = []
    token = entry[2] if len(entry) > 2 else None
    following = ""
    if token is not None and isinstance(token.value, str):
        following = token.value.partition("\n")[2]
    following += "".join(t.value for t in before if isinstance(t.value, str))
    if not following.strip() or at == 0:
        return
    prev = items.setdefault(keys[at - 1], [None, None, None, None])
    if prev[2] is None:
        prev[2] = CommentToken("\n" + following, CommentMark(0), None)
    else:
        prev[2].value = prev[2].value + following


def _same(old: Any, new: Any) -> bool:
    """Equal values of the same kind (keeps ruamel's quoting and folding of an old scalar)."""
    if isinstance(old, bool) or isinstance(new, bool):
        return isinstance(old, bool) and isinstance(new, bool) and old == new
    if isinstance(old, str) and isinstance(new, str):
        return str(old) == new
    if isinstance(old, int | float) and isinstance(new, int | float):
        return float(old) == float(new)
    return False


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"could not save '{path.name}'", [Problem(
            "write-failed", f"{err.strerror or err}; the old file is unchanged",
            path.name)]) from err
