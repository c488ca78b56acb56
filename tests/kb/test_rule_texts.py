"""Rule explanations read like an adviesrapport: no engine shapes, the client's organs by name.

The texts are checked as written (before rendering). A text names the client's government
with ``{{ overheid }}`` (de gemeente / de gemeenten / de provincie), never a literal "De
overheid" opening a sentence; it says a fact in words, never "(expliciet: {{ … }})".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pvrules.load.yamlio import parse_yaml

RULES = Path(__file__).resolve().parents[2] / "rules"
FILES = ("balans", "diagnose", "governance", "kader", "maatregelen", "partnerkeuze",
         "portefeuille", "privaat", "proces", "provincie", "versterking")
"""The rule files whose texts this check covers (the option files have their own reviewer)."""

SHAPES = {
    "the case as a subject": r"\b[Dd]e casus kent\b|\bin deze casus\b|\bin this case\b",
    "a pattern value after a colon": r"Gemeten aan de publieke-waardedriehoek: \{\{"
                                     r"|Measured against the public value triangle: \{\{",
    "a fact value in brackets": r"\((?:expliciet|explicit|niveau|level|doelbereik|goal attainment):"
                                r" \{\{|\((?:gedeeld eindbeeld|shared vision) \{\{",
    "a fact label with a colon": r"^[A-Z][a-z ]+: \{\{",
    "'de overheid' instead of {{ overheid }}": r"(?:^|[.;:] )(?:De overheid|Government)\b",
    "'de raden regie' for one raad": r"\bde raden regie\b",
    "unidiomatic English": r"\ba round of the\b|\bthe own (?:organisation|council)\b",
}


def _texts(name: str) -> list[tuple[str, str, str]]:
    data = parse_yaml((RULES / f"{name}.yaml").read_text(encoding="utf-8"), f"{name}.yaml").data
    out = []
    for rule in data.get("rules", []):
        for lang, text in (rule.get("explanation") or {}).items():
            out.append((rule["id"], lang, " ".join(str(text).split())))
    return out


@pytest.mark.parametrize("name", FILES)
def test_rule_texts_have_no_engine_shapes(name: str) -> None:
    found = [f"{rule} ({lang}): {what}" for rule, lang, text in _texts(name)
             for what, pattern in SHAPES.items() if re.search(pattern, text)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(("text", "what"), [
    ("Gemeten aan de publieke-waardedriehoek: {{ triangle_balans }}.", "a pattern value"),
    ("De opgaven zijn benoemd (expliciet: {{ opgaven_expliciet }}).", "a fact value"),
    ("De overheid financiert {{ samenwerking.naam }}.", "'de overheid'"),
    ("We advise a round of the partner boards.", "unidiomatic English"),
])
def test_the_check_finds_each_shape(text: str, what: str) -> None:
    hits = [k for k, pattern in SHAPES.items() if re.search(pattern, text)]
    assert any(k.startswith(what) for k in hits), hits
