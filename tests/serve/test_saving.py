"""Saving: round-trip YAML with comments and key order, atomic, never losing a case."""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from pvrules.errors import OutputError
from pvrules.pipeline import example_names
from pvrules.serve.casefiles import CaseFolder

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def folder(tmp_path: Path) -> CaseFolder:
    for name in example_names():
        shutil.copy(EXAMPLES / f"{name}.yaml", tmp_path)
    return CaseFolder.at(tmp_path)


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names())
def test_saving_an_unchanged_case_gives_the_same_file(folder: CaseFolder, name: str) -> None:
    read = folder.read(f"{name}.yaml")
    saved = folder.save(f"{name}.yaml", read.data, read.version)
    assert saved.text == read.text


def test_a_change_touches_only_its_line_and_keeps_comments(folder: CaseFolder) -> None:
    read = folder.read("a2-2019.yaml")
    data = json.loads(json.dumps(read.data))
    facts = data["feiten"]
    commented = next(line.split(":")[0].strip() for line in read.text.splitlines()
                     if line.startswith("  ") and "#" in line and ": " in line
                     and line.split(":")[0].strip() in facts
                     and isinstance(facts[line.split(":")[0].strip()], str))
    wrapped = next(k for k, v in facts.items() if isinstance(v, dict) and "waarde" in v)
    plain = next(k for k, v in facts.items() if isinstance(v, bool))
    facts[commented] = "zeer_hoog"
    facts[wrapped]["waarde"] = "zeer_laag"
    del facts[plain]
    data["opgaven"].append({"id": "nieuw", "naam": "Nieuwe opgave", "schaal": "lokaal"})
    saved = folder.save("a2-2019.yaml", data, read.version)
    old, new = read.text.splitlines(), saved.text.splitlines()
    changed = [line for line in new if line not in old]
    assert any(line.startswith(f"  {commented}: zeer_hoog") and "#" in line
               for line in changed)
    line = next(x for x in new if x.startswith(f"  {wrapped}:"))
    assert "waarde: zeer_laag" in line and "zekerheid:" in line and "bron:" in line
    assert not any(x.startswith(f"  {plain}:") for x in new)
    assert "  - id: nieuw" in new
    added = [x for x in difflib.ndiff(old, new) if x.startswith("+ ")]
    removed = [x for x in difflib.ndiff(old, new) if x.startswith("- ")]
    assert len(added) == 2 + 3 and len(removed) == 3  # two changed, one deleted, one added
    assert [x for x in old if x.lstrip().startswith("#")] == \
        [x for x in new if x.lstrip().startswith("#")]
    assert folder.read("a2-2019.yaml").data == data


def test_a_file_changed_on_disk_is_not_overwritten(folder: CaseFolder) -> None:
    read = folder.read("sterke-gemeente.yaml")
    path = folder.root / "sterke-gemeente.yaml"
    path.write_text(read.text + "# iemand anders\n", encoding="utf-8")
    with pytest.raises(OutputError, match="changed on disk"):
        folder.save("sterke-gemeente.yaml", read.data, read.version)
    assert path.read_text(encoding="utf-8").endswith("# iemand anders\n")


def test_a_failed_write_leaves_the_old_file(folder: CaseFolder,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    read = folder.read("sterke-gemeente.yaml")

    def broken(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("pvrules.serve.casefiles.os.replace", broken)
    data = json.loads(json.dumps(read.data))
    data["feiten"] = {**(data.get("feiten") or {}), "draagvlak_raad": "laag"}
    with pytest.raises(OutputError, match="could not save") as err:
        folder.save("sterke-gemeente.yaml", data, read.version)
    assert "old file is unchanged" in err.value.problems[0].message
    assert (folder.root / "sterke-gemeente.yaml").read_text(encoding="utf-8") == read.text
    assert not [p for p in folder.root.iterdir() if p.name.endswith(".tmp")]


def test_an_invalid_case_is_not_saved_and_says_why(app_client: Any, cases_dir: Path) -> None:
    read = app_client.get("/api/cases/voorschoten-2019.yaml").json()
    case = read["case"]
    case["feiten"]["draagvlak_raad"] = "hooog"
    token = app_client.get("/api/csrf").json()["token"]
    before = (cases_dir / "voorschoten-2019.yaml").read_text(encoding="utf-8")
    got = app_client.put("/api/cases/voorschoten-2019.yaml",
                         json={"case": case, "version": read["version"]},
                         headers={"X-CSRF-Token": token})
    assert got.status_code == 422
    assert got.json()["problems"][0]["loc"] == "feiten.draagvlak_raad"
    assert (cases_dir / "voorschoten-2019.yaml").read_text(encoding="utf-8") == before


def test_examples_are_read_only(app_client: Any) -> None:
    read = app_client.get("/api/cases/example:a2-2019").json()
    assert read["read_only"] is True
    token = app_client.get("/api/csrf").json()["token"]
    got = app_client.put("/api/cases/example:a2-2019", json={"case": read["case"],
                         "version": read["version"]}, headers={"X-CSRF-Token": token})
    assert got.status_code in (400, 422)


@pytest.mark.fast_sample(1)
@pytest.mark.parametrize("name", example_names())
def test_making_any_fact_unknown_keeps_every_comment(folder: CaseFolder, name: str) -> None:
    path = folder.root / f"{name}.yaml"
    original = path.read_text(encoding="utf-8")
    comments = sorted(x.strip() for x in original.splitlines() if x.strip().startswith("#"))
    read = folder.read(f"{name}.yaml")  # its version is the digest of the original text
    as_read = json.dumps(read.data)
    for fact in list(read.data.get("feiten") or {}):
        path.write_text(original, encoding="utf-8")
        data = json.loads(as_read)
        del data["feiten"][fact]
        saved = folder.save(f"{name}.yaml", data, read.version)
        assert sorted(x.strip() for x in saved.text.splitlines()
                      if x.strip().startswith("#")) == comments, fact
        assert folder.read(f"{name}.yaml").data == data
        assert len(saved.text.splitlines()) == len(original.splitlines()) - _span(original, fact), \
            fact


def _span(text: str, fact: str) -> int:
    """How many lines ``fact`` takes under ``feiten:`` (a fact given per partner takes more)."""
    lines = text.splitlines()
    start = next(i for i, x in enumerate(lines) if x.startswith(f"  {fact}:"))
    end = start + 1
    while end < len(lines) and (lines[end].startswith("   ") or not lines[end].strip()):
        end += 1
    return end - start
