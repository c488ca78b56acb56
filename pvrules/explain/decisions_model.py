"""The shape of the decisions (contract §4): plain, frozen data every renderer reads.

Field names are the JSON keys of ``pvrules advise --format json``; fields with
``INTERNAL`` metadata (engine keys kept for checking) are left out of JSON.
Lists are in a deterministic order. See :mod:`pvrules.explain.decisions`.
"""

from __future__ import annotations

from dataclasses import field
from typing import TYPE_CHECKING

from pvrules.validate.case import EntityKey

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, cheaper to create: a cold start
    from pvrules.explain.frozen import dataclass

INTERNAL = {"internal": True}
"""Field metadata: left out of JSON output."""


@dataclass(frozen=True)
class Client:
    """Who asks for the advice."""

    naam: str | None
    soort: str | None


@dataclass(frozen=True)
class CaseInfo:
    """What the case is about."""

    id: str
    title: str
    question: str | None
    client: Client
    date: str | None
    """The peildatum (ISO); the date the advice is judged at."""
    author: str | None
    date_given: bool = True
    """False when the case gives no date and the date of the run was used."""
    council: str = ""
    """The elected body the advice goes to, for this client: ``Provinciale Staten``, ``de
    raden van A, B en C``, ``de raad``."""
    document: str = "advies"
    """``casus.document``: ``advies`` (a raad advice) or ``notitie`` (an early notitie
    "Eerste indruk en plan van aanpak")."""
    background: str | None = None
    """The case's ``toelichting``: what went before and why the question is asked now
    (the aanleiding in section 2)."""
    tasks: int = 0
    """How many opgaven the case names (none: section 3.1 says so, not "for no task")."""
    addressee: str = ""
    """Whom "u" addresses when the client is an executive (``de raden van A en B, via de
    colleges``): the elected body, reached through the client; ``""`` when the client is
    that body itself or its organ is not known."""


@dataclass(frozen=True)
class Balance:
    """The knowledge base's verdict on the balance of the triangle (``triangle_balans``)."""

    id: str
    label: str


@dataclass(frozen=True)
class CornerLevel:
    """One corner: its level as the knowledge base derived it, and why."""

    id: str
    label: str
    level: str
    rank: int | None
    max_rank: int
    reason: str
    chain: int | None = None
    provisional: tuple[int, int] | None = None
    """(known, total) indicators when the level rests on too few of them: a provisional level."""
    sources: tuple[int, ...] = ()
    """The case's own sources of the stated facts the level rests on (cited at the reason)."""


@dataclass(frozen=True)
class Triangle:
    """The balance and the corners."""

    balance: Balance | None
    corners: tuple[CornerLevel, ...]
    text: str = ""
    """Without a balance (some corner unknown): what the known corners show and what is open."""


@dataclass(frozen=True)
class RecItem:
    """A recommendation (or advice against) in the body: one line of why, a chain number."""

    item: str
    label: str
    target: str | None
    strength: str
    """The strength id (``zwak``, ``middel``, ``sterk``) after any lowering for certainty."""
    why: str
    chain: int | None
    strength_label: str = ""
    uncertain: bool = False
    """True when it rests only on facts the case gives with low certainty."""
    theme: str = ""
    target_id: str | None = None
    """The id of the entity it is for (``None`` for the case): ``item@target_id`` is the name
    ``pvrules explain`` takes."""
    target_key: EntityKey = field(default=("case", "case"), metadata=INTERNAL)
    rank: tuple[int, ...] = field(default=(), metadata=INTERNAL)
    firings: tuple[tuple[str, EntityKey | None], ...] = field(default=(), metadata=INTERNAL)
    """The firings its chain leads to (numbered when the body refers to it)."""
    action: str = ""
    """Key recommendations: what to do and by whom, one sentence (also the start of ``why``)."""


@dataclass(frozen=True)
class RecGroup:
    """Recommendations beyond the key ones, grouped by theme."""

    theme: str
    label: str
    items: tuple[RecItem, ...]


@dataclass(frozen=True)
class Effect:
    """The effect of an option on one corner."""

    sign: str
    """``+``, ``0`` or ``-``."""
    reason: str
    sources: tuple[int, ...] = ()


@dataclass(frozen=True)
class Risk:
    """A cost or risk of an option."""

    id: str
    label: str
    reason: str
    tail: str = ""
    """What the reports print after the label: the reason joined in sentences (risk_lines)."""
    inline: str = ""
    """The label inside a list after a colon: lower-case first letter unless a name."""


@dataclass(frozen=True)
class Criterion:
    """A first assessment of a herindeling option against one criterion."""

    id: str
    label: str
    score: str
    """``+``, ``0``, ``-`` or ``?`` (still unknown)."""
    reason: str
    unknown: tuple[str, ...] = ()
    """The facts still unknown that this criterion's assessment needs."""


@dataclass(frozen=True)
class OptionRow:
    """One option of a decision, side by side with the others."""

    id: str
    label: str
    form: str | None
    partners: tuple[str, ...]
    effects: dict[str, Effect]
    risks: tuple[Risk, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    preference: str | None = None
    """``advised``, ``advised_against`` or ``None``."""
    chain: int | None = None
    preference_why: str = ""
    """Why the sources advise it or advise against it (the ``prefer`` rule's explanation)."""
    preference_source: str = ""
    """The source that carries the preference, short (``Minister van BZK (2019) [2]``)."""


@dataclass(frozen=True)
class Preference:
    """The preference the sources carry for one option of a decision."""

    option: str
    strength: str
    why: str


@dataclass(frozen=True)
class Decision:
    """A decision for the raad, with its options side by side."""

    id: str
    question: str
    chooser: str
    preference: Preference | None
    options: tuple[OptionRow, ...]
    text: str = ""
    """What the advice says about the decision: the preference, or that the raad chooses,
    and which options are not shown because they have no effect on any corner."""
    target: str | None = None
    heading: str = ""
    """A short heading for the decision (the question itself may run to a paragraph)."""
    chooser_kind: str = field(default="raad", metadata=INTERNAL)
    """``raad``, ``gemeenten`` or ``provincie`` (for the verbs that go with the chooser)."""


@dataclass(frozen=True)
class AnalysisRow:
    """One opgave (or other target of a choice of form): the advised form and one line of why."""

    opgave: str
    label: str
    form: str | None
    """The advised form; ``None`` when no form follows (``why`` then says what is missing)."""
    form_label: str | None
    why: str
    chain: int | None = None
    catalogue: str | None = None
    """The catalogue of the advised form (``instrument`` for subsidie / opdracht / …)."""
    about: str = ""
    """At what scale, with whom and for whom, as the case states it (may be empty)."""
    where: str = ""
    """The existing collaboration it runs in, as the case states it (may be empty)."""
    sources: tuple[int, ...] = ()
    """The case's own sources of ``where``."""


@dataclass(frozen=True)
class RouteStep:
    """One step of the route to a decision."""

    step: str
    label: str
    who: str | None
    when: str | None
    law: str | None
    options: tuple[str, ...] = ()
    """The ids of the options this step belongs to; empty for a step common to every option."""
    choice: str | None = None
    """For a step that belongs to a choice with no option on the table: that choice
    (``herindeling``), in words; ``None`` otherwise."""


@dataclass(frozen=True)
class RouteGroup:
    """The route as it is read: common steps first, then the steps per option, then the rest.

    ``heading`` is ``None`` for common steps, else "Als de raden kiezen voor <optie>:".
    """

    heading: str | None
    steps: tuple[RouteStep, ...]
    first: int = 1
    """The number of its first step in the route as read (steps are numbered on)."""


@dataclass(frozen=True)
class FindOut:
    """A still unknown fact, weighted by how much of the advice depends on it."""

    fact: str
    label: str
    entity: str | None
    question: str
    weight: int
    facts: tuple[str, ...] = ()
    """Every fact the item stands for (several for a group of facts asked as one question)."""
    rules: tuple[str, ...] = ()
    """The rules whose conclusions an answer changes ("waarom vragen we dit?")."""
    decisive: bool = False
    """An answer can change the verdict of the kernboodschap: an option's preference, the
    balance of the triangle or a corner's level."""
    subject: str = ""
    """The item in plain words, for the kernboodschap ("hoe de raden … over ‘X’ denken")."""
    source: str | None = None
    """The case's own study to take the answer from (a citation), if it has one."""
    minor: bool = False
    """Listed although no answer changes the direction of the advice: it changes only a
    herindeling criterion, a measure or a risk (none of the unknowns passes the gate)."""


@dataclass(frozen=True)
class Framework:
    """A legal or policy framework the advice applied."""

    id: str
    label: str
    applied_for: str | None
    valid_from: str | None
    valid_to: str | None
    bill: bool = False
    """A bill on ``applied_for``, not yet law (the label says so)."""


@dataclass(frozen=True)
class Term:
    """A term of samenwerking the draft uses, with its short definition (section 2)."""

    id: str
    label: str
    definition: str
    rank: int = 0
    """Its place in the catalogue: the least known terms first (section 2 names two)."""


@dataclass(frozen=True)
class Chain:
    """One reasoning chain, printed once (appendix); the body refers to it by number."""

    number: int
    title: str
    text: str
    facts: tuple[str, ...]
    certainty: str
    """The lowest certainty (``laag``, ``gemiddeld``, ``hoog``) of the case facts it rests on;
    at most ``gemiddeld`` when it rests on a provisional corner level."""
    sources: tuple[int, ...]
    steps: tuple[tuple[str, str], ...] = ()
    """(title, text) of each step, from the facts of the case to the conclusion."""


@dataclass(frozen=True)
class SourceRef:
    """A cited source, numbered in order of first citation."""

    number: int
    id: str
    title: str
    author: str | None
    publisher: str | None
    year: int | None
    url: str | None
    kind: str | None
    case: bool = False
    """One of the case's own sources (``casus.bronnen``): listed first in the bibliography."""


@dataclass(frozen=True)
class Approach:
    """How the advice was made: what the case file states and how certain it is."""

    facts_given: int
    """The facts the case states (not the ones computed from them)."""
    case_sources: int
    """The sources the case file names (``casus.bronnen``)."""
    medium_certainty: int
    """How many stated facts are given with medium certainty."""
    low_certainty: tuple[str, ...]
    """The facts given with low certainty, in people's words."""
    sources: tuple[int, ...] = ()
    """The numbers of the case's own sources in the bibliography (those knowable then)."""
    medium_facts: tuple[str, ...] = ()
    """The facts given with medium certainty, in people's words (named when few)."""
    text: str = ""
    """What the advice rests on with medium certainty and what is uncertain, in sentences."""


@dataclass(frozen=True)
class PlanStep:
    """One step of a notitie's plan of approach: a key recommendation, who and how long."""

    item: str
    label: str
    why: str
    who: str | None = None
    """Who does it (the catalogue item's ``who``), if the catalogue says."""
    duration: str | None = None
    """How long it takes (the catalogue item's ``properties.duration``), if the catalogue says."""
    chain: int | None = None


@dataclass(frozen=True)
class Decisions:
    """The one truth of an advice: every verdict a reader sees."""

    lang: str
    case: CaseInfo
    answer: str
    triangle: Triangle
    key_recommendations: tuple[RecItem, ...]
    recommendation_groups: tuple[RecGroup, ...]
    advised_against: tuple[RecItem, ...]
    options: tuple[Decision, ...]
    route: tuple[RouteStep, ...]
    find_out_first: tuple[FindOut, ...]
    frameworks: tuple[Framework, ...]
    chains: tuple[Chain, ...]
    sources: tuple[SourceRef, ...]
    analysis: tuple[AnalysisRow, ...] = ()
    approach: Approach | None = None
    route_groups: tuple[RouteGroup, ...] = ()
    """``route`` grouped for reading (see :class:`RouteGroup`); every step of ``route`` is in
    one group, or in several when it belongs to several options."""
    fill_in: tuple[FindOut, ...] = ()
    """Unknown facts of public record (vocabulary ``lookup``) that would change the advice,
    in case order: filled in from registers, not ranked in ``find_out_first``."""
    measures_note: str = ""
    """A note above the further measures: with the organisation at its weakest and more
    measures than it can carry at once, that they wait for the key ones ("" otherwise)."""
    conclusion: tuple[str, ...] = ()
    """"Conclusie en advies": paragraphs of the argued close (per corner, the options and
    who chooses, what is decided now); the numbered advice refers to ``key_recommendations``
    (:mod:`pvrules.explain.conclusion`)."""
    plan: tuple[PlanStep, ...] = ()
    """The key recommendations as the steps of a plan of approach (``casus.document:
    notitie``): each with who does it and how long it takes where the catalogue says."""
    stated: tuple[str, ...] = ()
    """For a notitie: what the case states, in people's words with its certainty."""
    terms: tuple[Term, ...] = ()
    """The terms of samenwerking the body of the draft uses, defined (:mod:`.terms`)."""
    terms_note: str = ""
    """Section 2's pointer to the appendix of terms (``""`` when there are none)."""
