"""The decisions a raad makes, each with its options side by side (part of the one truth).

Two sources of options, both read from the knowledge base's conclusions only:

* the options on the table (entities of type ``optie``): per option its effect on
  each corner (``effect`` conclusions), its risks (``risk``), for herindeling the
  assessment per criterion of the framework in force (``criterion``; a criterion
  no rule assessed is ``?`` with the facts still unknown), and a preference only
  where a ``prefer`` conclusion exists — otherwise the raad chooses;
* the choice of a form per target (an exclusive catalogue such as the forms of
  collaboration): every form some rule speaks about, its effect per corner being
  what speaks for (+) or against (−) it in that corner.

An option with no effect on any corner is not shown; the decision's text says so.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from pvrules.compile.ir import CASE, CompiledRule
from pvrules.explain.answer_gates import asks_about_merger
from pvrules.explain.basics import (
    DIRECTION_CHOSEN,
    corner_ids,
    entity_name,
    fact_name,
    in_sentence,
    strength_of,
    uncertain_grounds,
)
from pvrules.explain.blame import blame
from pvrules.explain.chooser import FORM_FACT, chooser, chooser_kind, number, raad_chooses
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import (
    AnalysisRow,
    Criterion,
    Decision,
    Effect,
    OptionRow,
    Preference,
    Risk,
)
from pvrules.explain.option_parts import folded, part_partners, parts_of
from pvrules.explain.option_reasons import also
from pvrules.explain.risk_lines import ASPECT, with_tails
from pvrules.explain.risk_replace import replaced
from pvrules.explain.route_chosen import chosen_row
from pvrules.explain.sentences import first_sentence
from pvrules.infer.kleene import evaluate
from pvrules.infer.result import Applied, Firing
from pvrules.validate.case import CASE_KEY, EntityKey

if TYPE_CHECKING:
    from pvrules.explain.registry import Registry

OPTION_ENTITY = "optie"
HERINDELING = "herindeling"
FUTURE = "bestuurlijke_toekomst"
UNKNOWN = "?"


def decisions(ctx: Ctx, reg: Registry) -> tuple[Decision, ...]:
    """Every decision: the options on the table first, then the forms per target."""
    out: list[Decision] = []
    table = _table(ctx, reg)
    if table is not None:
        out.append(table)
    out.extend(_forms(ctx, reg))
    return tuple(out)


def _text(ctx: Ctx, firing: Firing) -> str:
    steps = ctx.builder.steps_for([firing.key])
    return first_sentence(steps[-1].text) if steps else ""


def _conclusions(ctx: Ctx, target: EntityKey, kinds: tuple[str, ...]
                 ) -> list[tuple[Firing, Applied]]:
    """Conclusions of ``kinds`` for ``target``, strongest rule first, then rule order."""
    found = [(f, c) for f in ctx.result.firings for c in f.conclusions
             if c.kind in kinds and c.target == target]
    found.sort(key=lambda fc: (-ctx.kb.rule(fc[0].rule_id).priority,
                               ctx.kb.rule(fc[0].rule_id).index))
    return found


# -- the options on the table ------------------------------------------------------------

HEADING_WORDS = 12
"""A question longer than this many words is not used as a heading."""


def _table(ctx: Ctx, reg: Registry) -> Decision | None:
    options = ctx.entities.get(OPTION_ENTITY, [])
    if not options:
        return None
    rows: list[OptionRow] = []
    hidden: list[str] = []
    best: tuple[int, OptionRow, str] | None = None
    for key in options:
        row, pref = _option(ctx, reg, key)
        if not row.effects:
            hidden.append(row.label)
            continue
        rows.append(with_tails(ctx, _said_before(ctx, row, rows)))
        if pref is not None and row.preference == "advised" and \
                (best is None or pref[0] > best[0]):
            best = (pref[0], row, pref[1])
    rows, best, not_chosen = chosen_row(ctx, rows, best)  # the raden chose: its row alone
    preference = None
    if best is not None:
        preference = Preference(best[1].id, strength_of(ctx, best[0])[0], best[2])
    chosen = ctx.result.case.facts.get(CASE_KEY, {}).get(DIRECTION_CHOSEN) is True
    text = (ctx.msg("options.chosen" if chosen and len(rows) == 1 else "options.preference",
                    option=best[1].label, why=best[2])
            if best is not None else
            raad_chooses(ctx, [r for r in rows if r.preference == "advised_against"],
                         [r for r in rows if r.preference != "advised_against"]))
    if hidden:
        text += " " + ctx.msg("options.hidden", options=ctx.msg.join(hidden))
    text += not_chosen
    question = ctx.result.case.meta.vraag or ctx.msg("options.question_future")
    return Decision(FUTURE, question, chooser(ctx), preference, tuple(rows), text, None,
                    _heading(ctx, question, rows), chooser_kind(ctx))


SAID_BEFORE = 120
"""An aspect text at least this long that an earlier option has word for word is referred to."""


def _said_before(ctx: Ctx, row: OptionRow, rows: list[OptionRow]) -> OptionRow:
    """``row`` with a long cost or risk text an earlier row has verbatim said as "as for X".

    Two herindeling options share their cost line word for word; the reader gets it once.
    """
    risks = []
    for risk in row.risks:
        same = next((r for r in rows if any(k.id == risk.id and k.reason == risk.reason
                                            for k in r.risks)), None)
        risks.append(dataclasses.replace(risk, reason=ctx.msg("options.same_as", option=same.label))
                     if same is not None and len(risk.reason) >= SAID_BEFORE else risk)
    return dataclasses.replace(row, risks=tuple(risks))


def _heading(ctx: Ctx, question: str, rows: list[OptionRow]) -> str:
    """A short heading: the question when short, else the choice it is about."""
    if len(question.split()) <= HEADING_WORDS:
        return question
    if len(rows) == 1:  # one option: the direction the raad has chosen, or the only one
        chosen = ctx.result.value(CASE_KEY, DIRECTION_CHOSEN) is True
        return ctx.msg("options.heading_chosen" if chosen else "options.heading_one",
                       a=in_sentence(ctx, rows[0].label))
    if len(rows) == 2:
        return ctx.msg("options.heading_two", a=in_sentence(ctx, rows[0].label),
                       b=in_sentence(ctx, rows[1].label))
    return ctx.msg("options.heading_many", n=number(ctx, len(rows)))


def _option(ctx: Ctx, reg: Registry, key: EntityKey
            ) -> tuple[OptionRow, tuple[int, str] | None]:
    case, vocab = ctx.result.case, ctx.kb.vocab
    ent = case.entity(key)
    label = ent.name if ent else key[1]
    form_value = ctx.result.value(key, FORM_FACT) if FORM_FACT in vocab.facts else None
    form = str(form_value) if isinstance(form_value, str) else None
    partners = _partners(ctx, key)
    chain_keys: list[tuple[str, EntityKey | None]] = []
    effects = _concluded(ctx, reg, key, chain_keys)
    parts = parts_of(ctx, key)
    if parts:  # an option that splits the tasks: what each part means, per corner
        effects = folded(ctx, corner_ids(ctx), effects, parts,
                         lambda part: _concluded(ctx, reg, part, chain_keys),
                         lambda part, corner: _open_effect(ctx, part, corner))
        partners = tuple(dict.fromkeys((*partners, *part_partners(ctx, parts))))
    for corner in corner_ids(ctx) if not parts else ():
        if corner not in effects:
            pending = _open_effect(ctx, key, corner)
            if pending:
                effects[corner] = Effect(UNKNOWN, ctx.msg(
                    "effect.depends_on", facts=ctx.msg.join(list(pending))))
    if effects:  # a row in the table: never an empty cell, a dash reads as "worse" (−)
        for corner in corner_ids(ctx):
            effects.setdefault(corner, Effect(UNKNOWN, ctx.msg("effect.not_judged")))
    effects = {c: effects[c] for c in corner_ids(ctx) if c in effects} | \
        {c: e for c, e in effects.items() if c not in corner_ids(ctx)}
    risks: list[Risk] = []
    for firing, concl in [*_conclusions(ctx, key, ("risk",)),
                          *(fc for part in parts for fc in _conclusions(ctx, part, ("risk",)))]:
        if _judged_in_column(ctx, concl.name, effects):
            continue
        if all(r.id != concl.name for r in risks):
            risks.append(Risk(concl.name, ctx.kb.item(concl.name).label.get(ctx.lang),
                              _risk_text(ctx, firing)))
    risks = _aspects_first(ctx, replaced(ctx, risks))
    criteria = _criteria(ctx, key, form)
    preference: str | None = None
    pref: tuple[int, str] | None = None
    source = ""
    for firing, concl in _conclusions(ctx, key, ("prefer",)):
        if preference is None:
            preference = concl.name if concl.name in ("advised", "advised_against") else None
            pref = (concl.strength, _text(ctx, firing))
            cited = reg.cite(ctx.kb.entries[firing.rule_id].spec.sources)
            source = reg.short(cited[0]) if cited else ""
        elif pref is not None and concl.name == preference == "advised_against":
            more = _text(ctx, firing)
            joined = also(pref[1], more)
            cited = reg.cite(ctx.kb.entries[firing.rule_id].spec.sources)
            if joined != pref[1] and cited and source and reg.short(cited[0]) != source:
                # each reason keeps its own source: the first one's number inside the sentence
                number = source.rsplit(" [", 1)[-1]
                joined = also(f"{pref[1].rstrip(' .')} [{number}", more)
                source = reg.short(cited[0])
            pref = (pref[0], joined)
    if preference == "advised_against" and not asks_about_merger(ctx):
        criteria = _decisive(criteria)
    row = OptionRow(key[1], label, form, partners, effects, tuple(risks), criteria,
                    preference, reg.chain(chain_keys) if chain_keys else None,
                    pref[1] if pref else "", source)
    return row, pref


def _concluded(ctx: Ctx, reg: Registry, key: EntityKey,
               chain_keys: list[tuple[str, EntityKey | None]]) -> dict[str, Effect]:
    """The effects rules concluded for ``key`` (an option or a part), per corner.

    The firings that carry them are added to ``chain_keys`` (the chain of reasoning).
    """
    effects: dict[str, Effect] = {}
    for firing, concl in _conclusions(ctx, key, ("effect",)):
        if concl.name in effects or concl.value not in ("+", "0", "-"):
            continue
        sign, reason = _certain(ctx, firing, str(concl.value), _text(ctx, firing))
        effects[concl.name] = Effect(sign, reason, tuple(dict.fromkeys(
            (*reg.stated_sources(firing.key),
             *reg.cite(ctx.kb.entries[firing.rule_id].spec.sources)))))
        chain_keys.append(firing.key)
    return effects


def _aspects_first(ctx: Ctx, risks: list[Risk]) -> list[Risk]:
    """``risks`` with the aspects of the assessment frame first, in catalogue order.

    Costs, reversibility, vulnerability and regional position read as one frame per option
    (the same order for every option); the risks proper follow in their own order.
    """
    order = {item: i for i, item in enumerate(ctx.kb.catalogues.items)}
    aspects = sorted((r for r in risks if r.id.startswith(ASPECT)),
                     key=lambda r: order.get(r.id, len(order)))
    return aspects + [r for r in risks if not r.id.startswith(ASPECT)]


def _decisive(criteria: tuple[Criterion, ...]) -> tuple[Criterion, ...]:
    """For an option the advice advises against: only the criteria that carry that (−).

    Such an option is not worked out further, so what is still unknown about its other
    criteria is not a question for the client — unless the question asks about a
    herindeling: then the raden need the whole first test, with what is still unknown.
    """
    return tuple(c for c in criteria if c.score == "-")


def _risk_text(ctx: Ctx, firing: Firing) -> str:
    """The rule's first sentence as a risk's reason; none for several risks or a label-only one.

    One text cannot say why each of several risks applies ("verlies van nabijheid: de
    samenvoeging kost eenmalig geld"); the label then stands alone.
    """
    if sum(1 for c in firing.conclusions if c.kind == "risk") > 1:
        return ""
    if any(c.kind == "risk" and LABEL_ONLY in ctx.kb.item(c.name).properties
           for c in firing.conclusions):
        return ""
    return _text(ctx, firing)


LABEL_ONLY = "label_only"
"""Catalogue property of a risk item whose label says its cause: listed without the reason."""


JUDGED_IN = "judged_in"
"""Catalogue property of a risk item: the corner whose column already judges this aspect."""


def _judged_in_column(ctx: Ctx, item: str, effects: dict[str, Effect]) -> bool:
    """Whether the aspect ``item`` is already judged in a corner column of the option's row.

    An aspect of the assessment frame (``properties.judged_in: <corner id>``, e.g. the
    vulnerability an option leaves, judged in the organisation column) is not repeated under
    costs and risks when that column has a judgement (+, 0 or −); only when it is empty or
    "?" does the aspect say what the column cannot.
    """
    corner = ctx.kb.item(item).properties.get(JUDGED_IN)
    if corner is None:
        return False
    effect = effects.get(corner.get("nl"))
    return effect is not None and effect.sign != UNKNOWN


def _certain(ctx: Ctx, firing: Firing, sign: str, reason: str) -> tuple[str, str]:
    """``sign`` and ``reason``; a "+" or "−" that rests only on uncertain facts becomes "?".

    The reason then says so, with the case's own ``bron`` of those facts where it has one
    ("of zij na de bundeling is verminderd, is niet onderzocht").
    """
    if sign not in ("+", "-"):
        return sign, reason
    only, said = uncertain_grounds(ctx, [firing.key], firing.focus)
    if not only:
        return sign, reason
    note = (ctx.msg("certainty.uncertain_because", why="; ".join(said)) if said
            else ctx.msg("certainty.uncertain"))
    # the claim without its qualifiers: the cell withholds the verdict anyway
    claim = reason.split(";", maxsplit=1)[0].rstrip(" .")
    return UNKNOWN, f"{claim}. {note}".strip() if claim else note


def _partners(ctx: Ctx, key: EntityKey) -> tuple[str, ...]:
    vocab, case = ctx.kb.vocab, ctx.result.case
    for fact in vocab.facts_of(key[0]):
        ref = getattr(fact, "ref", None)
        if fact.type == "list" and ref:
            value = ctx.result.value(key, fact.id)
            if isinstance(value, tuple):
                names = []
                for ident in value:
                    other = case.entity((ref, str(ident)))
                    names.append(other.name if other else str(ident))
                return tuple(names)
    return ()


def _criteria(ctx: Ctx, key: EntityKey, form: str | None) -> tuple[Criterion, ...]:
    """Every criterion assessed for the option; for herindeling every criterion in force."""
    cats = ctx.kb.catalogues
    roles = getattr(cats, "items_of", None)
    assessed: dict[str, Criterion] = {}
    for firing, concl in _conclusions(ctx, key, ("criterion",)):
        if concl.name in assessed:
            continue
        score = str(concl.value) if concl.value is not None else "?"
        unknown = _unknown_for(ctx, key, concl.name) if score == "?" else ()
        score, reason = _certain(ctx, firing, score, _text(ctx, firing))
        assessed[concl.name] = Criterion(concl.name, ctx.kb.item(concl.name).label.get(ctx.lang),
                                         score, reason, unknown)
    if form == HERINDELING and roles is not None:
        from pvrules.explain.agenda import in_force

        for crit in roles("criterion"):
            item = ctx.kb.item(crit)
            if crit in assessed or not in_force(ctx, item):
                continue
            assessed[crit] = Criterion(crit, item.label.get(ctx.lang), "?",
                                       ctx.msg("criterion.not_assessed"),
                                       _unknown_for(ctx, key, crit))
    order = {c: i for i, c in enumerate(cats.items)}
    return tuple(sorted(assessed.values(), key=lambda c: order.get(c.id, 0)))


def _unknown_for(ctx: Ctx, key: EntityKey, criterion: str) -> tuple[str, ...]:
    """The unknown facts that keep the rules able to assess ``criterion`` from applying.

    In plain words, each once (:func:`pvrules.explain.unknown_words.plain_unknowns`).
    """
    from pvrules.explain.unknown_words import plain_unknowns

    rules = _rules_concluding(ctx, "criterion", criterion)
    slots = unknown_slots_of(ctx, rules, key, undecided_only=False, not_ruled_out=True)
    return plain_unknowns(ctx, slots, key)


def _open_effect(ctx: Ctx, key: EntityKey, corner: str) -> tuple[str, ...]:
    """The unknown facts on which an effect of the option ``key`` on ``corner`` depends.

    Only rules for options whose condition is still undecided (neither true nor false
    with what the case says) count: they would conclude an effect once those are known.
    In plain words (:func:`pvrules.explain.unknown_words.plain_unknowns`).
    """
    from pvrules.explain.unknown_words import plain_unknowns

    rules = _rules_concluding(ctx, "effect", corner)
    return plain_unknowns(ctx, unknown_slots_of(ctx, rules, key, undecided_only=True), key,
                          capital=False)


def _rules_concluding(ctx: Ctx, kind: str, name: str) -> list[CompiledRule]:
    """The rules with a conclusion of ``kind`` (criterion, effect) about ``name``."""
    return [r for r in ctx.kb.rules
            if any(getattr(c, "kind", None) == kind and getattr(c, "name", None) == name
                   for c in r.conclusions)]


def unknowns_of(ctx: Ctx, rules: list[CompiledRule], key: EntityKey, *,
                undecided_only: bool = True) -> tuple[str, ...]:
    """The unknown facts (in people's words) that ``rules``, tried for ``key``, still wait on.

    The names of :func:`unknown_slots_of`, each once; the entity ``key`` is not named again.
    """
    out: list[str] = []
    for slot in unknown_slots_of(ctx, rules, key, undecided_only=undecided_only):
        name = fact_name(ctx, slot, key)
        if name not in out:
            out.append(name)
    return tuple(out)


def unknown_slots_of(ctx: Ctx, rules: list[CompiledRule], key: EntityKey, *,
                     undecided_only: bool = True, not_ruled_out: bool = False
                     ) -> tuple[tuple[EntityKey, str], ...]:
    """The unknown facts that ``rules``, tried for ``key``, still wait on, as slots.

    With ``undecided_only``, only rules whose condition is neither true nor false with what
    the case says count (rules for another kind of entity than ``key`` are skipped); with
    ``not_ruled_out``, all but those already false. Facts the vocabulary does not ask (``ask:``, see
    :func:`pvrules.explain.findout_items.asked`) are left out, unless nothing else is unknown.
    An aggregate stands for the unknown facts it is computed of.
    """
    from pvrules.explain.findout_items import asked
    from pvrules.explain.option_unknowns import derived_of, underlying

    out: list[tuple[EntityKey, str]] = []
    quiet: list[tuple[EntityKey, str]] = []
    for rule in rules:
        env = _env(rule, key)
        if undecided_only and ((rule.focus_entity or CASE) != key[0] or evaluate(
                rule.condition, env, ctx.result.values, ctx.entities) is not None):
            continue
        values = ctx.result.values
        if not_ruled_out and evaluate(rule.condition, env, values, ctx.entities) is False:
            continue  # it cannot apply, whatever the unknown facts turn out to be
        found = blame(rule.condition, env, ctx.result.values, ctx.entities)
        if found is None:
            continue
        for fail in found.failures():
            if fail.actual is None:
                into = out if asked(ctx, fail.slot) else quiet
                through = derived_of(ctx, fail.slot, unknown_slots_of)
                for slot in through or underlying(ctx, fail.slot):
                    where = (out if asked(ctx, slot) else quiet) if through else into
                    if slot not in where:
                        where.append(slot)
    return tuple(out) if out else tuple(quiet)


def _env(rule: CompiledRule, key: EntityKey) -> dict[str, EntityKey]:
    env: dict[str, EntityKey] = {CASE: CASE_KEY}
    if rule.focus is not None and rule.focus_entity == key[0]:
        env[rule.focus] = key
    return env


# -- the choice of a form per target -----------------------------------------------------


def _forms(ctx: Ctx, reg: Registry) -> list[Decision]:
    cats = ctx.kb.catalogues
    recs = {(r.item, r.target_key): r for r in ctx.advice.recommendations}
    corners = corner_ids(ctx)
    fact_corner = {f.id: f.corner for f in ctx.kb.vocab.facts.values() if f.corner}
    out: list[Decision] = []
    for cat_id, header in cats.headers.items():
        if not header.exclusive or getattr(header, "role", "item") != "item":
            continue
        items = [i for i, c in cats.item_catalogue.items() if c == cat_id]
        for target in ctx.order:
            spoken = [i for i in items if (i, target) in recs]
            if not spoken:
                continue
            rows: list[OptionRow] = []
            hidden: list[str] = []
            preference = None
            for item in spoken:
                rec = recs[(item, target)]
                effects = _form_effects(ctx, reg, item, target, fact_corner, corners)
                pref = {"recommended": "advised", "advised_against": "advised_against"}.get(
                    rec.status)
                if not effects:
                    hidden.append(rec.label)
                    continue
                rows.append(OptionRow(item, rec.label, item, (), effects, (), (), pref))
                if rec.status == "recommended":
                    why = rec.reasoning[-1].text if rec.reasoning else ""
                    preference = Preference(item, strength_of(ctx, _rank(rec.strength))[0],
                                            first_sentence(why))
            if len(rows) < 2:
                continue  # one form in the table is no choice: its recommendation says it
            ent = entity_name(ctx, target)
            label = header.label.get(ctx.lang)
            question = (ctx.msg("options.question_form_for", what=label, target=ent) if ent
                        else ctx.msg("options.question_form", what=label))
            text = (ctx.msg("options.preference",
                            option=cats.items[preference.option].label.get(ctx.lang),
                            why=preference.why)
                    if preference else raad_chooses(ctx, []))
            if hidden:
                text += " " + ctx.msg("options.hidden", options=ctx.msg.join(hidden))
            out.append(Decision(f"{cat_id}@{target[1]}", question, chooser(ctx), preference,
                                tuple(rows), text, target=ent,
                                heading=_heading(ctx, question, rows),
                                chooser_kind=chooser_kind(ctx)))
    return out


def _rank(strength: str) -> int:
    return {"zwak": 1, "middel": 2, "sterk": 3}.get(strength, 2)


def _form_effects(ctx: Ctx, reg: Registry, item: str, target: EntityKey,
                  fact_corner: dict[str, str], corners: tuple[str, ...]) -> dict[str, Effect]:
    """Per corner: + when what speaks for the form rests on that corner, − when against."""
    found: dict[str, list[tuple[str, int, str, tuple[str, ...]]]] = {}
    for firing in ctx.result.firings:
        for concl in firing.conclusions:
            if concl.name != item or concl.target != target or \
                    concl.kind not in ("recommend", "against"):
                continue
            sign = "+" if concl.kind == "recommend" else "-"
            touched = {fact_corner[f] for _t, f, _v in firing.matched if f in fact_corner}
            sources = ctx.kb.entries[firing.rule_id].spec.sources
            for corner in touched:
                found.setdefault(corner, []).append((sign, concl.strength, _text(ctx, firing),
                                                     sources))
    effects: dict[str, Effect] = {}
    for corner in corners:
        args = found.get(corner)
        if not args:
            continue
        strongest = max(args, key=lambda a: (a[1], a[0] == "-"))
        reason = " ".join(dict.fromkeys(a[2] for a in args if a[2]))
        effects[corner] = Effect(strongest[0], reason,
                                 reg.cite(s for a in args for s in a[3]))
    return effects


# -- the analysis per opgave -------------------------------------------------------------


def analysis(ctx: Ctx, reg: Registry) -> tuple[AnalysisRow, ...]:
    """Per entity that a choice of form is made for (the opgaven): the advised form and why.

    With the scale, partners and target group (tasks.profile) and the verband it runs in now.

    When no form follows, ``why`` names the facts of that entity still unknown that the
    rules about its form read.
    """
    from pvrules.explain.tasks import existing, profile
    from pvrules.explain.unknown_words import subject

    cats = ctx.kb.catalogues
    forms = [c for c, h in cats.headers.items()
             if h.exclusive and getattr(h, "role", "item") == "item"]
    kinds = {t for c in forms for t in cats.headers[c].targets if t != CASE}
    recs = {(r.item, r.target_key): r for r in ctx.advice.recommendations}
    out: list[AnalysisRow] = []
    for key in ctx.order:
        if key[0] not in kinds:
            continue
        ent = ctx.result.case.entity(key)
        label = ent.name if ent else key[1]
        chosen = next((recs[(i, key)] for c in forms for i, cat in cats.item_catalogue.items()
                       if cat == c and (i, key) in recs
                       and recs[(i, key)].status == "recommended"), None)
        if chosen is not None:
            why = first_sentence(chosen.reasoning[-1].text) if chosen.reasoning else ""
            keys = [f.key for f in ctx.result.firings if f.rule_id in chosen.rules_for
                    and any(c.name == chosen.item and c.target == key for c in f.conclusions)]
            out.append(AnalysisRow(key[1], label, chosen.item, chosen.label, why,
                                   reg.chain(keys), cats.item_catalogue.get(chosen.item),
                                   profile(ctx, key), existing(ctx, key),
                                   reg.cited_at(key, "in_bestaand_verband")))
            continue
        items = {i for i, cat in cats.item_catalogue.items() if cat in forms}
        read = {f for r in ctx.kb.rules for _e, f in r.reads
                if any(getattr(c, "item", None) in items for c in r.conclusions)}
        missing = [subject(ctx, f.id)[0]  # clauses: "hangt nog af van hoe … is"
                   for f in ctx.kb.vocab.facts_of(key[0])
                   if f.id in read and f.origin == "input" and ctx.result.value(key, f.id) is None]
        runs = (ctx.result.value(key, "in_bestaand_verband") is True  # options weigh its future
                and bool(ctx.entities.get(OPTION_ENTITY)))
        now = existing(ctx, key) if runs else ""
        why = (ctx.msg("analysis.runs_now") if runs else ctx.msg("analysis.missing", facts=
               ctx.msg.join(missing)) if missing else ctx.msg("analysis.no_form"))
        out.append(AnalysisRow(key[1], label, None, ctx.msg("analysis.now") if now else None, why,
                               about=profile(ctx, key), where=now, sources=reg.cited_at(
                                   key, "in_bestaand_verband") if now else ()))
    return tuple(out)
