"""Parts of the kernboodschap that stand on their own (see :mod:`pvrules.explain.answer`).

The forms per opgave, the balance of the triangle in a sentence, the subjects of
"Zoek eerst uit" and what it can change, a reference to a key recommendation by what it
asks, what decides a choice left open, and the verdicts on a herindeling (its points of
attention, why it cannot be called yet).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from pvrules.explain.basics import in_sentence
from pvrules.explain.basics import lower_first as _lower
from pvrules.explain.chooser import number
from pvrules.explain.ctxtypes import Ctx
from pvrules.explain.decisions_model import (
    AnalysisRow,
    Decision,
    FindOut,
    OptionRow,
    RecItem,
    RouteStep,
    Triangle,
)

MAX_FIND_OUT = 3
THIS_OPTION = ("deze optie", "this option")
"""How a fact label about an option refers to it; named in the kernboodschap instead."""


def per_task(ctx: Ctx, tasks: tuple[AnalysisRow, ...]) -> str:
    """The forms of §3.1 per opgave, when the question asks in which form (else ``""``).

    "Per opgave adviseren wij voor a en b een convenant of netwerk; voor c … (zie 3.1)."
    Forms that change nothing (catalogue property ``not_key``) are left out.
    """
    question = (ctx.result.case.meta.vraag or "").lower()
    words = [w for w in ctx.msg("answer.form_words").split("|") if w]
    if not any(w in question for w in words):
        return ""
    by_form: dict[str, list[str]] = {}
    for row in tasks:
        props = getattr(ctx.kb.catalogues.items.get(row.form or ""), "properties", {})
        if row.form is None or row.form_label is None or "not_key" in props:
            continue
        by_form.setdefault(_lower(row.form_label), []).append(row.label)
    if not by_form:
        return ""
    what = "; ".join(f"{ctx.msg('word.for')} {ctx.msg.join([in_sentence(ctx, n) for n in names])}"
                     f" {_article(ctx, form)}{form}"
                     for form, names in by_form.items())  # "en" inside, ";" between forms
    return ctx.msg("answer.per_task", what=what)


def _article(ctx: Ctx, form: str) -> str:
    """The indefinite article before ``form``: "een", "a" or, before a vowel, "an"."""
    vowel = form[:1].lower() in "aeiou"
    return ctx.msg("answer.form_article_vowel" if vowel else "answer.form_article")


def balance(ctx: Ctx, tri: Triangle) -> str:
    """The balance of the triangle in a sentence, "voorlopig" when a corner rests on few.

    ``answer.balance.<id>`` says a known balance in words; another is named as a label.
    """
    assert tri.balance is not None
    key = f"answer.balance.{tri.balance.id}"
    said = ctx.msg(key) if ctx.msg.has(key) else \
        ctx.msg("answer.balance", balance=tri.balance.label)
    few = [ctx.msg("answer.provisional_corner", corner=_lower(c.label),
                   k=c.provisional[0], n=c.provisional[1])
           for c in tri.corners if c.provisional is not None]
    if not few:
        return said
    return f"{said} {ctx.msg('answer.provisional', corners=ctx.msg.join(few))}"


def subjects(unknown: tuple[FindOut, ...]) -> list[str]:
    """What to find out first, merged per subject (one fact for several options once), ≤ 3."""
    by_label: dict[str, list[str]] = {}
    for u in unknown:
        names = by_label.setdefault(_lower(u.label), [])
        if u.entity and u.entity not in names:
            names.append(u.entity)
    out = []
    for label, names in by_label.items():
        if len(names) != 1:
            out.append(label)
        elif THIS_OPTION[0] in label or THIS_OPTION[1] in label:  # "voor deze optie"
            out.append(label.replace(THIS_OPTION[0], f"de optie ‘{names[0]}’")
                       .replace(THIS_OPTION[1], f"the option ‘{names[0]}’"))
        else:
            out.append(f"{label} ({names[0]})")
    return out[:MAX_FIND_OUT]


def find_out(ctx: Ctx, flips: tuple[tuple[FindOut, tuple[str, ...]], ...],
              table: Decision | None) -> str:
    """What to find out first, said by what it can change.

    When it can change only the verdict on options: before a choice for an option left open,
    "Zoek vóór een keuze voor de optie ‘X’ eerst uit …"; for an option advised against,
    that it may still come into view ("valt dat gunstig uit voor …"). Else what it flips.
    """
    msg = ctx.msg
    what = msg.join(subjects(tuple(f for f, _w in flips)))
    words = list(dict.fromkeys(w for _f, ws in flips for w in ws))
    rows = {msg("answer.flip_option", option=r.label): r
            for r in (table.options if table is not None else ())}
    flipped = [rows[w] for w in words if w in rows]
    if flipped and len(flipped) == len(words):
        names = msg.join([f"‘{r.label}’" for r in flipped])
        if all(r.preference == "advised_against" for r in flipped):
            # A rejected option comes back only when the reason it was rejected for falls
            # away: the known facts its rejection rests on win over the unknown that flips
            # it (a favourable poll does not make divergent end states shared).
            resting = rejection_rests_on(ctx, flipped)
            if resting:
                return msg("answer.reopens_when", options=names, what=msg.join(resting))
            # named where the facts are ("over ‘X’ denken"), then "die optie" refers back
            back = msg("answer.that_option") if len(flipped) == 1 and names in what else names
            return msg("answer.find_out_reopens", what=what, options=back)
        if len(flipped) == 1:  # "… over die optie denken", not its name twice
            what = what.replace(names, msg("answer.that_option"))
        if all(r.preference is None for r in flipped):
            return msg("answer.find_out_before", what=what, options=names)
    return msg("answer.find_out_flips", what=what, flips=msg.join(words))


def rejection_rests_on(ctx: Ctx, rows: list[OptionRow]) -> list[str]:
    """What the rejection of ``rows`` rests on and the case knows: the facts, as questions.

    The level facts with a known value that the rules advising against each row matched,
    each in the words of its question's subject ("of de partners een eindbeeld en tempo
    delen"), each once; empty when a rejection rests on unknowns only.
    """
    out: list[str] = []
    for row in rows:
        for firing in ctx.result.firings:
            if not any(c.kind == "prefer" and c.name == "advised_against"
                       and c.target == ("optie", row.id) for c in firing.conclusions):
                continue
            for _key, fact, value in firing.matched:
                fdef = ctx.kb.vocab.facts.get(fact)
                subject = getattr(getattr(fdef, "ask", None), "subject", None)
                if value is None or fdef is None or fdef.type != "level" or subject is None:
                    continue
                said = subject.get(ctx.lang)
                if said and said not in out:
                    out.append(said)
    return out


def levels(ctx: Ctx, tri: Triangle) -> str:
    """Each judged corner's level in a sentence ("De organisatie is zwak.").

    What a balance of the triangle says already: §1 does not give it again as a why.
    """
    return " ".join(f"{ctx.msg(kind, level=c.level, corner=_lower(c.label))}."
                    for c in tri.corners if c.rank is not None
                    for kind in ("answer.level_said", "answer.level_said_the"))


_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘'(])")
"""Where a sentence ends (as :data:`pvrules.explain.answer._SENTENCES`)."""
REPEAT_WORDS = 5
"""A sentence of at least this many words is not said in §1 and again in a key recommendation."""


def unrepeated(ctx: Ctx, text: str, key: tuple[RecItem, ...],
               action: Callable[[Ctx, RecItem], str]) -> str:
    """``text`` without the action a key recommendation right below says word for word.

    A sentence that repeats a recommendation's action sentence (``action``) becomes a
    reference to it ("Wij adviseren u aanbeveling 1, ‘<its label>’."); the sentences right
    after it that the same line says too are left out. A repeated why alone stays: the
    sentence after it may lean on it ("… wij adviseren haar eerst te versterken").
    """
    out: list[str] = []
    referred: set[int] = set()
    lines = [f"{action(ctx, k)} {k.why}" for k in key]  # the line says its action first
    current: int | None = None
    prefixes = [ctx.msg(f"answer.whatever.{k}")
                for k in ("raad", "gemeenten", "provincie", "provincie_gs")] + \
        [ctx.msg("answer.before_choice"), ctx.msg("answer.now_prefix")]
    for sentence in _SENTENCES.split(text):
        prefix = next((p for p in prefixes if sentence.startswith(p)), "")
        plain = sentence[len(prefix):].rstrip(" .")
        plain = plain[:1].upper() + plain[1:]
        long = len(sentence.split()) >= REPEAT_WORDS
        if current is not None and long and plain in lines[current]:
            continue  # the rest of the line just referred to
        current = next((i for i, k in enumerate(key) if long and action(ctx, k)
                        and plain in action(ctx, k)), None)
        if current is not None and prefix:  # "Welke optie u ook kiest, <rec 2 verbatim>"
            what = named_action(ctx, key[current], action(ctx, key[current]))
            if what and what.rstrip(".") != _lower(plain):
                referred.add(current)
                out.append(ctx.msg("answer.see_key_whatever", prefix=prefix, what=what,
                                   n=current + 1))
            else:
                out.append(sentence)
            continue
        if current is None:
            out.append(sentence)
        elif current not in referred:
            what = named_action(ctx, key[current], action(ctx, key[current]))
            if not out:  # nothing before it: no "Daarnaast:"
                kind, what = ("answer.see_key_first", what[:1].upper() + what[1:]) if what \
                    else ("answer.see_key_first_label", what)
            elif what:
                kind = "answer.see_key_also" if referred else "answer.see_key"
            else:
                kind = "answer.see_key_also_label" if referred else "answer.see_key_label"
            referred.add(current)
            out.append(ctx.msg(kind, n=current + 1, what=what, label=key[current].label))
    return " ".join(out)


def named_action(ctx: Ctx, item: RecItem, action: str) -> str:
    """What ``item`` asks, short: the main clause of its action, with its partner named.

    "laat het college met de centrumgemeente Marenburg een centrumregeling voor Belastingen
    en WOZ voorbereiden": the action's first sentence up to a comma before one of the
    ``answer.action_breaks`` words (what follows details it), or before one of the
    ``answer.action_breaks_bare`` phrases that open such a clause without a comma, and after
    a role word
    (``answer.partner_roles``) the name of the one partner the rule matched in that role.
    ``""`` without an action.
    """
    first = _SENTENCES.split(action.strip(), maxsplit=1)[0].rstrip(" .")
    if not first:
        return ""
    breaks = "|".join(re.escape(w) for w in ctx.msg("answer.action_breaks").split("|") if w)
    cut = re.search(rf", (?:{breaks})\b", first) if breaks else None
    bare = "|".join(re.escape(w) for w in ctx.msg("answer.action_breaks_bare").split("|") if w)
    if cut is None and bare:  # "… still holds before anything is built on it": no comma
        cut = re.search(rf" (?:{bare})\b", first)
    clause = first[:cut.start()] if cut is not None else first
    names = matched_partners(ctx, item)
    if len(names) == 1 and names[0] not in clause:
        for role in (r for r in ctx.msg("answer.partner_roles").split("|") if r):
            found = re.search(rf"\b{re.escape(role)}\b", clause)
            if found is not None:
                clause = f"{clause[:found.end()]} {names[0]}{clause[found.end():]}"
                break
    return _lower(clause)


PARTNER = "partner"
"""The entity type of a partner: named in a recommendation the rule matched it for."""


def matched_partners(ctx: Ctx, item: RecItem) -> list[str]:
    """The partners (by name) the rules behind ``item`` matched on, the client left out."""
    names = {e.key: e.name for e in ctx.result.case.all_entities()}
    who = ctx.result.case.meta.opdrachtgever
    client = (who.naam or "").lower() if who is not None else ""
    rules = {f[0] for f in item.firings}
    found = [names[ent] for f in ctx.result.firings if f.key[0] in rules
             for ent, _fact, value in f.matched
             if ent[0] == PARTNER and value not in (None, False) and ent in names]
    return [n for n in dict.fromkeys(found) if n.lower() not in client]


def decides(ctx: Ctx, key: tuple[RecItem, ...] | list[RecItem], open_partners: list[str],
            said: str, action: Callable[[Ctx, RecItem], str],
            rows: list[OptionRow] | None = None) -> tuple[str, list[int]]:
    """What decides a choice left to the raad and is not known yet, in sentences, or ``""``.

    The key recommendations to carry out before the decision (their action or catalogue
    description says so with an ``answer.before_decision`` phrase, or their action compares the
    options, ``answer.per_option_words``: "per optie ramen wat bewoners betalen"). One that says
    what it finds out (a clause opening with one of the ``answer.wh_words``: "hoe de raden en de
    partners over de opties denken") is said by that clause; a clause about "de partners" names
    ``open_partners`` (those in more than one option left open, whose own decision the choice
    needs). One without such a clause is said by the main clause of its action ("Vóór die keuze:
    laat het college per optie kosten … ramen"). By number: "(aanbevelingen 3 en 4)". Returns
    the sentences and the numbers they name. With the options left open (``rows``), a
    recommendation said by what it finds out must find out a fact an option still waits on: one
    that does not tell the options apart (residents' views where no option's effect depends on
    them) decides nothing.
    """
    from pvrules.explain.answer_settles import option_facts, separates

    apart = option_facts(ctx, rows) if rows else None
    markers = [m for m in ctx.msg("answer.before_decision").split("|") if m]
    # a comparison per option informs the choice between them, whether it says so or not
    compares = [m for m in ctx.msg("answer.per_option_words").split("|") if m]
    wh = "|".join(re.escape(w) for w in ctx.msg("answer.wh_words").split("|") if w)
    breaks = "|".join(re.escape(w) for w in
                      [*ctx.msg("answer.action_breaks").split("|"), *markers,
                       *ctx.msg("answer.example_words").split("|")] if w)
    whats: list[tuple[str, int]] = []
    todo: list[tuple[str, int]] = []
    for n, item in enumerate(key, 1):
        first = _SENTENCES.split(action(ctx, item).strip(), maxsplit=1)[0].rstrip(" .")
        if not any(m in f"{first} {_description(ctx, item)}" for m in markers) \
                and not any(m in first for m in compares):
            continue
        found = re.search(rf"\b(?:{wh})\b", first)
        if found is None:
            clause = named_action(ctx, item, first)
            if clause and clause.lower() not in said.lower():
                todo.append((clause, n))
            continue
        if apart is not None and rows and not separates(ctx, item, apart, rows):
            continue  # it does not tell the options apart
        clause = first[found.start():]
        cut = re.search(rf",? (?:{breaks})\b", clause)
        clause = clause[:cut.start()] if cut is not None else clause
        if not clause or clause.lower() in said.lower():
            continue
        partners = ctx.msg("answer.the_partners")
        if open_partners and partners in clause:
            clause = ctx.msg("answer.decides_partners", what=clause,
                             names=ctx.msg.join(open_partners))
        whats.append((clause, n))
    out = []
    if whats and todo:  # one "Vóór die keuze": what must become clear, then the step
        out.append(ctx.msg("answer.decides_and", what="; ".join(w for w, _n in whats),
                           refs=_refs(ctx, [n for _w, n in whats]),
                           first="; ".join(w for w, _n in todo),
                           first_refs=_refs(ctx, [n for _w, n in todo])))
    elif whats:
        out.append(ctx.msg("answer.decides", what="; ".join(w for w, _n in whats),
                           refs=_refs(ctx, [n for _w, n in whats])))
    elif todo:
        out.append(ctx.msg("answer.decides_first", what="; ".join(w for w, _n in todo),
                           refs=_refs(ctx, [n for _w, n in todo])))
    return " ".join(out), sorted(n for _w, n in whats + todo)


def _description(ctx: Ctx, item: RecItem) -> str:
    """The catalogue description of ``item`` in the reader's language, or ``""``."""
    found = ctx.kb.catalogues.items.get(item.item)
    text = getattr(found, "description", None)
    return " ".join(text.get(ctx.lang).split()) if text is not None else ""


def _refs(ctx: Ctx, numbers: list[int]) -> str:
    """"aanbeveling 3", "aanbevelingen 3 en 4"."""
    return ctx.msg("answer.ref_one" if len(numbers) == 1 else "answer.ref_many",
                   numbers=ctx.msg.join([str(n) for n in numbers]))


def partner_roles(ctx: Ctx, rows: list[OptionRow], partners: list[str], said: str = "") -> str:
    """The role of the partners the question names, in the options left open, or ``""``.

    "Heidebroek is de partner in twee van de drie opties: ‘A’ en ‘B’." Only the ``partners``
    (in more than one option) that the case's question names outside the option labels it
    quotes, and that ``said`` (what decides the choice) does not name. What decides between
    those options is said once, in the sentence before ("Vóór die keuze: …").
    """
    question = _without_labels(ctx.result.case.meta.vraag or "", rows)
    names = {e.key: e.name for e in ctx.result.case.all_entities()}
    out = []
    every = []  # partners in every option: said only when one partner is (blind13)
    for partner in (p for p in partners if p in question and p not in said):
        labels = [f"‘{r.label}’" for r in rows
                  if any(names.get((PARTNER, p), p) == partner for p in r.partners)]
        if len(labels) == len(rows):
            every.append(ctx.msg("answer.partner_role_all", name=partner,
                                 options=ctx.msg.join(labels), k=number(ctx, len(labels)),
                                 n=number(ctx, len(rows))))
            continue
        out.append(ctx.msg("answer.partner_role", name=partner, options=ctx.msg.join(labels),
                           k=number(ctx, len(labels)), n=number(ctx, len(rows))))
    # several partners in every option: "X is in elk van de drie opties" per partner says nothing
    return " ".join([*(every if len(every) == 1 else []), *out])


def _without_labels(question: str, rows: list[OptionRow]) -> str:
    """``question`` without the option labels it quotes.

    A partner named only inside one ("de werkorganisatie met Wassenaar verbeteren") is no
    question about its role.
    """
    for row in rows:
        question = re.sub(re.escape(row.label), "", question, flags=re.IGNORECASE)
    return question


PROVINCE_KIND = "provincie"
"""A client of this kind is no partner of its options, even when a gemeente has its name."""


def open_partners(ctx: Ctx, rows: list[OptionRow]) -> list[str]:
    """The partners (by name) in more than one of ``rows``, the client left out.

    A participant that has decided to leave (``vertrekt``) is no partner the raad chooses.
    """
    names = {e.key: e.name for e in ctx.result.case.all_entities()}
    who = ctx.result.case.meta.opdrachtgever
    client = (who.naam or "").lower() if who is not None and who.soort != PROVINCE_KIND \
        else ""  # a provincie named after a gemeente ("Staten van Groningen") is not it
    counts: dict[str, int] = {}
    for row in rows:
        for p in row.partners:
            if ctx.result.value((PARTNER, p), "vertrekt") is True:
                continue
            name = names.get((PARTNER, p), p)
            counts[name] = counts.get(name, 0) + 1
    return [n for n, c in counts.items() if c > 1 and n.lower() not in client]


def points_of_attention(ctx: Ctx, decision: Decision, row: OptionRow,
                        key: tuple[RecItem, ...] = ()) -> str:
    """For a direction already chosen: that choice, and what needs attention on the way.

    With key recommendations, the points are those recommendations, by their heads, once:
    "Wij adviseren u tot de herindeling op vijf punten te letten: …" (§1 states the answer
    once; the lines below say each point, §1 does not say them again). A point of the
    option's own that no key recommendation covers follows in a sentence. Without key
    recommendations, in sentences, not labels: the option's own risks that say what they
    are about (their reason, "deze optie" left out), a trade-off every option has only while
    it is still unknown (its last clause: who estimates it, when), a criterion it does not
    meet with its reason; not the criteria still unknown (§4, §8). A known trade-off
    (omkeerbaarheid of a herindeling already chosen) is no point of attention.
    """
    text = ctx.msg(f"answer.chosen.{decision.chooser_kind}", chooser=decision.chooser,
                   option=in_sentence(ctx, row.label))
    points = own_points(ctx, row)
    # the criteria still unknown are §4's and §8's: the choice is made, §1 says what needs
    # attention on the way, not a list of what could have been weighed before it
    if key:
        from pvrules.explain.conclusion_keys import advised

        heads = {k.item: k for k in key}
        said = ctx.msg("answer.points_keys", n=number(ctx, len(heads)),
                       what=advised(ctx, key)) if len(heads) > 1 else \
            ctx.msg("answer.points_key", what=advised(ctx, key))
        from pvrules.explain.answer_covered import uncovered

        left = [p for p, new in zip(points, uncovered(ctx, decision, row, key, points,
                                                      own_points),
                                    strict=False) if new]  # the option's own, then the list
        return " ".join([text, *left, said])
    if points:
        text += " " + ctx.msg("answer.points_intro") + " " + " ".join(points)
    return text


def own_points(ctx: Ctx, row: OptionRow) -> list[str]:
    """The chosen option's own points of attention, in sentences (see above)."""
    points: list[str] = []
    for c in row.criteria:
        if c.score == "-" and c.reason:
            points.append(ctx.msg("answer.point", label=_upper(criterion_name(c.label)),
                                  what=_lower(_strip(_first(c.reason)))))
    aspects: list[str] = []
    for r in row.risks:
        props = getattr(ctx.kb.catalogues.items.get(r.id), "properties", None) or {}
        reason = " ".join(r.reason.split())
        if ASPECT in props:
            if reason.startswith("?"):  # still unknown: who settles it, and when
                last = _strip(reason.split(";")[-1]).strip()
                aspects.append(ctx.msg("answer.point_open", aspect=_aspect(ctx, props, r.label),
                                       what=_lower(last)))
        elif reason:
            for this in THIS_OPTION_OF:
                reason = reason.replace(this, "")
            points.append(reason if reason.endswith(".") else f"{reason}.")
    return points + aspects  # the option's own points first


def _aspect(ctx: Ctx, props: Mapping[str, object], label: str) -> str:
    """The trade-off a risk item is about, as a noun ("kosten"), else its label."""
    value = props.get(ASPECT)
    said = getattr(value, ctx.lang, None) if value is not None else None
    return str(said) if said else _lower(label)


ASPECT = "aspect"
"""The catalogue property of a trade-off every option has (costs, reversibility)."""
THIS_OPTION_OF = (" van deze optie", " of this option")
"""How a risk's reason refers to its option; left out in a sentence about the chosen one."""


def _first(text: str) -> str:
    """The first sentence of ``text``."""
    return _SENTENCES.split(" ".join(text.split()), maxsplit=1)[0]


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _tail(point: str, words: int = 3) -> str:
    """The last ``words`` words of ``point`` ("nabijheid van bestuur"): what it is about."""
    return " ".join(point.split()[-words:])


def merger_open(ctx: Ctx, row: OptionRow, key: tuple[RecItem, ...] = (),
                action: Callable[[Ctx, RecItem], str] | None = None) -> str:
    """Why a herindeling on the table cannot be called the way forward yet, or ``""``.

    From its first assessment against the criteria of the kader in force: a criterion
    it does not meet, and the criteria that are still unknown; then what settles an unknown
    one: only the key recommendations that settle it
    (:func:`~pvrules.explain.answer_settles.settled_by`); when these settle some of them,
    only those are named ("over bestuurskracht is nog te weinig bekend; daarover beslist de
    uitkomst van aanbeveling 1; wat verder nog open is, staat in hoofdstuk 8").
    """
    against = [c for c in row.criteria if c.score == "-"]
    unknown = [c for c in row.criteria if c.score == "?"]
    if not against and not unknown:
        return ""
    reasons = [ctx.msg("answer.criterion_against", criterion=criterion_name(c.label),
                       reason=_lower(_strip(c.reason))) for c in against[:1]]
    if unknown:
        reasons.append(ctx.msg("answer.criteria_unknown",
                               criteria=join_clear(ctx, [criterion_name(c.label)
                                                      for c in unknown])))
    said = ctx.msg("answer.merger_open", merger=in_sentence(ctx, row.label),
                   why=ctx.msg.join(reasons))
    if not unknown:
        return said
    from pvrules.explain.answer_settles import settled_by

    found = settled_by(ctx, row, unknown, key, lambda c: criterion_name(c.label), action)
    numbers = sorted({n for ns in found.values() for n in ns})[:MAX_SETTLING]
    if not numbers:  # no key recommendation settles them: hoofdstuk 8 asks them
        return ctx.msg("answer.settled_none", said=said.rstrip("."))
    if len(found) == len(unknown):
        return ctx.msg("answer.settled_by", said=said.rstrip("."), refs=_refs(ctx, numbers))
    # only the unknown criteria a recommendation settles are named; the rest is §8's
    settled = [criterion_name(c.label) for c in unknown if c.id in found]
    reasons[-1] = ctx.msg("answer.criteria_unknown", criteria=join_clear(ctx, settled))
    said = ctx.msg("answer.merger_open", merger=in_sentence(ctx, row.label),
                   why=ctx.msg.join(reasons))
    return ctx.msg("answer.settled_some", said=said.rstrip("."), refs=_refs(ctx, numbers),
                   criteria=join_clear(ctx, settled))


MAX_SETTLING = 2
"""At most this many key recommendations are named as settling a herindeling's unknowns."""


def join_clear(ctx: Ctx, parts: list[str]) -> str:
    """``a, b en c``, with a comma before the last "en" when an item has "en" inside.

    "interne samenhang en nabijheid van bestuur, en bestuurskracht": never "… en … en …".
    """
    items = [p for p in parts if p]
    word = f" {ctx.msg('word.and')} "
    if len(items) > 1 and any(word in p for p in items):
        return ", ".join(items[:-1]) + f",{word}" + items[-1]
    return ctx.msg.join(items)


def criterion_name(label: str) -> str:
    """``draagvlak`` for "Draagvlak (lokaal-bestuurlijk, maatschappelijk, regionaal)".

    Also drops a kader suffix: "Duurzaamheid — kader 2013" is ``duurzaamheid``.
    """
    return _lower(label.split(" (", 1)[0].split(" — ", 1)[0])


def _strip(text: str) -> str:
    return text.rstrip(" .")


def echoes(labels: str, intro: str) -> bool:
    """Whether every longer word of ``labels`` starts with a word of ``intro``.

    "sturingscapaciteit voor samenwerkingen" after "Voor de sturing op de samenwerkingen"
    says nothing new: §1 then refers to the recommendation by number.
    """
    heads = [w for w in re.findall(r"\w+", intro.lower()) if len(w) > 3]
    words = [w for w in re.findall(r"\w+", labels.lower()) if len(w) > 3]
    return bool(words) and all(any(w.startswith(h) for h in heads) for w in words)


def dated_action(steps: tuple[RouteStep, ...]) -> Callable[[Ctx, RecItem], str]:
    """What a key recommendation asks, with the route's date, as its line will read."""
    from pvrules.explain.selection import with_action

    def action(ctx: Ctx, item: RecItem) -> str:
        return (item.action or with_action(ctx, item, "", steps).action).strip()
    return action
