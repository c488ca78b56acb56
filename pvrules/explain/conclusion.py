"""Conclusie en advies: the argued close of the advice, before the route.

One paragraph, built from the decisions only (never a verdict of its own):

1. what the analysis shows per corner of the triangle: a corner at the weakest level with
   the clause of its reason that states the cause (a fact the rule that set the level
   matched), whole or not at all, the others by level in one sentence each, the unknown
   ones together ("nog niet te beoordelen");
2. the options: the one the sources prefer and why, those they advise against and why,
   and of the options left open those that cost a corner, with what they gain and cost
   (every option left open: one sentence, from the cells of §4), then who chooses — the
   advisor does not choose for the raad, and calls the choice political only when the
   options trade corners; the one way left that costs a corner is a bridge, not an end;
3. not the route: chapter 7 follows right after, and a step repeated here would repeat
   its errors too;
4. the advice: the key recommendations of §1 by reference ("de vijf kernaanbevelingen
   van hoofdstuk 1"), not repeated; "daarom" only after a weak corner or the options.

It is one paragraph: the body of the longer examples must stay within 8 A4 pages.
In English an option's Dutch label is glossed once (:func:`~pvrules.explain.answer_gates.glossed`).
"""

from __future__ import annotations

import re

from pvrules.explain.answer_decider import who_decides
from pvrules.explain.answer_gates import glossed
from pvrules.explain.basics import (
    DIRECTION_CHOSEN,
    corner_label,
    council,
    in_sentence,
    level_fact,
    lower_first,
)
from pvrules.explain.chooser import number
from pvrules.explain.conclusion_chosen import chosen_course
from pvrules.explain.conclusion_compare import dominant, gains, trades, unknowns
from pvrules.explain.conclusion_focus import focus
from pvrules.explain.conclusion_keys import advised, aims
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import (
    CornerLevel,
    Decision,
    OptionRow,
    RecItem,
    RouteStep,
    Triangle,
)
from pvrules.explain.sentences import first_sentence
from pvrules.validate.case import CASE_KEY

MAX_CLAUSE = 160
"""A reason longer than this many characters is not said in §6 (never cut: see :func:`_clause`)."""


def _clauses(text: str) -> list[str]:
    """The clauses of ``text``'s first sentence: split at ``;`` outside brackets."""
    first = first_sentence(text).rstrip(".")
    out, depth, start = [], 0, 0
    for i, c in enumerate(first):
        depth += (c == "(") - (c == ")")
        if c == ";" and depth == 0:
            out.append(first[start:i].strip())
            start = i + 1
    out.append(first[start:].strip())
    return [c for c in out if c]


def _clause(text: str, level: str = "") -> str:
    """The finding of ``text``: its first clause (up to ``;``), whole, and up to a colon.

    When what comes before the colon only repeats ``level`` ("X is zwak: de continuïteit
    is laag"), what follows it is the finding. A clause is never cut (an enumeration such
    as "laag in A, hoog in B en C" is one unit): one longer than :data:`MAX_CLAUSE` gives
    ``""``, and the caller says its sentence without the reason.
    """
    clauses = _clauses(text)
    return _finding_of(clauses[0], level) if clauses else ""


def _finding_of(clause: str, level: str = "") -> str:
    """``clause`` after a colon that only repeats ``level``; ``""`` when too long."""
    colon = _outside_brackets(clause, ":")
    if colon >= 0:
        before = clause[:colon].strip()
        clause = clause[colon + 1:].strip() if level and before.endswith(level) else before
    return lower_first(clause) if len(clause) <= MAX_CLAUSE else ""


def _opening(text: str) -> str:
    """The first four words of ``text``: enough to find a message in a longer text."""
    return " ".join(text.split()[:4])


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _the(ctx: Ctx, corners: str) -> str:
    """Corners opening a sentence: "De publieke waarde", "Public value"."""
    return _upper(ctx.msg("conclusion.the", corner=lower_first(corners)))


def _outside_brackets(text: str, char: str) -> int:
    """The index of the first ``char`` in ``text`` outside brackets, or -1."""
    depth = 0
    for i, c in enumerate(text):
        depth += (c == "(") - (c == ")")
        if c == char and depth == 0:
            return i
    return -1


def _heads(ctx: Ctx, corner: str) -> tuple[set[str], set[str]]:
    """The head words of ``corner``'s facts: (those the rule that set its level matched, others).

    A fact's head word is the first word of its label ("draagvlak", "rechtmatigheid"): how
    a rule's sentence names it.
    """
    fact_id = level_fact(ctx, corner)
    derived = ctx.result.derived.get((CASE_KEY, fact_id)) if fact_id else None
    by = derived.by if derived is not None else None
    matched = next((f.matched for f in ctx.result.firings if f.key == by), ())
    grounds = {fact for _t, fact, value in matched if value is not None}
    heads: tuple[set[str], set[str]] = (set(), set())
    for fact in ctx.kb.vocab.facts.values():
        if getattr(fact, "corner", None) == corner and fact.origin == "input" \
                and fact.label is not None:
            word = fact.label.get(ctx.lang).split()[0].split("-")[0].lower()
            heads[fact.id not in grounds].add(word)
    return heads[0], heads[1] - heads[0]


def _mentions(clause: str, heads: set[str]) -> bool:
    """Whether a word of ``clause`` starts with one of ``heads``."""
    return any(w.startswith(h) for w in re.findall(r"[\w-]+", clause.lower()) for h in heads)


def _cause(ctx: Ctx, corner: CornerLevel) -> str:
    """The clause of ``corner``'s reason that states the cause of its level, or ``""``.

    The reason's first clause, unless it speaks only of facts the rule that set the level
    did not match (the support levels, when the roles made legitimacy weak): then the first
    clause that speaks of a fact it matched, else no reason (never a wrong one).
    """
    clauses = _clauses(corner.reason)
    if not clauses:
        return ""
    grounds, others = _heads(ctx, corner.id)
    chosen = clauses[0]
    if grounds and not _mentions(chosen, grounds) and _mentions(chosen, others):
        chosen = next((c for c in clauses[1:] if _mentions(c, grounds)), "")
    return _finding_of(chosen, corner.level) if chosen else ""


def corners(ctx: Ctx, tri: Triangle) -> str:
    """Paragraph 1: what the analysis shows per corner.

    When every corner is at the weakest level, one sentence (§3.2 gives each finding). Else
    a corner at the weakest level gets its finding ("De organisatie is zwak: …"); the
    other corners share one sentence per level ("De publieke waarde en legitimiteit zijn
    sterk."), and the corners that cannot be judged yet one sentence.
    """
    out: list[str] = []
    levels: dict[str, list[str]] = {}
    if len(tri.corners) > 2 and all(c.rank == 0 for c in tri.corners):  # §3.2 gives each why
        out.append(ctx.msg("conclusion.all_weak"))
        if any(_opening(ctx.msg("certainty.corner_uncertain")) in c.reason for c in tri.corners):
            out.append(ctx.msg("conclusion.corner_uncertain"))
        return " ".join(out)
    for c in tri.corners:
        if c.rank == 0:
            why = _cause(ctx, c)
            for own in {ctx.msg(k, corner=lower_first(c.label)).lower() + " "
                        for k in ("conclusion.the", "conclusion.the_own")}:
                if why.lower().startswith(own):  # "De organisatie is zwak: zij kan …"
                    why = f"{ctx.msg('conclusion.pronoun')} {why[len(own):]}"
            out.append(ctx.msg("conclusion.corner" if why else "conclusion.corner_plain",
                               corner=_the(ctx, c.label), level=c.level, why=why))
            if _opening(ctx.msg("certainty.corner_uncertain")) in c.reason:
                out.append(ctx.msg("conclusion.corner_uncertain"))
        else:
            key = "" if c.rank is None else c.level
            levels.setdefault(key, []).append(lower_first(c.label))
    for level, names in sorted(levels.items(), key=lambda lv: not lv[0]):  # unknown last
        kind = "conclusion.corner_unknown" if not level else "conclusion.corner_level"
        out.append(ctx.msg(kind if len(names) == 1 else f"{kind}s",
                           corners=_the(ctx, ctx.msg.join(names)), level=level))
    return " ".join(out)


ASPECT = "aspect"
"""The catalogue property of a trade-off every option has (costs, reversibility): no risk."""


FORM_FACT = "optievorm"
"""The option's form: a risk concluded from it alone is one every option of that form has."""


def _own(ctx: Ctx, row: OptionRow, risk: str) -> bool:
    """Whether a rule concluded ``risk`` for ``row`` from a fact beyond the option's form.

    Financial weakness of a partner, a contested judgment or a provincial procedure tie a
    risk to this case; the transition costs every herindeling carries do not, nor does a
    gate fact the vocabulary marks ``ground: false``.
    """
    vocab = ctx.kb.vocab
    return any(fact != FORM_FACT and _grounds(vocab.facts.get(fact))
               for f in ctx.result.firings
               if any(c.kind == "risk" and c.name == risk and c.target == (OPTION, row.id)
                      for c in f.conclusions)
               for _key, fact, _value in f.matched)


OPTION = "optie"


def _grounds(fdef: object) -> bool:
    """Whether a fact may be a reason: unknown facts may, ``ground: false`` gates never."""
    return fdef is None or bool(getattr(fdef, "ground", True))


def risk_cause(ctx: Ctx, row: OptionRow, risk: str) -> str:
    """Why ``risk`` is this option's own, in words: the case fact the rule matched, or ``""``.

    A fact aggregated over the option's partners (the weakest financial position) names the
    partners that have that value: "de financiële positie van A is laag".
    """
    vocab = ctx.kb.vocab
    names = {e.key: e.name for e in ctx.result.case.all_entities()}
    for f in ctx.result.firings:
        if not any(c.kind == "risk" and c.name == risk and c.target == (OPTION, row.id)
                   for c in f.conclusions):
            continue
        for ent, fact, value in f.matched:
            fdef = vocab.facts.get(fact)
            agg = fdef.aggregate if fdef is not None else None
            if fact == FORM_FACT or value is None or isinstance(value, tuple) or agg is None \
                    or agg.of is None or ent[0] != OPTION:
                continue
            if vocab.facts[agg.of].type == "bool":
                continue  # "de centrumgemeente van A is ja" says nothing a reader can use
            if vocab.facts[agg.of].type == "level" and isinstance(value, int) \
                    and 2 * value >= len(vocab.value_defs(vocab.facts[agg.of])) - 1:
                continue  # a level at or above the middle ("commitment hoog") is no cause
            ref = vocab.facts[agg.over].ref
            members = ctx.result.value(ent, agg.over)
            if ref is None or not isinstance(members, tuple):
                continue
            who = [names[(ref, str(m))] for m in members
                   if ctx.result.value((ref, str(m)), agg.of) == value and (ref, str(m)) in names]
            of = vocab.facts[agg.of]
            if who and of.label is not None:
                return ctx.msg("conclusion.cause_of", fact=_subject(of.label.get(ctx.lang), ref),
                               who=ctx.msg.join(who),
                               value=vocab.display(agg.of, value, ctx.lang))
    return ""


def _subject(label: str, entity: str) -> str:
    """A fact's label as the subject of a clause, without its entity's name.

    "Financiële positie partner" is "financiële positie"; "Partner's financial position" is
    "financial position".
    """
    words = [w for w in label.split() if not w.lower().startswith(entity.lower())]
    return lower_first(" ".join(words))


def _risk(ctx: Ctx, row: OptionRow, unknown: bool = True) -> str:
    """", met als risico: <its own risk>, want <cause>" for ``row``, or what it leaves open.

    The trade-offs every option has, such as costs, are not its own risk. The risk said is
    one a rule concluded from a fact of this case or option beyond its form, with its cause:
    the partners whose fact the rule matched (:func:`risk_cause`), else the clause of its
    reason that says why (:func:`reason_cause`). Without such a risk, the corners whose effect
    is still unknown are said instead (when ``unknown``), else nothing.
    """
    own = [r for r in row.risks if ASPECT not in
           (getattr(ctx.kb.catalogues.items.get(r.id), "properties", None) or {})
           and _own(ctx, row, r.id)]
    for risk in own[:1]:  # the first, as §4 orders them; with its cause where it has one
        label = lower_first(risk.label.split(" (", 1)[0].strip())
        props = getattr(ctx.kb.catalogues.items.get(risk.id), "properties", None) or {}
        cause = "" if "label_only" in props else (  # its label says why already
            risk_cause(ctx, row, risk.id) or reason_cause(ctx, risk.reason, label))
        same = ctx.msg("options.same_as", option="\x00").split("\x00", 1)[0]
        if cause and cause.startswith(same):  # "want als bij ‘X’": §4's back-reference, no cause
            cause = ""
        said = ctx.msg("conclusion.with_risk", risk=label)
        return f"{said}{ctx.msg('conclusion.risk_cause', cause=cause)}" if cause else said
    corners = unknowns(ctx, row)
    if corners and unknown:
        return ctx.msg("conclusion.with_unknown", corners=ctx.msg.join(corners))
    return ""


THIS_OPTION_OF = (" van deze optie", " of this option", " bij deze optie", " in this option")
"""How a risk's reason refers to its option; left out once the option is named."""


def reason_cause(ctx: Ctx, reason: str, label: str = "") -> str:
    """The clause of a risk's ``reason`` that says why, in a sentence after "want", or ``""``.

    The clauses of its first sentence (split at ``;`` outside brackets); of a clause with a
    colon, the part before it, unless that part only leans on the sentence before it ("Dat
    vraagt een business case: …") or speaks of an effect on a corner ("Tegenover nu verandert
    de publieke waarde niet: …"): then the part after it. The first that names an entity of
    the case (the cause is this case's), else the first that does not repeat ``label``.
    Never cut: a clause longer than :data:`MAX_CLAUSE` (twice that when it names the case's
    entities) is not said.
    """
    back = tuple(f"{w} " for w in ctx.msg("conclusion.back_openers").split("|") if w)
    corners = [corner_label(ctx, c).lower() for c in ctx.kb.vocab.corners]
    moves = [w for w in ctx.msg("conclusion.effect_words").split("|") if w]

    def preface(part: str) -> bool:  # says no cause of its own
        low = part.lower()
        return low.startswith(back) or (any(k in low for k in corners) and any(
            re.search(rf"\b{re.escape(w)}", low) for w in moves))

    clauses = []
    for clause in _clauses(reason):
        parts = _split_colon(clause)
        while len(parts) > 1 and preface(parts[0]):
            parts = parts[1:]
        if parts and not preface(parts[0]):
            clauses.append(parts[0])
    for this in THIS_OPTION_OF:
        clauses = [c.replace(this, "") for c in clauses]
    names = [e.name for e in ctx.result.case.all_entities() if e.name]
    fits = [c for c in clauses if c.lower() != label.lower()]
    named = next((c for c in fits if len(c) <= 2 * MAX_CLAUSE and any(n in c for n in names)),
                 "")
    plain = next((c for c in fits if len(c) <= MAX_CLAUSE), "")
    found = named or plain
    return found[:1].lower() + found[1:] if found[1:2] == " " else lower_first(found)


def _split_colon(clause: str) -> list[str]:
    """``clause`` split at its first colon outside brackets."""
    at = _outside_brackets(clause, ":")
    parts = [clause[:at], clause[at + 1:]] if at >= 0 else [clause]
    return [p.strip() for p in parts if p.strip()]


def _trade_off(ctx: Ctx, row: OptionRow, others: list[OptionRow]) -> str:
    """What ``row`` gains and costs on the corners ("beter voor organisatie, …"), and its risk.

    Every option left open says its own risk with its cause (:func:`_risk`); one that is
    better on some corner and worse on none says what is still unknown when it has no risk.

    An option without a ``+`` or ``-`` is "nog niet te beoordelen" when an effect is still
    unknown (``?``), else it changes little on the corners.
    """
    what = gains(ctx, row, others)
    if what:
        one_sided = all(e.sign != "-" for e in row.effects.values())
        return ctx.msg("conclusion.option", option=row.label, what=what,
                       risk=_risk(ctx, row, unknown=one_sided))
    if any(e.sign == "?" for e in row.effects.values()):
        return ctx.msg("conclusion.option_open", option=row.label,
                       risk=_risk(ctx, row, unknown=False))
    return ctx.msg("conclusion.option_neutral", option=row.label,
                   risk=_risk(ctx, row, unknown=False))


def compare_waits(ctx: Ctx, rows: list[OptionRow], said: str) -> str:
    """That no option can be called best yet, and on which unknown cells that waits.

    ``""`` when every effect of ``rows`` is known. Options whose own sentence in ``said``
    names their unknown effect already are not named again; options with the same unknown
    corners share one phrase ("‘A’ en ‘B’ op publieke waarde en organisatie").
    """
    by_corners: dict[str, list[str]] = {}
    flagged = False
    for row in rows:
        unknown = unknowns(ctx, row)
        if not unknown:
            continue
        flagged = True
        own = f"‘{row.label}’"
        tail = _opening(ctx.msg("conclusion.option_open", option="\x00", risk="").split("\x00")[-1])
        if any(tail in t[t.find(own):] or ctx.msg.join(unknown) in t[t.find(own):]
               for t in _SENTENCE.split(said) if own in t):
            continue  # its own sentence says it is still unknown
        by_corners.setdefault(ctx.msg.join(unknown), []).append(own)
    if not flagged:
        return ""
    if not by_corners:
        return ctx.msg("conclusion.compare_waits_plain")
    what = "; ".join(ctx.msg("conclusion.effect_on", options=ctx.msg.join(names),
                             corners=corners) for corners, names in by_corners.items())
    return ctx.msg("conclusion.compare_waits", what=what)


def options(ctx: Ctx, decision: Decision) -> str:
    """Paragraph 2: which options the advice supports or not, and why; who chooses.

    Every option that is not advised against gets one sentence: what it gains and costs
    per corner (the cells of §4). An option that scores best on the corners is named
    (:func:`dominant`); the choice is called political only when the options truly trade
    corners against each other (:func:`trades`).
    """
    rows = list(decision.options)
    if not rows:
        return ""
    out: list[str] = []
    chosen = decision.preference.option if decision.preference is not None else None
    said: set[str] = set()  # reasons given, with the option's own name left out
    for row in rows:
        why = _clause(row.preference_why) if row.preference_why else ""
        if row.id == chosen and _decided(ctx):  # the raden chose it: no "de bronnen wijzen op"
            out.append(ctx.msg(f"conclusion.chosen.{decision.chooser_kind}",
                               option=in_sentence(ctx, row.label)))
        elif row.id == chosen or row.preference == "advised":
            why = why or _clause(decision.preference.why if decision.preference else "")
            out.append(ctx.msg("conclusion.prefer" if why else "conclusion.prefer_plain",
                               option=row.label, why=why))
        elif row.preference == "advised_against":
            reason = why.lower().replace(row.label.lower(), "{}")
            if why and reason in said:
                out.append(ctx.msg("conclusion.against_same", option=row.label))
            elif why and row.label in why:  # the reason names the option already
                out.append(ctx.msg("conclusion.against_named", why=_upper(why)))
            else:
                out.append(ctx.msg("conclusion.against" if why else "conclusion.against_plain",
                                   option=row.label, why=why))
            said.add(reason)
    open_rows = [r for r in rows if r.preference is None and r.id != chosen]
    if chosen is None and len(open_rows) == 1 and len(rows) > 1:
        last = open_rows[0]
        costs = [lower_first(corner_label(ctx, c)) for c, e in last.effects.items()
                 if e.sign == "-"]  # the way left costs a corner: a bridge, not an end
        out.append(ctx.msg("conclusion.remains_costly" if costs else "conclusion.remains",
                           option=last.label, risk=_risk(ctx, last, unknown=False),
                           what=ctx.msg("conclusion.cost", corners=ctx.msg.join(costs))))
        return " ".join(out)
    best = leading(ctx, decision)
    out.extend(_trade_off(ctx, r, [o for o in open_rows if o is not r]) for r in open_rows
               if r is not best)  # every option left open, the best one last
    if chosen is None and len(open_rows) > 1:
        waits = compare_waits(ctx, open_rows, " ".join(out))
        out.append(waits)
        who = council(ctx) if decision.chooser_kind == "gemeenten" else decision.chooser
        what = gains(ctx, best) if best is not None else ""
        kind = (("conclusion.dominant" if what else "conclusion.dominant_plain")
                if best is not None else
                "conclusion.political" if trades(open_rows) and dominant(open_rows) is None
                and not waits else "conclusion.choice_open")  # not political while it waits
        private = who_decides(ctx, open_rows, who, decision.chooser_kind,
                              "conclusion.decider_private")  # who decides on which
        out.append(ctx.msg(f"{kind}.private" if private else kind, chooser=who,
                           n=number(ctx, len(open_rows)), what=what,
                           option=best.label if best is not None else "",
                           risk=_risk(ctx, best) if best is not None else "",
                           chooses=ctx.msg(f"verb.chooses.{decision.chooser_kind}")))
        out.append(f"{private}." if private else "")
    return " ".join(o for o in out if o)


def leading(ctx: Ctx, decision: Decision) -> OptionRow | None:
    """The option left open that §6 calls "op geen hoek slechter" (:func:`dominant`), or None.

    Only without a preference, among two or more options left open, and only with a risk
    of its own to say with it. §1 says the same in its first answer sentence.
    """
    chosen = decision.preference.option if decision.preference is not None else None
    open_rows = [r for r in decision.options if r.preference is None and r.id != chosen]
    best = dominant(open_rows) if chosen is None and len(open_rows) > 1 else None
    return best if best is not None and _risk(ctx, best) else None


def _decided(ctx: Ctx) -> bool:
    """Whether the case says the direction is chosen already (``richting_gekozen``)."""
    return ctx.result.value(CASE_KEY, DIRECTION_CHOSEN) is True


def advice(ctx: Ctx, keys: tuple[RecItem, ...], reasoned: bool = True, said: str = "") -> str:
    """Point 4: the advice itself, in the words of the key recommendations of §1.

    "Ons advies is daarom: de regeling aanpassen …; de samenwerkingsverbanden naast de
    opgaven leggen.", never "Wij adviseren u de vier kernaanbevelingen van hoofdstuk 1 uit te
    voeren", which points instead of advising (:func:`~pvrules.explain.conclusion_keys.
    advised`). "daarom" only when ``reasoned``: the paragraph before gives a reason for them
    (a weak corner, a verdict on the options); else the sentence does not claim to follow.
    A recommendation §6 named already (``said``: what the question is about) is not named
    again: "Daarnaast adviseren wij: …" for the others, nothing when none is left.
    """
    low = said.lower()
    left = tuple(k for k in keys if in_sentence(ctx, k.label).lower() not in low)
    what = advised(ctx, left)
    if not what:
        return ""
    kind = "conclusion.advice_also" if len(left) < len(keys) else \
        "conclusion.advice" if reasoned else "conclusion.advice_plain"
    return ctx.msg(kind, what=what)


def _finding(ctx: Ctx, tri: Triangle, said: str) -> str:
    """What §1 found, when no corner can be judged yet (else ``""``).

    The kernboodschap's first sentence, when it states a finding rather than advice
    (it does not open with an ``answer.advice_opens`` word or the urgent opener): §6
    must not say "nog niet te beoordelen" only, after an opening built on a finding.
    """
    if not said or any(c.rank is not None for c in tri.corners):
        return ""
    first = _SENTENCE.split(said.strip(), maxsplit=1)[0].strip()
    opens = tuple(w for w in ctx.msg("answer.advice_opens").split("|") if w)
    urgent = ctx.msg("answer.urgent", what="", why="").split(":", 1)[0]
    open_answers = tuple(ctx.msg(k, **dict.fromkeys(names, "\x00")).split("\x00")[0]
                         for k, names in (("answer.choose_open", ("n", "chooser", "chooses")),
                                          ("answer.choose_private", ("n", "who")),
                                          ("answer.merger_open", ("merger", "why"))))
    if not first or first.startswith(opens) or first.startswith(urgent) or "?" in first \
            or first.startswith(open_answers):  # §1 opens with what is still open: no finding
        return ""
    clauses = _clauses(first)
    clause = clauses[0] if clauses else ""
    if len(clause) >= len(first.rstrip(".")):  # the whole sentence: its main clause only
        clause = main_clause(ctx, clause)
    if not clause or len(clause) > MAX_CLAUSE:
        return ctx.msg("conclusion.finding_ref")  # §6 does not repeat §1, nor cuts it
    return ctx.msg("conclusion.finding", finding=in_sentence(ctx, clause))


def _waits(ctx: Ctx, said: str) -> str:
    """"Daarvoor is eerst de uitkomst van aanbevelingen 2 en 3 nodig.", or ``""``.

    When §1 (``said``) says what decides the choice and is not known yet (what decides it,
    what comes before it, what settles a herindeling's unknowns), §6 ends on the same
    recommendations by number: one "what decides" in both, not §1's words again.
    """
    fixed = [ctx.msg(k, **dict.fromkeys(("what", "refs", "said", "criteria", "first",
                                         "first_refs"), "\x00"))
             for k in ("answer.decides", "answer.decides_first", "answer.decides_and",
                       "answer.settled_by", "answer.settled_some")]
    parts = [max(f.split("\x00"), key=len).strip(" ,;.()") for f in fixed]
    one, many = (ctx.msg(k, numbers="\x00").split("\x00")[0]
                 for k in ("answer.ref_one", "answer.ref_many"))
    numbers: set[int] = set()
    for sentence in _SENTENCE.split(said):
        if not any(p and p in sentence for p in parts):
            continue
        for found in re.finditer(rf"(?:{re.escape(many)}|{re.escape(one)})([\d, ]+(?:\w+ \d+)?)",
                                 sentence):
            numbers.update(int(n) for n in re.findall(r"\d+", found.group(1)))
    if not numbers:
        return ""
    at = sorted(numbers)
    refs = ctx.msg("answer.ref_one" if len(at) == 1 else "answer.ref_many",
                   numbers=ctx.msg.join([str(n) for n in at]))
    return ctx.msg("conclusion.waits", refs=refs)


def main_clause(ctx: Ctx, text: str) -> str:
    """``text`` up to its first subordinate clause (", terwijl …", ", while …"), or ``""``.

    A comma before one of the ``conclusion.clause_breaks`` words ends a clause; any other
    comma may sit inside an enumeration ("laag in A, hoog in B en C") and is never cut.
    """
    words = "|".join(re.escape(w) for w in ctx.msg("conclusion.clause_breaks").split("|") if w)
    found = re.search(rf", (?:{words}) ", text) if words else None
    if found is None or _outside_brackets(text[:found.start()] + ",", ",") != found.start():
        return ""
    return text[:found.start()]


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘'(])")


def conclusion(ctx: Ctx, tri: Triangle, decisions: tuple[Decision, ...],
               route: tuple[RouteStep, ...], key: int = 0, said: str = "",
               keys: tuple[RecItem, ...] = ()) -> tuple[str, ...]:
    """The paragraphs of "Conclusie en advies" (see the module docstring).

    ``route`` is not repeated (kept for the callers); ``key``: how many key recommendations
    §1 gives; ``said``: the kernboodschap; ``keys``: those recommendations (without options
    to weigh, what they aim at follows the advice).
    """
    table = next((d for d in decisions if d.options), None)
    choice = options(ctx, table) if table is not None else ""
    if table is not None and _decided(ctx):  # what the chosen course asks, where it risks
        choice = " ".join(p for p in (choice, chosen_course(ctx, table, keys)) if p)
    reasoned = bool(choice) or any(c.rank == 0 for c in tri.corners)
    focused = focus(ctx, tri, keys)
    paras = [" ".join(p for p in (corners(ctx, tri), focused,
                                  _finding(ctx, tri, said), choice,
                                  _waits(ctx, said), advice(ctx, keys, reasoned, focused),
                                  "" if table is not None else aims(ctx, keys, tri)) if p)]
    return tuple(glossed(ctx, [p for p in paras if p], decisions))
