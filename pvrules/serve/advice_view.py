"""What the advice panel shows, read from the advice JSON: the one place that reads it.

:func:`view` takes the dict ``pvrules advise --format json`` prints (the decisions'
keys of contract §4) and returns plain data for the templates: the kernboodschap
(``answer``), the triangle (the same SVG as the HTML report), the key
recommendations, the options side by side with their effects, advised against,
"Eerst uitzoeken" with the facts to fill in from public records (``fill_in``, as the
report lists them), and a signature to compare two advices with (:func:`changes`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pvrules.explain.option_whynot import OPTION_ENTITY
from pvrules.messages import Messages
from pvrules.render.triangle import render_svg

T = {
    "nl": {"triangle": "De publieke-waardedriehoek van deze casus",
           "advised": "aanbevolen", "advised_against": "afgeraden", "open": "open"},
    "en": {"triangle": "The public value triangle of this case",
           "advised": "advised", "advised_against": "advised against", "open": "open"},
}


def _targets(advice: Mapping[str, Any]) -> dict[tuple[str, str | None], str]:
    """(item, target label) → the entity id ``explain`` takes after ``@`` ("case": none)."""
    out: dict[tuple[str, str | None], str] = {}
    for rec in advice.get("recommendations") or []:
        key = rec.get("target_key") or ["case", "case"]
        out[(str(rec["item"]), rec.get("target"))] = str(key[1]) if key[0] != "case" else "case"
    return out


def explain_name(item: str, entity: str | None) -> str:
    """The name ``pvrules explain`` takes: ``item``, or ``item@entity`` for an entity."""
    return item if entity in (None, "", "case") else f"{item}@{entity}"


def _rec(rec: Mapping[str, Any], status: str,
         targets: Mapping[tuple[str, str | None], str]) -> dict[str, Any]:
    entity = rec.get("target_id") or targets.get((str(rec["item"]), rec.get("target")))
    name = explain_name(str(rec["item"]), entity)
    return {"key": f"{status}:{name}", "name": name, "item": rec["item"],
            "label": rec["label"], "target": rec.get("target"), "status": status,
            "strength": rec.get("strength"),
            "strength_label": rec.get("strength_label") or rec.get("strength") or "",
            "why": rec.get("why") or "", "uncertain": bool(rec.get("uncertain"))}


def triangle(advice: Mapping[str, Any], lang: str) -> tuple[str, str, list[dict[str, Any]]]:
    """The triangle SVG (as the HTML report draws it), its balance, and the corners."""
    t = T.get(lang, T["nl"])
    tri = advice.get("triangle") or {}  # "balance" is null when no corner is known
    corners = list(tri.get("corners") or [])
    svg = render_svg(corners, title=t["triangle"])
    balance = (tri.get("balance") or {}).get("label") or ""
    shown = [{"id": c["id"], "label": c["label"], "level": c["level"],
              "reason": c.get("reason") or "",
              "lagging": c.get("rank") is not None and c.get("rank") == 0}
             for c in corners]
    return svg, str(balance), shown


def recommendations(advice: Mapping[str, Any]) -> tuple[list[dict[str, Any]],
                                                         list[dict[str, Any]],
                                                         list[dict[str, Any]]]:
    """The key recommendations (at most five), the other ones, and those advised against."""
    targets = _targets(advice)
    key = [_rec(r, "recommended", targets) for r in advice.get("key_recommendations") or []]
    rest = [_rec(r, "recommended", targets) for g in advice.get("recommendation_groups") or []
            for r in g.get("items") or []]
    against = [_rec(r, "advised_against", targets)
               for r in advice.get("advised_against") or []]
    return key, rest, against


def options(advice: Mapping[str, Any], lang: str) -> list[dict[str, Any]]:
    """The decisions with their options side by side, each option's effect per corner."""
    t = T.get(lang, T["nl"])
    corners = {c["id"]: c["label"] for c in (advice.get("triangle") or {}).get("corners") or []}
    out = []
    for d in advice.get("options") or []:
        # a decision over catalogue items is "item@entity"; over the case's own options
        # (``opties:``) its rows are entities, which explain names as ``optie:ID``
        catalogue, at, entity = str(d["id"]).partition("@")
        rows = []
        for o in d.get("options") or []:
            pref = o.get("preference")
            effects = [{"corner": corners.get(c, c), "sign": e.get("sign"),
                        "reason": e.get("reason") or ""}
                       for c, e in (o.get("effects") or {}).items()]
            risks = [str(r.get("label") or r.get("id")) for r in o.get("risks") or []]
            rows.append({"name": explain_name(str(o["id"]), entity) if at else None,
                         "option": None if at else f"{OPTION_ENTITY}:{o['id']}",
                         "label": o["label"], "advised": pref == "advised",
                         "status_label": t.get(pref or "open", t["open"]),
                         "effects": effects, "risks": risks,
                         "partners": [str(p) for p in o.get("partners") or []]})
        _ = catalogue
        out.append({"id": d["id"], "label": d.get("question") or d["id"],
                    "text": d.get("text") or "", "options": rows})
    return out


def find_out_first(advice: Mapping[str, Any]) -> list[dict[str, Any]]:
    """What to find out first, heaviest first: facts the advice depends on most."""
    return [dict(f) for f in advice.get("find_out_first") or []]


def signature(advice: Mapping[str, Any]) -> dict[str, list[str]]:
    """Every recommendation and advice against: key → [label, strength label]; and corners."""
    key, rest, against = recommendations(advice)
    out = {r["key"]: [_label(r), str(r["strength_label"])] for r in [*key, *rest, *against]}
    for c in (advice.get("triangle") or {}).get("corners") or []:
        out[f"corner:{c['id']}"] = [str(c["label"]), str(c["level"])]
    return out


def _label(rec: Mapping[str, Any]) -> str:
    target = f" ({rec['target']})" if rec.get("target") else ""
    prefix = "✗ " if rec["status"] == "advised_against" else ""
    return f"{prefix}{rec['label']}{target}"


def changes(before: Mapping[str, Sequence[str]] | None,
            after: Mapping[str, Sequence[str]]) -> dict[str, list[Any]]:
    """What is new, what went away and what changed in strength (or level) between two advices."""
    if before is None:
        return {"new": [], "gone": [], "changed": []}
    new = sorted(after[k][0] for k in after if k not in before)
    gone = sorted(str(before[k][0]) for k in before if k not in after)
    changed = sorted([str(after[k][0]), str(before[k][1]), str(after[k][1])]
                     for k in after if k in before and list(before[k])[1:] != list(after[k])[1:])
    return {"new": new, "gone": gone, "changed": changed}


def view(advice: Mapping[str, Any], lang: str = "nl") -> dict[str, Any]:
    """Everything the advice panel shows."""
    svg, balance, corners = triangle(advice, lang)
    key, rest, against = recommendations(advice)
    case = advice.get("case") or {}
    return {
        "title": case.get("title"), "question": case.get("question"),
        "answer": advice.get("answer") or "",
        "triangle_svg": svg, "balance": balance, "corners": corners,
        "key_recommendations": key, "other_recommendations": rest, "advised_against": against,
        "options": options(advice, lang), "find_out_first": find_out_first(advice),
        "fill_in": [dict(f) for f in advice.get("fill_in") or []],
        "fill_in_text": Messages(lang)("report.fill_in"),
        "route": list(advice.get("route") or []),
        "signature": signature(advice),
    }
