"""The advice view, the form from the vocabulary, and the intake's choice of questions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pvrules.cli import main
from pvrules.pipeline import example_names
from pvrules.serve import advice_view
from pvrules.serve.form import case_form
from pvrules.serve.intake import NEW, Intake, answer, new_case, set_answer
from pvrules.serve.service import Service

from .conftest import case_json, cli


@pytest.fixture(scope="module")
def service() -> Any:
    found = Service.create()
    yield found
    found.close()


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names())
def test_view_shows_the_decisions(cases_dir: Path, name: str) -> None:
    advice = json.loads(cli("advise", str(cases_dir / f"{name}.json"), "--format", "json"))
    view = advice_view.view(advice)
    assert view["answer"] == advice["answer"]
    assert view["balance"] == ((advice["triangle"]["balance"] or {}).get("label") or "")
    assert view["triangle_svg"].startswith("<svg")
    assert [c["level"] for c in view["corners"]] == \
        [c["level"] for c in advice["triangle"]["corners"]]
    assert [r["label"] for r in view["key_recommendations"]] == \
        [r["label"] for r in advice["key_recommendations"]]
    assert len(view["other_recommendations"]) == sum(
        len(g["items"]) for g in advice["recommendation_groups"])
    assert [r["label"] for r in view["advised_against"]] == \
        [r["label"] for r in advice["advised_against"]]
    assert [len(d["options"]) for d in view["options"]] == \
        [len(d["options"]) for d in advice["options"]]
    assert view["find_out_first"] == advice["find_out_first"]
    # every name the page sends to explain is the item, for its entity when it has one
    # (the decisions name an entity by its name; target_id is the id explain takes)
    keys = {(r["item"], None if r["target_key"][0] == "case" else r["target_key"][1])
            for r in advice["recommendations"]}
    shown = [*advice["key_recommendations"],
             *(r for g in advice["recommendation_groups"] for r in g["items"])]
    for rec, src in zip([*view["key_recommendations"], *view["other_recommendations"]], shown,
                        strict=True):
        assert (src["item"], src["target_id"]) in keys
        want = src["item"] if src["target_id"] is None else f"{src['item']}@{src['target_id']}"
        assert rec["name"] == want


def test_the_names_on_the_page_are_understood_by_explain(service: Any,
                                                         cases_dir: Path) -> None:
    case = case_json(cases_dir, "nieuwe-samenwerking-laag-vertrouwen")
    view = advice_view.view(service.advice_data(case))
    names = [r["name"] for r in [*view["key_recommendations"], *view["other_recommendations"]]]
    with_entity = [n for n in names if "@" in n]
    assert with_entity
    for name in [*names[:2], *with_entity[:3]]:
        assert json.loads(service.explain(case, name))["kind"] == "why"
    for rec in view["advised_against"]:
        assert json.loads(service.explain(case, why_not_item=rec["name"]))["kind"] == "why_not"


def test_changes_name_what_is_new_gone_and_changed() -> None:
    before = {"recommended:a": ["A", "sterk aanbevolen"], "recommended:b": ["B", "aanbevolen"],
              "corner:legitimiteit": ["Legitimiteit", "zwak"]}
    after = {"recommended:a": ["A", "aanbevolen"], "recommended:c": ["C", "aanbevolen"],
             "corner:legitimiteit": ["Legitimiteit", "sterk"]}
    found = advice_view.changes(before, after)
    assert found["new"] == ["C"]
    assert found["gone"] == ["B"]
    assert found["changed"] == [["A", "sterk aanbevolen", "aanbevolen"],
                                ["Legitimiteit", "zwak", "sterk"]]
    assert advice_view.changes(None, after) == {"new": [], "gone": [], "changed": []}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_form_has_every_input_fact_grouped_by_entity_and_corner(
        service: Any, cases_dir: Path, lang: str) -> None:
    vocab = service.kb.vocab
    data = case_json(cases_dir, "a2-2019")
    form = case_form(vocab, data, lang)
    case_fields = [f for g in form.case.groups for f in g.fields]
    inputs = {f.id for f in vocab.facts_of("case") if f.origin == "input"}
    assert {f.fact for f in case_fields} == inputs - {"peildatum", "opdrachtgever_soort"}
    for group in form.case.groups:
        for f in group.fields:
            fact = vocab.facts[f.fact]
            assert (fact.corner or "overig") == group.id
            assert f.label == fact.label.get(lang)
            assert f.loc == f"feiten.{f.fact}"
            if f.fact in data["feiten"] and f.widget == "select":
                want = data["feiten"][f.fact]
                if isinstance(want, dict):  # case v2: {waarde, zekerheid, bron}
                    assert f.wrapped
                    want = want["waarde"]
                assert f.value == want and not f.invalid_value
    partners = next(c for c in form.collections if c[1] == "partners")[3]
    assert [p.id for p in partners] == [p["id"] for p in data["partners"]]
    assert partners[1].groups[0].fields[0].loc.startswith("partners[1].")


def test_form_flags_a_value_that_is_not_allowed(service: Any) -> None:
    form = case_form(service.kb.vocab, {"casus": {"id": "x", "titel": "X"},
                                        "feiten": {"draagvlak_raad": "hooog"}})
    field = next(f for g in form.case.groups for f in g.fields if f.fact == "draagvlak_raad")
    assert field.invalid_value


@pytest.mark.slow  # answers every question of the intake, one advice each
def test_intake_asks_the_heaviest_question_first_and_stops(service: Any) -> None:
    intake = Intake(service)
    case = new_case("Samenwerking Testdorp", "Welke vorm?")
    questions = intake.questions(case)
    assert questions, "an empty case has questions that change the advice"
    advised = {f["fact"]: f["weight"] for f in service.advice_data(case)["find_out_first"]}
    order = [(advised.get(q.field.fact, 0), q.weight) for q in questions]
    assert order == sorted(order, reverse=True) and min(q.weight for q in questions) > 0
    first = questions[0]
    assert "Regels die dit gebruiken" in first.why
    assert first.rules and all(r in service.kb.entries for r in first.rules)
    # answering every question (first option) ends with nothing left that changes anything
    skipped: list[str] = []
    for _ in range(100):
        q = intake.next(case, skipped)
        if q is None:
            break
        if q.field.widget == "name":  # a new entity: its name
            answer(case, service.kb.vocab, q.slot, f"Nieuw {q.slot}")
            continue
        value = q.field.options[0][0]
        set_answer(case, q.slot, {"true": True, "false": False}.get(value, value))
    else:
        pytest.fail("the intake did not stop")
    assert intake.questions(case) == []
    assert json.loads(service.advise(case))["recommendations"]


def test_intake_weight_is_the_largest_change_one_answer_makes(service: Any) -> None:
    intake = Intake(service)
    case = new_case("T")
    q = intake.next(case)
    assert q is not None
    base = {(r["item"], r["status"], r["strength"]) for r in
            json.loads(service.advise(case))["recommendations"]}
    changes = []
    for value, _label in q.field.options:
        after = json.loads(service.advise(set_answer(json.loads(json.dumps(case)), q.slot,
                                                     {"true": True, "false": False}.get(
                                                         value, value))))
        changes.append(len(base ^ {(r["item"], r["status"], r["strength"])
                                   for r in after["recommendations"]}))
    assert max(changes) > 0


def test_intake_offers_to_add_an_entity_the_case_has_none_of(service: Any) -> None:
    """An empty case: the intake offers each kind of entity the rules read, by its weight."""
    intake = Intake(service)
    case = new_case("Samenwerking Testdorp")
    offered = {q.slot[len(NEW):]: q for q in intake.questions(case) if q.slot.startswith(NEW)}
    read = {e for rule in service.kb.rules for e, _f in rule.reads if e != "case"}
    assert offered and set(offered) <= read
    typ, q = max(offered.items(), key=lambda kv: kv[1].weight)
    assert q.weight > 0 and q.field.widget == "name"
    assert "Regels die dit gebruiken" in q.why
    # adding it names it; its facts are asked next, the offer is gone
    answer(case, service.kb.vocab, q.slot, "Regio Noord")
    added = case[service.kb.vocab.entities[typ].collection]
    assert added == [{"id": "regio_noord", "naam": "Regio Noord"}]
    after = [x.slot for x in intake.questions(case)]
    assert q.slot not in after
    assert any(s.startswith(f"{typ}:regio_noord.") for s in after)
    # skipped ("geen / weet ik niet"), it is not offered again
    other = next(t for t in offered if t != typ)
    assert f"{NEW}{other}" not in [x.slot for x in intake.questions(case, [f"{NEW}{other}"])]


@pytest.mark.slow  # an intake of some 35 questions
def test_intake_from_empty_to_advice_for_a_new_entity(service: Any, tmp_path: Path) -> None:
    """Adding the entities offered and answering their facts gives advice about them."""
    intake = Intake(service)
    case = new_case("Samenwerking Testdorp", "Welke vorm?")
    skipped: list[str] = []
    added: dict[str, str] = {}
    for _ in range(100):
        q = intake.next(case, skipped)
        if q is None:
            break
        if q.slot.startswith(NEW):
            typ = q.slot[len(NEW):]
            answer(case, service.kb.vocab, q.slot, f"Nieuwe {typ}")
            added[typ] = case[service.kb.vocab.entities[typ].collection][-1]["id"]
        elif ":" in q.slot:  # a fact of an entity: the first answer
            value = q.field.options[0][0]
            answer(case, service.kb.vocab, q.slot, {"true": True, "false": False}.get(value,
                                                                                      value))
        else:
            skipped.append(q.slot)
    else:
        pytest.fail("the intake did not stop")
    assert added
    path = tmp_path / "nieuw.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    advice = json.loads(cli("advise", str(path), "--format", "json"))
    targets = {tuple(r["target_key"]) for r in advice["recommendations"]}
    assert targets & set(added.items())


@pytest.mark.slow  # two intakes of some ten questions each
def test_terminal_intake_adds_an_entity_by_its_name(service: Any, tmp_path: Path) -> None:
    """In the terminal, the offer to add an entity is answered with a name ("0" skips)."""
    intake = Intake(service)
    case = new_case("Samenwerking Testdorp", "Welke vorm?")
    lines = ["Samenwerking Testdorp", "Welke vorm?"]
    skipped: list[str] = []
    for _ in range(60):  # the same questions the command will ask: skip facts, add one
        q = intake.next(case, skipped)
        assert q is not None, "the intake offered no entity"
        if q.slot.startswith(NEW):
            lines += ["Regio Zuid", "s"]
            typ = q.slot[len(NEW):]
            break
        lines.append("0")
        skipped.append(q.slot)
    out = tmp_path / "nieuw.yaml"
    result = CliRunner().invoke(main, ["intake", str(out)], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    assert "Geef de naam" in result.output
    written = json.loads(cli("advise", str(out), "--format", "json"))
    assert [typ, "regio_zuid"] in [list(e[:2]) for e in written["entities"]]


@pytest.mark.slow  # a subprocess running the whole terminal intake
def test_terminal_intake_writes_a_valid_case(tmp_path: Path) -> None:
    out = tmp_path / "nieuw.yaml"
    answers = "Samenwerking Testdorp\nWelke vorm?\n" + "?\n2\n" + "0\n" * 3 + "s\n"
    result = CliRunner().invoke(main, ["intake", str(out)], input=answers)
    assert result.exit_code == 0, result.output
    assert "Regels die dit gebruiken" in result.output
    text = out.read_text(encoding="utf-8")
    assert "titel: Samenwerking Testdorp" in text
    advice = json.loads(cli("advise", str(out), "--format", "json"))
    assert advice["title"] == "Samenwerking Testdorp"
    assert advice["recommendations"]
    again = CliRunner().invoke(main, ["intake", str(out)], input=answers)
    assert again.exit_code == 2 and "already exists" in again.output


def test_intake_follows_a_weighted_find_out_first_when_the_advice_has_one(
        service: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    intake = Intake(service)
    case = new_case("T")
    monkeypatch.setattr(advice_view, "find_out_first", lambda advice: [])
    plain = [q.field.fact for q in intake.questions(case)]
    assert [q.weight for q in intake.questions(case)] == sorted(
        (q.weight for q in intake.questions(case)), reverse=True)
    last = [f for f in plain if not f.startswith(NEW)][-1]
    monkeypatch.setattr(advice_view, "find_out_first", lambda advice: [
        {"fact": last, "label": last, "entity": None, "question": None, "weight": 9}])
    ordered = [q.field.fact for q in intake.questions(case)]
    assert ordered[0] == last
    assert sorted(ordered) == sorted(plain)


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", ["a2-2019", "nieuwe-samenwerking-laag-vertrouwen"])
def test_panel_data_is_the_advice_json_for_what_the_page_shows(
        service: Any, cases_dir: Path, name: str) -> None:
    case = case_json(cases_dir, name)
    full = advice_view.view(service.advice_data(case))
    assert advice_view.view(service.panel_data(case)) == full


def test_option_partners_offer_the_cases_partners(service: Any, cases_dir: Path) -> None:
    data = case_json(cases_dir, "a2-2019")
    if not data.get("opties"):
        pytest.skip("the example has no options")
    form = case_form(service.kb.vocab, data)
    opties = next(c for c in form.collections if c[1] == "opties")[3]
    field = next(f for g in opties[0].groups for f in g.fields if f.fact == "partners")
    assert field.widget == "checks"
    assert [o for o, _ in field.options][:len(data["partners"])] == \
        [p["id"] for p in data["partners"]]
    assert set(field.value) == set(data["opties"][0]["partners"])


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names())
def test_the_panel_lists_what_to_fill_in_as_the_report_does(app_client: Any, cases_dir: Path,
                                                            name: str) -> None:
    """The facts to fill in from public records (``fill_in``): the report's line, in the panel."""
    import html
    import re

    case = case_json(cases_dir, name)
    panel = app_client.post("/ui/panel", json={"case": case}).json()["html"]
    report = app_client.post("/api/report", json={"case": case, "format": "markdown"}).text
    lines = [line for line in report.splitlines()
             if line.startswith("Nog na te gaan in openbare stukken:")]
    found = re.search(r'<p id="fill-in"[^>]*>(.*?)</p>', panel, re.S)
    if not lines:
        assert found is None
        return
    assert found is not None
    shown = html.unescape(re.sub(r"<[^>]+>", "", found.group(1)))
    assert shown == lines[0].replace("\\", "")
    # a fact of the case as a whole leads to its field
    advice = json.loads(app_client.post("/api/advise", json={"case": case}).content)
    for fact in {f["fact"] for f in advice["fill_in"] if not f["entity"]}:
        assert f'data-focus="feiten.{fact}"' in found.group(1)
