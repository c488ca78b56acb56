"""The fast constructors of the engine's hot path build exactly what the dataclasses do."""

from __future__ import annotations

import dataclasses

import pytest

from pvrules.infer.result import Applied, Firing, new_applied, new_firing

FIRINGS = [
    ("r.one", 0, None, (), ()),
    ("r.two", 3, ("partner", "p1"),
     (Applied("recommend", "item", ("partner", "p1"), None, 2),),
     ((("partner", "p1"), "vertrouwen", 2), (("case", "case"), "budget", None))),
]
APPLIED = [("derive", "d", ("case", "case"), True, 0), ("effect", "pw", ("opgave", "o"), "+", 1),
           ("recommend", "x", ("case", "case"), None, 3)]


@pytest.mark.parametrize("args", FIRINGS)
def test_new_firing_equals_the_constructor(args: tuple) -> None:  # type: ignore[type-arg]
    fast, slow = new_firing(*args), Firing(*args)
    assert fast == slow
    assert hash(fast) == hash(slow)
    assert repr(fast) == repr(slow)
    assert dataclasses.asdict(fast) == dataclasses.asdict(slow)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.rule_id = "other"  # type: ignore[misc]


@pytest.mark.parametrize("args", APPLIED)
def test_new_applied_equals_the_constructor(args: tuple) -> None:  # type: ignore[type-arg]
    fast, slow = new_applied(*args), Applied(*args)
    assert fast == slow
    assert hash(fast) == hash(slow)
    assert dataclasses.asdict(fast) == dataclasses.asdict(slow)


def test_fast_constructors_set_every_field() -> None:
    # A field added to Firing or Applied must be added to its fast constructor too.
    # (Firing.matched is a descriptor: its value is kept as ``_matched``.)
    fields = {f.name for f in dataclasses.fields(Firing)} - {"matched"} | {"_matched"}
    assert set(vars(new_firing(*FIRINGS[1]))) == fields
    assert vars(new_firing(*FIRINGS[1])) == vars(Firing(*FIRINGS[1]))
    assert set(vars(new_applied(*APPLIED[0]))) == {f.name for f in dataclasses.fields(Applied)}
