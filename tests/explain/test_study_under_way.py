"""A study the case says is under way (``onderzoek_loopt``) is awaited, not commissioned again.

Every catalogue item (measure or route step) whose ``properties.done_when`` names a study kind
of ``onderzoek_loopt`` is left out of the recommendations and the route of a shipped example
once the case says that study is under way. The items and kinds are read from the catalogue,
so a new item with ``done_when`` is covered without a change here.
"""

from __future__ import annotations

import pytest

from pvrules.explain.context import ExplainContext
from pvrules.pipeline import Pipeline

from .shipped import example_ctx

STUDY_FACT = "onderzoek_loopt"


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline([], [], "python")


def _study_items(pipe: Pipeline) -> dict[str, str]:
    """Catalogue item -> the study kind that makes it done (``done_when: onderzoek_loopt: K``)."""
    found: dict[str, str] = {}
    for name, item in pipe.kb.catalogues.items.items():
        text = (getattr(item, "properties", None) or {}).get("done_when")
        if text is not None and text.get("nl").startswith(f"{STUDY_FACT}:"):
            found[name] = text.get("nl").split(":", 1)[1].strip()
    return found


def _recommended(ctx: ExplainContext) -> set[str]:
    d = ctx.decisions
    items = {r.item for r in d.key_recommendations}
    items |= {r.item for g in d.recommendation_groups for r in g.items}
    return items


def _steps(ctx: ExplainContext) -> set[str]:
    return {s.step for s in ctx.decisions.route}


def test_the_catalogue_names_only_kinds_the_vocabulary_allows(pipe: Pipeline) -> None:
    allowed = {v.id for v in pipe.kb.vocab.facts[STUDY_FACT].values or ()}
    kinds = set(_study_items(pipe).values())
    assert kinds, "no catalogue item is done by a study under way"
    assert kinds <= allowed, f"unknown study kinds in done_when: {sorted(kinds - allowed)}"


@pytest.mark.parametrize("name", ["a2-2019", "voorschoten-2019"])
def test_a_study_under_way_is_not_recommended_or_routed_again(pipe: Pipeline,
                                                             name: str) -> None:
    items = _study_items(pipe)
    base = example_ctx(pipe, name)
    present = {i for i in items if i in _recommended(base) | _steps(base)}
    assert present, f"{name} recommends none of the studies; pick another example"
    kinds = sorted({items[i] for i in present})
    under_way = example_ctx(pipe, name, overrides=[f"{STUDY_FACT}=[{','.join(kinds)}]"])
    still = present & (_recommended(under_way) | _steps(under_way))
    assert not still, f"{name}: still recommended or routed while under way: {sorted(still)}"
    awaited = {s for s in _steps(under_way) if s.endswith("_afwachten")}
    assert awaited, f"{name}: no step awaits the outcome of the studies under way"
