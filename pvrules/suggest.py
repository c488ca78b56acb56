"""Did-you-mean suggestions for unknown names."""

from __future__ import annotations

from collections.abc import Iterable


def closest(name: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Return up to ``n`` candidates close to ``name``, best first."""
    import difflib  # only when a name is unknown: not part of every start-up

    pool = sorted(set(candidates))
    lowered = {c.lower(): c for c in pool}
    found = difflib.get_close_matches(name.lower(), list(lowered), n=n, cutoff=0.6)
    hits = [lowered[f] for f in found]
    if not hits:
        hits = [c for c in pool if name.lower() in c.lower() or c.lower() in name.lower()][:n]
    return hits


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """Return a "did you mean ...?" sentence, or ``None`` when nothing is close."""
    hits = closest(name, candidates)
    if not hits:
        return None
    return "did you mean " + " or ".join(f"'{h}'" for h in hits) + "?"
