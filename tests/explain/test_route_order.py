"""The route as it is read: steps that apply whatever the choice are not filed under an option.

Review 2, item 3(c): in O-gen (2019) the subsidy basis, the procurement step and the Awb 4:51
phase-out were printed under "Als … kiezen voor ‘De provincie wordt lid van de coöperatie’"
because they followed that option's block in order. Common steps come first; only the final
decision comes after the option blocks. Real knowledge base, one shipped example, plus the
small test knowledge base for the final decision.
"""

from __future__ import annotations

from pvrules.explain.context import ExplainContext
from pvrules.explain.decisions_model import Decisions
from pvrules.pipeline import Pipeline

from .test_decisions import HERE, ctx_for


def _layout(d: Decisions) -> list[tuple[str | None, list[str]]]:
    return [(g.heading, [s.step for s in g.steps]) for g in d.route_groups]


def _check_common_steps_outside_blocks(d: Decisions) -> None:
    layout = _layout(d)
    options = {s.step: s.options for s in d.route}
    choices = {s.step: s.choice for s in d.route}
    headed = [i for i, (heading, _steps) in enumerate(layout) if heading]
    assert headed, "expected at least one option block"
    first, last = headed[0], headed[-1]
    # under a heading: only steps of an option or a choice
    for heading, steps in layout[first:last + 1]:
        if heading:
            assert all(options[s] or choices[s] for s in steps), (heading, steps)
    # no common step between the blocks, and after them only steps of the highest order
    assert not any(heading is None for heading, _s in layout[first:last + 1])
    after = [s for _h, steps in layout[last + 1:] for s in steps]
    before = [s for _h, steps in layout[:first] for s in steps]
    assert set(before) | set(after) == {s.step for s in d.route if not s.options and not s.choice}
    # numbering runs on in reading order
    assert [g.first for g in d.route_groups] == \
        [1 + sum(len(h.steps) for h in d.route_groups[:i]) for i in range(len(d.route_groups))]


def test_unconditional_steps_of_o_gen_come_before_the_option_blocks() -> None:
    real = Pipeline()
    d = ExplainContext(real.kb, real.evaluate_file("example:o-gen-2019"), "nl").decisions
    _check_common_steps_outside_blocks(d)
    layout = _layout(d)
    first = next(i for i, (heading, _s) in enumerate(layout) if heading)
    before = [s for _h, steps in layout[:first] for s in steps]
    # the 4:51 phase-out, the subsidy basis and procurement apply whatever the choice
    assert {"subsidie_afbouwen", "subsidiegrondslag_en_beschikking",
            "aanbesteding_of_inbesteding"} <= set(before)
    assert layout[-1] == (None, ["uitwerkingsbesluit_staten"])
    # the council still chooses: the route opens with the decision on the direction
    assert before[0] == "principebesluit_staten"


def test_the_final_decision_stays_after_the_blocks() -> None:
    """Test KB: a common step of the highest order (the decision) closes the route."""
    pipe = Pipeline([HERE / "kb" / "rules"], [HERE / "kb" / "knowledge"], "python",
                    include_builtin=False)
    d = ctx_for(pipe, "opties_a").decisions
    _check_common_steps_outside_blocks(d)
    assert _layout(d)[-1] == (None, ["besluit"])
    assert _layout(d)[0] == (None, ["verkenning"])
