"""Choose and build an inference engine behind one small interface.

``durable`` drives durable_rules (the default where it imports); ``python``
is the plain-Python reference evaluator (always available; used on Python
3.13+, where durable_rules 2.0.28 does not import).
"""

from __future__ import annotations

import sys
from typing import Literal, Protocol

from pvrules.errors import EngineError, EngineUnavailableError, InputError, Problem
from pvrules.infer.result import Result
from pvrules.kb import KnowledgeBase
from pvrules.validate.case import Case

EngineName = Literal["auto", "durable", "python"]
ENGINES = ("auto", "durable", "python")


class Engine(Protocol):
    """What every engine offers."""

    name: str

    def evaluate(self, case: Case) -> Result:
        """Evaluate one case in isolation."""
        ...

    def close(self) -> None:
        """Release engine resources."""
        ...


def durable_available() -> bool:
    """Whether durable_rules can be imported on this Python."""
    from pvrules.infer.durable_backend import load_engine_module  # the one durable_rules import

    try:
        load_engine_module()
    except EngineUnavailableError:
        return False
    return True


def make_engine(kb: KnowledgeBase, name: str = "auto", *, notice: bool = True) -> Engine:
    """Build the engine called ``name`` for ``kb``.

    With ``auto``, durable_rules is used where it imports and where it can take the
    knowledge base; otherwise the reference evaluator, and (with ``notice``) a one-line
    note on stderr.
    """
    if name not in ENGINES:
        raise InputError(f"unknown engine '{name}'",
                         [Problem("bad-option", f"unknown engine '{name}'", "--engine",
                                  allowed=ENGINES)])
    if name == "auto":
        if durable_available():
            from pvrules.infer.durable_backend import DurableEngine

            try:
                return DurableEngine(kb.rules, kb.vocab, cache_key=kb.content_hash)
            except EngineError as err:
                if notice:
                    where = next((p.format().splitlines()[0] for p in err.problems), "")
                    print(f"note: durable_rules cannot take this knowledge base ({err.message}"
                          f"{'; ' + where if where else ''}); using the plain-Python "
                          "reference evaluator", file=sys.stderr)
                name = "python"
        else:
            if notice:
                print("note: durable_rules is not available on Python "
                      f"{sys.version_info.major}.{sys.version_info.minor}; "
                      "using the plain-Python reference evaluator", file=sys.stderr)
            name = "python"
    if name == "durable":
        if not durable_available():
            raise EngineUnavailableError(
                "durable_rules is not available on this Python; use --engine python")
        from pvrules.infer.durable_backend import DurableEngine

        return DurableEngine(kb.rules, kb.vocab, cache_key=kb.content_hash)
    from pvrules.infer.reference import ReferenceEngine

    return ReferenceEngine(kb.rules, kb.vocab)
