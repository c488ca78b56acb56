"""Who chooses between the options: the raad, the raden, Provinciale or Gedeputeerde Staten.

The kind of decision, not only the client, says who: a decision about owning shares is the
college's (Gedeputeerde Staten's) after the raad's (Staten's) wensen en bedenkingen (Gemeentewet
art. 160 lid 2-3, 169 lid 4; Provinciewet 158, 167); a province that supervises a municipality's
finances decides as Gedeputeerde Staten, controlled by Provinciale Staten (Gemeentewet art. 203
e.v.); a raad answering a Wet arhi procedure the province started speaks through its zienswijze.
"""

from __future__ import annotations

from pvrules.explain.answer_decider import participations
from pvrules.explain.basics import client_kind
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import OptionRow
from pvrules.validate.case import CASE_KEY

FORM_FACT = "optievorm"
"""The fact that holds an option's form."""


EXECUTIVE_FORMS = frozenset({"privaatrechtelijke_vorm", "relatie_beeindigen"})
"""Option forms a province decides on as Gedeputeerde Staten: subsidy, contract, taking part
in a private legal person (Provinciewet art. 158: after Provinciale Staten's wensen en
bedenkingen), ending the relation."""


OWNERSHIP = "eigendomsvraag"
"""The derived fact: the options decide about owning shares (a private-law decision)."""
AFTER_WISHES = "_wb"
"""The suffix of a kind whose executive decides after the council's wensen en bedenkingen."""
SUPERVISOR = "financieel_toezichthouder"
ARHI_BY_PROVINCE = "provincie"
"""``arhi_initiatief`` of a Wet arhi procedure Gedeputeerde Staten started (art. 8)."""


def supervises(ctx: Ctx) -> bool:
    """Whether the province (the client) supervises the municipality's finances in this case."""
    roles = ctx.result.value(CASE_KEY, "provincie_rol")
    listed = list(roles) if isinstance(roles, (list, tuple)) else [roles]
    return SUPERVISOR in listed and ctx.result.value(CASE_KEY, "financieel_toezicht") is not None


def chooser_kind(ctx: Ctx) -> str:
    """``provincie``, ``gemeenten`` (several raden) or ``raad``, from the case's client.

    ``provincie_gs`` for a province whose options on the table are all instruments that
    Gedeputeerde Staten decide on (:data:`EXECUTIVE_FORMS`); ``provincie_toezicht`` for a
    province that supervises the municipality's finances; ``<kind>_wb`` (``raad_wb``,
    ``gemeenten_wb``, ``provincie_wb``) for a decision about owning shares; ``raad_zienswijze``
    for a raad answering a herindeling the province started.
    """
    kind = client_kind(ctx)
    if kind == "provincie" and supervises(ctx):
        return "provincie_toezicht"
    if ctx.result.value(CASE_KEY, OWNERSHIP) is True:
        return kind + AFTER_WISHES
    if kind != "provincie":
        # a province that holds its procedure pending the raad's choice: the raad chooses itself
        arhi = ctx.result.value(CASE_KEY, "arhi_initiatief") == ARHI_BY_PROVINCE \
            and ctx.result.value(CASE_KEY, "arhi_keuze_bij_gemeente") is not True
        return "raad_zienswijze" if arhi and kind == "raad" else kind
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
