"""Compiled report templates kept in the pvrules cache, so a cold run does not compile them.

Compiling ``report.md.j2`` to Python code is a large part of a cold ``pvrules
advise`` (about 0.1 s). :class:`TemplateCache` is a jinja2 bytecode cache whose
entries live in the same authenticated cache as the compiled knowledge bases
(:mod:`pvrules.load.cache`: an entry whose tag does not match is never read), keyed
by pvrules' code, the environment's options and the template; jinja2 itself checks
the template's source and its own version, and compiles again when either changed.
With the cache off (``PVRULES_NO_CACHE``) templates are compiled as before.
"""

from __future__ import annotations

import hashlib
from typing import Any

from jinja2 import BytecodeCache


class TemplateCache(BytecodeCache):
    """A jinja2 bytecode cache in the authenticated pvrules cache."""

    def __init__(self, options: str) -> None:
        """A cache for one environment, told apart by ``options``.

        The same template compiles to other code under other options.
        """
        self.options = options

    def _key(self, bucket: Any) -> str:
        from pvrules.load.cache import code_fingerprint

        text = f"template|{code_fingerprint()}|{self.options}|{bucket.key}"
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def load_bytecode(self, bucket: Any) -> None:
        """Fill ``bucket`` from the cache, if an authentic entry is there."""
        from pvrules.load.cache import load

        data = load(self._key(bucket))
        if isinstance(data, bytes):
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Any) -> None:
        """Store ``bucket``'s compiled template (best effort)."""
        from pvrules.load.cache import store

        store(self._key(bucket), bucket.bytecode_to_string())
