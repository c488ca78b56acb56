"""A party's press release is a source for a political position, never for the case's facts.

Every shipped example: the case description (``toelichting``) does not name the publisher of a
source of kind ``persbericht``; such a source may stand only in the ``bron`` of a political
position (review 9, Top 10 #7).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _press_publishers() -> list[str]:
    found: list[str] = []
    for path in sorted((ROOT / "knowledge").glob("sources*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for src in data.get("sources") or ():
            if src.get("kind") == "persbericht" and src.get("publisher"):
                found.append(str(src["publisher"]).split(" (", 1)[0])
    return found


def test_the_knowledge_base_has_press_releases() -> None:
    assert _press_publishers()


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_a_case_description_names_no_press_release(path: Path) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    meta = case.get("casus") or {}
    text = " ".join(str(meta.get(k) or "") for k in ("toelichting", "toelichting_en"))
    for publisher in _press_publishers():
        assert publisher not in text, f"{path.name}: the description cites {publisher}"
