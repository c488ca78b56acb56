"""The message catalogue: every label and sentence a reader sees, in Dutch and English.

Texts live in YAML files in this package (``explain.yaml``, ``render.yaml`` ...),
all merged into one catalogue. Each key has an ``nl`` and an ``en`` text, with
``{name}`` placeholders filled by :meth:`Messages.__call__`::

    say = Messages("nl")
    say("answer.we_advise", what="participatie")
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources

import yaml

from pvrules.errors import PvrulesError

LANGS = ("nl", "en")
_DESCRIPTIVE = re.compile(r"^(?:De|Het|Een|Twee|Drie|Vier|Vijf|Zes|Zeven|Acht|Andere|Alle|"
                          r"Overige|The|A|An|Two|Three|Four|Five|Six|Other|All)\s+[^\W\dA-Z]")
"""A name that starts with an article or a number word followed by a common noun ("De
andere gemeenten", "Twee buurgemeenten"): a description, not a proper name ("De Wolden")."""


def listed_name(name: str) -> str:
    """``name`` inside a sentence or list: a descriptive name starts in lower case."""
    return name[:1].lower() + name[1:] if _DESCRIPTIVE.match(name) else name


def listed(names: Sequence[str]) -> str:
    """``a, b, c`` for a table cell: every descriptive name in lower case (no sentence opens)."""
    return ", ".join(listed_name(n) for n in names if n)


class MessageError(PvrulesError):
    """A message key is missing, or a catalogue file is malformed (a programming error)."""


@lru_cache(maxsize=1)
def catalogue() -> Mapping[str, Mapping[str, str]]:
    """Every message, merged from all YAML files of this package (read once)."""
    merged: dict[str, dict[str, str]] = {}
    root = resources.files("pvrules.messages")
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith((".yaml", ".yml")):
            continue
        # safe loading only; libyaml's C parser where present (ten times faster at start-up)
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(entry.read_text(encoding="utf-8"), Loader=loader) or {}
        if not isinstance(data, dict):
            raise MessageError(f"pvrules/messages/{entry.name}: expected a mapping of keys")
        for key, texts in data.items():
            if key in merged:
                raise MessageError(f"pvrules/messages/{entry.name}: key '{key}' is also "
                                   "defined in another message file")
            if not isinstance(texts, dict) or not all(isinstance(texts.get(lang), str)
                                                      for lang in LANGS):
                raise MessageError(f"pvrules/messages/{entry.name}: key '{key}' needs an "
                                   "'nl' and an 'en' text")
            merged[str(key)] = {lang: texts[lang] for lang in LANGS}
    return merged


class Messages:
    """The catalogue's texts in one language."""

    def __init__(self, lang: str = "nl") -> None:
        """Texts in ``lang`` (``nl`` or ``en``)."""
        self.lang = "en" if lang == "en" else "nl"

    def __call__(self, key: str, **values: object) -> str:
        """The text of ``key`` with its ``{placeholders}`` filled in."""
        texts = catalogue().get(key)
        if texts is None:
            raise MessageError(f"no message '{key}' in pvrules/messages")
        text = texts[self.lang]
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        """Whether the catalogue has ``key``."""
        return key in catalogue()

    def join(self, parts: Sequence[str]) -> str:
        """``a, b en c`` (``a, b and c``); a descriptive name after the first in lower case."""
        items = [p for p in parts if p]
        if len(items) <= 1:
            return "".join(items)
        items = [items[0], *(listed_name(p) for p in items[1:])]
        return ", ".join(items[:-1]) + f" {self('word.and')} " + items[-1]

    def join_or(self, parts: Sequence[str]) -> str:
        """``a, b of c`` (``a, b or c``)."""
        items = [p for p in parts if p]
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + f" {self('word.or')} " + items[-1]
