"""Where a sentence ends in a rule text or a case's own words.

A full stop ends a sentence only outside brackets and not after an abbreviation: "Nuenen c.a.",
"art. 160 Gemeentewet", "Stcrt. 2015", "M.H. Moore" or "o.a." are not the end of a sentence.
"""

from __future__ import annotations

ABBREVIATIONS = frozenset({
    "c.a.", "e.o.", "o.a.", "e.d.", "e.a.", "d.w.z.", "bijv.", "bv.", "art.", "artt.", "nr.",
    "nrs.", "jo.", "m.b.t.", "t.a.v.", "i.p.v.", "i.o.m.", "ca.", "resp.", "incl.", "excl.",
    "st.", "stcrt.", "stb.", "kamerstukken", "vgl.", "zgn.", "z.g.", "evt.", "mln.", "mld.",
    "e.g.", "i.e.", "vs.", "no.", "p.", "pp.", "mr.", "dr.", "prof.", "ir.", "drs.", "ing.",
    "dhr.", "mevr.", "blz.", "jl.", "a.s.", "t/m.", "min.", "max.", "gem.", "prov.",
})
"""Lower-case words ending in a full stop that do not end a sentence."""


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, whitespace normalised.

    A ``.``, ``!`` or ``?`` right after a word and followed by a space or the end ends it,
    unless it is inside brackets or the full stop ends an abbreviation or initials ("M.H.").
    A lone "?" (an unknown value: "? nog niet geraamd") ends nothing.
    """
    text = " ".join(text.split())
    depth = 0
    for i, c in enumerate(text):
        if c in "([":
            depth += 1
        elif c in ")]":
            depth = max(0, depth - 1)
        elif c in ".!?" and depth == 0 and i > 0 and text[i - 1] != " " \
                and (i + 1 == len(text) or text[i + 1] == " "):
            if c == "." and _abbreviation(text, i):
                continue
            return text[:i + 1]
    return text


def _abbreviation(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` ends an abbreviation or initials ("M.H.")."""
    word = text[text.rfind(" ", 0, stop) + 1:stop + 1].lstrip("(‘'\"")
    if word.lower() in ABBREVIATIONS:
        return True
    parts = word[:-1].split(".")
    return all(len(p) == 1 and p.isupper() for p in parts)  # "M." or "M.H."
