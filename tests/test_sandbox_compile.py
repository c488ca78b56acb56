"""A sandbox compiles a source text once (Word renders pass the same tags every time), and a
template compiled once still keeps every limit in every render."""

from __future__ import annotations

import pytest
from jinja2.exceptions import SecurityError, TemplateSyntaxError

from pvrules import sandbox
from pvrules.sandbox import sandboxed_env


def test_the_same_text_is_compiled_once_per_environment() -> None:
    env = sandboxed_env()
    first = env.from_string("{% for x in xs %}{{ x }}{% endfor %}")
    assert env.from_string("{% for x in xs %}{{ x }}{% endfor %}") is first
    assert env.from_string("{{ y }}") is not first
    assert sandboxed_env().from_string("{% for x in xs %}{{ x }}{% endfor %}") is not first
    assert env.from_string("{{ y }}", globals={"y": 1}).render() == "1"  # own globals: new


def test_a_template_compiled_once_keeps_the_loop_budget_per_render(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "MAX_ITERATIONS", 5)
    env = sandboxed_env()
    text = "{% for x in xs %}{{ x }}{% endfor %}"
    for _ in range(3):  # each render has its own budget: 4 iterations, three times
        assert env.from_string(text).render(xs=[1, 2, 3, 4]) == "1234"
    with pytest.raises(SecurityError, match="more than 5"):
        env.from_string(text).render(xs=range(6))


def test_a_bad_text_fails_every_time_and_the_memory_stays_bounded() -> None:
    env = sandboxed_env()
    for _ in range(2):
        with pytest.raises(TemplateSyntaxError):
            env.from_string("{% for %}")
    kept = [env.from_string(f"{{{{ x }}}} {n}") for n in range(sandbox.MAX_COMPILED + 3)]
    assert [t.render(x="a") for t in kept[-2:]] == [
        f"a {sandbox.MAX_COMPILED + 1}", f"a {sandbox.MAX_COMPILED + 2}"]
    assert len(env._from_string) <= sandbox.MAX_COMPILED
