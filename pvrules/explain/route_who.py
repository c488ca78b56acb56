"""Who takes a route step: the catalogue's ``who``, for this kind of client and this case.

A step's ``properties`` may name a ``who`` for a kind of client (``who_provincie``: in a
provincial Wet arhi procedure Provinciale Staten adopt the herindelingsadvies, not the raden)
and one for a case whose civil service is an existing werkorganisatie (``who_werkorganisatie``:
the staff are employed by the regeling, so its bestuur asks the works council, not the
colleges). The kind of client wins; then the werkorganisatie; then the step's own ``who``.
"""

from __future__ import annotations

from pvrules.explain.basics import entity_name
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.texts import client_kind
from pvrules.validate.case import CASE_KEY

SAMENWERKING = "samenwerking"
SHARED = "werkorganisatie"
"""The ``vorm`` of a collaboration that employs the whole civil service of its participants."""
OWN_STAFF = ("openbaar_lichaam", "bedrijfsvoeringsorganisatie")
"""The ``vorm`` values of a regeling that can employ staff of its own."""
REGELING = "regeling"
OPTION = "optie"
PROVINCE = "provincie"
ARHI = "wet_arhi"
"""The framework of a step of the Wet arhi procedure (``properties.frameworks``)."""


def _text(value: object) -> str:
    """A bilingual property's Dutch text, or the plain value as text."""
    return str(getattr(value, "nl", value) or "")


AWAITS_CHOICE = "arhi_keuze_bij_gemeente"
"""Derived: the province holds its procedure pending the municipality's choice (no design yet)."""


def province_leads(ctx: Ctx) -> bool:
    """Whether the province leads the Wet arhi procedure of the case.

    It started it (``arhi_initiatief``) and does not hold it pending the municipality's own
    choice: then the raad chooses its partner itself and the municipalities draw up the design
    and the advice (Wet arhi, art. 5), not Gedeputeerde and Provinciale Staten.
    """
    return (ctx.result.case.facts.get(CASE_KEY, {}).get("arhi_initiatief") == PROVINCE
            and ctx.result.value(CASE_KEY, AWAITS_CHOICE) is not True)


def provincial_arhi(ctx: Ctx, item: object) -> bool:
    """Whether ``item`` is a Wet arhi step of a procedure the province leads."""
    props = getattr(item, "properties", {})
    frameworks = [f.strip() for f in _text(props.get("frameworks")).split(",")]
    return ARHI in frameworks and province_leads(ctx)


def staff_shared(ctx: Ctx) -> bool:
    """Whether the case has an existing (or not dated) werkorganisatie that employs the staff."""
    return any(key[0] == SAMENWERKING and facts.get("vorm") == SHARED
               and facts.get("status") in (None, "bestaand")
               for key, facts in ctx.result.case.facts.items())


def staff_in_regeling(ctx: Ctx) -> bool:
    """Whether an option of the case concerns an existing regeling that can employ staff.

    That is an option whose ``bestaande_vorm`` is such a regeling (staying in it, leaving it):
    a regeling elsewhere in the case employs no one the step is about.
    """
    return any(key[0] == OPTION and facts.get("bestaande_vorm") in OWN_STAFF
               for key, facts in ctx.result.case.facts.items())


BORDER = "provinciegrens"
"""A step's ``who_provinciegrens``: for a merger option across a provincial border."""
OWN_CHOICE = "eigen_keuze"
"""A step's ``who_eigen_keuze``: the province awaits the municipality's choice (art. 5 route)."""


def crosses_border(ctx: Ctx) -> bool:
    """Whether an option of the case merges municipalities of different provinces."""
    return any(ctx.result.value(o, "provincies_verschillen") is True
               for o in ctx.entities.get(OPTION, []))


def who_for(ctx: Ctx, item: object) -> object:
    """The item's ``who``, or its ``who_<client kind>``, ``_werkorganisatie``, ``_regeling``.

    ``who_eigen_keuze`` wins where the province holds its procedure for the municipality's
    own choice, and ``who_provinciegrens`` where a merger option crosses a provincial border.
    """
    props = getattr(item, "properties", {})
    if props.get(f"who_{OWN_CHOICE}") is not None and \
            ctx.result.value(CASE_KEY, AWAITS_CHOICE) is True:
        return props.get(f"who_{OWN_CHOICE}")
    if props.get(f"who_{BORDER}") is not None and crosses_border(ctx):
        return props.get(f"who_{BORDER}")
    own = props.get(f"who_{client_kind(ctx.result.case)}")
    if own is None and provincial_arhi(ctx, item):
        own = props.get(f"who_{PROVINCE}")
    if own is None and staff_shared(ctx):
        own = props.get(f"who_{SHARED}")
    if own is None and staff_in_regeling(ctx):
        own = props.get(f"who_{REGELING}")
    return own if own is not None else getattr(item, "who", None)

MERGER = "herindeling"
"""The ``optievorm`` of a merger option."""


def _provincial_forms(ctx: Ctx) -> dict[str, object]:
    """Each option's form by its name, in a Wet arhi procedure the province started; else {}."""
    if not province_leads(ctx):
        return {}
    return {(entity_name(ctx, o) or o[1]): ctx.result.value(o, "optievorm")
            for o in ctx.entities.get(OPTION, [])}


def provincial_merger(ctx: Ctx, name: str) -> bool:
    """Whether ``name`` is a merger option in a Wet arhi procedure the province started.

    Then the client does not choose it: the province proposes and the legislature decides, so
    its block reads "Als de herindeling ‘…’ doorgaat", not "Als de raad kiest voor …".
    """
    return _provincial_forms(ctx).get(name) == MERGER


def merger_alternative(ctx: Ctx, name: str) -> bool:
    """Whether ``name`` is an alternative to the merger in a Wet arhi procedure of the province.

    It happens only if the merger does not go ahead, so its block reads "Als de herindeling
    niet doorgaat: …", not "Als de raad kiest voor …" (the raad's instrument is its
    zienswijze; Provinciale Staten advise and the legislature decides).
    """
    forms = _provincial_forms(ctx)
    return forms.get(name) not in (None, MERGER) and MERGER in forms.values()


VIEW = "raad_zienswijze"
"""The chooser kind of a raad whose instrument is its view on the province's design."""


def own_choice(ctx: Ctx, kind: str) -> str:
    """``kind``, or the plain raad where the province holds its procedure for the raad's choice.

    There is no design to give a view on: the route's blocks read "Als de raad kiest voor …".
    """
    return "raad" if kind == VIEW and ctx.result.value(CASE_KEY, AWAITS_CHOICE) is True else kind
