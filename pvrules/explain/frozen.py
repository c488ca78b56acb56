"""A cheaper ``@dataclass`` for the explanation's shapes: the same classes, faster to create.

``dataclasses.dataclass`` writes and compiles ``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, ``__setattr__`` and ``__delattr__`` for every class (six ``exec`` calls), which
is about 1.5 ms per class and, over the explanation's dozens of shapes, a large part of a
cold ``pvrules advise``. :func:`dataclass` lets the standard library record the fields
(so ``dataclasses.fields``, ``asdict``, ``replace`` and ``is_dataclass`` work unchanged)
and adds shared, precompiled methods that behave as the generated ones do: the same
keyword and positional arguments, defaults and default factories, ``repr``, equality,
hash and frozen assignment errors. Options it does not cover (``order``, ``slots``,
``unsafe_hash``, ``kw_only``, ``InitVar`` fields, ``__post_init__``, a class without a
docstring, a mutable class with its own ``__setattr__``) go to the standard decorator.

Modules use it as ``dataclass`` at run time and the standard one for type checking::

    if TYPE_CHECKING:
        from dataclasses import dataclass
    else:
        from pvrules.explain.frozen import dataclass
"""

from __future__ import annotations

import dataclasses
import reprlib
import sys
from collections.abc import Callable
from typing import Any

_MISSING = dataclasses.MISSING
_standard = dataclasses.dataclass
_SIMPLE_OPTIONS = frozenset({"init", "repr", "eq", "frozen"})


def dataclass(cls: type | None = None, /, **options: Any) -> Any:
    """``dataclasses.dataclass`` with shared methods instead of generated ones."""
    if cls is None:
        return lambda klass: dataclass(klass, **options)
    own_setattr: Any = cls.__setattr__
    if not set(options) <= _SIMPLE_OPTIONS or "__post_init__" in dir(cls) or not cls.__doc__ \
            or (not options.get("frozen") and own_setattr is not object.__setattr__):
        return _standard(cls, **options)
    init, frozen = options.get("init", True), options.get("frozen", False)
    eq, with_repr = options.get("eq", True), options.get("repr", True)
    body = cls.__dict__
    explicit_hash = "__hash__" in body and not (body["__hash__"] is None and "__eq__" in body)
    # Below a dataclass, the standard decorator checks frozen against the bases itself
    # (and writes the two frozen methods); otherwise this module adds them.
    inherits = any("__dataclass_fields__" in base.__dict__ for base in cls.__mro__[1:])
    cls = _standard(cls, init=False, repr=False, eq=False, frozen=frozen and inherits)
    fields = dataclasses.fields(cls)
    every = cls.__dict__["__dataclass_fields__"].values()
    initvar = dataclasses._FIELD_INITVAR  # type: ignore[attr-defined]
    if any(f._field_type is initvar for f in every) or any(f.kw_only for f in fields):
        raise TypeError(f"{cls.__qualname__}: InitVar and keyword-only fields need "
                        "dataclasses.dataclass")
    params = cls.__dict__["__dataclass_params__"]  # this class's own: say what it has
    params.init, params.repr, params.eq, params.frozen = init, with_repr, eq, frozen
    if init:
        _set(cls, "__init__", _init_for(cls, fields))
    if with_repr:
        _set(cls, "__repr__", _repr_for(tuple(f.name for f in fields if f.repr)))
    if eq:
        _set(cls, "__eq__", _eq_for(tuple(f.name for f in fields if f.compare)))
        if frozen and not explicit_hash:
            cls.__hash__ = _hash_for(tuple(  # type: ignore[method-assign,assignment]
                f.name for f in fields if (f.compare if f.hash is None else f.hash)))
        elif not frozen and not explicit_hash:
            cls.__hash__ = None  # type: ignore[assignment]
    if frozen and not inherits:
        names = frozenset(f.name for f in fields)
        _set(cls, "__setattr__", _frozen_setattr(cls, names))
        _set(cls, "__delattr__", _frozen_delattr(cls, names))
    return cls


def _set(cls: type, name: str, method: Callable[..., Any]) -> None:
    """Add ``method`` unless the class body defines it (as ``dataclasses`` does)."""
    if name in cls.__dict__:
        if name in ("__setattr__", "__delattr__"):
            raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
        return
    method.__qualname__ = f"{cls.__qualname__}.{name}"
    setattr(cls, name, method)


def _init_for(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> Callable[..., None]:
    """An ``__init__`` that fills the instance's ``__dict__`` in a few dictionary calls.

    The same attributes in the same order as the generated one sets them.
    """
    names = tuple(f.name for f in fields if f.init)
    known = frozenset(names)
    count = len(names)
    # a field left out of __init__ with a plain default is read from the class attribute
    order = tuple(f.name for f in fields if f.init or f.default_factory is not _MISSING)
    statics = {f.name: f.default for f in fields if f.init and f.default is not _MISSING}
    factories = tuple((f.name, f.default_factory, not f.init) for f in fields
                      if f.default_factory is not _MISSING)
    required = tuple(f.name for f in fields if f.init and f.default is _MISSING
                     and f.default_factory is _MISSING)

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        given = len(args)
        if given > count:
            raise TypeError(f"__init__() takes {count + 1} positional arguments but "
                            f"{given + 1} were given")
        values = dict.fromkeys(order, _MISSING)
        values.update(statics)
        if given:
            values.update(zip(names, args, strict=False))
        if kwargs:
            if not known.issuperset(kwargs):
                name = next(k for k in kwargs if k not in known)
                raise TypeError(f"__init__() got an unexpected keyword argument '{name}'")
            for name in names[:given]:
                if name in kwargs:
                    raise TypeError(f"__init__() got multiple values for argument '{name}'")
            values.update(kwargs)
        for name, factory, always in factories:
            if always or values[name] is _MISSING:
                values[name] = factory()
        for name in required:
            if values[name] is _MISSING:
                raise TypeError(_missing(self, [n for n in required if values[n] is _MISSING]))
        self.__dict__.update(values)

    return __init__


def _missing(self: Any, names: list[str]) -> str:
    """Python's own message for missing arguments."""
    quoted = [repr(name) for name in names]
    listed = (quoted[0] if len(quoted) == 1 else " and ".join(quoted) if len(quoted) == 2
              else ", ".join(quoted[:-1]) + ", and " + quoted[-1])
    plural = "argument" if len(names) == 1 else "arguments"
    return (f"{type(self).__qualname__}.__init__() missing {len(names)} required "
            f"positional {plural}: {listed}")


def _repr_for(names: tuple[str, ...]) -> Callable[[Any], str]:
    @reprlib.recursive_repr()
    def __repr__(self: Any) -> str:
        parts = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({parts})"

    return __repr__


def _eq_for(names: tuple[str, ...]) -> Callable[[Any, Any], Any]:
    if sys.version_info >= (3, 13):  # field by field, as Python 3.13's dataclasses compare
        def __eq__(self: Any, other: Any) -> Any:
            if self is other:
                return True
            if other.__class__ is self.__class__:
                result: Any = True
                for name in names:
                    result = getattr(self, name) == getattr(other, name)
                    if not result:
                        return result
                return result
            return NotImplemented

        return __eq__

    def __eq__(self: Any, other: Any) -> Any:  # as tuples, as Python 3.11 and 3.12 compare
        if other.__class__ is self.__class__:
            return (tuple([getattr(self, name) for name in names])
                    == tuple([getattr(other, name) for name in names]))
        return NotImplemented

    return __eq__


def _hash_for(names: tuple[str, ...]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(tuple(getattr(self, name) for name in names))

    return __hash__


def _frozen_setattr(cls: Any, names: frozenset[str]) -> Callable[[Any, str, Any], None]:
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    return __setattr__


def _frozen_delattr(cls: Any, names: frozenset[str]) -> Callable[[Any, str], None]:
    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __delattr__
