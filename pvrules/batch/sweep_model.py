"""The result of a sweep: the varied facts and the verdicts at every point, with its texts.

Shared by :mod:`pvrules.batch.sweep` (running and tables) and :mod:`pvrules.batch.heatmap`.
"""

from __future__ import annotations

from dataclasses import dataclass

MARKS = {"aanbevolen": "✓", "afgeraden": "✗"}
TEXT = {
    "nl": {"title": "Sweep", "verdict": "Aanbeveling of optie", "given": "zoals gegeven",
           "legend": "✓ aanbevolen · ✗ afgeraden · leeg: geen van beide",
           "changes": "aantal uitspraken dat anders is dan in de casus zoals gegeven",
           "changing": "Uitspraken die veranderen", "none": "Geen uitspraak verandert.",
           "bold": "staan vet"},
    "en": {"title": "Sweep", "verdict": "Recommendation or option", "given": "as given",
           "legend": "✓ recommended · ✗ advised against · empty: neither",
           "changes": "number of verdicts that differ from the case as given",
           "changing": "Verdicts that change", "none": "No verdict changes.",
           "bold": "are in bold"},
}


@dataclass(frozen=True)
class Axis:
    """One varied fact and its values (as text, read like ``--set`` values)."""

    fact: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Sweep:
    """The verdicts at every point of the grid, and of the case as given."""

    case_id: str
    axes: tuple[Axis, ...]
    given: dict[str, str]
    points: tuple[tuple[tuple[str, ...], dict[str, str]], ...]

    def verdicts(self) -> list[str]:
        """Every verdict seen anywhere, in first-seen order (the case as given first)."""
        seen = dict.fromkeys(self.given)
        for _values, held in self.points:
            seen.update(dict.fromkeys(held))
        return list(seen)

    def changing(self) -> list[str]:
        """Verdicts that are not the same at every point and in the case as given."""
        out = []
        for verdict in self.verdicts():
            states = {self.given.get(verdict)} | {h.get(verdict) for _v, h in self.points}
            if len(states) > 1:
                out.append(verdict)
        return out
