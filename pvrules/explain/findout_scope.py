"""Unknown facts that are no question in this case, whatever they would change (review 12).

The vocabulary's ``ask:`` (:mod:`pvrules.explain.findout_asked`) says when a fact is a
question in general; a few questions are out of scope for reasons of the case as a whole,
which an advisor would not ask (held-out real cases and review 12, Top 10 #7):

* **The organisation of municipalities that are merging** (:func:`merging`): once the
  councils have chosen a herindeling (``richting_gekozen`` and every option a herindeling),
  the finances, capacity or capacity plan of each municipality that merges changes no
  choice; the new municipality's start is in the advice itself.
* **The municipalities' own organisation where the question is about a regional body**
  (:func:`about_a_body`): the raden ask about an existing joint arrangement with a board of
  its own, and no option brings its tasks back in house or changes the municipalities
  themselves; their eenpitters, finances or financial supervision change no option there
  (held-out real case).
* **A finding nobody made** (:data:`PRESUMES`): whether a partner disputes the finding that
  its administrative strength falls short, where no such finding is on the table; whether a
  partner's administrative strength falls short, where the case has no administrative-strength
  study and a judgement names others but not this one (review 12: "Ten Boer: Schiet de
  bestuurskracht … tekort?" where the province judged Haren and Groningen only).
* **The partners' view where there are no partners** (:func:`no_partners`): an intake of
  one municipality that has not chosen anyone yet; "Zoek uit hoe de inwoners en de partners
  over een verandering denken" asks about partners that do not exist (review 12, Intake).
* **Non-governmental partners in back-office work** (:func:`back_office`): whether societal or
  private partners take part in a policy-poor task (ICT, HR, taxes, maintenance): a
  supplier there is a contract, not a partner in the collaboration.
* **Bestuurskracht where the question is about a task** (:func:`about_a_task`): every option
  chooses who carries out a task, or with what form (a centrumregeling, a regional body, each
  municipality itself), and none changes the municipalities themselves (a merger, a shared
  civil service, standing alone). Then the municipality-wide findings of a bestuurskracht study
  (capacity, vulnerability, continuity, financial position: facts the vocabulary marks
  ``ask: {study: bestuurskrachtonderzoek_gedaan}``), the province's financial supervision, and
  whether each partner's administrative strength falls short are no questions; what decides
  the task is (its funding, who runs it). A partner that is the centre municipality stays a
  question: the task rests on it (held-out real cases, session 11).
"""

from __future__ import annotations

from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.domains import Slot
from pvrules.validate.case import CASE_KEY

CHOSEN = "richting_gekozen"
"""The case fact that the councils have chosen the direction (a decision in principle)."""
FORM, MERGER = "optievorm", "herindeling"
OPTION, PARTNER, TASK = "optie", "partner", "opgave"
ORGANISATION = "organisatie"
"""The corner whose facts describe a municipality's own organisation."""
PRESUMES: dict[str, tuple[str, object]] = {
    "bestuurskracht_betwist": ("bestuurskracht_tekort", True),
}
"""A partner fact that is a question only where another fact of the same partner has a value:
"does it dispute the finding?" presumes a finding."""
STRENGTH, STUDY = "bestuurskracht_tekort", "bestuurskrachtonderzoek_gedaan"
"""A partner's administrative strength, and the case fact that a study of it exists."""
NONGOV = "niet_overheidspartners_betrokken"
"""Whether societal or private partners take part in a task."""
POLICY, POLICY_POOR = "beleidskarakter", "beleidsarm"
DOMAIN, BACK_OFFICE = "domein", frozenset(("bedrijfsvoering", "belastingen"))


ABOUT_PARTNERS = frozenset(("gedeeld_eindbeeld",))
"""Facts about the partners together that carry no ``ask.role`` (only a group member can)."""
PARTNERS_ROLE = "partners"
COLLABORATION = "samenwerking"


def out_of_scope(ctx: Ctx, slot: Slot) -> bool:
    """Whether the unknown ``slot`` is no question in this case (see the module docstring)."""
    key, fact = slot
    value = ctx.result.value
    if _about_partners(ctx, fact) and no_partners(ctx):
        return True
    presumed = PRESUMES.get(fact)
    if presumed is not None and key[0] == PARTNER and value(key, presumed[0]) != presumed[1]:
        return True
    if fact == STRENGTH and key[0] == PARTNER and value(key, CENTRE) is not True and \
            about_a_task(ctx):
        return True
    if fact == STRENGTH and key[0] == PARTNER and value(CASE_KEY, STUDY) is not True:
        return _judged_others(ctx, fact)
    if fact == NONGOV and key[0] == TASK:
        return back_office(ctx, key)
    if _organisation(ctx, fact) and key == CASE_KEY and about_a_body(ctx):
        return True
    if _bestuurskracht(ctx, fact) and key == CASE_KEY and about_a_task(ctx):
        return True
    return _organisation(ctx, fact) and key[0] in (CASE_KEY[0], PARTNER) and merging(ctx)


def _organisation(ctx: Ctx, fact: str) -> bool:
    found = ctx.kb.vocab.facts.get(fact)
    return found is not None and found.corner == ORGANISATION


def _bestuurskracht(ctx: Ctx, fact: str) -> bool:
    """Whether ``fact`` is a municipality-wide bestuurskracht finding or the supervision.

    A finding of a bestuurskracht study, or the province's financial supervision (organisation
    corner, public record).
    """
    found = ctx.kb.vocab.facts.get(fact)
    if found is None or found.corner != ORGANISATION:
        return False
    return getattr(found.ask, "study", None) == STUDY or bool(getattr(found, "lookup", False))


def _judged_others(ctx: Ctx, fact: str) -> bool:
    """Whether the case states ``fact`` of another partner: a judgement was made, not of this one.

    Without a study the judge (the province, say) named whom it found short; a partner it
    did not name is no question. Where nobody was judged, each partner's strength is one.
    """
    return any(ctx.result.value(e.key, fact) is not None
               for e in ctx.result.case.all_entities() if e.key[0] == PARTNER)


def merging(ctx: Ctx) -> bool:
    """Whether the councils have chosen a herindeling: every option of the case is one."""
    result = ctx.result
    if result.value(CASE_KEY, CHOSEN) is not True:
        return False
    forms = [result.value(e.key, FORM) for e in result.case.all_entities()
             if e.key[0] == OPTION]
    return bool(forms) and all(f == MERGER for f in forms)


def back_office(ctx: Ctx, key: tuple[str, str]) -> bool:
    """Whether task ``key`` is back-office work: policy-poor, or support services or taxes."""
    value = ctx.result.value
    return value(key, POLICY) == POLICY_POOR or value(key, DOMAIN) in BACK_OFFICE


def _about_partners(ctx: Ctx, fact: str) -> bool:
    found = ctx.kb.vocab.facts.get(fact)
    role = getattr(found.ask, "role", None) if found is not None else None
    return fact in ABOUT_PARTNERS or role == PARTNERS_ROLE


def no_partners(ctx: Ctx) -> bool:
    """Whether the case names nobody besides the client: no other partner, option or verband.

    The client is ``opdrachtgever.entiteit``, or where that is not given, the partner the
    client's name names ("Gemeentesecretaris van Westerkogge").
    """
    case = ctx.result.case
    client = case.meta.opdrachtgever
    own = set(client.entiteit) if client is not None else set()
    name = (client.naam or "").lower() if client is not None else ""
    for e in case.all_entities():
        if e.key[0] in (OPTION, COLLABORATION):
            return False
        if e.key[0] == PARTNER and e.key[1] not in own and not (
                not own and e.name and e.name.lower() in name):
            return False
    return True


BODIES = frozenset(("openbaar_lichaam", "bedrijfsvoeringsorganisatie", "gemeenschappelijk_orgaan"))
"""Collaboration forms with a board and an organisation of their own (not a werkorganisatie:
that is the municipalities' own civil service)."""
IN_HOUSE = frozenset(("zelfstandig_versterken", "ontvlechten", "uittreden", "lokaal_houden",
                      "werkorganisatie", "herindeling"))
"""Option forms that bring tasks back to the municipalities' own organisation, or change it."""


TASK_FORMS = frozenset(("convenant_netwerk", "regeling_zonder_meer", "centrumregeling",
                        "gemeenschappelijk_orgaan", "bedrijfsvoeringsorganisatie",
                        "openbaar_lichaam", "privaatrechtelijke_vorm", "lokaal_houden",
                        "relatie_beeindigen", "taken_splitsen"))
"""Option forms that choose who carries out a task and how, not the municipalities themselves."""
CENTRE = "is_centrumgemeente"


def about_a_task(ctx: Ctx) -> bool:
    """Whether every option of the case (at least one) is of a form in :data:`TASK_FORMS`."""
    result = ctx.result
    forms = [result.value(e.key, FORM) for e in result.case.all_entities()
             if e.key[0] == OPTION]
    return bool(forms) and all(f in TASK_FORMS for f in forms)


def about_a_body(ctx: Ctx) -> bool:
    """Whether the case's options are all about an existing regional body, none in house.

    An existing collaboration with a board of its own (:data:`BODIES`), at least one option,
    and no option of a form in :data:`IN_HOUSE`.
    """
    result = ctx.result
    entities = result.case.all_entities()
    if not any(e.key[0] == COLLABORATION and result.value(e.key, "vorm") in BODIES
               and result.value(e.key, "status") != "voorgenomen" for e in entities):
        return False
    forms = [result.value(e.key, FORM) for e in entities if e.key[0] == OPTION]
    return bool(forms) and not any(f in IN_HOUSE for f in forms)
