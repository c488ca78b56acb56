"""The durable_rules adapter: the only module that imports durable_rules.

It drives the C API directly (no ``Host``, no timer threads): one ruleset per
engine instance, one session (sid) per case that is always deleted, its own
agenda loop, barrier rules that close each stratum, negation and "unknown"
tests checked in Python (exact under stratification), and every durable
error turned into an :class:`~pvrules.errors.EngineError`.
"""

from __future__ import annotations

import contextlib
import itertools
import json
from collections.abc import Iterable, Iterator
from typing import Any

from pvrules.compile.ir import CASE, CompiledRule
from pvrules.errors import EngineError, EngineLimitError, EngineUnavailableError, PvrulesError
from pvrules.infer.compiled import Check
from pvrules.infer.durable_facts import FactWriter
from pvrules.infer.durable_limits import MAX_STACK, check_limits, packed_fits
from pvrules.infer.durable_plan import (
    DurableCompiler,
    DurablePlan,
    DurableRule,
    dumps_fact,
    flag_fact,
)
from pvrules.infer.result import Result
from pvrules.infer.session import Plan, Session
from pvrules.validate.case import CASE_KEY, Case, EntityKey
from pvrules.validate.vocab import Vocabulary

_counter = itertools.count(1)
MAX_ENTITIES_PER_TYPE = 20000
"""Positional ids ``type:1`` … ``type:20000`` have pairwise distinct FNV-1a-32 hashes."""
MAX_FACT_BYTES = 2**24 - 1024
"""durable_rules silently drops a fact whose JSON text reaches 16 MiB (and, in a batch,
every fact after it); pvrules refuses such a fact before durable sees it."""


def load_engine_module() -> Any:
    """Import the C extension or raise :class:`EngineUnavailableError`."""
    try:
        import durable_rules_engine
    except ImportError as err:  # Python 3.13+ or not installed
        raise EngineUnavailableError(
            f"durable_rules is not available on this Python ({err}); "
            "use --engine python (the reference evaluator)") from err
    return durable_rules_engine


_CODES = {
    "102": "a value of an unexpected type", "106": "too many child nodes",
    "108": "more than 256 rules share one pattern", "113": "more than 31 tests in a pattern",
    "302": "more than 255 properties in a fact", "303": "one fact matches 64 or more tests",
    "304": "more than 16 patterns in a rule",
}


def _meaning(error: str) -> str:
    code = error.rsplit(":", 1)[-1].strip()
    return f" ({_CODES[code]})" if code in _CODES else ""


def fnv1a32(text: str) -> int:
    """The 32-bit FNV-1a hash durable_rules uses for join values and fact ids."""
    h = 0x811C9DC5
    for byte in text.encode():
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


class IdPool:
    """Short fact ids ``"1"``, ``"2"``, … whose FNV-1a-32 hashes are pairwise distinct.

    Computed once per engine and grown on demand, so that a case does not hash its ids
    again; an id whose hash an earlier id has is left out.
    """

    def __init__(self) -> None:
        """Start empty."""
        self.ids: list[str] = []
        self.hashes: list[int] = []
        self._seen: set[int] = set()
        self._number = 0

    def grow(self, size: int) -> None:
        """Make at least ``size`` ids available."""
        while len(self.ids) < size:
            self._number += 1
            ident = str(self._number)
            digest = fnv1a32(ident)
            if digest not in self._seen:
                self._seen.add(digest)
                self.ids.append(ident)
                self.hashes.append(digest)


class FactIds:
    """Explicit fact ids for one durable session, free of 32-bit hash collisions.

    durable_rules stores a session's facts in an index keyed by the FNV-1a-32 hash of
    the fact id and compares only the hash, so two facts whose ids collide are taken for
    one. Ids here are short numbers from an :class:`IdPool` (pairwise distinct hashes);
    the one whose hash equals that of the session's state fact ``sid-<sid>`` is skipped.
    """

    def __init__(self, sid: str, pool: IdPool | None = None) -> None:
        """Start a session's ids; the state fact's id hash is reserved."""
        self._pool = pool if pool is not None else IdPool()
        self._reserved = fnv1a32(f"sid-{sid}")
        self._next = 0

    def next(self) -> str:
        """The next id whose hash no earlier id of this session (nor the state fact) has."""
        pool = self._pool
        while True:
            at = self._next
            self._next += 1
            if at >= len(pool.ids):
                pool.grow(2 * at + 64)
            if pool.hashes[at] != self._reserved:
                return pool.ids[at]


def _too_big(name: str, case_id: str, payload: str) -> EngineLimitError:
    return EngineLimitError(
        f"fact '{name}' of case '{case_id}' is {len(payload):,} bytes as JSON; durable_rules "
        f"silently drops facts of 16 MiB or more (limit here {MAX_FACT_BYTES:,}); use "
        f"--engine python")


def compile_plan(rules: tuple[CompiledRule, ...], vocab: Vocabulary) -> DurablePlan:
    """The checked ruleset: packed entity facts, else one fact per value.

    Packed where that stays within durable's limits (:func:`check_limits`), otherwise
    one fact per value; :class:`EngineLimitError` if that crosses them too.
    """
    packed, plain = DurableCompiler(vocab).compile_both(rules, MAX_STACK)
    if packed is not None and (plain is None or packed_fits(packed)):
        plan = packed
    else:
        assert plain is not None  # compile_both raises when neither fits
        plan = plain()
    check_limits(plan, vocab, rules)
    return plan


class DurableEngine:
    """Evaluate cases with durable_rules, in the safe subset only."""

    name = "durable"

    def __init__(self, rules: tuple[CompiledRule, ...], vocab: Vocabulary,
                 cache_key: str | None = None) -> None:
        """Generate, limit-check and register the ruleset (once per engine).

        Args:
            rules: the compiled rules.
            vocab: the vocabulary.
            cache_key: a key identifying ``rules`` and ``vocab`` (the knowledge base's
                content hash); with it the checked ruleset is kept in the cache.
        """
        from pvrules.load import cache

        self._closed = True
        self.vocab = vocab
        self.plan = Plan.build(rules, vocab)
        key = f"durable-{cache.code_fingerprint()}-{cache_key}" if cache_key else None
        # kept in memory once read (``keep``): every engine of one knowledge base in a
        # process shares the one plan and its JSON text, which nothing changes
        cached = cache.load(key, keep=True) if key else None
        if isinstance(cached, DurablePlan):
            self.durable_plan = cached
        else:
            self.durable_plan = compile_plan(rules, vocab)
            if key:
                self.durable_plan.ruleset_json()  # stored with the plan
                cache.store(key, self.durable_plan)
        self._meta: dict[str, DurableRule] = {r.name: r for r in self.durable_plan.rules}
        self._route: dict[str, tuple[CompiledRule, Check | None, str | None]] = {
            r.name: (self.plan.by_id[r.rule_id],
                     self.plan.compiler.check(r.residual) if r.residual else None,
                     f'"{r.focus_pattern}":{{' if r.focus_pattern else None)
            for r in self.durable_plan.rules}
        """Durable rule name → (rule, residual check, how its focus pattern starts)."""
        self._writer = FactWriter(self.durable_plan, vocab)
        self._flags: dict[int, list[tuple[str, Check, str]]] = {}
        for flag in self.durable_plan.flags:
            text = dumps_fact(flag_fact(flag.name, "@"))  # its text up to the session id
            assert text.endswith('"sid":"@"}')
            self._flags.setdefault(flag.stratum, []).append(
                (flag.name, self.plan.compiler.check(flag.cond), text[:-len('"@"}')]))
        self._ids = IdPool()
        self._dre = load_engine_module()
        self._name = f"pvrules_{id(self):x}_{next(_counter)}"
        try:
            self._handle = self._dre.create_ruleset(self._name, self.durable_plan.ruleset_json())
        except Exception as err:
            raise EngineError(f"durable_rules refused the generated ruleset: {err}"
                              f"{_meaning(str(err))}; use --engine python") from err
        self._closed = False

    def close(self) -> None:
        """Release the ruleset."""
        if not self._closed:
            self._closed = True
            with contextlib.suppress(Exception):  # nothing useful to do at shutdown
                self._dre.delete_ruleset(self._handle)

    def __del__(self) -> None:
        if hasattr(self, "_handle"):
            self.close()

    def evaluate(self, case: Case) -> Result:
        """Evaluate one case in a fresh session that is always deleted."""
        session = Session(self.plan, case)
        slots: dict[EntityKey, str] = {}
        back: dict[str, EntityKey] = {}
        for ent in case.all_entities():
            if ent.slot > MAX_ENTITIES_PER_TYPE:
                raise EngineLimitError(f"more than {MAX_ENTITIES_PER_TYPE} entities of type "
                                       f"'{ent.type}' in one case")
            ident = f"{ent.type}:{ent.slot}"
            slots[ent.key] = ident
            back[ident] = ent.key
        sid = f"c{next(_counter)}"
        ids = FactIds(sid, self._ids)
        facts = itertools.chain(
            self._writer.case_facts(session.values, slots, sid),  # type: ignore[arg-type]
            self._flag_facts(session, 0, sid))
        started = False
        try:
            state = self._assert(facts, ids, case.meta.id)
            started = True
            self._run(session, state, sid, slots, back, ids)
        except PvrulesError:
            raise
        except Exception as err:
            raise EngineError(f"durable_rules failed on case '{case.meta.id}': {err}") from err
        finally:
            if started:
                try:
                    self._dre.delete_state(self._handle, sid)
                except Exception as err:
                    raise EngineError(f"durable_rules could not delete session {sid}: {err}") \
                        from err
        return session.result(self.name)

    def _assert(self, facts: Iterable[tuple[str, str]], ids: FactIds, case_id: str) -> Any:
        """Assert the case's facts one at a time, each checked; return durable's state handle.

        One call per fact: a batch returns one code for all facts and hides a fact that
        durable dropped (a 16 MiB text, a 32-bit id collision). durable's C work is the
        same either way (measured).
        """
        state = None
        assert_fact, handle, next_id = self._dre.assert_fact, self._handle, ids.next
        for name, body in facts:  # _assert_one, inlined: the hot path of a case
            payload = f'{body},"id":"{next_id()}"}}'
            if len(payload) > MAX_FACT_BYTES:
                raise _too_big(name, case_id, payload)
            try:
                result = assert_fact(handle, payload)
            except Exception as err:
                raise EngineError(f"durable_rules refused fact '{name}' of case '{case_id}': "
                                  f"{err}") from err
            code, state = result if type(result) is tuple else (result, None)
            if code not in (0, 1):  # 1: no pattern matches the value, which is fine
                raise EngineError(f"durable_rules did not store fact '{name}' of case "
                                  f"'{case_id}' (code {code}); use --engine python for this "
                                  f"case")
        return state

    def _assert_one(self, name: str, body: str, ids: FactIds, case_id: str) -> Any:
        """Assert one fact (JSON text without the closing brace) with a collision-free id.

        A fact durable would drop (16 MiB or more) is refused first.
        """
        payload = f'{body},"id":"{ids.next()}"}}'
        if len(payload) > MAX_FACT_BYTES:
            raise _too_big(name, case_id, payload)
        try:
            result = self._dre.assert_fact(self._handle, payload)
        except Exception as err:
            raise EngineError(f"durable_rules refused fact '{name}' of case '{case_id}': "
                              f"{err}") from err
        code, state = result if type(result) is tuple else (result, None)
        if code not in (0, 1):  # 1: no pattern matches the value, which is fine
            raise EngineError(f"durable_rules did not store fact '{name}' of case '{case_id}' "
                              f"(code {code}); use --engine python for this case")
        return state

    def _run(self, session: Session, state: Any, sid: str, slots: dict[EntityKey, str],
             back: dict[str, EntityKey], ids: FactIds) -> None:
        dre = self._dre
        barriers = self.durable_plan.barriers
        scope = session.scope
        route, firings = self._route, session.firings
        res = dre.start_action_for_state(self._handle, state)
        messages = res[1] if res else None
        while messages:
            peeked = self._peek(messages, back)
            if peeked is not None:
                actions: Any = (peeked,)
            else:
                actions = [(name, self._focus_of(name, frame, back))
                           for name, frame in json.loads(messages).items()]
            for name, focus in actions:
                if name in barriers:
                    self._close(session, barriers[name], sid, slots, ids)  # clears scope
                    continue
                rule, residual, _marker = route[name]
                if (rule.id, focus) in firings:
                    continue
                if residual is not None and residual(session.env(rule, focus), scope) is not True:
                    continue
                session.fire(rule, focus)
            messages = dre.complete_and_start_action(self._handle, state)

    def _peek(self, messages: str, back: dict[str, EntityKey]
              ) -> tuple[str, EntityKey | None] | None:
        """(rule name, focus) of an activation read without decoding its JSON.

        durable_rules sends one rule per activation: ``{"NAME":{"p0":{fact},...}}`` with
        flat facts. Whatever this cannot read plainly (``None``) is decoded in full.
        """
        end = messages.find('"', 2)
        name = messages[2:end]
        if not messages.startswith('{"') or messages[end:end + 3] != '":{':
            return None
        if name in self.durable_plan.barriers:
            return name, None
        got = self._route.get(name)
        if got is None:
            return None
        marker = got[2]
        if marker is None:
            return name, None
        at = messages.find(marker, end)
        if at < 0:
            return None
        key = messages.find('"e":"', at)
        close = messages.find("}", at)
        if key < 0 or (0 <= close < key):
            return None
        stop = messages.find('"', key + 5)
        focus = back.get(messages[key + 5:stop])
        return None if focus is None else (name, focus)

    def _focus_of(self, name: str, frame: dict[str, Any], back: dict[str, EntityKey]
                  ) -> EntityKey | None:
        meta = self._meta.get(name)
        if meta is None or meta.focus_pattern is None:
            return None
        return back[frame[meta.focus_pattern]["e"]]

    def _close(self, session: Session, stratum: int, sid: str,
               slots: dict[EntityKey, str], ids: FactIds) -> None:
        """Close a stratum: resolve its derived facts and assert those a pattern can use.

        Then the flags the next stratum's rules test.
        """
        case_id = session.case.meta.id
        for target, fact, value in session.close_stratum(stratum):
            ident = slots.get(target) if target[0] != CASE else None
            body = self._writer.derived(target, ident, fact, value, sid)
            if body is not None:  # else no pattern tests it: Python checks read the session
                self._assert_one(fact, body, ids, case_id)
        for name, body in self._flag_facts(session, stratum + 1, sid):
            self._assert_one(name, body, ids, case_id)

    def _flag_facts(self, session: Session, stratum: int, sid: str
                    ) -> Iterator[tuple[str, str]]:
        """The flag facts of the existentials first tested in ``stratum`` that hold.

        Their facts are final when the stratum starts (strict stratification), so each
        flag is decided once, by the same compiled closures as the reference evaluator.
        """
        env = {CASE: CASE_KEY}
        flags = self._flags.get(stratum)
        if not flags:
            return
        sid_text = json.dumps(sid)
        for name, check, head in flags:
            if check(env, session.scope) is True:  # the closures leave env as they found it
                yield name, head + sid_text
