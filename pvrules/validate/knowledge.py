"""Load and cross-check vocabulary, catalogue and source files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import ValidationError

from pvrules.errors import KnowledgeError, Problem, problems_error
from pvrules.load.resources import SourceFile
from pvrules.load.yamlio import parse_text
from pvrules.suggest import did_you_mean
from pvrules.validate.ask_check import ask_problems
from pvrules.validate.catalogue import (
    CatalogueFile,
    CatalogueHeader,
    ItemDef,
    SourceDef,
    SourcesFile,
)
from pvrules.validate.problems import pydantic_problems
from pvrules.validate.vocab import Vocabulary, build_vocabulary
from pvrules.validate.vocabulary import (
    CornerDef,
    EntityDef,
    FactDef,
    ScaleDef,
    StrengthDef,
    VocabularyFile,
)


@dataclass(frozen=True)
class Catalogues:
    """All catalogues: their headers, items by id, and which catalogue each item is in."""

    headers: dict[str, CatalogueHeader]
    items: dict[str, ItemDef]
    item_catalogue: dict[str, str]
    sources: dict[str, SourceDef]

    def exclusive_with(self, item: str) -> set[str]:
        """Items that exclude ``item`` for one target (same exclusive catalogue or listed)."""
        result = {other for other, cat in self.item_catalogue.items()
                  if other != item and cat == self.item_catalogue[item]
                  and self.headers[cat].exclusive}
        result.update(self.items[item].excludes)
        result.update(i for i, d in self.items.items() if item in d.excludes)
        result.discard(item)
        return result

    def role(self, item: str) -> str:
        """The kind of the catalogue ``item`` is in (``item``, ``criterion``, ``risk``...)."""
        return self.headers[self.item_catalogue[item]].role

    def items_of(self, role: str) -> list[str]:
        """Ids of the items of every catalogue of kind ``role``, in file order."""
        return [i for i, cat in self.item_catalogue.items() if self.headers[cat].role == role]


@dataclass(frozen=True)
class Knowledge:
    """The loaded vocabulary and catalogues."""

    vocab: Vocabulary
    catalogues: Catalogues
    files: tuple[SourceFile, ...]


def load_knowledge(files: Iterable[SourceFile]) -> Knowledge:
    """Parse and cross-check knowledge files; raise one error listing every problem."""
    files = tuple(files)
    problems: list[Problem] = []
    entities: list[tuple[EntityDef, str, int | None]] = []
    scales: list[tuple[ScaleDef, str, int | None]] = []
    facts: list[tuple[FactDef, str, int | None]] = []
    headers: list[tuple[CatalogueHeader, str]] = []
    items: list[tuple[ItemDef, str, str, int | None]] = []
    sources: list[tuple[SourceDef, str, int | None]] = []
    corners: list[tuple[CornerDef, str, int | None]] = []
    strengths: list[tuple[StrengthDef, str, int | None]] = []
    for src in files:
        doc = parse_text(src.text, src.name)
        data = doc.data
        if data is None:
            continue
        if not isinstance(data, dict):
            problems.append(Problem("bad-file", "a knowledge file is a mapping", src.name, 1,
                                    allowed=("entities", "scales", "facts", "corners",
                                             "strengths", "catalogue", "items", "sources")))
            continue
        model: type[VocabularyFile] | type[CatalogueFile] | type[SourcesFile]
        if "catalogue" in data:
            model = CatalogueFile
        elif "sources" in data:
            model = SourcesFile
        else:
            model = VocabularyFile
        try:
            parsed = model.model_validate(data)
        except ValidationError as err:
            problems.extend(pydantic_problems(err, model, doc))
            continue
        if isinstance(parsed, CatalogueFile):
            headers.append((parsed.catalogue, src.name))
            items.extend((it, parsed.catalogue.id, src.name, doc.line_of(("items", i)))
                         for i, it in enumerate(parsed.items))
        elif isinstance(parsed, SourcesFile):
            sources.extend((s, src.name, doc.line_of(("sources", i)))
                           for i, s in enumerate(parsed.sources))
        else:
            entities.extend((e, src.name, doc.line_of(("entities", i)))
                            for i, e in enumerate(parsed.entities))
            scales.extend((s, src.name, doc.line_of(("scales", i)))
                          for i, s in enumerate(parsed.scales))
            facts.extend((f, src.name, doc.line_of(("facts", i)))
                         for i, f in enumerate(parsed.facts))
            corners.extend((c, src.name, doc.line_of(("corners", i)))
                           for i, c in enumerate(parsed.corners))
            strengths.extend((st, src.name, doc.line_of(("strengths", i)))
                             for i, st in enumerate(parsed.strengths))
    for kind, group in (("entity", entities), ("scale", scales), ("fact", facts),
                        ("source", sources), ("corner", corners), ("strength", strengths)):
        _duplicates(kind, [(d.id, f, ln) for d, f, ln in group], problems)
    _duplicates("catalogue item", [(d.id, f, ln) for d, _c, f, ln in items], problems)
    vocab = build_vocabulary([e for e, _f, _l in entities], [s for s, _f, _l in scales],
                             [f for f, _s, _l in facts], [c for c, _f, _l in corners],
                             [st for st, _f, _l in strengths])
    defaults = [(st, name, line) for st, name, line in strengths if st.default]
    for st, name, line in defaults[1:]:
        problems.append(Problem("duplicate", f"strength '{st.id}' is a second default (first: "
                                f"'{defaults[0][0].id}'); only one strength may say "
                                "'default: true'", name, line))
    collections: dict[str, str] = {}
    for ent, name, line in entities:
        if ent.collection in collections and collections[ent.collection] != ent.id:
            problems.append(Problem("duplicate", f"the list name '{ent.collection}' is used by "
                                    f"'{collections[ent.collection]}' and '{ent.id}'", name, line))
        collections[ent.collection] = ent.id
    for fact, name, line in facts:
        if fact.entity not in vocab.entities:
            problems.append(Problem("unknown-entity", f"fact '{fact.id}': unknown entity "
                                    f"'{fact.entity}'", name, line, allowed=tuple(vocab.entities),
                                    suggestion=did_you_mean(fact.entity, vocab.entities)))
        if fact.scale and fact.scale not in vocab.scales:
            problems.append(Problem("unknown-scale", f"fact '{fact.id}': unknown scale "
                                    f"'{fact.scale}'", name, line, allowed=tuple(vocab.scales),
                                    suggestion=did_you_mean(fact.scale, vocab.scales)))
        elif fact.default is not None:
            try:
                vocab.normalize(fact, fact.default)
            except ValueError as err:
                problems.append(Problem("bad-default", f"fact '{fact.id}': {err}", name, line))
        if fact.corner is not None and fact.corner not in vocab.corners:
            problems.append(Problem("unknown-corner", f"fact '{fact.id}': unknown corner "
                                    f"'{fact.corner}'", name, line, allowed=vocab.corner_ids,
                                    suggestion=did_you_mean(fact.corner, vocab.corners)
                                    or "declare the corners under 'corners:' in a "
                                    "vocabulary file"))
        if fact.ref is not None and fact.ref not in vocab.entities:
            problems.append(Problem("unknown-entity", f"fact '{fact.id}': 'ref' names unknown "
                                    f"entity '{fact.ref}'", name, line,
                                    allowed=tuple(e for e in vocab.entities if e != "case"),
                                    suggestion=did_you_mean(fact.ref, vocab.entities)))
        if fact.aggregate is not None:
            problems.extend(Problem("bad-aggregate", f"fact '{fact.id}': {msg}", name, line,
                                    allowed=allowed)
                            for msg, allowed in _aggregate_problems(fact, vocab))
        problems.extend(Problem("bad-ask", f"fact '{fact.id}': {msg}", name, line,
                                allowed=allowed) for msg, allowed in ask_problems(fact, vocab))
    source_ids = {s.id for s, _f, _l in sources}
    header_ids = {h.id for h, _f in headers}
    for head, name in headers:
        for target in head.targets:
            if target not in vocab.entities:
                problems.append(Problem("unknown-entity", f"catalogue '{head.id}': unknown "
                                        f"target '{target}'", name, 1,
                                        allowed=tuple(vocab.entities)))
    if len(header_ids) != len(headers):
        problems.append(Problem("duplicate", "two catalogues have the same id",
                                headers[0][1] if headers else None))
    item_ids = {it.id for it, _c, _f, _l in items}
    for item, _cat, name, line in items:
        for ref in item.sources:
            if ref not in source_ids:
                problems.append(Problem("unknown-source", f"item '{item.id}': unknown source "
                                        f"'{ref}'", name, line,
                                        suggestion=did_you_mean(ref, source_ids)))
        for other in item.excludes:
            if other not in item_ids:
                problems.append(Problem("unknown-item", f"item '{item.id}' excludes unknown "
                                        f"item '{other}'", name, line,
                                        suggestion=did_you_mean(other, item_ids)))
    if problems:
        raise problems_error(KnowledgeError, "the knowledge files have problems", problems)
    catalogues = Catalogues(
        {h.id: h for h, _f in headers},
        {it.id: it for it, _c, _f, _l in items},
        {it.id: cat for it, cat, _f, _l in items},
        {s.id: s for s, _f, _l in sources},
    )
    return Knowledge(vocab, catalogues, files)


def _aggregate_problems(fact: FactDef, vocab: Vocabulary
                        ) -> list[tuple[str, tuple[str, ...]]]:
    """What is wrong with an aggregate declaration (message, allowed)."""
    agg = fact.aggregate
    assert agg is not None
    over = vocab.facts.get(agg.over)
    lists = tuple(f.id for f in vocab.facts_of(fact.entity) if f.ref is not None)
    if over is None or over.entity != fact.entity or over.ref is None:
        return [(f"'over: {agg.over}' must be a list fact with 'ref:' of the same entity "
                 f"'{fact.entity}'", lists)]
    if agg.of is None:
        if agg.fn != "count":
            return [(f"'{agg.fn}' needs 'of:' (a fact of '{over.ref}')", ())]
        return [] if fact.type == "number" else [("'count' gives a number: use 'type: number'",
                                                   ())]
    of = vocab.facts.get(agg.of)
    if of is None or of.entity != over.ref:
        return [(f"'of: {agg.of}' must be a fact of '{over.ref}'",
                 tuple(f.id for f in vocab.facts_of(over.ref)))]
    want: dict[str, tuple[str, ...]] = {
        "differs": ("bool",), "all": ("bool",), "any": ("bool",), "count": ("number",),
        "min": (of.type,), "max": (of.type,)}
    out: list[tuple[str, tuple[str, ...]]] = []
    if fact.type not in want[agg.fn]:
        out.append((f"'{agg.fn}' gives a {want[agg.fn][0]}: declare 'type: {want[agg.fn][0]}'",
                    want[agg.fn]))
    if agg.is_ is not None:
        values = tuple(v.id for v in vocab.value_defs(of)) if of.type == "enum" else ()
        if agg.fn not in ("all", "any", "count"):
            out.append((f"'is:' applies to any, all or count, not to '{agg.fn}'",
                        ("any", "all", "count")))
        elif agg.is_ not in values:
            out.append((f"'is: {agg.is_}' must be a value of the enum fact '{of.id}'",
                        values))
    elif agg.fn in ("all", "any", "count") and of.type != "bool":
        out.append((f"'{agg.fn}' needs a true/false fact as 'of', and '{of.id}' is a {of.type}",
                    ()))
    if agg.fn in ("min", "max"):
        if of.type not in ("level", "number"):
            out.append((f"'{agg.fn}' needs an ordered fact (level or number) as 'of', and "
                        f"'{of.id}' is a {of.type}", ()))
        elif of.type == "level" and fact.scale != of.scale:
            out.append((f"'{agg.fn}' of '{of.id}' is on scale '{of.scale}': declare "
                        f"'scale: {of.scale}'", ()))
    if agg.fn == "differs" and of.type == "list":
        out.append(("'differs' does not apply to list facts", ()))
    return out


def _duplicates(kind: str, entries: list[tuple[str, str, int | None]],
                problems: list[Problem]) -> None:
    seen: dict[str, tuple[str, int | None]] = {}
    for ident, name, line in entries:
        if ident in seen:
            first = seen[ident]
            problems.append(Problem("duplicate", f"{kind} '{ident}' is declared twice "
                                    f"(first in {first[0]}:{first[1]})", name, line))
        else:
            seen[ident] = (name, line)
