"""What the advice panel shows, read from the advice JSON: the one place that reads it.

:func:`view` takes the dict ``pvrules advise --format json`` prints and returns
plain data for the templates: the kernboodschap, the triangle (the same SVG as
the HTML report), the key recommendations, the options side by side, "Eerst
uitzoeken", and a signature to compare two advices with (:func:`changes`).

Contract §4 (``pvrules/explain/decisions.py``) defines keys that today's JSON
does not have yet; each place that falls back to the nearest existing field is
marked ``# contract §4:`` so it can be switched once the decisions land.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pvrules.render.triangle import TriangleCorner, fraction, imbalance, mark_lagging, render_svg

KEY_RECOMMENDATIONS = 5
STRENGTH_ORDER = {"sterk": 0, "middel": 1, "zwak": 2}
FORM_CATALOGUE = "samenwerkingsvorm"

T = {
    "nl": {"triangle": "De publieke-waardedriehoek van deze casus", "for": "voor",
           "lags": "{lagging} blijft achter bij {leading}.",
           "balanced": "De hoeken zijn in balans.",
           "unknown": "Nog onbekend: {corners}.", "and": "en", "none": "Nog geen aanbeveling.",
           "advice": "Advies", "choose": "Vorm voor {target}", "case": "de casus als geheel"},
    "en": {"triangle": "The public value triangle of this case", "for": "for",
           "lags": "{lagging} lags behind {leading}.", "balanced": "The corners are in balance.",
           "unknown": "Still unknown: {corners}.", "and": "and", "none": "No recommendation yet.",
           "advice": "Advice", "choose": "Form for {target}", "case": "the case as a whole"},
}


def _join(words: Sequence[str], word: str) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {word} {words[-1]}"


def explain_name(rec: Mapping[str, Any]) -> str:
    """The name ``pvrules explain`` takes for a recommendation: ``item`` or ``item@entity``."""
    key = rec.get("target_key") or ["case", "case"]
    return str(rec["item"]) if key[0] == "case" else f"{rec['item']}@{key[1]}"


def _rec(rec: Mapping[str, Any]) -> dict[str, Any]:
    steps = rec.get("reasoning") or rec.get("against") or []
    # contract §4: key_recommendations[].why; today the first reasoning step's text
    why = rec.get("why") or (steps[0].get("text") if steps else rec.get("description"))
    return {"key": f"{rec.get('status', 'recommended')}:{explain_name(rec)}",
            "name": explain_name(rec), "item": rec["item"], "label": rec["label"],
            "target": rec.get("target"), "status": rec.get("status", "recommended"),
            "status_label": rec.get("status_label", ""), "strength": rec.get("strength"),
            "strength_label": rec.get("strength_label", rec.get("strength")),
            "catalogue": rec.get("catalogue"), "why": why or ""}


def _corners(advice: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    triangle = advice.get("triangle")
    if isinstance(triangle, Mapping):
        return list(triangle.get("corners") or [])
    # contract §4: triangle.corners; today the top-level 'corners'
    return list(advice.get("corners") or [])


def triangle(advice: Mapping[str, Any], lang: str) -> tuple[str, str, list[dict[str, Any]]]:
    """The triangle SVG (as the HTML report draws it), a sentence on its balance, the corners."""
    t = T.get(lang, T["nl"])
    raw = _corners(advice)
    corners = mark_lagging([TriangleCorner(str(c["id"]), str(c["label"]), str(c["level"]),
                                           fraction(c.get("rank"), int(c.get("max_rank") or 2)))
                            for c in raw])
    steps = max((int(c.get("max_rank") or 0) for c in raw), default=2) or 2
    svg = render_svg(corners, title=t["triangle"], steps=steps)
    found = imbalance(corners)
    labels = {c.id: f"{c.label.lower()} ({c.level})" for c in corners}
    parts = []
    balance = advice.get("triangle", {}).get("balance") if isinstance(
        advice.get("triangle"), Mapping) else None
    if isinstance(balance, Mapping) and balance.get("label"):
        parts.append(str(balance["label"]))
    elif found.lagging:
        parts.append(t["lags"].format(
            lagging=_join([labels[i] for i in found.lagging], t["and"]).capitalize(),
            leading=_join([labels[i] for i in found.leading], t["and"])))
    elif len([c for c in corners if c.fraction is not None]) >= 2:
        parts.append(t["balanced"])
    if found.unknown:
        parts.append(t["unknown"].format(corners=_join([c.label.lower() for c in corners
                                                        if c.id in found.unknown], t["and"])))
    shown = [{"id": c.id, "label": c.label, "level": c.level, "lagging": c.lagging}
             for c in corners]
    return svg, " ".join(parts), shown


def recommendations(advice: Mapping[str, Any]) -> tuple[list[dict[str, Any]],
                                                         list[dict[str, Any]],
                                                         list[dict[str, Any]]]:
    """Key recommendations (at most five), the other ones, and those advised against."""
    if "key_recommendations" in advice:
        key = [_rec({**r, "status": "recommended"}) for r in advice["key_recommendations"]]
        rest = [_rec({**r, "status": "recommended"}) for g in
                advice.get("recommendation_groups") or [] for r in g.get("items") or []]
        against = [_rec({**r, "status": "advised_against"})
                   for r in advice.get("advised_against") or []]
        return key, rest, against
    # contract §4: key_recommendations; today the recommended items, strongest first
    recs = [r for r in advice.get("recommendations") or [] if r.get("status") == "recommended"]
    ordered = sorted(recs, key=lambda r: STRENGTH_ORDER.get(str(r.get("strength")), 3))
    against = [_rec(r) for r in advice.get("recommendations") or []
               if r.get("status") == "advised_against"]
    views = [_rec(r) for r in ordered]
    return views[:KEY_RECOMMENDATIONS], views[KEY_RECOMMENDATIONS:], against


def options(advice: Mapping[str, Any], lang: str) -> list[dict[str, Any]]:
    """The decisions with their options side by side (advised or not)."""
    t = T.get(lang, T["nl"])
    if "options" in advice:
        out = []
        for d in advice["options"]:
            rows = [{"name": o["id"], "label": o["label"], "advised":
                     o.get("preference") == "advised", "status": o.get("preference") or "",
                     "status_label": o.get("preference") or "",
                     "effects": {k: v.get("sign") for k, v in (o.get("effects") or {}).items()},
                     "why": ""} for o in d.get("options") or []]
            out.append({"id": d["id"], "label": d.get("question") or d["id"], "options": rows})
        return out
    # contract §4: options[] with effects per corner; today the form recommendations by target
    groups: dict[str, dict[str, Any]] = {}
    for r in advice.get("recommendations") or []:
        if r.get("catalogue") != FORM_CATALOGUE:
            continue
        target = r.get("target") or t["case"]
        group = groups.setdefault(target, {"id": explain_name(r).partition("@")[2] or "case",
                                           "label": t["choose"].format(target=target),
                                           "options": []})
        view = _rec(r)
        view["advised"] = r.get("status") == "recommended"
        view["effects"] = {}  # contract §4: options[].options[].effects
        group["options"].append(view)
    return list(groups.values())


def find_out_first(advice: Mapping[str, Any]) -> list[dict[str, Any]]:
    """What to find out first: facts the advice would use but the case does not say."""
    if "find_out_first" in advice:
        return [dict(f) for f in advice["find_out_first"]]
    # contract §4: find_out_first ordered by weight; today the unknown facts in advice order
    return [{"fact": u["fact"], "label": u["label"], "entity": u.get("entity"),
             "question": None, "weight": None} for u in advice.get("unknown") or []]


def answer(advice: Mapping[str, Any], key: Sequence[Mapping[str, Any]], balance: str,
           lang: str) -> str:
    """The kernboodschap: one paragraph that answers the case's question first."""
    if advice.get("answer"):
        return str(advice["answer"])
    # contract §4: answer; today composed of the strongest recommendations and the balance
    t = T.get(lang, T["nl"])
    if not key:
        return f"{t['none']} {balance}".strip()
    parts = []
    for r in key[:3]:
        target = f" {t['for']} {r['target']}" if r.get("target") else ""
        parts.append(f"{r['label']}{target} ({r['strength_label']})")
    return f"{t['advice']}: {'; '.join(parts)}. {balance}".strip()


def signature(advice: Mapping[str, Any]) -> dict[str, list[str]]:
    """Every recommendation and advice against: key → [label, strength label]."""
    key, rest, against = recommendations(advice)
    out = {r["key"]: [_label(r), str(r["strength_label"] or "")] for r in [*key, *rest, *against]}
    for c in _corners(advice):
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
    case = advice.get("case") if isinstance(advice.get("case"), Mapping) else {}
    assert isinstance(case, Mapping)
    return {
        "title": case.get("title") or advice.get("title"),
        "question": case.get("question") or advice.get("question"),
        "answer": answer(advice, key, balance, lang),
        "triangle_svg": svg, "balance": balance, "corners": corners,
        "key_recommendations": key, "other_recommendations": rest, "advised_against": against,
        "options": options(advice, lang), "find_out_first": find_out_first(advice),
        "signature": signature(advice),
    }
