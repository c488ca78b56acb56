"""pvrules.explain.frozen.dataclass behaves as dataclasses.dataclass on the shapes it takes."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import sys
from collections.abc import Callable
from typing import Any, ClassVar

import pytest

from pvrules.explain import frozen

Maker = Callable[..., Any]


def _shapes(make: Maker) -> dict[str, Any]:
    """The same class bodies, built by ``make`` (the standard or the cheaper decorator)."""

    @make(frozen=True)
    class Point:
        """A frozen shape with defaults, a factory, a hidden and an uncompared field."""

        x: int
        y: int = 0
        tags: tuple[str, ...] = ()
        notes: list[str] = dataclasses.field(default_factory=list, hash=False, compare=False)
        secret: str = dataclasses.field(default="s", repr=False)
        kind: ClassVar[str] = "point"

    @make(frozen=True)
    class Labelled(Point):
        """A frozen subclass adding a field."""

        label: str = ""

    @make
    class Counter:
        """A mutable shape: equal by value, not hashable."""

        n: int
        items: dict[str, int] = dataclasses.field(default_factory=dict)
        hits: int = dataclasses.field(default=0, init=False)
        log: list[str] = dataclasses.field(default_factory=list, init=False)

    @make(frozen=True)
    class Own:
        """A frozen shape with its own repr and hash."""

        a: int

        def __repr__(self) -> str:
            return f"<{self.a}>"

        def __hash__(self) -> int:
            return 7

    return {"Point": Point, "Labelled": Labelled, "Counter": Counter, "Own": Own}


STANDARD = _shapes(dataclasses.dataclass)
CHEAP = _shapes(frozen.dataclass)


def _outcome(action: Callable[[], Any]) -> tuple[str, Any]:
    try:
        return ("ok", action())
    except Exception as err:  # the kind of error is what is compared
        return (type(err).__name__, None)


def _probe(shapes: dict[str, Any]) -> list[tuple[str, Any]]:
    """Everything observable about the shapes, as comparable values."""
    point, labelled, counter, own = (shapes[k] for k in ("Point", "Labelled", "Counter", "Own"))
    p = point(1, 2, ("a",))
    q = point(x=1, y=2, tags=("a",), notes=["different"])
    lab = labelled(1, label="L")
    c = counter(3)
    nan = float("nan")
    probes: dict[str, Callable[[], Any]] = {
        "repr": lambda: [repr(p), repr(lab), repr(c), repr(own(1))],
        "eq": lambda: [p == q, p == point(1), p == lab, lab == labelled(1, label="L"),
                       c == counter(3), c == counter(4), p == "x", point(nan) == point(nan)],
        "hash": lambda: [hash(p) == hash(q), hash(lab) == hash(labelled(1, label="L")),
                         hash(own(1)), counter.__hash__ is None],
        "fields": lambda: [(f.name, f.init, f.repr, f.compare, f.hash)
                           for s in (point, labelled, counter) for f in dataclasses.fields(s)],
        "asdict": lambda: [dataclasses.asdict(p), dataclasses.asdict(lab), dataclasses.asdict(c)],
        "replace": lambda: [repr(dataclasses.replace(p, y=5)), repr(dataclasses.replace(lab))],
        "attributes": lambda: [list(vars(x).items()) for x in (p, q, lab, c, counter(1, {}))],
        "init_false": lambda: counter(1, hits=2),
        "factory_fresh": lambda: point(1).notes is not point(1).notes,
        "defaults": lambda: [repr(point(9)), repr(counter(1))],
        "is_dataclass": lambda: [dataclasses.is_dataclass(s) for s in shapes.values()],
        "match_args": lambda: [s.__match_args__ for s in shapes.values()],
        "params": lambda: [repr(s.__dataclass_params__) for s in shapes.values()],
        "classvar": lambda: (point.kind, "kind" in [f.name for f in dataclasses.fields(point)]),
        "pickle": lambda: pickle.loads(pickle.dumps(lab)) == lab,
        "copy": lambda: [copy.copy(p) == p, copy.deepcopy(lab) == lab],
        "set_frozen": lambda: setattr(p, "x", 3),
        "set_other": lambda: setattr(p, "other", 3),
        "del_frozen": lambda: delattr(p, "x"),
        "set_mutable": lambda: (setattr(c, "n", 5), c.n),
        "missing": point,
        "too_many": lambda: point(1, 2, (), [], "s", 9),
        "twice": lambda: point(1, x=2),
        "unknown": lambda: point(1, z=2),
        "subclass_frozen": lambda: dataclasses.dataclass(type("Sub", (point,), {})),
        "subclass_mutable_base": lambda: dataclasses.dataclass(frozen=True)(
            type("Sub2", (counter,), {"__annotations__": {"m": "int"}, "m": 0}))(1).m,
    }
    return [(name, _outcome(probe)) for name, probe in probes.items()]


def test_the_cheaper_dataclass_behaves_as_the_standard_one() -> None:
    assert _probe(CHEAP) == _probe(STANDARD)


def test_it_writes_no_methods_per_class() -> None:
    """What makes it cheaper: no ``exec`` of generated source per class (only the frozen
    subclass of a dataclass gets the standard decorator's frozen methods; from Python 3.13
    the standard decorator compiles a class's methods in one ``exec``)."""

    def execs(make: Maker) -> int:
        calls: list[object] = []

        def count(_frame: Any, event: str, arg: Any) -> None:
            if event == "c_call" and arg is exec:
                calls.append(arg)

        sys.setprofile(count)
        try:
            _shapes(make)
        finally:
            sys.setprofile(None)
        return len(calls)

    cheap, standard = execs(frozen.dataclass), execs(dataclasses.dataclass)
    if sys.version_info >= (3, 13):  # one exec per class either way: less to gain there
        assert cheap <= standard, (cheap, standard)
        return
    assert cheap == 2, (cheap, standard)  # Labelled's __setattr__ and __delattr__
    assert standard >= 3 * cheap, (cheap, standard)  # the probe sees generated methods


@pytest.mark.parametrize("options", [{"order": True}, {"slots": True}, {"unsafe_hash": True}])
def test_other_options_go_to_the_standard_decorator(options: dict[str, Any]) -> None:
    @frozen.dataclass(**options)
    class Shape:
        """A shape with an option the cheaper decorator leaves to the standard one."""

        a: int

    reference = dataclasses.dataclass(**options)(type("Shape", (), {
        "__annotations__": {"a": "int"}, "__doc__": "x"}))
    assert repr(Shape(1)) == repr(reference(1)).replace(reference.__qualname__, Shape.__qualname__)
    assert repr(Shape.__dataclass_params__) == repr(reference.__dataclass_params__)


def test_the_explanation_shapes_use_it() -> None:
    """The shapes a cold ``pvrules advise`` creates are built the cheaper way."""
    from pvrules.explain import decisions_model

    shapes = [v for v in vars(decisions_model).values()
              if isinstance(v, type) and dataclasses.is_dataclass(v)
              and v.__module__ == decisions_model.__name__]
    assert len(shapes) > 10
    assert all(s.__init__.__code__ is shapes[0].__init__.__code__ for s in shapes)
