"""The library calls behind every endpoint: the same ones the CLI commands make.

One :class:`Service` per worker holds the compiled knowledge base and its engine
(compiled once). Each method takes a case as the JSON-shaped mapping a case file
holds and returns exactly what the matching CLI command prints:

* :meth:`Service.advise` — ``pvrules advise CASE [--format json]``;
* :meth:`Service.explain` — ``pvrules explain CASE [NAME] [--why-not ITEM]``;
* :meth:`Service.whatif` — ``pvrules whatif CASE --target T``;
* :meth:`Service.report` — ``pvrules report CASE -o FILE``.

The sequences mirror ``cli/advise_cmd.py``, ``cli/explain_cmd.py`` and
``cli/report_cmd.py`` step by step (the API tests compare the outputs byte for
byte); name resolution reuses the CLI's own helpers.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pvrules.errors import InputError, Problem
from pvrules.load.yamlio import parse_json
from pvrules.pipeline import Pipeline
from pvrules.validate.case import Case, case_from_document

MAX_CASE_BYTES = 512 * 1024
"""The largest case accepted, as JSON text."""
MAX_ENTITIES = 500
"""The most entities (partners, opgaven, ...) in one case."""


def case_text(case: Mapping[str, Any]) -> str:
    """The case as the JSON text a case file would hold (stable, pretty)."""
    return json.dumps(case, ensure_ascii=False, indent=2) + "\n"


def check_size(case: Mapping[str, Any], source: str) -> str:
    """The case's JSON text, or an :class:`InputError` when it is too large."""
    if not isinstance(case, Mapping):
        raise InputError("a case is a mapping", [Problem(
            "bad-case", "expected an object with 'casus', 'feiten' and entity lists", source)])
    text = case_text(case)
    if len(text.encode("utf-8")) > MAX_CASE_BYTES:
        raise InputError("the case is too large", [Problem(
            "too-large", f"a case may hold at most {MAX_CASE_BYTES // 1024} KB as JSON",
            source)])
    count = sum(len(v) for v in case.values() if isinstance(v, list))
    if count > MAX_ENTITIES:
        raise InputError("the case has too many entities", [Problem(
            "too-large", f"a case may hold at most {MAX_ENTITIES} partners, opgaven and "
            f"other entities together, not {count}", source)])
    return text


@dataclass
class Service:
    """A compiled knowledge base and its engine, shared by the requests of one worker."""

    pipe: Pipeline

    def __post_init__(self) -> None:
        """The lock that serialises use of the (stateful) engine."""
        self.lock = threading.Lock()

    @classmethod
    def create(cls, rules_dirs: Sequence[str] = (), knowledge_dirs: Sequence[str] = (),
               engine: str = "auto", include_builtin: bool = True) -> Service:
        """Load and compile the knowledge base once, and warm up the engine."""
        service = cls(Pipeline(rules_dirs, knowledge_dirs, engine,
                               include_builtin=include_builtin))
        _ = service.pipe.engine
        return service

    @property
    def kb(self) -> Any:
        """The knowledge base."""
        return self.pipe.kb

    def load(self, case: Mapping[str, Any], source: str = "case",
             overrides: Sequence[str] = ()) -> Case:
        """Validate a case as the CLI validates a JSON case file (the same messages)."""
        doc = parse_json(check_size(case, source), source)
        return case_from_document(doc, self.kb.vocab, overrides)

    def advise_data(self, case: Mapping[str, Any], lang: str = "nl",
                    overrides: Sequence[str] = (), source: str = "case") -> Any:
        """The advice object (:class:`pvrules.explain.advice.Advice`) and its result."""
        loaded = self.load(case, source, overrides)
        with self.lock:
            result = self.pipe.evaluate(loaded)
        return result, self.pipe.advice(result, lang)

    def advise(self, case: Mapping[str, Any], fmt: str = "json", lang: str = "nl",
               overrides: Sequence[str] = (), verbose: bool = False,
               source: str = "case") -> str:
        """What ``pvrules advise CASE --format FMT`` prints."""
        result, advice = self.advise_data(case, lang, overrides, source)
        if fmt == "json":
            from pvrules.render.jsonout import render_json

            return render_json(advice)
        from pvrules.explain.options import build_options
        from pvrules.render.markdown import render_markdown

        kb = self.kb
        labels = {i: d.label.get(lang) for i, d in kb.catalogues.items.items()}
        options = build_options(kb, result, lang, advice)
        return render_markdown(advice, verbose=verbose, item_labels=labels, options=options)

    def explain(self, case: Mapping[str, Any], name: str | None = None,
                why_not_item: str | None = None, fmt: str = "json", lang: str = "nl",
                overrides: Sequence[str] = (), verbose: bool = False,
                source: str = "case") -> str:
        """What ``pvrules explain CASE [NAME] [--why-not ITEM] --format FMT`` prints."""
        from pvrules.cli.explain_cmd import _extra_words
        from pvrules.errors import NameNotFoundError
        from pvrules.explain.names import NameResolver
        from pvrules.explain.why import WhyExplainer
        from pvrules.explain.whynot import why_not

        words = name.split() if name else []
        result, advice = self.advise_data(case, lang, overrides, source)
        kb = self.kb
        resolver = NameResolver(kb, result.case)
        emit = _Emitter(fmt, lang, verbose)
        if why_not_item is not None:
            if words:
                raise _extra_words(words)
            try:
                target = resolver.target(why_not_item, "--why-not")
            except NameNotFoundError:
                target = resolver.target(f"item:{why_not_item}", "--why-not")
            if target.kind != "item":
                raise InputError(
                    f"'{why_not_item}' is a fact; --why-not takes a catalogue item",
                    [Problem("bad-option", "give an item, e.g. herindeling", "--why-not",
                             suggestion=f"try: pvrules explain CASE {why_not_item}")])
            answers = why_not(kb, result, target.name, target.entity, lang=lang,
                              advice=advice)
            return emit("why_not", answers, template="whynot", answers=answers)
        explainer = WhyExplainer(kb, result, lang, advice)
        whys: list[Any]
        if not words:
            whys = [w for rec in advice.recommendations
                    for w in explainer.item(rec.item, rec.target_key)]
            return emit("why", whys, template="why", answers=whys)
        target = resolver.target(" ".join(words), "NAME")
        if target.kind == "fact":
            whys = explainer.fact(target.name, target.entity)
        else:
            whys = explainer.item(target.name, target.entity)
            if not whys:
                nots = why_not(kb, result, target.name, target.entity, lang=lang,
                               advice=advice)
                return emit("why_not", nots, template="whynot", answers=nots)
        return emit("why", whys, template="why", answers=whys)

    def whatif(self, case: Mapping[str, Any], target_text: str, max_changes: int = 2,
               limit: int = 5, fmt: str = "json", lang: str = "nl",
               overrides: Sequence[str] = (), verbose: bool = False,
               source: str = "case") -> str:
        """What ``pvrules whatif CASE --target T --format FMT`` prints."""
        from pvrules.cli.explain_cmd import _fact_value, _target_entity, _value_for_item
        from pvrules.explain.names import NameResolver
        from pvrules.explain.whatif import Goal, item_status, what_if

        loaded = self.load(case, source, overrides)
        kb = self.kb
        with self.lock:
            result = self.pipe.evaluate(loaded)
            resolver = NameResolver(kb, loaded)
            name_text, sep, value_text = target_text.partition("=")
            target = resolver.target(name_text, "--target")
            entity = _target_entity(resolver, result, target, lang)
            if target.kind == "item":
                if sep:
                    raise _value_for_item(target_text)
                now = item_status(kb, result, target.name, entity)
                goal = Goal("item", target.name, entity,
                            "disappear" if now == "recommended" else "appear")
            else:
                value = _fact_value(kb, target.name, value_text) if sep else None
                goal = Goal("fact", target.name, entity, "value" if sep else "change", value)
            answer = what_if(kb, loaded, goal, lang=lang, confirm=self.pipe.engine,
                             base=result, max_size=max_changes, limit=limit)
        return _Emitter(fmt, lang, verbose)("whatif", answer, template="whatif", w=answer)

    def report(self, case: Mapping[str, Any], fmt: str = "markdown", lang: str = "nl",
               overrides: Sequence[str] = (), day: dt.date | None = None,
               source: str = "case") -> bytes:
        """The bytes ``pvrules report CASE --format FMT --date DAY`` writes."""
        from pvrules.render.report import parse_date, render_report
        from pvrules.render.report_data import build_report_data

        result, advice = self.advise_data(case, lang, overrides, source)
        data = build_report_data(self.kb, result, advice,
                                 day if day is not None else parse_date(None))
        return render_report(data, fmt, None)

    def close(self) -> None:
        """Release the engine."""
        self.pipe.close()


@dataclass(frozen=True)
class _Emitter:
    """``_emit`` of the explain commands, returning the text instead of printing it."""

    fmt: str
    lang: str
    verbose: bool

    def __call__(self, kind: str, payload: Any, *, template: str, **data: Any) -> str:
        from pvrules.render.explain_text import render_explain_json, render_explain_text

        if self.fmt == "json":
            return str(render_explain_json(kind, payload))
        return str(render_explain_text(template, self.lang, verbose=self.verbose, **data))
