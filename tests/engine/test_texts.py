"""Expert texts: the fast path renders exactly what the jinja2 sandbox renders."""

from __future__ import annotations

import pytest

from pvrules.errors import TemplateError
from pvrules.explain import texts
from pvrules.sandbox import render_string

CONTEXT = {"draagvlak": "laag", "opgave": {"naam": "Sociaal domein", "schaal": "lokaal"},
           "n": 3}

CASES = [
    "Het draagvlak is {{ draagvlak }}.",
    "{{opgave.naam}} is {{ opgave.schaal }}; {{ draagvlak }}{{draagvlak}}",
    "  spaties rond de tekst  ",
    "Aantal: {{ n }}",
    "{% if draagvlak == 'laag' %}zwak{% else %}sterk{% endif %} draagvlak",
    "{{ draagvlak | upper }}",
    "{# commentaar #}tekst",
]


@pytest.mark.parametrize("text", CASES)
def test_same_as_jinja(text: str) -> None:
    expected = render_string(text, CONTEXT, "test")  # the sandbox itself
    assert texts.render_text(text, CONTEXT, "test") == expected


def test_fast_path_is_taken_only_for_plain_placeholders() -> None:
    assert texts._render_simple(CASES[0], CONTEXT) == "Het draagvlak is laag."
    assert texts._render_simple(CASES[4], CONTEXT) is None
    assert texts._render_simple("{{ onbekend }}", CONTEXT) is None


def test_missing_name_is_a_clear_error() -> None:
    with pytest.raises(TemplateError, match="'onbekend' is undefined"):
        texts.render_text("{{ onbekend }}", CONTEXT, "rule 'x'")


def test_sandbox_blocks_unsafe_access() -> None:
    with pytest.raises(TemplateError):
        texts.render_text("{{ draagvlak.__class__.__mro__ }}", CONTEXT, "rule 'x'")
