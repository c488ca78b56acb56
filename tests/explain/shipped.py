"""The shipped examples as the example-sweeping tests read them, each explained once per run.

Building an example's decisions takes about a tenth of a second, and tests in many modules
(explain, render, serve, cli) read the same few examples: :func:`example_ctx` keeps one
context per knowledge base, engine, example, language and ``--set`` overrides for the whole
test run. What it returns is shared: read it, never change it (its decisions are frozen). A
test that needs a context of its own builds one with :func:`fresh_example_ctx`.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources

from pvrules.errors import PvrulesError
from pvrules.explain.context import ExplainContext
from pvrules.kb import KnowledgeBase
from pvrules.pipeline import Pipeline, example_names

_Key = tuple[int, str, str, str, tuple[str, ...]]
_CONTEXTS: dict[_Key, tuple[KnowledgeBase, ExplainContext]] = {}
"""The run's contexts; each keeps its knowledge base alive, so that its ``id`` stays its own."""


def shipped_examples() -> list[str]:
    """The names of the shipped examples; none while the built-in knowledge base is broken."""
    try:
        Pipeline()
    except PvrulesError:  # the built-in knowledge base is being edited
        return []
    return example_names()


def fresh_example_ctx(pipe: Pipeline, name: str, lang: str = "nl",
                      overrides: Sequence[str] = ()) -> ExplainContext:
    """A new explanation context of the shipped example ``name`` (``--set`` ``overrides``)."""
    path = resources.files("pvrules.examples") / f"{name}.yaml"
    return ExplainContext(pipe.kb, pipe.evaluate_file(str(path), tuple(overrides)), lang)


def example_ctx(pipe: Pipeline, name: str, lang: str = "nl",
                overrides: Sequence[str] = ()) -> ExplainContext:
    """The explanation context of the shipped example ``name``, shared by the whole run.

    Built once per knowledge base (the same loaded knowledge base is shared by every
    :class:`Pipeline` of its files), engine, example, language and ``overrides``.
    """
    key = (id(pipe.kb), pipe.engine_name, name, lang, tuple(overrides))
    hit = _CONTEXTS.get(key)
    if hit is None:
        hit = _CONTEXTS[key] = (pipe.kb, fresh_example_ctx(pipe, name, lang, overrides))
    return hit[1]


class ExampleContexts:
    """The contexts of shipped examples: :func:`example_ctx` as a callable.

    A module that reads the same examples in many tests keeps one: ``_ctx = ExampleContexts()``
    and calls ``_ctx(pipe, name, lang)``.
    """

    def __call__(self, pipe: Pipeline, name: str, lang: str = "nl") -> ExplainContext:
        """The context of ``name`` in ``lang`` for ``pipe``."""
        return example_ctx(pipe, name, lang)
