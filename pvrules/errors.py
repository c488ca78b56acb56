"""The one exception tree of pvrules.

Every error pvrules raises on purpose derives from :class:`PvrulesError`. Each
carries structured fields (a stable ``code``, the ``file``, ``line``, the
``loc`` path inside the file, the ``rule_id``, what is ``allowed`` and a
``suggestion``) so that the CLI can print a clear message without a traceback
and tests can assert on the fields as well as on the text.

Exit codes used by the CLI: 2 for bad input the user gave (:class:`InputError`
and its subclasses), 1 for a check that found problems, 3 for an engine
failure (:class:`EngineError`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file.

    Attributes:
        code: stable machine-readable code, for example ``unknown-fact``.
        message: plain-language description of what is wrong.
        file: the file the problem is in, if any.
        line: 1-based line number in that file, if known.
        loc: path inside the file, for example ``opgaven[2].schaal``.
        rule_id: the rule the problem belongs to, if any.
        allowed: what would have been accepted, if that is a short list.
        suggestion: a "did you mean" candidate or a hint on what to do.
    """

    code: str
    message: str
    file: str | None = None
    line: int | None = None
    loc: str | None = None
    rule_id: str | None = None
    allowed: tuple[str, ...] = field(default_factory=tuple)
    suggestion: str | None = None

    def format(self) -> str:
        """Render the problem as one or a few human-readable lines."""
        where = self.file or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        parts = [where + ":"]
        if self.rule_id:
            parts.append(f"rule '{self.rule_id}':")
        if self.loc:
            parts.append(f"at {self.loc}:")
        parts.append(self.message)
        text = " ".join(parts)
        if self.allowed:
            shown = ", ".join(self.allowed[:25])
            more = f" (and {len(self.allowed) - 25} more)" if len(self.allowed) > 25 else ""
            text += f"\n    allowed: {shown}{more}"
        if self.suggestion:
            text += f"\n    {self.suggestion}"
        return text


class PvrulesError(Exception):
    """Base class of every error pvrules raises on purpose."""

    code = "error"
    exit_code = 3

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        """Create the error with a summary message and located problems."""
        super().__init__(message)
        self.message = message
        self.problems: tuple[Problem, ...] = tuple(problems)

    def format(self) -> str:
        """Render the error with all its problems for a terminal."""
        if not self.problems:
            return f"error: {self.message}"
        lines = [f"error: {self.message}"]
        lines.extend(p.format() for p in self.problems)
        return "\n".join(lines)

    @property
    def file(self) -> str | None:
        """File of the first problem, if any."""
        return self.problems[0].file if self.problems else None

    @property
    def line(self) -> int | None:
        """Line of the first problem, if any."""
        return self.problems[0].line if self.problems else None

    @property
    def loc(self) -> str | None:
        """Location of the first problem, if any."""
        return self.problems[0].loc if self.problems else None

    @property
    def rule_id(self) -> str | None:
        """Rule id of the first problem, if any."""
        return self.problems[0].rule_id if self.problems else None

    @property
    def suggestion(self) -> str | None:
        """Suggestion of the first problem, if any."""
        return self.problems[0].suggestion if self.problems else None


class InputError(PvrulesError):
    """Bad input the user gave: a file, an option, a name."""

    code = "input"
    exit_code = 2


class FileFormatError(InputError):
    """A file cannot be read or parsed (not YAML, JSON or XML; duplicate keys)."""

    code = "file-format"


class CaseError(InputError):
    """A case file does not fit the vocabulary."""

    code = "case"


class RuleFileError(InputError):
    """A rule file is invalid (unknown fact, unknown item, duplicate id...)."""

    code = "rules"


class KnowledgeError(InputError):
    """A vocabulary or catalogue file is invalid."""

    code = "knowledge"


class TableError(InputError):
    """A decision table (CSV, YAML or DMN) is invalid."""

    code = "table"


class TemplateError(InputError):
    """A report template is invalid or fails to render."""

    code = "template"


class NameNotFoundError(InputError):
    """A name given on the command line (fact, item, rule) is unknown."""

    code = "name"


class OutputError(InputError):
    """An output file cannot be written (exists without --force, bad path)."""

    code = "output"


class HostError(PvrulesError):
    """The machine refused: a disk full, a file-size limit; not the user's input."""

    code = "host"
    exit_code = 3


class EngineError(PvrulesError):
    """The inference engine failed or refused a knowledge base."""

    code = "engine"
    exit_code = 3


class EngineLimitError(EngineError):
    """A knowledge base or case would exceed a hard limit of the engine."""

    code = "engine-limit"


class EngineUnavailableError(EngineError):
    """The requested engine cannot be used on this Python."""

    code = "engine-unavailable"


class ActionError(EngineError):
    """An exception was raised while applying a rule's conclusions."""

    code = "action"


def problems_error(
    cls: type[PvrulesError], summary: str, problems: Iterable[Problem]
) -> PvrulesError:
    """Build an error of ``cls`` from located problems, sorted for stable output."""
    ordered = sorted(
        problems, key=lambda p: (p.file or "", p.line or 0, p.loc or "", p.code, p.message)
    )
    return cls(summary, ordered)
