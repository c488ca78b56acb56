"""Whether the case says a step or measure is done or under way (``properties.done_when``).

A catalogue item (a route step or a measure) may carry ``done_when: "fact: value, value"``:
it is done, or already under way, when that fact of the case has one of the values, or, for
a list fact such as ``onderzoek_loopt``, holds one of them. The advice then does not list the
step or recommend the measure again (a Wet arhi procedure under way starts at its next step;
a study under way is awaited, not commissioned twice).
"""

from __future__ import annotations

from pvrules.explain.ctxtypes import Ctx
from pvrules.validate.case import CASE_KEY

DONE_WHEN = "done_when"


def done(ctx: Ctx, item: object) -> bool:
    """Whether the case's facts say ``item`` (a catalogue item) is done or under way."""
    props = getattr(item, "properties", None) or {}
    found = props.get(DONE_WHEN)
    getter = getattr(found, "get", None)
    text = str(getter("nl")) if getter is not None else None
    if not text or ":" not in text:
        return False
    fact, values = text.split(":", 1)
    wanted = {v.strip() for v in values.split(",")}
    value = ctx.result.case.facts.get(CASE_KEY, {}).get(fact.strip())
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(str(v) in wanted for v in value)
    if isinstance(value, bool):  # a bool fact: "richting_gekozen: true"
        return ("true" if value else "false") in wanted
    return value is not None and str(value) in wanted
