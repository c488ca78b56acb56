"""``pvrules batch``: identical output whatever the workers, error rows, resume, Ctrl-C."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pvrules.cli import main
from pvrules.pipeline import example_names, example_text

EXAMPLES = ["a2-2019", "intake-quickscan", "sterke-gemeente", "voorschoten-2019"]


def case_data(name: str) -> dict[str, object]:
    import yaml

    return yaml.safe_load(example_text(name)[0])  # type: ignore[no-any-return]


def write_jsonl(path: Path, cases: list[object]) -> Path:
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases),
                    encoding="utf-8")
    return path


def batch(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["batch", *args])
    return result.exit_code, result.output


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def summary(folder: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / "summary.csv").read_text("utf-8"))))


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Four good example cases and three bad ones, as JSON Lines."""
    bad_fact = {"casus": {"id": "typfout", "titel": "Typfout"}, "feiten": {"draagvlk": "laag"}}
    bad_value = {"casus": {"id": "waarde", "titel": "Waarde"},
                 "feiten": {"draagvlak_raad": "enorm"}}
    lines = [json.dumps(case_data(n), ensure_ascii=False) for n in EXAMPLES[:2]]
    lines += [json.dumps(bad_fact), "{not json", json.dumps(bad_value)]
    lines += [json.dumps(case_data(n), ensure_ascii=False) for n in EXAMPLES[2:]]
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow  # three batches of seven cases in three formats
def test_output_is_byte_identical_whatever_the_number_of_workers(mixed: Path,
                                                                 tmp_path: Path) -> None:
    outputs = []
    for workers in ("1", "2", "3"):
        out = tmp_path / f"out{workers}"
        code, _ = batch(str(mixed), "-o", str(out), "--workers", workers,
                        "--format", "md,html,docx", "--date", "2026-12-01")
        assert code == 1  # the bad cases
        outputs.append(files(out))
        time.sleep(1.1)  # a clock-stamped file would differ between the runs
    assert outputs[0] == outputs[1] == outputs[2]
    names = set(outputs[0])
    for ident in ("a2-2019", "intake-quickscan", "sterke-gemeente", "voorschoten-2019"):
        assert {f"cases/{ident}.{ext}" for ext in ("json", "md", "html", "docx")} <= names
    assert "summary.xlsx" in names and "summary.csv" in names


def test_a_bad_case_is_an_error_row_and_the_batch_goes_on(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = batch(str(mixed), "-o", str(out), "--workers", "1")
    assert code == 1
    rows = summary(out)
    assert [r["id"] for r in rows] == ["a2-2019", "intake-quickscan", "typfout", "regel-4",
                                       "waarde", "sterke-gemeente", "voorschoten-2019"]
    errors = {r["id"]: r["fout"] for r in rows if r["fout"]}
    assert set(errors) == {"typfout", "regel-4", "waarde"}
    assert "unknown fact 'draagvlk'" in errors["typfout"]
    assert "did you mean 'draagvlak_raad'" in errors["typfout"]
    assert "not valid JSON" in errors["regel-4"]
    assert "enorm" in errors["waarde"]
    assert rows[2]["bron"].endswith("cases.jsonl:3")
    assert "error: typfout:" in output
    good = [r for r in rows if not r["fout"]]
    for row in good:  # a good row carries the advice's verdicts, read from its JSON
        advice = json.loads((out / "cases" / f"{row['id']}.json").read_text("utf-8"))
        assert row["titel"] == advice["title"]
        levels = {c["id"]: c["level"] for c in advice["corners"]}
        assert all(row[corner] == level for corner, level in levels.items())
        assert int(row["onbekende_feiten"]) == len(advice["unknown"])
    assert not (out / "cases" / "typfout.json").exists()


def test_fail_fast_stops_at_the_first_bad_case(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _ = batch(str(mixed), "-o", str(out), "--workers", "1", "--fail-fast")
    assert code == 1
    assert [r["id"] for r in summary(out)] == ["a2-2019", "intake-quickscan", "typfout"]
    assert not (out / "cases" / "sterke-gemeente.json").exists()


def test_a_second_run_needs_resume_or_force(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    batch(str(mixed), "-o", str(out), "--workers", "1")
    code, output = batch(str(mixed), "-o", str(out), "--workers", "1")
    assert code == 2 and "--resume" in output


@pytest.mark.slow  # two batches of four cases; the interrupted run above resumes too
def test_resume_skips_complete_cases_and_redoes_the_rest(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "c.jsonl", [case_data(n) for n in EXAMPLES])
    out = tmp_path / "out"
    assert batch(str(source), "-o", str(out), "--workers", "1", "--format", "md")[0] == 0
    first = files(out)
    cases = out / "cases"
    (cases / "sterke-gemeente.json").unlink()          # never finished
    (cases / "intake-quickscan.md").unlink()           # report missing: incomplete
    stamp = (cases / "a2-2019.json").stat().st_mtime_ns
    (cases / "a2-2019.md").write_text("kept as it is\n", encoding="utf-8")
    code, output = batch(str(source), "-o", str(out), "--workers", "2", "--format", "md",
                         "--resume")
    assert code == 0, output
    assert "2 already complete" in output
    assert (cases / "a2-2019.json").stat().st_mtime_ns == stamp  # skipped, not rewritten
    assert (cases / "a2-2019.md").read_text("utf-8") == "kept as it is\n"
    again = files(out)
    assert again.pop("cases/a2-2019.md") != first.pop("cases/a2-2019.md")
    assert again == first  # the redone cases and the summary are as in one full run


def test_csv_input_has_case_facts_by_vocabulary_name(tmp_path: Path) -> None:
    source = tmp_path / "cases.csv"
    source.write_text("id;titel;datum;draagvlak_raad;aantal_samenwerkingsverbanden;"
                      "keuze_politiek_gevoelig\n"
                      "een;Eerste;2024-01-01;laag;12;true\n"
                      "twee;Tweede;;;;\n"
                      "drie;Derde;;heel hoog;;\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _ = batch(str(source), "-o", str(out), "--workers", "1")
    assert code == 1
    rows = {r["id"]: r for r in summary(out)}
    assert rows["een"]["fout"] == "" and rows["twee"]["fout"] == ""
    assert "heel hoog" in rows["drie"]["fout"] and "cases.csv:4" in rows["drie"]["bron"]
    one = json.loads((out / "cases" / "een.json").read_text("utf-8"))
    two = json.loads((out / "cases" / "twee.json").read_text("utf-8"))
    assert one["date"] == "2024-01-01"
    unknown_one = {u["fact"] for u in one["unknown"]}
    unknown_two = {u["fact"] for u in two["unknown"]}
    assert "draagvlak_raad" in unknown_two and "draagvlak_raad" not in unknown_one
    assert int(rows["een"]["onbekende_feiten"]) < int(rows["twee"]["onbekende_feiten"])


def test_folder_input_and_unknown_input_kind(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in EXAMPLES[:2]:
        (folder / f"{name}.yaml").write_text(example_text(name)[0], encoding="utf-8")
    (folder / "notes.txt").write_text("not a case", encoding="utf-8")
    out = tmp_path / "out"
    assert batch(str(folder), "-o", str(out), "--workers", "1")[0] == 0
    assert [r["id"] for r in summary(out)] == EXAMPLES[:2]
    code, output = batch(str(folder / "notes.txt"), "-o", str(tmp_path / "o2"))
    assert code == 2 and "unknown kind of batch input" in output
    assert "Traceback" not in output


@pytest.mark.slow  # a batch of 150 cases in a process, interrupted, resumed and run again
def test_ctrl_c_leaves_only_complete_cases(tmp_path: Path) -> None:
    names = example_names()
    cases = []
    for i in range(150):
        data = case_data(names[i % len(names)])
        data["casus"]["id"] = f"c{i:03d}"  # type: ignore[index]
        cases.append(data)
    source = write_jsonl(tmp_path / "many.jsonl", cases)
    out = tmp_path / "out"
    exe = Path(sys.executable).with_name("pvrules")
    env = {**os.environ, "PVRULES_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen([str(exe), "batch", str(source), "-o", str(out), "--workers", "2",
                             "--format", "md"], env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if len(list((out / "cases").glob("*.json"))) >= 5 if (out / "cases").exists() else False:
            break
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err.decode()
    assert b"--resume" in err and b"Traceback" not in err
    left = sorted(p.name for p in (out / "cases").iterdir())
    assert not [n for n in left if n.startswith(".") or n.endswith(".tmp")]
    done = [n[:-5] for n in left if n.endswith(".json")]
    assert 5 <= len(done) < 150
    for stem in done:  # every case with its JSON is complete and readable
        json.loads((out / "cases" / f"{stem}.json").read_text("utf-8"))
        assert (out / "cases" / f"{stem}.md").read_text("utf-8").startswith("#")
    assert not (out / "summary.csv").exists()
    # --resume finishes the batch; the result is that of one uninterrupted run
    code, output = batch(str(source), "-o", str(out), "--workers", "2", "--format", "md",
                         "--resume")
    assert code == 0, output
    full = tmp_path / "full"
    assert batch(str(source), "-o", str(full), "--workers", "1", "--format", "md")[0] == 0
    assert files(out) == files(full)
