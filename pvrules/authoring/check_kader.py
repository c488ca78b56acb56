"""Lint: a framework is applied as law only on days it is law.

* ``kader-not-in-force`` (error): a rule names a framework in ``frameworks:`` (the advice
  lists it as applied) but the rule can apply on a day before the framework's
  ``valid_from`` (the rule has no ``valid_from``, or an earlier one), and the framework was
  no public bill (``bill_from``) then either: the advice would cite as law what was not.
* ``kader-bill-unknown`` (error): a rule names a framework that is a bill from ``bill_from``
  but can apply before that day, when the bill was not yet public (hindsight).

A framework with ``bill_from`` is printed as "wetsvoorstel, nog niet in werking" on days
between ``bill_from`` and ``valid_from`` (see :mod:`pvrules.explain.agenda`).
"""

from __future__ import annotations

from pvrules.authoring.findings import Finding, error
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
            elif bill is None and law is not None and (start is None or start < law):
                out.append(error(Problem(
                    "kader-not-in-force", f"rule applies framework '{name}' as law on days "
                    f"before it came into force ({item.valid_from})", entry.file, line,
                    f"frameworks[{i}]", spec.id,
                    allowed=(f"valid_from: \"{item.valid_from}\" or later",
                             "'bill_from' on the framework, to cite it as a wetsvoorstel"),
                    suggestion=f"give the rule valid_from: \"{item.valid_from}\", or give "
                    f"the framework a 'bill_from' so the advice calls it a wetsvoorstel")))
    return out
