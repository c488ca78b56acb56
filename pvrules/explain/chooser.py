"""Who chooses between the options: the raad, the raden, Provinciale or Gedeputeerde Staten."""

from __future__ import annotations

from pvrules.explain.answer_decider import participations
from pvrules.explain.basics import client_kind
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import OptionRow

FORM_FACT = "optievorm"
"""The fact that holds an option's form."""


EXECUTIVE_FORMS = frozenset({"privaatrechtelijke_vorm", "relatie_beeindigen"})
"""Option forms a province decides on as Gedeputeerde Staten: subsidy, contract, taking part
in a private legal person (Provinciewet art. 158: after Provinciale Staten's wensen en
bedenkingen), ending the relation."""


def chooser_kind(ctx: Ctx) -> str:
    """``provincie``, ``gemeenten`` (several raden) or ``raad``, from the case's client.

    ``provincie_gs`` for a province whose options on the table are all instruments that
    Gedeputeerde Staten decide on (:data:`EXECUTIVE_FORMS`).
    """
    kind = client_kind(ctx)
    if kind != "provincie":
        return kind
    forms = [ctx.result.value(e.key, FORM_FACT) for e in ctx.result.case.entities.get("optie", ())]
    return "provincie_gs" if forms and all(f in EXECUTIVE_FORMS for f in forms) else kind


def chooser(ctx: Ctx) -> str:
    """Who chooses: Provinciale Staten for a province, the raden for several, else the raad."""
    return ctx.msg(f"chooser.{chooser_kind(ctx)}")


def raad_chooses(ctx: Ctx, against: list[OptionRow], rest: list[OptionRow] | None = None) -> str:
    """That the sources carry no preference (beyond what they advise against): the raad chooses.

    When they advise against every option of ``rest`` but one, that one is what remains.
    """
    kind = chooser_kind(ctx)
    makes = ctx.msg(f"verb.makes.{kind}")
    if against:
        names = ctx.msg.join([r.label for r in against])
        if rest is not None and len(rest) == 1:
            return ctx.msg("options.against_then_remains", options=names,
                           option=rest[0].label)
        return ctx.msg("options.against_then_chooses", options=names, chooser=chooser(ctx),
                       makes=makes)
    if rest and participations(ctx, rest):  # the college decides on a participation
        return ctx.msg("options.mixed_deciders")
    return ctx.msg("options.raad_chooses", chooser=chooser(ctx), makes=makes)


def number(ctx: Ctx, n: int) -> str:
    """``n`` as Dutch (English) writes it in running text: in words up to ten, else digits."""
    words = ctx.msg("number.words").split()
    return words[n] if 0 <= n < len(words) else str(n)
