"""Lint: a framework is applied as law only on days it is law.

* ``kader-not-in-force`` (error): a rule names a framework in ``frameworks:`` (the advice
  lists it as applied) but the rule can apply on a day before the framework's
  ``valid_from`` (the rule has no ``valid_from``, or an earlier one), and the framework was
  no public bill (``bill_from``) then either: the advice would cite as law what was not.
* ``kader-bill-unknown`` (error): a rule names a framework that is a bill from ``bill_from``
  but can apply before that day, when the bill was not yet public (hindsight).
* ``kader-bill-in-force`` (warning): a rule names a framework that was a bill and came into
  force on ``valid_from``, and can still apply on or after that day: a text written for the
  bill ("nog niet in werking") would then be wrong; give the rule a ``valid_to``.

A framework with ``bill_from`` is printed as "wetsvoorstel, nog niet in werking" on days
between ``bill_from`` and ``valid_from`` (see :mod:`pvrules.explain.agenda`).
"""

from __future__ import annotations

from pvrules.authoring.findings import Finding, error, warning
from pvrules.authoring.loading import LintBase
from pvrules.errors import Problem
from pvrules.validate.dates import parse_iso


def frameworks(base: LintBase) -> list[Finding]:
    """Findings on rules that apply a framework on days it was neither law nor a public bill."""
    assert base.knowledge is not None
    items = base.knowledge.catalogues.items
    out: list[Finding] = []
    for entry in base.entries:
        spec = entry.spec
        start = parse_iso(spec.valid_from) if spec.valid_from is not None else None
        for i, name in enumerate(spec.frameworks):
            item = items.get(name)
            if item is None:
                continue
            line = entry.doc.line_of((*entry.loc, "frameworks", i)) or entry.line
            bill = parse_iso(item.bill_from) if item.bill_from is not None else None
            law = parse_iso(item.valid_from) if item.valid_from is not None else None
            if bill is not None and (start is None or start < bill):
                out.append(error(Problem(
                    "kader-bill-unknown", f"rule applies framework '{name}', a bill made public "
                    f"on {item.bill_from}, on days before that", entry.file, line,
                    f"frameworks[{i}]", spec.id,
                    allowed=(f"valid_from: \"{item.bill_from}\" or later",),
                    suggestion=f"give the rule valid_from: \"{item.bill_from}\" (or later)")))
            if bill is not None and law is not None and (
                    spec.valid_to is None or parse_iso(spec.valid_to) > law):
                out.append(warning(Problem(
                    "kader-bill-in-force", f"rule names framework '{name}', a bill that came "
                    f"into force on {item.valid_from}, and can still apply from that day",
                    entry.file, line, f"frameworks[{i}]", spec.id,
                    suggestion=f"give the rule valid_to: \"{item.valid_from}\" and, if needed, "
                    "a twin from that day that treats it as law")))
            if bill is not None:
                continue
            if law is not None and (start is None or start < law):
                out.append(error(Problem(
                    "kader-not-in-force", f"rule applies framework '{name}' as law on days "
                    f"before it came into force ({item.valid_from})", entry.file, line,
                    f"frameworks[{i}]", spec.id,
                    allowed=(f"valid_from: \"{item.valid_from}\" or later",
                             "'bill_from' on the framework, to cite it as a wetsvoorstel"),
                    suggestion=f"give the rule valid_from: \"{item.valid_from}\", or give "
                    f"the framework a 'bill_from' so the advice calls it a wetsvoorstel")))
    return out
