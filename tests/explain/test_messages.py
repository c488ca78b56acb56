"""The message catalogue: every key in both languages, every placeholder in both, none unused.

Keys are used as string literals (``msg("whynot.one_not")``, ``m("report.title")``)
or built from a literal prefix (``msg(f"status.{now}")``, ``m("report." ~ x)``);
a key counts as used when some source or template names it or a prefix of it.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

from pvrules.messages import LANGS, Messages, catalogue

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [*ROOT.glob("pvrules/**/*.py"), *ROOT.glob("cli/*.py"),
           *ROOT.glob("pvrules/render/templates/*.j2"),
           *ROOT.glob("scripts/*.py")]  # the Word template is written by a script
KEY = r"[a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)+"
LITERAL = re.compile(rf"[\"']({KEY})[\"']")
PY_PREFIX = re.compile(r"f[\"']([a-z_][a-z0-9_.]*[._])\{")
JINJA_PREFIX = re.compile(r"[\"']([a-z_][a-z0-9_.]*[._])[\"']\s*~")


def used() -> tuple[set[str], set[str]]:
    literals: set[str] = set()
    prefixes: set[str] = set()
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        literals.update(LITERAL.findall(text))
        prefixes.update(PY_PREFIX.findall(text))
        prefixes.update(JINJA_PREFIX.findall(text))
    return literals, prefixes


def test_every_key_has_both_languages_with_the_same_placeholders() -> None:
    fields = string.Formatter()
    for key, texts in catalogue().items():
        assert set(texts) == set(LANGS), key
        names = [{f for _t, f, _s, _c in fields.parse(texts[lang]) if f} for lang in LANGS]
        assert names[0] == names[1], f"{key}: placeholders differ between nl and en"


def test_no_key_is_unused() -> None:
    literals, prefixes = used()
    unused = sorted(k for k in catalogue()
                    if k not in literals and not any(k.startswith(p) for p in prefixes))
    assert unused == [], f"unused message keys: {unused}"


def test_every_literal_key_in_the_code_exists() -> None:
    literals, _ = used()
    known = catalogue()
    families = {k.split(".", 1)[0] for k in known}
    missing = sorted(k for k in literals if k.split(".", 1)[0] in families and k not in known
                     and not k.endswith("_")  # a prefix: "render.x_" ~ n
                     and not k.endswith((".py", ".yaml", ".j2", ".json", ".md", ".html", ".docx")))
    assert missing == [], f"message keys used but not defined: {missing}"


def test_messages_fill_placeholders_and_join() -> None:
    nl, en = Messages("nl"), Messages("en")
    assert nl("diff.unchanged_because", because="x") == "Het advies verandert niet, omdat x."
    assert en.join(["a", "b", "c"]) == "a, b and c"
    assert nl.join_or(["a", "b"]) == "a of b"


def test_a_check_first_line_does_not_point_to_a_measure_the_advice_does_not_show() -> None:
    """Review 6 and 7 (A2): "pas als het klopt, volgt de maatregel ‘Capaciteitsplan met
    kosten’" while no chapter shows that measure. The line says the step follows later and
    is worked out only then, naming it once, without calling it a measure of this advice."""
    for lang in LANGS:
        m = Messages(lang)
        text = m("selection.verify_why", measure="XYZ")
        assert "XYZ" in text
        assert "‘XYZ’" not in text  # not quoted as if it were an item of the document
        assert ("maatregel" not in text) if lang == "nl" else ("measure" not in text)
