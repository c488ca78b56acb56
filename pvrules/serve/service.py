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
        return case_from_document(doc, self.kb.vocab, overrides,
                                  sources=self.kb.catalogues.sources)

    def context(self, case: Mapping[str, Any], lang: str = "nl",
                overrides: Sequence[str] = (), source: str = "case") -> Any:
        """The explain context (:class:`pvrules.explain.context.ExplainContext`) of a case."""
        from pvrules.explain.context import ExplainContext

        loaded = self.load(case, source, overrides)
        with self.lock:
            result = self.pipe.evaluate(loaded)
        return ExplainContext(self.kb, result, lang)

    def advice_data(self, case: Mapping[str, Any], lang: str = "nl",
                    overrides: Sequence[str] = (), source: str = "case") -> Any:
        """The advice JSON data (what ``advise --format json`` prints, not yet as text)."""
        from pvrules.render.jsonout import advice_data

        return advice_data(self.context(case, lang, overrides, source))

    def panel_data(self, case: Mapping[str, Any], lang: str = "nl",
                   source: str = "case") -> dict[str, Any]:
        """The advice JSON's keys the page shows (contract §4), without the rest.

        The same values as :meth:`advice_data` for these keys; only the decisions and
        each recommendation's target are turned into JSON data (the full advice with
        its chains is not needed for the panel, and converting it costs time).
        """
        from pvrules.render.jsonout import to_jsonable

        ctx = self.context(case, lang, (), source)
        data: dict[str, Any] = to_jsonable(ctx.decisions)
        data["recommendations"] = [
            {"item": r.item, "target": r.target, "target_key": list(r.target_key)}
            for r in ctx.advice.recommendations]
        return data

    def advise(self, case: Mapping[str, Any], fmt: str = "json", lang: str = "nl",
               overrides: Sequence[str] = (), day: dt.date | None = None,
               source: str = "case") -> str:
        """What ``pvrules advise CASE --format FMT`` prints to a file or pipe."""
        from pvrules.render.report import parse_date

        ctx = self.context(case, lang, overrides, source)
        if fmt == "json":
            from pvrules.render.jsonout import render_advice_json

            return str(render_advice_json(ctx))
        from pvrules.render.markdown import render_markdown
        from pvrules.render.report import context as doc_context

        day = day if day is not None else parse_date(None)
        return str(render_markdown(doc_context(ctx.decisions, lang, day)))

    def explain(self, case: Mapping[str, Any], name: str | None = None,
                why_not_item: str | None = None, fmt: str = "json", lang: str = "nl",
                overrides: Sequence[str] = (), verbose: bool = False,
                source: str = "case") -> str:
        """What ``pvrules explain CASE [NAME] [--why-not ITEM] --format FMT`` prints."""
        from pvrules.explain.names import NameResolver
        from pvrules.explain.targets import why_not_answers
        from pvrules.explain.why import WhyExplainer
        from pvrules.explain.whynot import why_not

        words = name.split() if name else []
        ctx = self.context(case, lang, overrides, source)
        kb = self.kb
        resolver = NameResolver(kb, ctx.result.case)
        advice = ctx.advice
        emit = _Emitter(fmt, lang, verbose)
        if why_not_item is not None:
            answers = why_not_answers(ctx, resolver, why_not_item, words)
            return emit("why_not", answers, template="whynot", answers=answers)
        explainer = WhyExplainer(ctx)
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
                nots = why_not(ctx, target.name, target.entity)
                return emit("why_not", nots, template="whynot", answers=nots)
        return emit("why", whys, template="why", answers=whys)

    def whatif(self, case: Mapping[str, Any], target_text: str, max_changes: int = 2,
               limit: int = 5, all_facts: bool = False, fmt: str = "json", lang: str = "nl",
               overrides: Sequence[str] = (), verbose: bool = False,
               source: str = "case") -> str:
        """What ``pvrules whatif CASE --target T --format FMT`` prints."""
        from pvrules.explain.context import ExplainContext
        from pvrules.explain.names import NameResolver
        from pvrules.explain.option_whynot import option_key, what_if_option
        from pvrules.explain.targets import whatif_goal
        from pvrules.explain.whatif import what_if

        loaded = self.load(case, source, overrides)
        kb = self.kb
        with self.lock:
            result = self.pipe.evaluate(loaded)
        resolver = NameResolver(kb, loaded)
        ctx = ExplainContext(kb, result, lang)
        # the search runs without the engine; only each confirmation takes the lock
        confirm = _Locked(self.pipe.engine, self.lock)
        option = option_key(resolver, target_text)
        if option is not None:
            answer = what_if_option(ctx, loaded, option, confirm=confirm,
                                    max_size=max_changes, limit=limit, all_facts=all_facts)
        else:
            goal = whatif_goal(ctx, resolver, target_text)
            answer = what_if(ctx, loaded, goal, confirm=confirm, max_size=max_changes,
                             limit=limit, all_facts=all_facts)
        return _Emitter(fmt, lang, verbose)("whatif", answer, template="whatif", w=answer)

    def report(self, case: Mapping[str, Any], fmt: str = "markdown", lang: str = "nl",
               overrides: Sequence[str] = (), day: dt.date | None = None,
               author: str | None = None, source: str = "case") -> bytes:
        """The bytes ``pvrules report CASE --format FMT --date DAY`` writes."""
        from pvrules.render.report import parse_date, render_report

        decisions = self.context(case, lang, overrides, source).decisions
        payload: bytes = render_report(decisions, fmt, lang=lang,
                                       day=day if day is not None else parse_date(None),
                                       template_dir=None, author=author)
        return payload

    def close(self) -> None:
        """Release the engine."""
        self.pipe.close()


class _Locked:
    """An engine whose every evaluation holds the service's lock (and only that long)."""

    def __init__(self, engine: Any, lock: Any) -> None:
        """Wrap ``engine``; ``lock`` serialises its use."""
        self.engine = engine
        self.lock = lock
        self.name: str = str(engine.name)

    def evaluate(self, case: Case) -> Any:
        """Evaluate ``case`` while holding the lock."""
        with self.lock:
            return self.engine.evaluate(case)

    def close(self) -> None:
        """Nothing: the service closes its engine."""


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
