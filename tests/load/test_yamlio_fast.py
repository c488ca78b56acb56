"""The YAML reader's shortcuts give PyYAML's answers (pvrules/load/yamlio.py)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from pvrules.errors import FileFormatError
from pvrules.load import yamlio

SCALARS = ["", "~", "null", "Null", "yes", "No", "on", "OFF", "true", "y", "0", "007", "-3",
           "+12", "0x1F", "0o17", "0b101", "1_000", "12:30", "1.5", "1e3", ".inf", "-.Inf",
           ".nan", "2019-09-01", "2019-09-01 10:00:00", "abc", "a b", "=", "<<", "d\u00e9j\u00e0"]


class _Reference(yaml.SafeLoader):
    """PyYAML's own resolver, with the same implicit resolvers as pvrules' loader."""


_Reference.yaml_implicit_resolvers = yamlio._StrictSafeLoader.yaml_implicit_resolvers


def test_loader_has_no_path_resolvers() -> None:
    assert not yamlio._StrictSafeLoader.yaml_path_resolvers


@pytest.mark.parametrize("implicit", [(True, False), (False, True), (True, True),
                                      (False, False)])
def test_resolve_matches_pyyaml(implicit: tuple[bool, bool]) -> None:
    ours = yamlio._StrictSafeLoader("")
    theirs: Any = _Reference("")
    try:
        for text in SCALARS:
            for _ in range(2):  # the second answer comes from the memo
                assert ours.resolve(yaml.ScalarNode, text, implicit) == \
                    theirs.resolve(yaml.ScalarNode, text, implicit), text
        for kind in (yaml.MappingNode, yaml.SequenceNode):
            assert ours.resolve(kind, None, implicit) == theirs.resolve(kind, None, implicit)
    finally:
        ours.dispose()
        theirs.dispose()


@pytest.mark.parametrize("text", SCALARS)
def test_scalars_read_as_pyyaml_or_refused(text: str) -> None:
    """Plain, quoted and tagged scalars: PyYAML's value, or a refusal of what YAML would
    silently rewrite (and of explicit tags)."""
    codes: list[str] = []
    for written in (text, f"'{text}'", f'"{text}"', f"!!str {text}"):
        source = f"a: {written}\n"
        try:
            got = yamlio.parse_yaml(source, "t.yaml").data
        except FileFormatError as err:
            codes.append(err.problems[0].code)
            continue
        expected = yaml.load(source, Loader=_Reference)
        assert got == expected, source
        assert type(got["a"]) is type(expected["a"]), source
    # what YAML would rewrite, an explicit tag, or a tag nothing constructs ("=")
    assert set(codes) <= {"yaml-number", "yaml-tag", "yaml-syntax"}


@pytest.mark.parametrize("text", [
    "base: &b {x: 1, y: 2}\nitem:\n  <<: *b\n  z: 3\n",
    "a: &a {x: 1}\nb: &b {z: 2}\nitem:\n  <<: [*a, *b]\n  w: 4\n",
    "plain: {x: 1, 'y': 2, z: three}\n",
])
def test_merge_keys_as_pyyaml(text: str) -> None:
    """Mappings are flattened only when they hold a merge ('<<') or value ('=') key."""
    assert yamlio.parse_yaml(text, "t.yaml").data == yaml.load(text, Loader=_Reference)
