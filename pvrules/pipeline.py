"""The whole path in a few calls: load → validate → compile → infer → explain.

This is the public library API the CLI and tests use::

    from pvrules.pipeline import Pipeline
    p = Pipeline()                      # built-in knowledge base, best engine
    result = p.evaluate_file("examples/a2-2019.yaml")
    advice = p.advice(result, lang="nl")
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources

from pvrules.errors import InputError, Problem
from pvrules.explain.advice import Advice, build_advice
from pvrules.infer.engine import Engine, make_engine
from pvrules.infer.result import Result
from pvrules.kb import KnowledgeBase, load_kb
from pvrules.suggest import did_you_mean
from pvrules.validate.case import Case, load_case_file, load_case_text
from pvrules.validate.catalogue import SourceDef

DEFAULT_EXAMPLE = "a2-2019"


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while loading.

    Loading builds many long-lived objects and no garbage cycles; the collector
    would walk them again and again (it doubled the load time of a 1,000-rule
    knowledge base). Afterwards what was built is frozen (``gc.freeze``): the
    knowledge base lives as long as the process, so the collector's full passes
    while cases are evaluated need not walk it either (about 10% of a case with
    1,000 rules). Objects freed by reference counting are freed as before; only
    garbage cycles made while loading would be kept.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()


def example_names() -> list[str]:
    """Names of the built-in example cases."""
    root = resources.files("pvrules.examples")
    return sorted(e.name.rsplit(".", 1)[0] for e in root.iterdir()
                  if e.name.endswith((".yaml", ".yml")))


def example_text(name: str) -> tuple[str, str]:
    """The text and display name of a built-in example case."""
    names = example_names()
    if name not in names:
        raise InputError(f"no built-in example '{name}'", [Problem(
            "unknown-example", f"unknown example '{name}'", "--example", allowed=tuple(names),
            suggestion=did_you_mean(name, names))])
    root = resources.files("pvrules.examples")
    for suffix in (".yaml", ".yml"):
        entry = root / f"{name}{suffix}"
        if entry.is_file():
            return entry.read_text(encoding="utf-8"), f"examples/{name}{suffix}"
    raise InputError(f"no built-in example '{name}'")  # pragma: no cover


@dataclass
class Pipeline:
    """A loaded knowledge base with its engine, ready to evaluate many cases."""

    rules_dirs: Sequence[str | os.PathLike[str]] = ()
    knowledge_dirs: Sequence[str | os.PathLike[str]] = ()
    engine_name: str = "auto"
    include_builtin: bool = True
    kb: KnowledgeBase = field(init=False)
    _engine: Engine | None = field(init=False, default=None)
    _stdin: str | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        """Load and compile the knowledge base."""
        with gc_paused():
            self.kb = load_kb(self.rules_dirs, self.knowledge_dirs,
                              include_builtin=self.include_builtin)

    @property
    def engine(self) -> Engine:
        """The engine, built on first use."""
        if self._engine is None:
            with gc_paused():
                self._engine = make_engine(self.kb, self.engine_name)
        return self._engine

    def load_case(self, path: str, overrides: Sequence[str] = (),
                  today: dt.date | None = None) -> Case:
        """Read and validate a case file (``example:NAME`` for a built-in example).

        ``-`` reads standard input, once, however often the case is loaded. ``today`` is
        the peildatum of a case without ``casus.datum`` (default: today).
        """
        if path.startswith("example:"):
            text, source = example_text(path.split(":", 1)[1])
            return load_case_text(text, source, self.kb.vocab, overrides, today, self._sources)
        if path == "-":
            from pvrules.load.reading import read_input_text

            if self._stdin is None:
                self._stdin = read_input_text(path)
            return load_case_text(self._stdin, "<stdin>", self.kb.vocab, overrides, today,
                                  self._sources)
        return load_case_file(path, self.kb.vocab, overrides, today, self._sources)

    @property
    def _sources(self) -> Mapping[str, SourceDef]:
        """The knowledge base's sources, that a case's ``casus.bronnen`` may name."""
        return self.kb.catalogues.sources

    def evaluate(self, case: Case) -> Result:
        """Evaluate one case."""
        return self.engine.evaluate(case)

    def evaluate_file(self, path: str, overrides: Sequence[str] = (),
                      today: dt.date | None = None) -> Result:
        """Read, validate and evaluate a case file."""
        return self.evaluate(self.load_case(path, overrides, today))

    def advice(self, result: Result, lang: str = "nl") -> Advice:
        """The advice for a result, in ``lang``."""
        return build_advice(self.kb, result, lang)

    def close(self) -> None:
        """Release the engine."""
        if self._engine is not None:
            self._engine.close()
            self._engine = None
