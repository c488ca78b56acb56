"""The route as it is read: steps that apply whatever the choice are not filed under an option.

Review 2, item 3(c): in O-gen (2019) the subsidy basis, the procurement step and the Awb 4:51
phase-out were printed under "Als … kiezen voor ‘De provincie wordt lid van de coöperatie’"
because they followed that option's block in order. Common steps come first; only the final
decision comes after the option blocks. Real knowledge base, one shipped example, plus the
small test knowledge base for the final decision.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pvrules.explain.context import ExplainContext
from pvrules.explain.decisions_model import Decisions
from pvrules.pipeline import Pipeline, example_text

from .shipped import example_ctx
from .test_decisions import HERE, ctx_for


def _layout(d: Decisions) -> list[tuple[str | None, list[str]]]:
    return [(g.heading, [s.step for s in g.steps]) for g in d.route_groups]


FINAL = "Daarna, welke keuze ook wordt gemaakt"
REJECTED = "Niet uitgewerkt: "


def live_kb(tmp_path: Path) -> Pipeline:
    """The test KB with its merger option not advised against, so that its step is listed."""
    kb = tmp_path / "kb"
    shutil.copytree(HERE / "kb", kb)
    rules = kb / "rules" / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace("      - {prefer: false, strength: sterk}\n", ""),
                     encoding="utf-8")
    assert rules.read_text(encoding="utf-8") != text
    return Pipeline([kb / "rules"], [kb / "knowledge"], "python", include_builtin=False)


def _check_common_steps_outside_blocks(d: Decisions) -> None:
    layout = _layout(d)
    options = {s.step: s.options for s in d.route}
    choices = {s.step: s.choice for s in d.route}
    headed = [i for i, (heading, _steps) in enumerate(layout)
              if heading and heading != FINAL and not heading.startswith(REJECTED)]
    assert headed, "expected at least one option block"
    first, last = headed[0], headed[-1]
    # under an option's heading: only steps of an option or a choice
    for heading, steps in layout[first:last + 1]:
        if heading:
            assert all(options[s] or choices[s] for s in steps), (heading, steps)
    # no common step between the blocks, and after them only the final decision, headed
    assert not any(heading is None for heading, _s in layout[first:last + 1])
    after = [(h, s) for h, steps in layout[last + 1:] for s in steps]
    assert all(h == FINAL for h, _s in after), after
    before = [s for _h, steps in layout[:first] for s in steps]
    assert set(before) | {s for _h, s in after} == \
        {s.step for s in d.route if not s.options and not s.choice}
    # numbering runs on in reading order
    assert [g.first for g in d.route_groups] == \
        [1 + sum(len(h.steps) for h in d.route_groups[:i]) for i in range(len(d.route_groups))]


def test_unconditional_steps_of_o_gen_come_before_the_option_blocks() -> None:
    real = Pipeline()
    d = example_ctx(real, "o-gen-2019").decisions
    layout = _layout(d)
    # membership of the cooperative is advised against: one line, none of its steps
    rejected = [h for h, _s in layout if h and h.startswith(REJECTED)]
    assert rejected == ["Niet uitgewerkt: de optie ‘De provincie wordt lid van de coöperatie’ "
                        "wordt afgeraden"]
    assert "ps_wensen_bedenkingen" not in [s.step for s in d.route]
    # the options are about the same subsidy relation: its steps are listed once, common
    assert len(d.route) == len({s.step for s in d.route})
    first = next(i for i, (heading, _s) in enumerate(layout) if heading)
    before = [s for _h, steps in layout[:first] for s in steps]
    # the 4:51 phase-out, the subsidy basis and procurement apply whatever the choice
    assert {"subsidie_afbouwen", "subsidiegrondslag_en_beschikking",
            "aanbesteding_verplicht"} <= set(before)
    # the grant decision and the award decide on the plan: no empty plan decision after them
    assert all("uitwerkingsbesluit_staten" not in steps for _h, steps in layout)
    # the route opens with the transition decision before the subsidy ends (review 2), then the
    # consultation with the co-funders the decision needs, then the decision on the direction
    # (the council still chooses)
    assert before[:3] == ["subsidie_afbouwen", "medefinanciers_overleg", "principebesluit_staten"]


def test_the_final_decision_stays_after_the_blocks(tmp_path: Path) -> None:
    """Test KB: a common step of the highest order (the decision) closes the route."""
    d = ctx_for(live_kb(tmp_path), "opties_a").decisions
    _check_common_steps_outside_blocks(d)
    assert _layout(d)[-1] == (FINAL, ["besluit"])
    assert _layout(d)[0] == (None, ["verkenning"])


def test_a_step_names_the_date_the_case_states(tmp_path: Path) -> None:
    """O-gen: the Awb 4:51 step's 'Wanneer' names the subsidy's end date, in both languages."""
    real = Pipeline()
    result = real.evaluate_file("example:o-gen-2019")
    when = {lang: next(s.when for s in ExplainContext(real.kb, result, lang).decisions.route
                       if s.step == "subsidie_afbouwen") for lang in ("nl", "en")}
    assert when["nl"] == "nu, vóór 30 september 2019 (einde van de lopende subsidie)"
    assert when["en"] == "now, before 30 September 2019 (end of the current subsidy)"
    # an ISO date is printed the same way
    iso = real.evaluate_file("example:o-gen-2019",
                             ("samenwerking:cooperatie_o_gen.subsidie_einde=2019-10-01",))
    assert "vóór 1 oktober 2019" in next(
        s.when or "" for s in ExplainContext(real.kb, iso, "nl").decisions.route
        if s.step == "subsidie_afbouwen")
    # without the date the step keeps its plain 'when' (the option to end the relation
    # still concludes it)
    text = example_text("o-gen-2019")[0]
    case = tmp_path / "zonder_einde.yaml"
    case.write_text("\n".join(line for line in text.splitlines()
                              if "subsidie_einde:" not in line) + "\n", encoding="utf-8")
    plain = ExplainContext(real.kb, real.evaluate_file(str(case)), "nl").decisions.route
    assert [s.when for s in plain if s.step == "subsidie_afbouwen"] == \
        ["vóór het besluit over de subsidie voor het volgende jaar"]


def test_a_chosen_direction_with_one_option_is_the_route_itself() -> None:
    """Vijfheerenlanden: the raden chose the merger; its steps are the route, no 'Als …'."""
    real = Pipeline()
    d = example_ctx(real, "vijfheerenlanden-2017").decisions
    assert not any(g.heading for g in d.route_groups)
    steps = [s.step for s in d.route]
    assert "principebesluit_raad" not in steps
    # on the case's date the herindelingsadvies had gone to the minister (arhi_stap): the
    # route starts after it
    assert not {"provincies_afstemmen", "arhi_herindelingsontwerp", "arhi_ter_inzage",
                "arhi_herindelingsadvies"} & set(steps)
    # across the provincial border the law also sets the province: that bill, not the plain one
    law = "arhi_wetsvoorstel_provinciegrens"
    assert "arhi_wetsvoorstel" not in steps
    assert steps.index("or_advies_herindeling") < steps.index(law) < steps.index("sociaal_plan")
    earlier = [s.step for s in ExplainContext(real.kb, real.evaluate_file(
        "example:vijfheerenlanden-2017", ("arhi_stap=geen",)), "nl").decisions.route]
    assert earlier.index("provincies_afstemmen") < earlier.index("arhi_herindelingsontwerp") < \
        earlier.index("arhi_herindelingsadvies") < earlier.index("or_advies_herindeling") < \
        earlier.index(law)
    # with the direction still open the merger's steps stand under the option
    open_ = ExplainContext(real.kb, real.evaluate_file(
        "example:vijfheerenlanden-2017", ("richting_gekozen=false", "arhi_stap=geen")),
        "nl").decisions
    assert any(g.heading and "Herindeling tot Vijfheerenlanden" in g.heading
               for g in open_.route_groups)
    assert open_.route[0].step == "principebesluit_raad"


def test_a_step_not_in_force_on_the_case_date_is_left_out(tmp_path: Path) -> None:
    """A route item valid only later (or no longer) is not printed, whoever concluded it."""
    live_kb(tmp_path)
    kb = tmp_path / "kb"
    route = kb / "knowledge" / "route.yaml"
    text = route.read_text(encoding="utf-8")
    route.write_text(text.replace("order: 1, sources: [s_2015]}",
                                  'order: 1, valid_from: "2030-01-01", sources: [s_2015]}'),
                     encoding="utf-8")
    assert route.read_text(encoding="utf-8") != text
    later = Pipeline([kb / "rules"], [kb / "knowledge"], "python", include_builtin=False)
    d = ExplainContext(later.kb, later.evaluate_file(str(HERE / "cases" / "opties_a.yaml")),
                       "nl").decisions
    assert "verkenning" not in [s.step for s in d.route]
    assert [s.step for s in d.route] == ["arhi_ontwerp", "besluit"]
