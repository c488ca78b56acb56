"""A rejected option's reasons: the first rule's, and a second, different one.

A reason that applies to every option ("the public task is not settled") is not the whole
story when a law, a bill or a variant bears on this form alone: the rejection names both.
"""

from __future__ import annotations

MAX_CLAUSES = 2
"""A reason already this long ("; ", ". ") takes no second one."""
ARTICLES = frozenset({"de", "het", "een", "deze", "dit", "die", "er", "zij", "the", "a", "an",
                      "this", "these", "there", "they"})
"""First words that are lower-cased after "; " (a name keeps its capital)."""


def also(why: str, more: str) -> str:
    """``why`` with ``more`` joined as a second clause, unless it says nothing new.

    "… is niet vastgesteld; het wetsvoorstel vraagt …": the first reason stays whole, so
    the reasoning that carries it is still found by its text.
    """
    if not more or more in why or why.count(". ") + why.count("; ") >= MAX_CLAUSES:
        return why
    head, _, rest = more.partition(" ")
    if head.lower() in ARTICLES:
        more = f"{head.lower()} {rest}"
        return f"{why.rstrip(' .')}; {more}"
    return f"{why.rstrip(' .')}. {more}"
