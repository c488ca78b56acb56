"""Render texts written by domain experts (rule explanations) in the jinja2 sandbox."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pvrules.messages import Messages
    from pvrules.validate.case import Case

ORGANS = ("raad", "college", "overheid")
"""Names every expert text may use for the client's organs, filled in per case:
``raad`` (de raad / de raden [van A, B en C] / Provinciale Staten), ``college`` (het
college / de colleges / Gedeputeerde Staten) and ``overheid`` (de gemeente / de
gemeenten / de provincie). Rule explanations write ``{{ raad }}``; vocabulary
questions and route steps ``{raad}``."""

_SIMPLE = re.compile(r"\{\{\s*([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?\s*\}\}")


def _render_simple(text: str, context: Mapping[str, Any]) -> str | None:
    """Render a text whose only jinja2 parts are ``{{ name }}`` / ``{{ a.b }}``.

    Gives exactly what jinja2 gives for such texts, without compiling a template
    (most explanation texts are like this; it keeps a cold start fast). Returns
    ``None`` when the text needs jinja2 or a name is missing (jinja2 then reports it).
    """
    if "{%" in text or "{#" in text or "{{" in _SIMPLE.sub("", text):
        return None
    missing = False

    def value(match: re.Match[str]) -> str:
        nonlocal missing
        found = context.get(match.group(1))
        if match.group(2) is not None:
            found = found.get(match.group(2)) if isinstance(found, Mapping) else None
        if found is None:
            missing = True
            return ""
        return str(found)

    rendered = _SIMPLE.sub(value, text)
    return None if missing else rendered.strip()


def render_text(text: str, context: Mapping[str, Any], where: str) -> str:
    """Render an expert-written ``text`` with ``context``; errors name ``where``.

    Plain ``{{ name }}`` texts are filled in directly; anything else goes through
    the limited jinja2 sandbox of :mod:`pvrules.sandbox`.
    """
    simple = _render_simple(text, context)
    if simple is not None:
        return simple
    from pvrules.sandbox import render_string

    return render_string(text, context, where)


MAX_NAMED = 3
"""Client raden named in a sentence; more are counted ("de raden van de zeven gemeenten")."""


def client_kind(case: Case) -> str:
    """``provincie``, ``gemeenten`` (several raden) or ``raad``, from the case's client."""
    client = case.meta.opdrachtgever
    kind = client.soort if client is not None else None
    return kind if kind in ("provincie", "gemeenten") else "raad"


def client_names(case: Case) -> list[str]:
    """The names of the entities the client is (``opdrachtgever.entiteit``), in case order."""
    client = case.meta.opdrachtgever
    return [e.name for e in case.all_entities()
            if client is not None and e.key[1] in client.entiteit and e.name]


def organs(case: Case, msg: Messages) -> dict[str, str]:
    """The client's organs as :data:`ORGANS` names them, in ``msg``'s language."""
    kind = client_kind(case)
    names = client_names(case)
    council = msg(f"chooser.{kind}")
    if kind == "gemeenten" and len(names) > MAX_NAMED:
        words = msg("number.words").split()
        count = words[len(names)] if len(names) < len(words) else str(len(names))
        council = msg("council.counted", count=count)  # seven names in every sentence: no
    elif kind == "gemeenten" and len(names) > 1:
        council = msg("council.named", names=msg.join(names))
    return {"raad": council, "college": msg(f"executive.{kind}"),
            "overheid": msg(f"government.{kind}")}


EITHER = {"raad": ("label.either.raad", "chooser"),
          "college": ("label.either.college", "executive")}
"""Words a vocabulary label uses for either client kind ("raad of Staten", "college of
GS"), with the message prefix that names the client's own organ."""


def client_label(label: str, case: Case, msg: Messages) -> str:
    """A fact ``label`` with "raad of Staten" / "college of GS" as the client's own organ.

    A label is written once for every client kind; printed in a case, "Sturing door raad
    of Staten" reads "Sturing door de raad" for a municipality, "… Provinciale Staten" for
    a province.
    """
    kind = client_kind(case)
    for key, prefix in EITHER.values():
        either = msg(key)
        if either in label:
            label = label.replace(either, msg(f"{prefix}.{kind}"))
    return label


def fill_organs(text: str, names: Mapping[str, str]) -> str:
    """``text`` with ``{raad}``, ``{college}`` and ``{overheid}`` filled in from ``names``."""
    if "{" not in text:
        return text
    for organ in ORGANS:
        text = text.replace("{" + organ + "}", names[organ])
    return text
