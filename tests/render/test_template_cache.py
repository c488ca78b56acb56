"""Compiled report templates come from the authenticated pvrules cache, never a stale one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jinja2 import DictLoader

from pvrules.render.bytecode import TemplateCache
from pvrules.sandbox import sandboxed_env


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PVRULES_CACHE_DIR", str(folder))
    monkeypatch.setenv("PVRULES_CACHE_KEY_FILE", str(tmp_path / "key" / "cache.key"))
    monkeypatch.delenv("PVRULES_NO_CACHE", raising=False)
    return folder


def env(templates: dict[str, str], options: str = "md") -> Any:
    return sandboxed_env(DictLoader(templates), bytecode_cache=TemplateCache(options))


def no_compiling(environment: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("compiled although the cache holds the template")
    monkeypatch.setattr(environment, "compile", refuse)


def test_a_second_environment_renders_from_the_cache(cache: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    source = {"t.j2": "{% for x in xs %}{{ x }};{% endfor %}"}
    assert env(source).get_template("t.j2").render(xs=[1, 2]) == "1;2;"
    assert list(cache.glob("kb-*"))  # stored in the cache folder
    second = env(source)
    no_compiling(second, monkeypatch)
    assert second.get_template("t.j2").render(xs=[3]) == "3;"


def test_a_changed_template_or_other_options_compile_again(cache: Path) -> None:
    env({"t.j2": "old {{ x }}"}).get_template("t.j2")
    assert env({"t.j2": "new {{ x }}"}).get_template("t.j2").render(x=1) == "new 1"
    entries = len(list(cache.glob("kb-*")))
    env({"t.j2": "new {{ x }}"}, options="html").get_template("t.j2")
    assert len(list(cache.glob("kb-*"))) == entries + 1  # its own entry


def test_a_tampered_entry_is_ignored(cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = {"t.j2": "{{ x }}!"}
    env(source).get_template("t.j2")
    for entry in cache.glob("kb-*"):
        data = bytearray(entry.read_bytes())
        data[-1] ^= 0xFF
        entry.write_bytes(bytes(data))
    assert env(source).get_template("t.j2").render(x="ok") == "ok!"
    assert "not authentic" in capsys.readouterr().err


def test_without_a_cache_templates_still_render(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PVRULES_NO_CACHE", "1")
    assert env({"t.j2": "{{ 1 + 1 }}"}).get_template("t.j2").render() == "2"
