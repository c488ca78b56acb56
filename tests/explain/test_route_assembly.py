"""How the route is assembled: rejected options, steps that follow recommendations, dates.

Small test knowledge base (tests/explain/data/kb, copied and changed per test) for the
mechanics; shipped examples only where the real catalogue's data (a deadline, a Wet arhi
step already taken) is what is tested. Review 2, top 10 item 3.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pvrules.explain.context import ExplainContext
from pvrules.explain.decisions_model import Decisions
from pvrules.pipeline import Pipeline
from pvrules.validate.case import CASE_KEY

from .test_decisions import CASES, HERE, ctx_for
from .test_route_order import FINAL, live_kb


def _decide(pipe: Pipeline, case: Path, overrides: tuple[str, ...] = (),
            lang: str = "nl") -> Decisions:
    return ExplainContext(pipe.kb, pipe.evaluate_file(str(case), overrides), lang).decisions


def _with_option(tmp_path: Path, line: str) -> Path:
    case = tmp_path / "twee.yaml"
    case.write_text(CASES["opties_a"].read_text(encoding="utf-8").replace(
        "  - {id: zelfstandig,", line + "\n  - {id: zelfstandig,"), encoding="utf-8")
    return case


def test_options_with_the_same_steps_share_one_block(tmp_path: Path) -> None:
    """Two herindeling options with the same steps: one block naming both, not the steps twice."""
    pipe = live_kb(tmp_path)
    case = _with_option(tmp_path, "  - {id: fusie_bc, naam: Herindeling met Beedorp voorop, "
                                  "optievorm: herindeling, partners: [b, a]}")
    d = _decide(pipe, case)
    assert {s.step: s.options for s in d.route}["arhi_ontwerp"] == ("fusie_ab", "fusie_bc")
    blocks = [g for g in d.route_groups if g.heading and g.heading != FINAL]
    assert [[s.step for s in g.steps] for g in blocks] == [["arhi_ontwerp"]]
    assert blocks[0].heading == ("Als de raden kiezen voor een van de opties ‘Herindeling van "
                                 "Aadorp en Beedorp’ of ‘Herindeling met Beedorp voorop’")


def test_a_rejected_options_steps_are_one_line_and_a_shared_step_stays_live(
        tmp_path: Path) -> None:
    """The rejected option's step is not listed under it; one that a live option shares is."""
    pipe = Pipeline([HERE / "kb" / "rules"], [HERE / "kb" / "knowledge"], "python",
                    include_builtin=False)
    d = ctx_for(pipe, "opties_a").decisions
    assert "arhi_ontwerp" not in [s.step for s in d.route]
    lines = [g for g in d.route_groups if g.heading and g.heading.startswith("Niet uitgewerkt")]
    assert [(g.heading, g.steps) for g in lines] == [
        ("Niet uitgewerkt: de optie ‘Herindeling van Aadorp en Beedorp’ wordt afgeraden", ())]
    en = ctx_for(pipe, "opties_a", "en").decisions
    assert any(g.heading == "Not worked out: the option ‘Herindeling van Aadorp en Beedorp’ is "
               "advised against" for g in en.route_groups)
    # the closing decision comes after that line, headed as holding whatever the choice
    assert (d.route_groups[-1].heading, [s.step for s in d.route_groups[-1].steps]) == \
        (FINAL, ["besluit"])
    # a second merger option whose regions are not known is not rejected: the step is its own
    kb = tmp_path / "kb"
    live_kb(tmp_path)  # a copy to change
    rules = kb / "rules" / "rules.yaml"
    rules.write_text((HERE / "kb" / "rules" / "rules.yaml").read_text(encoding="utf-8").replace(
        "    then: [{effect: organisatie, sign: \"+\"}]\n",
        "    then: [{effect: organisatie, sign: \"+\"}, {route: arhi_ontwerp}]\n", 1),
        encoding="utf-8")
    shared = Pipeline([kb / "rules"], [kb / "knowledge"], "python", include_builtin=False)
    case = _with_option(tmp_path, "  - {id: fusie_bc, naam: Herindeling van Beedorp en "
                                  "Ceedorp, optievorm: herindeling, partners: [b, c]}")
    d = _decide(shared, case)
    assert {s.step: s.options for s in d.route}["arhi_ontwerp"] == ("fusie_bc",)
    assert not any(g.heading and g.heading.startswith("Niet uitgewerkt")
                   for g in d.route_groups)  # nothing of the rejected option is left out


def _kb_with_centre_steps(tmp_path: Path) -> Pipeline:
    """The test KB where the centre-arrangement rule also concludes a step, and a stronger
    rule advises against that arrangement in a large municipality."""
    kb = tmp_path / "kbc"
    live_kb(tmp_path)
    (tmp_path / "kb").rename(kb)
    route = kb / "knowledge" / "route.yaml"
    route.write_text(route.read_text(encoding="utf-8").replace(
        "targets: [case, optie]", "targets: [case, optie, opgave]") + (
        "  - {id: afspraken, label: {nl: Dienstverleningsafspraken, en: Service agreement},"
        " description: {nl: d, en: d}, who: {nl: \"{college}\", en: \"{college}\"}, order: 5,"
        " sources: [s_2015]}\n"), encoding="utf-8")
    rules = kb / "rules" / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    text = text.replace("    then: [{recommend: centrumregeling}]\n",
                        "    then: [{recommend: centrumregeling}, {route: afspraken}]\n", 1)
    text += (
        "  - id: v.centrum.tegen\n"
        "    title: {nl: Geen centrumregeling in een grote gemeente, en: No centre arrangement}\n"
        "    principle: {nl: p, en: p}\n"
        "    for_each: opgave\n"
        "    priority: 9\n"
        "    when: [{schaal: lokaal}, {inwoners: {above: 50000}}]\n"
        "    then: [{advise_against: centrumregeling, strength: sterk}]\n"
        "    explanation: {nl: \"Te groot.\", en: \"Too large.\"}\n"
        "    sources: [s_2015]\n")
    rules.write_text(text, encoding="utf-8")
    return Pipeline([kb / "rules"], [kb / "knowledge"], "python", include_builtin=False)


def test_a_recommended_forms_steps_follow_it_and_name_the_task(tmp_path: Path) -> None:
    pipe = _kb_with_centre_steps(tmp_path)
    d = _decide(pipe, CASES["opties_a"])
    step = next(s for s in d.route if s.step == "afspraken")
    assert step.label == "Dienstverleningsafspraken (voor Belastingen)"
    assert step.options == () and step.who == "de colleges"
    # common, before the option blocks and the closing decision, under its task's own heading
    # (whatever the direction): not read as following the direction decision (review 4, Beekdal)
    assert [s.step for s in d.route_groups[0].steps] == ["verkenning"]
    assert d.route_groups[1].heading == "Voor Belastingen, welke richting ook wordt gekozen"
    assert [s.step for s in d.route_groups[1].steps] == ["afspraken"]
    assert next(s.label for s in _decide(pipe, CASES["opties_a"], lang="en").route
                if s.step == "afspraken") == "Service agreement (for Belastingen)"
    # the same rule fires, but the form is advised against: no steps for it
    against = pipe.evaluate_file(str(CASES["opties_a"]), ("inwoners=60000",))
    assert any(f.rule_id == "v.centrum" for f in against.firings)
    assert "afspraken" not in [s.step for s in ExplainContext(pipe.kb, against,
                                                              "nl").decisions.route]


def _when(d: Decisions, step: str) -> str | None:
    return next(s.when for s in d.route if s.step == step)


def test_a_legal_deadline_is_counted_from_the_case_date() -> None:
    """The Wgr adjustment deadline (1 July 2024): days left on the case's date, or passed."""
    real = Pipeline()
    veenoord = real.load_case("example:gemeente-onder-preventief-toezicht")
    left = (dt.date(2024, 7, 1) - veenoord.peildatum).days
    assert left > 10  # in words only up to ten
    d = _decide(real, Path("example:gemeente-onder-preventief-toezicht"))
    # fewer days than the eight weeks for views: the step says what to do now
    assert _when(d, "wgr_aanpassing_2024") == (
        f"uiterlijk 1 juli 2024 (over {left} dagen): te kort voor zienswijze (acht weken) en "
        "toestemming; leg de wijziging nu voor en leg vast per wanneer de regeling aan de wet "
        "voldoet. De rechtstreeks werkende bepalingen van de gewijzigde Wgr (zienswijze op een "
        "ontwerpwijziging, actieve informatieplicht) gelden al sinds 1 juli 2022, ook zonder "
        "aanpassing")
    # a step with a legal deadline comes first, not under an option
    assert d.route[0].step == "wgr_aanpassing_2024"
    assert d.route_groups[0].heading is None and d.route[0].options == ()
    # concluded for one regeling only: the step names it
    names = [e.name for e in veenoord.all_entities()
             if e.key[0] == "samenwerking" and e.name and e.name in d.route[0].label]
    assert len(names) == 1 and d.route[0].label.endswith(f"(voor {names[0]})")
    groenhoven = _decide(real, Path("example:regionale-gr-jeugdhulp"))
    passed = _when(groenhoven, "wgr_aanpassing_2024") or ""
    # overdue, and the directly applicable provisions apply all the same
    assert passed.startswith("te laat: de termijn liep af op 1 juli 2024, vóór de peildatum")
    assert "rechtstreeks werken" in passed and "gelden intussen al" in passed
    en = _decide(real, Path("example:regionale-gr-jeugdhulp"),
                 lang="en")
    assert (_when(en, "wgr_aanpassing_2024") or "").startswith(
        "overdue: the deadline of 1 July 2024 passed before the reference date")


def test_a_wet_arhi_step_the_case_has_taken_is_not_listed() -> None:
    """Start where the client stands: the steps up to the case's arhi_stap are done."""
    real = Pipeline()
    source = "example:kleine-kwetsbare-gemeente"
    steps = {name: [s.step for s in _decide(real, Path(source), (f"arhi_stap={name}",)).route]
             for name in ("geen", "ontwerp_vastgesteld", "advies_vastgesteld")}
    assert {"arhi_herindelingsontwerp", "arhi_ter_inzage",
            "arhi_herindelingsadvies"} <= set(steps["geen"])
    assert "arhi_herindelingsontwerp" not in steps["ontwerp_vastgesteld"]
    assert {"arhi_ter_inzage", "arhi_herindelingsadvies"} <= set(steps["ontwerp_vastgesteld"])
    assert not {"arhi_herindelingsontwerp", "arhi_ter_inzage",
                "arhi_herindelingsadvies"} & set(steps["advies_vastgesteld"])
    assert "arhi_wetsvoorstel" in steps["advies_vastgesteld"]


def test_the_route_catalogue_properties_are_well_formed() -> None:
    """Every done_when names a case fact and its values; every deadline is an ISO date."""
    kb = Pipeline().kb
    items = {n: i for n, i in kb.catalogues.items.items()
             if kb.catalogues.item_catalogue[n] == "processtap"}
    seen = 0
    for name, item in items.items():
        props = getattr(item, "properties", {})
        if "done_when" in props:
            fact, values = props["done_when"].get("nl").split(":", 1)
            fdef = kb.vocab.facts[fact.strip()]
            allowed = {v.id for v in fdef.values}
            assert {v.strip() for v in values.split(",")} <= allowed, name
            seen += 1
        if "deadline" in props:
            dt.date.fromisoformat(props["deadline"].get("nl"))
            seen += 1
    assert seen >= 4
    assert CASE_KEY[0] == "case"


def test_who_follows_the_kind_of_client() -> None:
    """A provincial Wet arhi procedure: Provinciale Staten adopt the herindelingsadvies."""
    real = Pipeline()

    def who(example: str) -> str | None:
        d = _decide(real, Path(f"example:{example}"))
        return next(s.who for s in d.route if s.step == "arhi_herindelingsadvies")

    assert who("haren-2017") == ("Provinciale Staten, op voorstel van Gedeputeerde Staten; "
                                 "daarna naar de minister")
    assert who("kleine-kwetsbare-gemeente") == "de raden (of Gedeputeerde Staten)"


def test_a_step_for_a_task_now_and_for_an_option_later_is_listed_in_both_places() -> None:
    """Beekdal: consent for the centre arrangement (belastingen) now, and again for the
    werkorganisatie option; the common one names the task, the option's one is in its block."""
    real = Pipeline()
    case = real.load_case("example:kleine-kwetsbare-gemeente")
    d = _decide(real, Path("example:kleine-kwetsbare-gemeente"))
    consent = [s for s in d.route if s.step == "wgr_toestemming_raden"]
    assert [s.options for s in consent] == [(), ("werkorganisatie_heidebroek",)]
    task = next(e.name for e in case.all_entities() if e.key == ("opgave", "belastingen"))
    assert consent[0].label.endswith(f"(voor {task})")
    assert "(voor" not in consent[1].label
    block = next(g for g in d.route_groups if g.heading and "Werkorganisatie" in g.heading)
    # the block lists the consent, or points back to the same steps listed for the task
    assert "wgr_toestemming_raden" in [s.step for s in block.steps] or \
        any(s.label.startswith("Dezelfde stappen als") for s in block.steps)
    # the task's steps come first, under their own heading, before every option block
    first = next(i for i, g in enumerate(d.route_groups)
                 if g.heading and g.heading.startswith("Als"))
    heading = f"Voor {task}, welke richting ook wordt gekozen"
    now = [g for g in d.route_groups[:first] if g.heading == heading]
    assert [s.step for g in now for s in g.steps] == [
        "wgr_ontwerp_regeling", "wgr_zienswijze_ontwerp", "or_advies", "wgr_toestemming_raden",
        "centrum_dienstverlening"]
