"""One summary row per case, read from the advice JSON — the only place that reads it.

Batch summaries and sweeps read verdicts from the JSON that ``pvrules advise
--format json`` writes. Every field they use is read here, so that a change
of that JSON's shape is a change in this one module. Where a key of the
contract's decisions JSON (contract §4) is not there yet, the nearest
existing field is used and marked ``# contract §4:``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

KEY_RECOMMENDATIONS = 5
"""At most this many key recommendations per case (contract §4)."""


@dataclass(frozen=True)
class SummaryRow:
    """What the summary table shows of one case."""

    id: str
    title: str = ""
    corners: tuple[tuple[str, str], ...] = ()
    """(corner id, level label) in the advice's corner order."""
    key_recommendations: tuple[str, ...] = ()
    advised_against: tuple[str, ...] = ()
    unknown_facts: int | None = None
    error: str = ""
    source: str = ""


def _label(entry: Mapping[str, Any]) -> str:
    """``label (target)`` for a recommendation-like entry."""
    label = str(entry.get("label") or entry.get("item") or "?")
    target = entry.get("target")
    return f"{label} ({target})" if target else label


def key_recommendations(advice: Mapping[str, Any]) -> list[str]:
    """The case's key recommendations, as ``label (target)``."""
    if "key_recommendations" in advice:
        return [_label(r) for r in advice["key_recommendations"]][:KEY_RECOMMENDATIONS]
    # contract §4: key_recommendations — today the first recommended items, strongest first.
    recs = [r for r in advice.get("recommendations", ()) if r.get("status") == "recommended"]
    return [_label(r) for r in recs[:KEY_RECOMMENDATIONS]]


def advised_against(advice: Mapping[str, Any]) -> list[str]:
    """Options and measures advised against, as ``label (target)``."""
    out: list[str] = []
    if "options" in advice:
        for decision in advice["options"]:
            for option in decision.get("options", ()):
                if option.get("preference") == "advised_against":
                    out.append(str(option.get("label") or option.get("id")))
    if "advised_against" in advice:
        out.extend(_label(r) for r in advice["advised_against"])
        return sorted(set(out), key=out.index)
    # contract §4: advised_against / options[].options[].preference — today the
    # recommendations whose status is advised_against.
    out.extend(_label(r) for r in advice.get("recommendations", ())
               if r.get("status") == "advised_against")
    return sorted(set(out), key=out.index)


def corner_levels(advice: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(corner id, level) for each corner of the triangle."""
    if "triangle" in advice:
        corners = advice["triangle"].get("corners", ())
    else:
        # contract §4: triangle.corners — today the top-level 'corners'.
        corners = advice.get("corners", ())
    return [(str(c["id"]), str(c.get("level") or "onbekend")) for c in corners]


def unknown_count(advice: Mapping[str, Any]) -> int:
    """How many input facts the case leaves unknown (the advice's full ``unknown`` list).

    ``find_out_first`` is not counted: it is the short, ordered list of what to find out
    first, not every gap.
    """
    return len(advice.get("unknown", ()))


def case_id(advice: Mapping[str, Any]) -> str:
    """The case's id."""
    if isinstance(advice.get("case"), Mapping):
        return str(advice["case"].get("id", ""))
    # contract §4: case.id — today 'case_id'.
    return str(advice.get("case_id", ""))


def case_title(advice: Mapping[str, Any]) -> str:
    """The case's title."""
    if isinstance(advice.get("case"), Mapping):
        return str(advice["case"].get("title", ""))
    # contract §4: case.title — today 'title'.
    return str(advice.get("title", ""))


def _option_verdicts(advice: Mapping[str, Any]) -> dict[str, str]:
    """The options the sources prefer or advise against: option label → verdict."""
    out: dict[str, str] = {}
    for decision in advice.get("options", ()):
        for option in decision.get("options", ()):
            pref = option.get("preference")
            if pref in ("advised", "advised_against"):
                out[str(option.get("label") or option.get("id"))] = (
                    "aanbevolen" if pref == "advised" else "afgeraden")
    return out


def holdings(advice: Mapping[str, Any]) -> dict[str, str]:
    """Every verdict of the advice: ``label (target)`` → ``aanbevolen`` / ``afgeraden``.

    A sweep compares these between variants of one case.
    """
    out: dict[str, str] = {}
    if "key_recommendations" in advice and "recommendations" in advice:
        # one verdict per recommendation, even where the document merges two into one line
        # ("X en Y"); the entity named as the document names it
        shown = [*advice["key_recommendations"], *advice.get("advised_against", ()),
                 *(i for g in advice.get("recommendation_groups", ()) for i in g.get("items", ()))]
        names = {(r.get("item"), r.get("target_id")): r.get("target") for r in shown}
        for rec in advice["recommendations"]:
            key = rec.get("target_key") or ("case", None)
            target = names.get((rec.get("item"), None if key[0] == "case" else key[1]),
                               rec.get("target"))
            status = rec.get("status")
            if status in ("recommended", "advised_against"):
                out[_label({"label": rec.get("label"), "item": rec.get("item"),
                            "target": target})] = (
                    "aanbevolen" if status == "recommended" else "afgeraden")
        out.update(_option_verdicts(advice))
        return out
    if "key_recommendations" in advice:
        for rec in advice["key_recommendations"]:
            out[_label(rec)] = "aanbevolen"
        for group in advice.get("recommendation_groups", ()):
            for rec in group.get("items", ()):
                out[_label(rec)] = "aanbevolen"
        out.update(_option_verdicts(advice))
        for rec in advice.get("advised_against", ()):
            out[_label(rec)] = "afgeraden"
        return out
    # contract §4: key_recommendations, recommendation_groups, options, advised_against —
    # today every entry of 'recommendations' with its status.
    for rec in advice.get("recommendations", ()):
        status = rec.get("status")
        if status == "recommended":
            out[_label(rec)] = "aanbevolen"
        elif status == "advised_against":
            out[_label(rec)] = "afgeraden"
    return out


def summary_row(advice: Mapping[str, Any], source: str = "") -> SummaryRow:
    """The summary row of one case's advice JSON."""
    return SummaryRow(
        id=case_id(advice), title=case_title(advice),
        corners=tuple(corner_levels(advice)),
        key_recommendations=tuple(key_recommendations(advice)),
        advised_against=tuple(advised_against(advice)),
        unknown_facts=unknown_count(advice), source=source)


def error_row(ident: str, error: str, source: str = "") -> SummaryRow:
    """The summary row of a case that failed."""
    return SummaryRow(id=ident, error=" ".join(error.split()), source=source)


def table(rows: Sequence[SummaryRow]) -> tuple[list[str], list[list[str | int]]]:
    """The header and cells of the summary table (corner columns in first-seen order)."""
    corners: list[str] = []
    for row in rows:
        for corner, _level in row.corners:
            if corner not in corners:
                corners.append(corner)
    header = ["id", "titel", *corners, "kernaanbevelingen", "afgeraden",
              "onbekende_feiten", "fout", "bron"]
    cells: list[list[str | int]] = []
    for row in rows:
        levels = dict(row.corners)
        cells.append([row.id, row.title, *(levels.get(c, "") for c in corners),
                      "; ".join(row.key_recommendations), "; ".join(row.advised_against),
                      "" if row.unknown_facts is None else row.unknown_facts,
                      row.error, row.source])
    return header, cells
